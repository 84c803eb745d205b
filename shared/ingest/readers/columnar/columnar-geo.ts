/**
 * GeoJSON boundaries for the map view, keyed by adcode (= region_code). The user's own licensed data: validated
 * (FeatureCollection, geometry shapes, finite coordinates, sizes), and rebuilt into fresh objects so that keys
 * such as "__proto__" in the file never reach code that copies them.
 */
import { ImportError } from '../../../contract/errors.js';
import { normalizeRegionCode } from '../../../model/region-code.js';
import { parseJsonText } from './json-text.js';
import { DEFAULT_LIMITS, type ReadLimits, type SourceFile } from '../../types.js';

/** One boundary: its region code (null when missing or invalid), its name, and its geometry as parsed. */
export interface GeoFeature {
  readonly adcode: string | null;
  readonly name: string | null;
  readonly geometry: unknown;
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

/** The features kept for the map, and the problems of the others. */
export interface GeoJsonResult {
  readonly features: readonly GeoFeature[];
  readonly issues: readonly GeoIssue[];
}

const CODE_KEYS = ['adcode', 'code', 'region_code'];
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
  const issues: GeoIssue[] = [];
  const seen = new Map<string, number>();
  const count = { positions: 0 };
  list.forEach((f: unknown, i) => {
    const issue = (column: GeoIssue['column'], value: string | null, reason: string, severity: GeoIssue['severity'] = 'error'): void => {
      issues.push({ file: file.name, feature: i + 1, column, value: value?.slice(0, 200) ?? null, reason, severity });
    };
    if (!isObj(f) || own(f, 'type') !== 'Feature') { issue('type', null, '不是 Feature 对象，已跳过'); return; }
    const props = isObj(own(f, 'properties')) ? (own(f, 'properties') as Obj) : {};
    const rawName = pick(props, NAME_KEYS);
    const name = typeof rawName === 'string' ? rawName.trim() : typeof rawName === 'number' ? String(rawName) : null;
    const rawCode = pick(props, CODE_KEYS);
    const adcode = typeof rawCode === 'string' || typeof rawCode === 'number' ? normalizeRegionCode(rawCode) : null;
    if (rawCode === undefined) issue('adcode', null, '缺少 adcode（区划代码），该要素无法与地区对应', 'warning');
    else if (adcode === null) issue('adcode', String(rawCode), '不是有效的六位行政区划代码，该要素无法与地区对应', 'warning');
    else if (seen.has(adcode)) issue('adcode', adcode, `与第 ${seen.get(adcode) as number} 个要素的区划代码重复`, 'warning');
    if (adcode !== null && !seen.has(adcode)) seen.set(adcode, i + 1);
    const g = geometryOf(own(f, 'geometry'), count);
    if ('reason' in g) { issue('geometry', name, `${g.reason}，已跳过该要素`); return; }
    if (count.positions > limits.maxCells) fail(`的坐标点超过上限 ${limits.maxCells}，已拒绝`);
    const t = g.geometry['type'] as string;
    if (!AREAL.has(t) && t !== 'GeometryCollection') issue('geometry', name, `几何类型为 ${t}，不是面要素，在地图上无法填色`, 'warning');
    features.push({ adcode, name, geometry: g.geometry });
  });
  return { features, issues };
}
