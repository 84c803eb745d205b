/**
 * GeoJSON boundaries for the map view. The user's own licensed data: plain GeoJSON or ECharts' compressed encoding
 * (UTF8Encoding, decoded here), validated (FeatureCollection, geometry shapes, finite coordinates, sizes), and
 * rebuilt into fresh objects so that keys such as "__proto__" in the file never reach code that copies them.
 * Matching features to regions (by code, then by name) happens at validation, where the regions are known.
 */
import { ImportError } from '../../../contract/errors.js';
import { normalizeRegionCode } from '../../../model/region-code.js';
import { decodeGeometry, utf8Scale } from './geo-utf8.js';
import { parseJsonText } from './json-text.js';
import { DEFAULT_LIMITS, type ReadLimits, type SourceFile } from '../../types.js';

/** One boundary: its place in the file (1-based), its region code (null when missing or invalid), its name, its geometry. */
export interface GeoFeature {
  readonly feature: number;
  readonly adcode: string | null;
  /** The code as the file wrote it (adcode, code, region_code or id), null when it has none. */
  readonly rawCode: string | null;
  readonly name: string | null;
  readonly geometry: unknown;
  /** The label point the file gives (cp or center), when it is a pair of finite numbers. */
  readonly cp?: readonly [number, number];
}

/** A feature left out because it cannot be drawn (not a Feature, bad geometry), with the reason. */
export interface GeoSkipped {
  readonly feature: number;
  readonly name: string | null;
  readonly code: string | null;
  readonly reason: string;
}

/** A problem with one feature (1-based), in Chinese. */
export interface GeoIssue {
  readonly file: string;
  readonly feature: number;
  readonly column: 'adcode' | 'name' | 'geometry' | 'type';
  readonly value: string | null;
  readonly reason: string;
  readonly severity: 'warning' | 'error';
}

/** The features kept for the map, those left out, and the problems found. */
export interface GeoJsonResult {
  readonly features: readonly GeoFeature[];
  readonly skipped: readonly GeoSkipped[];
  readonly issues: readonly GeoIssue[];
}

