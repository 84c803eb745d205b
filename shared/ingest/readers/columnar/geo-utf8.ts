/**
 * ECharts' compressed GeoJSON ("UTF8Encoding": true, the china.json of ECharts 4 and the maps built for it): every
 * ring is a string of character pairs, each the zigzag-encoded delta of a quantised x and y (+64), starting from the
 * ring's entry in `encodeOffsets`, divided by `UTF8Scale` (1024 unless given). A port of ECharts' own decode
 * (src/coord/geo/parseGeoJson.ts), written to return fresh plain arrays so that stored maps are ordinary GeoJSON.
 */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** ECharts' default quantisation when the file gives no UTF8Scale. */
export const DEFAULT_UTF8_SCALE = 1024;

/** The scale of a compressed collection, or null when it is plain GeoJSON. */
export function utf8Scale(collection: unknown): number | null {
  if (!isObj(collection) || own(collection, 'UTF8Encoding') !== true) return null;
  const s = own(collection, 'UTF8Scale');
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? s : DEFAULT_UTF8_SCALE;
}

const isPair = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** One encoded ring as [x, y] positions (ECharts' decodeRing); null when the text or the offset is malformed. */
export function decodeRing(encoded: unknown, offset: unknown, scale: number): [number, number][] | null {
  if (typeof encoded !== 'string' || encoded.length % 2 !== 0 || !isPair(offset)) return null;
  const out: [number, number][] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    // ZigZag decoding, then delta decoding, then dequantising: exactly as ECharts does.
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

/** Several rings with their offsets; null when any is malformed or the counts differ. */
function decodeRings(rings: unknown, offsets: unknown, scale: number): [number, number][][] | null {
  if (!Array.isArray(rings) || !Array.isArray(offsets) || rings.length !== offsets.length) return null;
  const out: [number, number][][] = [];
  for (let i = 0; i < rings.length; i++) {
    const r = decodeRing(rings[i], offsets[i], scale);
    if (r === null) return null;
    out.push(r);
  }
  return out;
}

/**
 * A geometry of a compressed collection as plain GeoJSON: { type, coordinates }. A geometry without
 * `encodeOffsets` is left as it is (ECharts does the same: such geometries were added uncompressed).
 * Returns a reason in Chinese when the encoding is malformed.
 */
export function decodeGeometry(geometry: unknown, scale: number): { geometry: unknown } | { reason: string } {
  if (!isObj(geometry)) return { geometry };
  const offsets = own(geometry, 'encodeOffsets');
  if (offsets === undefined) return { geometry };
  const type = own(geometry, 'type');
  const c = own(geometry, 'coordinates');
  let coordinates: unknown = null;
  if (type === 'LineString') coordinates = decodeRing(c, offsets, scale);
  else if (type === 'Polygon' || type === 'MultiLineString') coordinates = decodeRings(c, offsets, scale);
  else if (type === 'MultiPolygon') {
    if (Array.isArray(c) && Array.isArray(offsets) && c.length === offsets.length) {
      const parts = c.map((rings, i) => decodeRings(rings, offsets[i], scale));
      coordinates = parts.every((p) => p !== null) ? parts : null;
    }
  } else return { reason: `压缩编码（UTF8Encoding）不支持几何类型 ${JSON.stringify(type) ?? ''}`.slice(0, 80) };
  return coordinates === null ? { reason: '压缩编码（UTF8Encoding）的坐标无法解码：编码串或 encodeOffsets 不完整' } : { geometry: { type, coordinates } };
}
