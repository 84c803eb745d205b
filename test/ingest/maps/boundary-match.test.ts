import { describe, expect, it } from 'vitest';
import { matchBoundaries, type BoundaryAlias, type BoundaryRegion } from '../../../shared/ingest/maps/boundary-match.js';
import { decodeRing } from '../../../shared/ingest/readers/columnar/geo-utf8.js';
import { readGeoJson } from '../../../shared/ingest/readers/columnar/columnar-geo.js';

/** A fictional province: a city, five counties valid now, one county abolished in 2019 (瑞桥县 became 瑞桥市). */
const regions: BoundaryRegion[] = [
  { code: '990000', name: '示例省', level: 'province', validTo: null },
  { code: '990100', name: '云岭市', level: 'city', validTo: null },
  { code: '990102', name: '茂口区', level: 'county', validTo: null },
  { code: '990106', name: '凤口区', level: 'county', validTo: null },
  { code: '990121', name: '蓝浦县', level: 'county', validTo: null },
  { code: '990122', name: '丹谷县', level: 'county', validTo: null },
  { code: '990123', name: '嘉平县', level: 'county', validTo: null },
  { code: '990124', name: '瑞桥县', level: 'county', validTo: '2019-12-31' },
  { code: '990182', name: '瑞桥市', level: 'county', validTo: null },
];
const aliases: BoundaryAlias[] = [
  { name: '凤口县', code: '990106', validTo: '2019-12-31' },
  { name: '瑞桥县', code: '990182', validTo: '2019-12-31' },
  { name: '蓝城', code: '990121', validTo: null },
];
const ctx = { regions, aliases, today: '2026-01-01' };

const square = (x: number, y: number): number[][][] => [[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]];
type Props = Record<string, unknown>;
const feature = (properties: Props, geometry: unknown = { type: 'Polygon', coordinates: square(100, 30) }) => ({ type: 'Feature', properties, geometry });
const file = (name: string, features: unknown[], extra: Props = {}) => ({
  name,
  bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', ...extra, features })),
});
const match = (name: string, features: unknown[], extra: Props = {}) => matchBoundaries(name, readGeoJson(file(name, features, extra)), ctx);

