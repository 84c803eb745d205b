/**
 * A pre-flight walk over every page of a Parquet file, before hyparquet decodes anything. hyparquet trusts the
 * file: one flipped byte (a run length of 2^30 in an RLE stream, a negative level length, a delta block of 0
 * miniblocks) made it loop for minutes on a 1.6 KB file. Here each page header must lie inside its column chunk,
 * values and inflated bytes must fit the ReadLimits, and every RLE/bit-packed run and delta block header that
 * hyparquet will read is checked to be bounded — walking the same bytes the same way, without decoding values.
 */
import { gunzipSync } from 'fflate';
import { parquetSchema, snappyUncompress, type FileMetaData, type SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';
import { ImportError } from '../../../contract/errors.js';
import type { ReadLimits } from '../../types.js';

const MAX_PAGES = 1_000_000;
const MAX_DELTA_BLOCK = 1 << 16;
const MB = 1024 * 1024;
/** Codecs read: hyparquet's own (SNAPPY) and GZIP through fflate. */
const CODECS = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP']);

/** Thrown inside the walk; turned into an ImportError naming the file. */
class Corrupt extends Error {}

interface Cursor { readonly view: DataView; offset: number }

/** hyparquet's readVarInt, returning null where it would throw (end of data). */
function varint(c: Cursor): number | null {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (c.offset >= c.view.byteLength) return null;
    const byte = c.view.getUint8(c.offset++);
    result |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return result;
    shift += 7;
  }
}

const bitWidth = (v: number): number => 32 - Math.clz32(v);

/**
 * Mirrors readRleBitPackedHybrid: every run must stay within `outLen` values, so hyparquet's loops are bounded.
 * With `target`, counts the values equal to it (definition levels → nulls). Returns that count.
 */
function hybrid(c: Cursor, width: number, outLen: number, lengthPrefixed: boolean, target = -1): number {
  const len = c.view.byteLength;
  let start = c.offset;
  let declared = -1;
  if (lengthPrefixed) {
    if (c.offset + 4 > len) return 0;
    declared = c.view.getUint32(c.offset, true);
    c.offset += 4;
    start = c.offset;
  }
  let seen = 0;
  let hits = 0;
  const bits = (from: number, n: number): number => {
    let v = 0;
    for (let k = 0; k < n && k < 32; k++) {
      const at = from + k;
      const byte = (at >> 3) < len ? c.view.getUint8(at >> 3) : 0;
      v |= ((byte >> (at & 7)) & 1) << k;
    }
    return v;
  };
  while (seen < outLen) {
    const header = varint(c);
    if (header === null) break;
    if (header & 1) {
      const count = (header >> 1) << 3;
      const bytes = count * width > 0 ? Math.ceil((count * width) / 8) : 1;
      // A writer may pad its last run past the page's values (DuckDB packs 256 values a run): hyparquet reads such a
      // run to its end, which is bounded while its bytes lie in the page. Without bytes (width 0) it must stay short.
      if (count < 0 || (count > outLen - seen + 8 && (width === 0 || c.offset + bytes > len))) throw new Corrupt('位打包游程长度超出范围');
      const firstBit = c.offset * 8;
      if (c.offset >= len && width > 0) break;
      if (target >= 0) for (let k = 0; k < count && seen + k < outLen; k++) if (bits(firstBit + k * width, width) === target) hits++;
      c.offset += c.offset < len ? bytes : 0;
      seen = Math.min(outLen, seen + count);
    } else {
      const count = header >>> 1;
      if (count > outLen - seen) throw new Corrupt('游程长度超出范围');
      const w = (width + 7) >> 3;
      if (target >= 0 && bits(c.offset * 8, Math.min(w * 8, 32)) === target) hits += count;
      c.offset += w;
      seen += count;
    }
  }
  if (lengthPrefixed) c.offset = start + declared;
  return hits;
}

