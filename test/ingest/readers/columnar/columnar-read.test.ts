import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readJson, readParquet } from '../../../../shared/ingest/readers/columnar/columnar.js';
import { readGeoJson } from '../../../../shared/ingest/readers/columnar/columnar-geo.js';
import type { SourceFile } from '../../../../shared/ingest/types.js';

const dir = fileURLToPath(new URL('../../../fixtures/columnar/', import.meta.url));
const fixture = (name: string): SourceFile => ({ name, bytes: new Uint8Array(readFileSync(dir + name)) });
const text = (name: string, s: string): SourceFile => ({ name, bytes: new TextEncoder().encode(s) });

describe('readParquet', () => {
  it('reads the committed fixture: names, numbers, strings, booleans, dates, big integers, decimals, JSON', async () => {
    const s = await readParquet(fixture('indicators.parquet'));
    expect(s).toMatchObject({ file: 'indicators.parquet', sheet: null, merges: [] });
    expect(s.rows).toEqual([
      ['region_code', '地区', 'indicator_id', 'period', 'value', 'rank', 'population', 'is_key', 'report_date', 'updated_at', 'amount', 'tags'],
      ['990101', '临江县', 'GDP', '2025Q1', 123.45, 2, 412000, true, '2025-04-15', '2025-04-20 08:30:00', 1234.56, '{"组别":"一类"}'],
      ['990102', '松山县', 'GDP', '2025Q1', 98.7, 3, '9007199254740993', false, '2025-04-16', null, 1.15, null],
      ['990103', '白水县', 'GDP', '2025Q1', null, 4, 305000, false, null, null, -7.25, '["a","b"]'],
      ['990104', '东城区', 'GDP', '2025Q1', 210.05, 1, null, true, '2025-04-18', '2025-04-21', null, '{"组别":"二类"}'],
    ]);
  });

  it('reads Parquet as DuckDB writes it: dictionary indices bit-packed 256 a run, the last run padded past the values', async () => {
    const s = await readParquet(fixture('duckdb.parquet'));
    expect(s.rows).toHaveLength(1001);
    expect(s.rows.slice(0, 3)).toEqual([['region_code', 'indicator_id', 'value'], ['990101', 'A01', 0], ['990102', 'A01', 7.31]]);
    // Row 1000 is i = 999: code 990101 + 999 % 125, indicator A0(1 + 999 // 125), value 999 × 7.31 mod 1000.
    expect(s.rows[1000]).toEqual(['990225', 'A08', 302.69]);
    expect(new Set(s.rows.slice(1).map((r) => r[0])).size).toBe(125);
  });

  it('reads files written on the fly: several row groups, nested lists, uncompressed pages', async () => {
    const n = 2500;
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from({ length: n }, (_, i) => i) },
        { name: 'label', data: Array.from({ length: n }, (_, i) => `第${i}行`) },
      ],
      rowGroupSize: 1000,
      codec: 'UNCOMPRESSED',
    });
    const s = await readParquet({ name: 'big.parquet', bytes: new Uint8Array(buf) });
    expect(s.rows).toHaveLength(n + 1);
    expect(s.rows[2500]).toEqual([2499, '第2499行']);
    const nested = parquetWriteBuffer({
      columnData: [{ name: 'list', data: [[1, 2], [], null] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'list', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
    });
    expect((await readParquet({ name: 'nested.parquet', bytes: new Uint8Array(nested) })).rows).toEqual([['list'], ['[1,2]'], ['[]'], [null]]);
  });

  it('reads the decoded columns into the same rows as hyparquet\'s row transpose: every fixture, several row groups, nested', async () => {
    const groups = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from({ length: 2500 }, (_, i) => i) },
        { name: 'big', data: BigInt64Array.from({ length: 2500 }, (_, i) => BigInt(i) * 9007199254740993n) },
        { name: 'label', data: Array.from({ length: 2500 }, (_, i) => (i % 7 === 0 ? null : `第${i}行`)) },
        { name: 'x', data: Float64Array.from({ length: 2500 }, (_, i) => (i % 11 === 0 ? Number.NaN : i / 3)) },
      ],
      rowGroupSize: 700,
    });
    const nested = parquetWriteBuffer({
      columnData: [{ name: 'list', data: [[1, 2], [], null] }, { name: 'n', data: Int32Array.from([7, 8, 9]) }],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'list', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'n', type: 'INT32', repetition_type: 'REQUIRED' },
      ],
    });
    const files = [fixture('indicators.parquet'), fixture('duckdb.parquet'), { name: 'g.parquet', bytes: new Uint8Array(groups) }, { name: 'n.parquet', bytes: new Uint8Array(nested) }];
    for (const f of files) {
      const columnar = await readParquet(f);
      expect(columnar).toEqual(await readParquet(f, undefined, true));
      expect(columnar.rows.length).toBeGreaterThan(3);
    }
    const g = await readParquet(files[2] as SourceFile);
    // Row 701 is i = 700, the first row of the second row group, a multiple of 7 (no label); i = 77 is one of 7 and 11.
    expect(g.rows[701]).toEqual([700, '6305039478318695100', null, 700 / 3]);
    expect(g.rows[702]).toEqual([701, '6314046677573436093', '第701行', 701 / 3]);
    expect(g.rows[78]).toEqual([77, '693554342615056461', null, null]);
    expect((await readParquet(files[3] as SourceFile)).rows).toEqual([['list', 'n'], ['[1,2]', 7], ['[]', 8], [null, 9]]);
  });
});

