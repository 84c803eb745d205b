import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/contract/errors.js';
import { readJson, readParquet } from '../../../../shared/ingest/readers/columnar/columnar.js';
import { readGeoJson } from '../../../../shared/ingest/readers/columnar/columnar-geo.js';
import { DEFAULT_LIMITS, type SourceFile } from '../../../../shared/ingest/types.js';

const dir = fileURLToPath(new URL('../../../fixtures/columnar/', import.meta.url));
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(dir + name));
const text = (name: string, s: string): SourceFile => ({ name, bytes: new TextEncoder().encode(s) });
const PROTO = Object.getOwnPropertyNames(Object.prototype).sort();
const protoClean = (): boolean => JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === JSON.stringify(PROTO);

async function code(f: () => unknown): Promise<string> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    if (e instanceof ImportError) return e.code;
    throw e;
  }
}

describe('hostile Parquet', () => {
  const good = bytesOf('indicators.parquet');
  // As DuckDB writes it: its padded bit-packed runs are accepted, so they must stay bounded when corrupted.
  const duckdb = bytesOf('duckdb.parquet');

  it('refuses files that are not Parquet, truncated or corrupt, with ImportError', async () => {
    expect(await code(() => readParquet(text('a.parquet', 'region_code,value\n990101,1\n')))).toBe('parquet.not-parquet');
    expect(await code(() => readParquet({ name: 'cut.parquet', bytes: good.slice(0, good.length - 100) }))).toBe('parquet.not-parquet');
    const junk = good.slice();
    junk.fill(0xff, junk.length - 200, junk.length - 8);
    expect(await code(() => readParquet({ name: 'junk.parquet', bytes: junk }))).toBe('parquet.corrupt');
    let message = '';
    try { await readParquet(text('a.parquet', 'x')); } catch (e) { message = (e as Error).message; }
    expect(message).toBe('文件 a.parquet 不是有效的 Parquet 文件（缺少 PAR1 标记，文件可能已截断）');
  });

  it('checks rows, cells and inflated size against ReadLimits before decoding', async () => {
    expect(await code(() => readParquet({ name: 'p.parquet', bytes: good }, { ...DEFAULT_LIMITS, maxRows: 3 }))).toBe('parquet.too-many-rows');
    expect(await code(() => readParquet({ name: 'p.parquet', bytes: good }, { ...DEFAULT_LIMITS, maxCells: 40 }))).toBe('parquet.too-many-cells');
    expect(await code(() => readParquet({ name: 'p.parquet', bytes: good }, { ...DEFAULT_LIMITS, maxFileBytes: 100 }))).toBe('parquet.too-large');
    const zeros = parquetWriteBuffer({ columnData: [{ name: 's', data: Array.from({ length: 20 }, (_, i) => `${i}${'x'.repeat(100_000)}`) }] });
    expect(await code(() => readParquet({ name: 'z.parquet', bytes: new Uint8Array(zeros) }, { ...DEFAULT_LIMITS, maxInflatedBytes: 1_000_000 }))).toBe('parquet.bomb');
  });

  it('refuses codecs it cannot decompress with a clear message', async () => {
    const zstd = parquetWriteBuffer({ columnData: [{ name: 'a', data: [1, 2, 3] }], codec: 'ZSTD', compressors: { ZSTD: (x: Uint8Array) => x } });
    let message = '';
    try { await readParquet({ name: 'z.parquet', bytes: new Uint8Array(zstd) }); } catch (e) { message = (e as Error).message; }
    expect(message).toBe('Parquet 文件 z.parquet 使用了 ZSTD 压缩，暂不支持：请在导出时选择 SNAPPY、GZIP 或不压缩');
  });

  // Every encoding hyparquet-writer offers, nulls included, small pages: the page walk must know them all.
  const n = 300;
  const encodings = new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'i32', data: Int32Array.from({ length: n }, (_, i) => i * 7 - 100), encoding: 'DELTA_BINARY_PACKED' },
      { name: 'i64', data: Array.from({ length: n }, (_, i) => BigInt(i) * 1000n), type: 'INT64', encoding: 'DELTA_BINARY_PACKED' },
      { name: 's1', data: Array.from({ length: n }, (_, i) => (i % 5 ? `区县${i % 13}` : null)), encoding: 'DELTA_BYTE_ARRAY' },
      { name: 's2', data: Array.from({ length: n }, (_, i) => `名称${i}`), encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
      { name: 'd', data: Array.from({ length: n }, (_, i) => (i % 7 ? i / 4 : null)), type: 'DOUBLE', encoding: 'BYTE_STREAM_SPLIT' },
      { name: 'b', data: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0)), encoding: 'RLE' },
      { name: 'dict', data: Array.from({ length: n }, (_, i) => (i % 4 ? ['甲', '乙', '丙'][i % 3] : null)) },
    ],
    rowGroupSize: 100,
    pageSize: 256,
  }));

  it('reads every encoding the writer offers', async () => {
    const s = await readParquet({ name: 'enc.parquet', bytes: encodings });
    expect(s.rows).toHaveLength(n + 1);
    expect(s.rows[0]).toEqual(['i32', 'i64', 's1', 's2', 'd', 'b', 'dict']);
    expect(s.rows[6]).toEqual([-65, 5000, null, '名称5', 1.25, false, '丙']);
    expect(s.rows[300]).toEqual([1993, 299000, '区县0', '名称299', 74.75, false, '丙']);
  });

  it('returns a sheet or an ImportError for mutated files (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(0, 1, 2),
      fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }),
      async (which, flips) => {
        const b = [good, encodings, duckdb][which]!.slice();
        for (const f of flips) b[4 + (f.at % (b.length - 8))] = f.byte;
        const limits = { ...DEFAULT_LIMITS, maxInflatedBytes: 16 * 1024 * 1024, maxCells: 1_000_000 };
        const t0 = performance.now();
        const r = await code(() => readParquet({ name: 'm.parquet', bytes: b }, limits));
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(typeof r).toBe('string');
      },
    ), { seed: 42, numRuns: 1000 });
  }, 60_000);
});

