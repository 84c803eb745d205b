import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import type { LayoutContext } from '../../../shared/ingest/layout/layout-types.js';
import { REGIONS, sheet } from '../../support/ingest-fixture.js';

/** A catalogue whose names contain each other, as real provincial catalogues do. */
const SIMILAR = [
  { id: 'ZJ01', name: '地区生产总值', unit: '亿元' },
  { id: 'ZJ02', name: '地区生产总值增速', unit: '%' },
  { id: 'ZJ03', name: '居民人均可支配收入', unit: '元' },
  { id: 'ZJ04', name: '农村居民人均可支配收入', unit: '元' },
  { id: 'ZJ05', name: '一般公共预算收入', unit: '亿元' },
  { id: 'ZJ06', name: '一般公共预算收入增速', unit: '%' },
  { id: 'ZJ07', name: '规上工业增加值', unit: '亿元' },
  { id: 'ZJ08', name: '规上工业增加值增速', unit: '%' },
];
const ctx = (fileName: string): LayoutContext => ({
  fileName,
  indicators: SIMILAR,
  regions: REGIONS.map((r) => ({ code: r.region_code, name: r.name, level: r.level })),
});

describe('headers naming catalogue indicators that contain each other', () => {
  it('maps each of the four pairs to its own indicator, never "X增速" to the YoY of X', () => {
    const s = sheet('2025年三季度.xlsx', [
      ['地区', ...SIMILAR.map((i) => i.name)],
      ['甲一区', 12.5, 5.1, 41000, 23000, 3.4, 2.1, 8.8, 6.2],
      ['甲二县', 10.1, 4.1, 39000, 21000, 2.3, -1.0, 7.7, 5.5],
    ]);
    const plan = detectLayout(s, ctx(s.file));
    expect(plan.columns.map((c) => `${c.role.kind}:${c.role.indicator ?? ''}`)).toEqual([
      'region_name:',
      'value:ZJ01', 'value:ZJ02', 'value:ZJ03', 'value:ZJ04', 'value:ZJ05', 'value:ZJ06', 'value:ZJ07', 'value:ZJ08',
    ]);
  });

  it('in any column order', () => {
    const order = [7, 1, 3, 0, 6, 2, 5, 4];
    const s = sheet('2025年三季度.xlsx', [
      ['县（市、区）', ...order.map((k) => SIMILAR[k]!.name)],
      ['甲一区', ...order.map((k) => k + 0.5)],
      ['甲二县', ...order.map((k) => k + 1.5)],
    ]);
    const plan = detectLayout(s, ctx(s.file));
    expect(plan.columns.slice(1).map((c) => c.role.indicator)).toEqual(order.map((k) => SIMILAR[k]!.id));
  });

  it('still reads "X增速" as the YoY of X when the catalogue has no indicator so named', () => {
    const s = sheet('2025年三季度.xlsx', [
      ['地区', '居民人均可支配收入', '居民人均可支配收入增速'],
      ['甲一区', 41000, 5.1],
    ]);
    const plan = detectLayout(s, ctx(s.file));
    expect(plan.columns.map((c) => `${c.role.kind}:${c.role.indicator ?? ''}`)).toEqual(['region_name:', 'value:ZJ03', 'yoy:ZJ03']);
  });
});