describe('boundary matching', () => {
  it('matches adcode-keyed features by code (numbers, 12-digit statistical codes, full-width digits)', () => {
    const m = match('code.geojson', [
      feature({ adcode: 990102, name: '茂口区' }),
      feature({ code: '990121000000', name: '蓝浦' }),
      feature({ region_code: '９９０１２２' }),
    ]);
    expect(m.report.matches.map((x) => [x.feature, x.regionCode, x.by, x.note])).toEqual([
      [1, '990102', 'code', null],
      [2, '990121', 'code', null],
      [3, '990122', 'code', null],
    ]);
    expect(m.collection.features[1]?.properties).toEqual({ adcode: '990121', name: '蓝浦县', level: 'county', sourceName: '蓝浦', matchedBy: 'code' });
    expect(m.collection.features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: square(100, 30) });
    expect(m.report).toMatchObject({ features: 3, matched: 3, matchedBy: { code: 3, name: 0, alias: 0, 'old-name': 0 }, unmatchedFeatures: [], levels: ['county'] });
  });

  it('matches name-only features by short name, full name with the city, alias and old name', () => {
    const m = match('names.geojson', [
      feature({ name: '茂口' }),
      feature({ NAME: '云岭市丹谷县' }),
      feature({ name: '示例省云岭市' }),
      feature({ name: '蓝城' }),
      feature({ name: '凤口县' }),
      feature({ name: '云岭市凤口县' }),
    ]);
    expect(m.report.matches.map((x) => [x.sourceName, x.regionCode, x.name, x.by])).toEqual([
      ['茂口', '990102', '茂口区', 'name'],
      ['云岭市丹谷县', '990122', '丹谷县', 'name'],
      ['示例省云岭市', '990100', '云岭市', 'name'],
      ['蓝城', '990121', '蓝浦县', 'alias'],
      ['凤口县', '990106', '凤口区', 'old-name'],
    ]);
    // The second spelling of 凤口 is the same region: listed, not silently dropped.
    expect(m.report.unmatchedFeatures).toEqual([{ feature: 6, name: '云岭市凤口县', code: null, reason: '与第 5 个要素对应同一地区凤口区（990106），已跳过' }]);
    expect(m.report.matchedBy).toEqual({ code: 0, name: 3, alias: 1, 'old-name': 1 });
    expect(m.collection.features.map((f) => f.properties.adcode)).toEqual(['990102', '990122', '990100', '990121', '990106']);
    expect(m.report.levels).toEqual(['county', 'city']);
  });

  it('lands a shape drawn before 撤县设区 (old code and old name) on the region that replaced it', () => {
    const m = match('old.geojson', [feature({ adcode: '990124', name: '瑞桥县' }), feature({ adcode: '990199', name: '嘉平县' })]);
    expect(m.report.matches.map((x) => [x.regionCode, x.by, x.note])).toEqual([
      ['990182', 'old-name', '代码 990124（瑞桥县）已撤销，对应现行的瑞桥市'],
      ['990123', 'name', '代码 990199 不在地区表中，已按名称对应'],
    ]);
  });

  it('lists every feature that matches nothing, and every county of the file\'s levels without a shape', () => {
    const m = match('gaps.geojson', [
      feature({ adcode: 990102, name: '茂口区' }),
      feature({ name: '不存在县' }),
      feature({ adcode: '100000_JD', name: '界线' }, { type: 'MultiLineString', coordinates: [[[100, 30], [101, 31]]] }),
      feature({ adcode: 990121 }, { type: 'Polygon', coordinates: [[[100, 30], [100, 'x'], [101, 31], [100, 30]]] }),
      feature({}),
      { type: 'NotAFeature' },
      feature({ name: '丹谷' }),
    ]);
    expect(m.report.unmatchedFeatures).toEqual([
      { feature: 2, name: '不存在县', code: null, reason: '没有区划代码，名称「不存在县」没有对应的地区' },
      { feature: 3, name: '界线', code: '100000_JD', reason: '代码「100000_JD」不是有效的六位区划代码，名称「界线」没有对应的地区' },
      { feature: 4, name: null, code: '990121', reason: '坐标点应为 2～3 个有限数值，已跳过该要素' },
      { feature: 5, name: null, code: null, reason: '没有区划代码，也没有名称' },
      { feature: 6, name: null, code: null, reason: '不是 Feature 对象，已跳过' },
    ]);
    // Counties valid now without a shape; not the province (no province in the file), not the abolished 瑞桥县.
    expect(m.report.regionsWithoutShape).toEqual([
      { regionCode: '990106', name: '凤口区', level: 'county' },
      { regionCode: '990121', name: '蓝浦县', level: 'county' },
      { regionCode: '990123', name: '嘉平县', level: 'county' },
      { regionCode: '990182', name: '瑞桥市', level: 'county' },
    ]);
    expect(m.report.features).toBe(7);
    expect(m.report.matched + m.report.unmatchedFeatures.length).toBe(7);
  });

  it('says when the name in the file belongs to another region than the code', () => {
    const m = match('odd.geojson', [feature({ adcode: 990102, name: '丹谷县' })]);
    expect(m.report.matches[0]).toMatchObject({ regionCode: '990102', by: 'code', note: '文件中的名称「丹谷县」是另一地区丹谷县（990122）的名称，已按代码对应' });
  });

  it('keeps coordinates of 17 significant digits as numbers (DataV-style files)', () => {
    const g = { type: 'Polygon', coordinates: [[[116.39029832458496, 39.9], [116.5, 39.9], [116.5, 40.1], [116.39029832458496, 39.9]]] };
    const m = match('long.geojson', [feature({ adcode: 990102 }, g)]);
    expect(m.collection.features[0]?.geometry).toEqual(g);
  });
});

/** ECharts' encoder (the inverse of its decode): quantise, delta from the previous point, zigzag, +64. */
function encodeRing(ring: number[][], scale: number): { text: string; offset: [number, number] } {
  const q = ring.map(([x, y]) => [Math.round((x as number) * scale), Math.round((y as number) * scale)] as const);
  const offset: [number, number] = [q[0]?.[0] ?? 0, q[0]?.[1] ?? 0];
  const zz = (n: number): number => (n << 1) ^ (n >> 31);
  let [px, py] = offset;
  let text = '';
  for (const [x, y] of q) {
    text += String.fromCharCode(zz(x - px) + 64, zz(y - py) + 64);
    px = x;
    py = y;
  }
  return { text, offset };
}

