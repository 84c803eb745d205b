import { describe, expect, it } from 'vitest';
import { applyOverrides, detectLayout } from '../../../shared/ingest/layout/layout.js';
import { emptyMemory, fnv1a64, parseMemory, recallOverrides, rememberOverrides, signedHeaders, sourceSignature } from '../../../shared/ingest/layout/mapping-memory.js';
import type { RawCell } from '../../../shared/ingest/types.js';
import { catalogueContext, sheet } from '../../support/ingest-fixture.js';

const ctx = (file: string) => catalogueContext(file);
const q3 = sheet('2025年三季度指标.xlsx', [
  ['2025年1-9月主要指标'],
  ['区划代码', '名称', '地区生产总值', '规上工业增加值增速', '备注'],
  ['990101', '甲一区', 10, 1.5, null],
]);
/** Next quarter: another title and period, other data, columns in another order. */
const q4 = sheet('2025年全年指标.xlsx', [
  ['2025年主要指标（全年）'],
  ['备注', '名称', '区划代码', '规上工业增加值增速', '地区生产总值'],
  ['说明', '甲二县', '990102', 2, 20],
  ['', '乙一区', '990201', 3, 30],
]);

describe('mapping memory', () => {
  it('hashes with 64-bit FNV-1a', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('地区')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('signs headers, table and shape, not titles, periods, file names, data or column order', () => {
    const a = detectLayout(q3, ctx(q3.file));
    const b = detectLayout(q4, ctx(q4.file));
    expect(signedHeaders(a)).toEqual(['区划代码', '名称', '地区生产总值', '备注', '规上工业增加值增速']);
    expect(sourceSignature(a)).toMatch(/^hj1-[0-9a-f]{16}$/);
    expect(sourceSignature(b)).toBe(sourceSignature(a));
    const other = detectLayout(sheet('x.xlsx', [['区划代码', '名称', '一般公共预算收入', '规上工业增加值增速', '备注'], ['990101', '甲一区', 1, 1, null]]), ctx('x.xlsx'));
    expect(sourceSignature(other)).not.toBe(sourceSignature(a));
    expect(sourceSignature({ ...a, table: 'regions' })).not.toBe(sourceSignature(a));
    expect(sourceSignature({ ...a, shape: 'long' })).not.toBe(sourceSignature(a));
  });

  it('treats period headers as one placeholder, so the wide-periods file of next year matches', () => {
    const y = (a: string, b: string): RawCell[][] => [['地区生产总值'], ['地区', a, b], ['甲一区', 1, 2]];
    const p1 = detectLayout(sheet('a.xlsx', y('2023年', '2024年')), ctx('a.xlsx'));
    const p2 = detectLayout(sheet('b.xlsx', y('2024年', '2025年1-9月')), ctx('b.xlsx'));
    expect(p1.shape).toBe('wide-periods');
    expect(sourceSignature(p2)).toBe(sourceSignature(p1));
  });

  it('remembers corrections by header and reapplies them to the file of next quarter', () => {
    const detected = detectLayout(q3, ctx(q3.file));
    const overrides = { period: '2025Q3', columns: [{ index: 3, role: { kind: 'yoy' as const, indicator: 'X01' } }] };
    const memory = rememberOverrides(emptyMemory(), detected, overrides, '2025-10-08');
    const entry = Object.values(memory.entries)[0];
    expect(entry?.overrides).toEqual({ columns: [{ key: '规上工业增加值增速', role: { kind: 'yoy', indicator: 'X01' } }] });
    expect(parseMemory(JSON.parse(JSON.stringify(memory)))).toEqual(memory);
    expect(parseMemory({ version: 2 })).toEqual(emptyMemory());

    const next = detectLayout(q4, ctx(q4.file));
    const recalled = recallOverrides(memory, next);
    expect(recalled).not.toBeNull();
    const applied = applyOverrides(next, recalled ?? {});
    expect(applied.columns.find((c) => c.header === '规上工业增加值增速')?.role).toEqual({ kind: 'yoy', indicator: 'X01' });
    expect(applied.period).toBe('2025');
    expect(recallOverrides(memory, detectLayout(sheet('y.xlsx', [['地区', '值']]), ctx('y.xlsx')))).toBeNull();
  });
});