/** Mirrors the header of deltaBinaryUnpack; with `walk`, also its Int32 block layout (to find what follows). */
function delta(c: Cursor, count: number, walk: boolean): void {
  const blockSize = varint(c);
  const mini = varint(c);
  if (blockSize === null || mini === null || varint(c) === null || varint(c) === null) return;
  if (blockSize <= 0 || blockSize > MAX_DELTA_BLOCK || mini <= 0 || blockSize % mini !== 0 || (blockSize / mini) % 8 !== 0) {
    throw new Corrupt('增量编码块头无效');
  }
  if (!walk) return;
  const perMini = blockSize / mini;
  let out = 1;
  while (out < count) {
    if (varint(c) === null) return;
    const widths = c.offset;
    let at = widths + mini;
    for (let i = 0; i < mini && out < count; i++) {
      if (widths + i >= c.view.byteLength) return;
      at += (perMini * c.view.getUint8(widths + i)) / 8;
      out += perMini;
    }
    c.offset = at;
  }
}

/** Checks the value stream of a page (from `c.offset`), by encoding, as hyparquet's readDataPage(V2) reads it. */
function values(c: Cursor, encoding: string | undefined, type: string | undefined, n: number, v2: boolean): void {
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY' || encoding === 'RLE') {
    if (v2 ? encoding === 'RLE' : type === 'BOOLEAN') { hybrid(c, 1, n, true); return; }
    if (c.offset >= c.view.byteLength) return;
    const width = c.view.getUint8(c.offset++);
    if (width || v2) hybrid(c, width, n, false);
  } else if (encoding === 'DELTA_BINARY_PACKED' || encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    delta(c, n, false);
  } else if (encoding === 'DELTA_BYTE_ARRAY') {
    delta(c, n, true);
    delta(c, n, false);
  }
}

type Header = ReturnType<typeof parquetHeader>;

/** Decompresses a page body as hyparquet will (null when it cannot: hyparquet then throws by itself). */
function inflate(body: Uint8Array, codec: string, size: number): Uint8Array | null {
  try {
    if (codec === 'UNCOMPRESSED') return body;
    const out = new Uint8Array(size);
    if (codec === 'SNAPPY') { snappyUncompress(body, out); return out; }
    if (codec === 'GZIP') return gunzipSync(body, { out });
  } catch { /* hyparquet reports it */ }
  return null;
}