const CODE_KEYS = ['adcode', 'code', 'region_code', 'id'];
const NAME_KEYS = ['name', 'NAME', '名称', 'fullname'];
/** How deep `coordinates` nest for each geometry type. */
const DEPTH: Readonly<Record<string, number>> = {
  Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3,
};
const AREAL = new Set(['Polygon', 'MultiPolygon']);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** A case-insensitive own-property lookup over a few keys. */
function pick(props: Obj, keys: readonly string[]): unknown {
  const lower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(props)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), v);
  for (const k of keys) {
    const v = lower.get(k.toLowerCase());
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Checks `coordinates` nest `depth` levels above positions of 2–3 finite numbers; returns the position count or a reason. */
function checkCoords(c: unknown, depth: number, type: string): number | string {
  let positions = 0;
  const stack: [unknown, number][] = [[c, depth]];
  while (stack.length > 0) {
    const [x, d] = stack.pop() as [unknown, number];
    if (!Array.isArray(x)) return '坐标结构与几何类型不符';
    if (d === 0) {
      if (x.length < 2 || x.length > 4 || !x.every((n) => typeof n === 'number' && Number.isFinite(n))) return '坐标点应为 2～3 个有限数值';
      positions++;
      continue;
    }
    if (d === 1 && type.endsWith('Polygon') && x.length > 0 && x.length < 4) return '多边形的环至少需要 4 个点';
    for (const y of x) stack.push([y, d - 1]);
  }
  return positions;
}

/** Rebuilds a geometry from its validated parts; returns a reason when it is not valid GeoJSON. */
function geometryOf(g: unknown, count: { positions: number }, nested = 0): { geometry: Obj } | { reason: string } {
  if (!isObj(g)) return { reason: '缺少几何（geometry）' };
  const type = own(g, 'type');
  if (type === 'GeometryCollection' && nested === 0) {
    const parts = own(g, 'geometries');
    if (!Array.isArray(parts)) return { reason: 'GeometryCollection 缺少 geometries 数组' };
    const out: Obj[] = [];
    for (const p of parts) {
      const r = geometryOf(p, count, 1);
      if ('reason' in r) return r;
      out.push(r.geometry);
    }
    return { geometry: { type, geometries: out } };
  }
  if (typeof type !== 'string' || DEPTH[type] === undefined) return { reason: `不支持的几何类型 ${JSON.stringify(type) ?? ''}`.slice(0, 80) };
  const coordinates = own(g, 'coordinates');
  const n = checkCoords(coordinates, DEPTH[type] as number, type);
  if (typeof n === 'string') return { reason: n };
  count.positions += n;
  return { geometry: { type, coordinates } };
}

/** Reads a GeoJSON FeatureCollection (or a single Feature) for the map view. */
export function readGeoJson(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): GeoJsonResult {
  const { value } = parseJsonText(file, limits, 'geojson');
  const fail = (msg: string): never => { throw new ImportError('geojson.shape', `文件 ${file.name} ${msg}`, { file: file.name }); };
  if (!isObj(value)) return fail('不是 GeoJSON：顶层应为 FeatureCollection 对象');
  const type = own(value, 'type');
  const list = type === 'FeatureCollection' ? own(value, 'features') : type === 'Feature' ? [value] : undefined;
  if (!Array.isArray(list)) return fail('不是 GeoJSON FeatureCollection（缺少 "type": "FeatureCollection" 或 features 数组）');
  if (list.length > limits.maxRows) return fail(`的要素数 ${list.length} 超过上限 ${limits.maxRows}`);
  const features: GeoFeature[] = [];
  const skipped: GeoSkipped[] = [];
  const issues: GeoIssue[] = [];
  const count = { positions: 0 };
  const scale = utf8Scale(value);
  list.forEach((f: unknown, i) => {
    const issue = (column: GeoIssue['column'], value: string | null, reason: string, severity: GeoIssue['severity'] = 'error'): void => {
      issues.push({ file: file.name, feature: i + 1, column, value: value?.slice(0, 200) ?? null, reason, severity });
    };
    if (!isObj(f) || own(f, 'type') !== 'Feature') {
      issue('type', null, '不是 Feature 对象，已跳过');
      skipped.push({ feature: i + 1, name: null, code: null, reason: '不是 Feature 对象，已跳过' });
      return;
    }
    const props = isObj(own(f, 'properties')) ? (own(f, 'properties') as Obj) : {};
    const rawName = pick(props, NAME_KEYS);
    const name = typeof rawName === 'string' ? rawName.trim() || null : typeof rawName === 'number' ? String(rawName) : null;
    const code = pick(props, CODE_KEYS);
    const rawCode = typeof code === 'string' ? code.trim().slice(0, 40) || null : typeof code === 'number' ? String(code) : null;
    const adcode = rawCode === null ? null : normalizeRegionCode(rawCode);
    const decoded = scale === null ? { geometry: own(f, 'geometry') } : decodeGeometry(own(f, 'geometry'), scale);
    const g = 'reason' in decoded ? decoded : geometryOf(decoded.geometry, count);
    if ('reason' in g) {
      issue('geometry', name, `${g.reason}，已跳过该要素`);
      skipped.push({ feature: i + 1, name, code: rawCode, reason: `${g.reason}，已跳过该要素` });
      return;
    }
    if (count.positions > limits.maxCells) fail(`的坐标点超过上限 ${limits.maxCells}，已拒绝`);
    const t = g.geometry['type'] as string;
    if (!AREAL.has(t) && t !== 'GeometryCollection') issue('geometry', name, `几何类型为 ${t}，不是面要素，在地图上无法填色`, 'warning');
    const cp = pick(props, ['cp', 'center', 'centroid']);
    const point = Array.isArray(cp) && cp.length === 2 && cp.every((n) => typeof n === 'number' && Number.isFinite(n)) ? { cp: [cp[0], cp[1]] as const } : {};
    features.push({ feature: i + 1, adcode, rawCode, name, geometry: g.geometry, ...point });
  });
  return { features, skipped, issues };
}