describe('hostile JSON and GeoJSON', () => {
  it('refuses bad syntax, deep nesting, non-tables and oversized files', () => {
    expect(() => readJson(text('a.json', '[{"a": 1},'))).toThrow(ImportError);
    expect(() => readJson(text('a.json', '[{"a": 1},'))).toThrow(/^文件 a\.json 不是有效的 JSON/);
    const deep = `[{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`;
    expect(() => readJson(text('deep.json', deep))).toThrow(expect.objectContaining({ code: 'json.depth' }));
    expect(() => readJson(text('n.json', '42'))).toThrow(expect.objectContaining({ code: 'json.shape' }));
    expect(() => readJson(text('m.json', '[{"a":1},[1,2]]'))).toThrow(expect.objectContaining({ code: 'json.shape', message: expect.stringContaining('第 2 条记录') }));
    expect(() => readJson(text('w.json', JSON.stringify([Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, i]))])), { ...DEFAULT_LIMITS, maxColumns: 10 }))
      .toThrow(expect.objectContaining({ code: 'json.too-many-columns' }));
    expect(() => readJson(text('big.json', '[]'), { ...DEFAULT_LIMITS, maxFileBytes: 1 })).toThrow(expect.objectContaining({ code: 'json.too-large' }));
    expect(() => readJson({ name: 'e.json', bytes: new Uint8Array(0) })).toThrow(expect.objectContaining({ code: 'file.empty' }));
  });

  it('reads GB18030 JSON', () => {
    const s = readJson({ name: 'gb.json', bytes: new Uint8Array(iconv.encode('[{"地区": "𠮷山县", "数值": 1}]', 'gb18030')) });
    expect(s.rows).toEqual([['地区', '数值'], ['𠮷山县', 1]]);
  });

  it('refuses what is not a FeatureCollection and bounds coordinates', () => {
    expect(() => readGeoJson(text('a.geojson', '{"type": "Topology"}'))).toThrow(expect.objectContaining({ code: 'geojson.shape' }));
    expect(() => readGeoJson(text('a.geojson', '[1, 2]'))).toThrow(expect.objectContaining({ code: 'geojson.shape' }));
    expect(() => readGeoJson(text('a.geojson', '{"type": "FeatureCollection", "features": [}'))).toThrow(expect.objectContaining({ code: 'geojson.syntax' }));
    const ring = Array.from({ length: 1000 }, (_, i) => [i, i]);
    const big = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { adcode: 990101 }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    expect(() => readGeoJson(text('big.geojson', big), { ...DEFAULT_LIMITS, maxCells: 500 })).toThrow(expect.objectContaining({ code: 'geojson.shape' }));
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${'['.repeat(50_000)}${']'.repeat(50_000)}}}]}`;
    expect(readGeoJson(text('deep.geojson', deep)).issues.map((i) => i.reason)).toEqual(['多边形的环至少需要 4 个点，已跳过该要素']);
  });

  it('returns a table or an ImportError for arbitrary JSON, and never touches Object.prototype (property)', () => {
    const json = fc.json({ depthSize: 'medium' });
    const keyed = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', '地区', 'toString'), fc.jsonValue(), { maxKeys: 5 });
    fc.assert(fc.property(fc.oneof(json, fc.array(keyed).map((x) => JSON.stringify(x))), (s) => {
      for (const read of [readJson, readGeoJson]) {
        try { read(text('p.json', s)); } catch (e) { if (!(e instanceof ImportError)) throw e; }
      }
      expect(protoClean()).toBe(true);
    }), { seed: 7, numRuns: 1000 });
  });
});