/** Checks the level and value streams of one data page. */
function checkPage(h: Header, body: Uint8Array, codec: string, path: readonly SchemaTree[]): void {
  const type = path[path.length - 1]?.element.type;
  const maxRep = getMaxRepetitionLevel(path as SchemaTree[]);
  const maxDef = getMaxDefinitionLevel(path as SchemaTree[]);
  const v1 = h.data_page_header;
  const v2 = h.data_page_header_v2;
  if (v1) {
    const page = inflate(body, codec, Number(h.uncompressed_page_size));
    if (!page) return;
    const c = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    const n = Number(v1.num_values);
    if (path.length > 1 && maxRep) hybrid(c, bitWidth(maxRep), n, true);
    const nulls = maxDef ? n - hybrid(c, bitWidth(maxDef), n, true, maxDef) : 0;
    values(c, v1.encoding, type, n - nulls, false);
  } else if (v2) {
    const n = Number(v2.num_values);
    const rep = Number(v2.repetition_levels_byte_length ?? 0);
    const def = Number(v2.definition_levels_byte_length ?? 0);
    const levels = { view: new DataView(body.buffer, body.byteOffset, body.byteLength), offset: 0 };
    if (maxRep) hybrid(levels, bitWidth(maxRep), n, false);
    levels.offset = rep;
    if (maxDef) hybrid(levels, bitWidth(maxDef), n, false);
    const rest = body.subarray(rep + def);
    const page = v2.is_compressed === false ? rest : inflate(rest, codec, Number(h.uncompressed_page_size) - rep - def);
    if (!page) return;
    values({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, v2.encoding, type, n - Number(v2.num_nulls ?? 0), true);
  }
}

/** Throws ImportError unless every page of the file is consistent, bounded, and within limits. */
export function checkParquetPages(b: Uint8Array, meta: FileMetaData, file: string, limits: ReadLimits): void {
  const fail = (code: string, why: string): never => {
    throw new ImportError(code, `Parquet 文件 ${file} ${why}`, { file });
  };
  const tree = parquetSchema(meta);
  let count = 0;
  let inflated = 0;
  let pages = 0;
  for (const g of meta.row_groups) {
    for (const col of g.columns) {
      const m = col.meta_data;
      if (!m) return fail('parquet.corrupt', '缺少列元数据，文件可能已损坏');
      const start = Number(m.dictionary_page_offset || m.data_page_offset);
      const end = start + Number(m.total_compressed_size);
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 4 || end < start || end > b.length - 8) {
        return fail('parquet.corrupt', `的列 ${String(m.path_in_schema)} 超出文件范围，文件可能已截断或损坏`);
      }
      if (!CODECS.has(m.codec)) {
        return fail('parquet.codec', `使用了 ${String(m.codec)} 压缩，暂不支持：请在导出时选择 SNAPPY、GZIP 或不压缩`);
      }
      const path = getTreePath(tree, m.path_in_schema);
      const reader = { view: new DataView(b.buffer, b.byteOffset + start, end - start), offset: 0 };
      while (reader.offset < reader.view.byteLength - 1) {
        let h: Header;
        try { h = parquetHeader(reader); } catch (e) {
          return fail('parquet.corrupt', `的页头无法读取（${e instanceof Error ? e.message : String(e)}），文件可能已损坏`);
        }
        // Every field hyparquet uses must be present: an undefined offset becomes NaN and its varint loop never ends.
        const v1 = h.data_page_header;
        const v2 = h.data_page_header_v2;
        const dict = h.dictionary_page_header;
        const sub = h.type === 'DATA_PAGE' ? v1 : h.type === 'DATA_PAGE_V2' ? v2 : h.type === 'DICTIONARY_PAGE' ? dict : undefined;
        if (sub === undefined) fail('parquet.corrupt', `的页类型 ${String(h.type)} 无法识别，文件可能已损坏`);
        const fields: unknown[] = [h.compressed_page_size, (v1 ?? v2 ?? dict)?.num_values, h.uncompressed_page_size,
          ...(v2 ? [v2.definition_levels_byte_length, v2.repetition_levels_byte_length, v2.num_nulls, v2.num_rows] : [0, 0, 0, 0])];
        if (!fields.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) || (h.type !== 'DICTIONARY_PAGE' && (v1 ?? v2)?.encoding === undefined)) {
          fail('parquet.corrupt', '的页头数值无效，文件可能已损坏');
        }
        const [size, n, full, def, rep, nulls, rows] = fields as number[] as [number, number, number, number, number, number, number];
        if (def + rep > Math.min(size, full) || nulls > n) fail('parquet.corrupt', '的页头与数据页不符，文件可能已损坏');
        if (reader.offset + size > reader.view.byteLength) fail('parquet.corrupt', '的数据页超出列范围，文件可能已截断或损坏');
        count += Math.max(n, rows);
        inflated += full;
        if (count > limits.maxCells) fail('parquet.too-many-cells', `的数据值超过上限 ${limits.maxCells}，请拆分文件后再导入`);
        if (inflated > limits.maxInflatedBytes) fail('parquet.bomb', `解压后超过 ${Math.round(limits.maxInflatedBytes / MB)} MB，已拒绝`);
        if (++pages > MAX_PAGES) fail('parquet.corrupt', `的数据页超过 ${MAX_PAGES} 个，已拒绝`);
        const body = new Uint8Array(b.buffer, b.byteOffset + start + reader.offset, size);
        try { checkPage(h, body, m.codec, path); } catch (e) {
          if (!(e instanceof Corrupt)) throw e;
          fail('parquet.corrupt', `的列 ${String(m.path_in_schema)} 数据页已损坏（${e.message}）`);
        }
        reader.offset += size;
      }
    }
  }
}