describe('readJson', () => {
  it('reads an array of flat objects: union of keys in first-seen order, nested values as JSON text', () => {
    const s = readJson(fixture('indicators.json'));
    expect(s.rows).toEqual([
      ['region_code', '地区', 'indicator_id', 'period', 'value', 'is_key', '备注', 'detail', '__proto__', 'constructor'],
      ['990101', '临江县', 'GDP', '2025Q1', 123.45, true, null, null, null, null],
      ['990102', '松山县', 'GDP', '2025Q1', null, null, '数据待核', null, null, null],
      [990103, '白水县', 'GDP', '2025Q1', 88, null, null, '{"一产":12.5,"二产":[1,2]}', null, null],
      ['990104', null, null, null, -3.5, null, null, null, '{"polluted":"yes"}', 'c'],
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(s.warnings).toEqual([]);
  });

  it('unwraps {"data": [...]} with a BOM, keeping an array of arrays as rows', () => {
    const s = readJson(fixture('wrapped-rows.json'));
    expect(s.rows).toEqual([
      ['区划代码', '地区', '2024年', '2025年'],
      ['990101', '临江县', 101.5, 110.25],
      ['990102', '松山县', null, 95],
      ['990103', '白水县', '—', true],
    ]);
  });

  it('reads {"rows": [...]}, an empty array, null rows and big integers', () => {
    expect(readJson(text('r.json', '{"rows": [{"a": 1}, null, {"b": 2}]}')).rows).toEqual([['a', 'b'], [1, null], [null, null], [null, 2]]);
    expect(readJson(text('e.json', '[]')).rows).toEqual([]);
    expect(readJson(text('n.json', '[[1, [2, {"x": null}]]]')).rows).toEqual([[1, '[2,{"x":null}]']]);
  });

  it('keeps numbers of more than 15 digits exactly as written (an ID number stored as a JSON number)', () => {
    const json = '[{"身份证号": 110105198005151224, "备注": "编号 1234567890123456789 在字符串里", "人口": 412000, "x": -12345678901234567.5, "e": 1.2345678901234567e3}]';
    const s = readJson(text('ids.json', json));
    expect(s.rows).toEqual([
      ['身份证号', '备注', '人口', 'x', 'e'],
      ['110105198005151224', '编号 1234567890123456789 在字符串里', 412000, '-12345678901234567.5', 1234.5678901234567],
    ]);
    expect(readJson(text('esc.json', '[["a\\"", 12345678901234567]]')).rows).toEqual([['a"', '12345678901234567']]); // an escaped quote does not end the string
  });
});

describe('readGeoJson', () => {
  it('reads adcode/code/region_code, rebuilds geometries and reports unusable features', () => {
    const g = readGeoJson(fixture('sample-map.geojson'));
    expect(g.features.map((f) => [f.feature, f.adcode, f.rawCode, f.name, (f.geometry as { type: string }).type])).toEqual([
      [1, '990101', '990101', '临江县', 'Polygon'],
      [2, '990102', '990102000000', '松山县', 'MultiPolygon'],
      [3, '990103', '９９０１０３', '白水县', 'Polygon'],
      [4, null, null, '东城区', 'Polygon'],
      [6, null, '100000_JD', '界线', 'MultiLineString'],
    ]);
    expect(g.features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: [[[100, 30], [100.5, 30], [100.5, 30.5], [100, 30.5], [100, 30]]] });
    expect(Object.keys(g.features[2]?.geometry as object)).toEqual(['type', 'coordinates']);
    // Codes are matched to regions at validation (by code, then by name): the reader only reports what it cannot draw.
    expect(g.issues.map((i) => [i.feature, i.column, i.severity, i.reason])).toEqual([
      [5, 'geometry', 'error', '坐标点应为 2～3 个有限数值，已跳过该要素'],
      [6, 'geometry', 'warning', '几何类型为 MultiLineString，不是面要素，在地图上无法填色'],
    ]);
    expect(g.skipped).toEqual([{ feature: 5, name: '西城区', code: '990105', reason: '坐标点应为 2～3 个有限数值，已跳过该要素' }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts a single Feature and keeps repeated codes for matching to report', () => {
    const poly = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}';
    const one = readGeoJson(text('one.geojson', `{"type":"Feature","properties":{"adcode":"990101"},"geometry":${poly}}`));
    expect(one.features).toHaveLength(1);
    const dup = readGeoJson(text('dup.geojson', `{"type":"FeatureCollection","features":[${[1, 2].map(() => `{"type":"Feature","properties":{"adcode":990101},"geometry":${poly}}`).join(',')}]}`));
    expect(dup.features.map((f) => f.adcode)).toEqual(['990101', '990101']);
    expect(dup.issues).toEqual([]);
  });
});