describe('ECharts UTF8Encoding', () => {
  const ringA = [[102.5781, 30.2344], [103.0114, 29.6364], [103.1563, 29.75], [102.2177, 30.4073], [102.5781, 30.2344]];
  const ringB = [[104.1, 31.2], [104.9, 31.2], [104.9, 31.95], [104.1, 31.2]];
  const hole = [[102.7, 30.1], [102.8, 30.1], [102.8, 30.2], [102.7, 30.1]];

  it('decodes one ring as ECharts does', () => {
    const e = encodeRing(ringA, 1024);
    const back = decodeRing(e.text, e.offset, 1024) as number[][];
    back.forEach((p, i) => expect(Math.hypot((p[0] as number) - (ringA[i]?.[0] as number), (p[1] as number) - (ringA[i]?.[1] as number))).toBeLessThan(1e-3));
    expect(decodeRing('A', e.offset, 1024)).toBeNull();
  });

  it('reads a compressed FeatureCollection (Polygon with a hole, MultiPolygon, custom UTF8Scale) as plain GeoJSON', () => {
    for (const scale of [undefined, 4096]) {
      const s = scale ?? 1024;
      const enc = (rings: number[][][]) => rings.map((r) => encodeRing(r, s));
      const poly = enc([ringA, hole]);
      const multi = [enc([ringA]), enc([ringB])];
      const features = [
        feature({ id: '990100', name: '云岭市', cp: [102.6, 30.2] }, { type: 'Polygon', coordinates: poly.map((r) => r.text), encodeOffsets: poly.map((r) => r.offset) }),
        feature({ name: '茂口区' }, { type: 'MultiPolygon', coordinates: multi.map((p) => p.map((r) => r.text)), encodeOffsets: multi.map((p) => p.map((r) => r.offset)) }),
      ];
      const m = match('china.json', features, { UTF8Encoding: true, ...(scale ? { UTF8Scale: scale } : {}) });
      expect(m.report.unmatchedFeatures).toEqual([]);
      const [a, b] = m.collection.features.map((f) => f.geometry as { type: string; coordinates: unknown });
      const close = (got: unknown, want: number[][][]) => {
        const g = got as number[][][];
        expect(g.map((r) => r.length)).toEqual(want.map((r) => r.length));
        g.forEach((r, i) => r.forEach((p, j) => {
          expect(Math.abs((p[0] as number) - (want[i]?.[j]?.[0] as number))).toBeLessThan(1e-3);
          expect(Math.abs((p[1] as number) - (want[i]?.[j]?.[1] as number))).toBeLessThan(1e-3);
        }));
      };
      expect(a?.type).toBe('Polygon');
      close(a?.coordinates, [ringA, hole]);
      expect(b?.type).toBe('MultiPolygon');
      (b?.coordinates as unknown[]).forEach((p, i) => close(p, [[ringA], [ringB]][i] as number[][][]));
      expect(Object.keys(a ?? {})).toEqual(['type', 'coordinates']);
      expect(m.collection.features[0]?.properties).toEqual({ adcode: '990100', name: '云岭市', level: 'city', sourceName: '云岭市', matchedBy: 'code', cp: [102.6, 30.2] });
    }
  });

  it('lists a feature whose encoding is broken, with the reason', () => {
    const m = match('bad.json', [feature({ adcode: 990102 }, { type: 'Polygon', coordinates: ['@@A'], encodeOffsets: [[1, 2]] })], { UTF8Encoding: true });
    expect(m.report.unmatchedFeatures).toEqual([
      { feature: 1, name: null, code: '990102', reason: '压缩编码（UTF8Encoding）的坐标无法解码：编码串或 encodeOffsets 不完整，已跳过该要素' },
    ]);
  });
});

describe('notes on kept features', () => {
  it('warns about a kept feature that is a line, not an area, and not about features left out', () => {
    const line = { type: 'LineString', coordinates: [[100, 30], [101, 31]] };
    const m = match('lines.geojson', [feature({ adcode: 990102, name: '茂口区' }, line), feature({ name: '界线' }, line)]);
    expect(m.report.notes).toEqual(['第 1 个要素（茂口区）：几何类型为 LineString，不是面要素，在地图上无法填色']);
  });
});
