import { expect } from 'vitest';
import { ImportError } from '../../shared/contract/errors.js';
import type { Connector } from '../../shared/db/connector.js';
import type { CellRange, RawCell, RawSheet } from '../../shared/ingest/types.js';
import type { LayoutContext } from '../../shared/ingest/layout/layout-types.js';
import type { SheetReport } from '../../shared/ingest/report.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { fixtureWorkspace } from './fixture-workspace.js';

/**
 * A small catalogue for mapping tests: a fictional province 99 with two cities and their counties, a
 * 新区 inside 甲市 (kept distinct from 甲新县), 长阳土家族自治县-style names, and an abolished county whose
 * short name '乙四' is shared with its successor 乙四区 (so name lookups prefer the valid code), plus real codes of 浙江.
 */
type Region = { region_code: string; name: string; level: string; parent_code: string | null; valid_to?: string };

export const REGIONS: Region[] = [
  { region_code: '990000', name: '示例省', level: 'province', parent_code: null },
  { region_code: '990100', name: '甲市', level: 'city', parent_code: '990000' },
  { region_code: '990101', name: '甲一区', level: 'county', parent_code: '990100' },
  { region_code: '990102', name: '甲二县', level: 'county', parent_code: '990100' },
  { region_code: '990103', name: '甲三县', level: 'county', parent_code: '990100' },
  { region_code: '990104', name: '山阳土家族自治县', level: 'county', parent_code: '990100' },
  { region_code: '990171', name: '甲新区', level: 'county', parent_code: '990100' },
  { region_code: '990200', name: '乙市', level: 'city', parent_code: '990000' },
  { region_code: '990201', name: '乙一区', level: 'county', parent_code: '990200' },
  { region_code: '990202', name: '乙二县', level: 'county', parent_code: '990200' },
  { region_code: '990203', name: '城关区', level: 'county', parent_code: '990200' },
  { region_code: '990303', name: '城关区', level: 'county', parent_code: '990300' },
  { region_code: '990204', name: '乙四县', level: 'county', parent_code: '990200', valid_to: '2023-06-30' },
  { region_code: '990205', name: '乙四区', level: 'county', parent_code: '990200' },
  // Real codes of another province, so nothing depends on the fictional prefix 99.
  { region_code: '330000', name: '浙江省', level: 'province', parent_code: null },
  { region_code: '330100', name: '杭州市', level: 'city', parent_code: '330000' },
  { region_code: '330102', name: '上城区', level: 'county', parent_code: '330100' },
  { region_code: '330106', name: '西湖区', level: 'county', parent_code: '330100' },
];

export const INDICATORS = [
  { indicator_id: 'X01', name: '地区生产总值', unit: '亿元', direction: 1, basis: '累计' },
  { indicator_id: 'X02', name: '规模以上工业增加值', unit: '亿元', direction: 1, basis: '累计' },
  { indicator_id: 'X03', name: '一般公共预算收入', unit: '亿元', direction: 1, basis: '累计' },
  { indicator_id: 'X04', name: '城镇居民人均可支配收入', unit: '元', direction: 1, basis: '累计' },
  { indicator_id: 'X05', name: '单位GDP能耗', unit: '吨标准煤/万元', direction: -1, basis: '累计' },
];

/** A DuckDB with the catalogue loaded as canonical tables. */
export async function loadCatalogue(db: Connector): Promise<void> {
  const regions = REGIONS.map((r) => ({ ...r, valid_to: r.valid_to ?? null }));
  await loadWorkspace(db, fixtureWorkspace({ regions, indicators: INDICATORS }).read);
}

/** The layout context of the catalogue. */
export function catalogueContext(fileName: string, hint?: LayoutContext['hint']): LayoutContext {
  return {
    fileName,
    indicators: INDICATORS.map((i) => ({ id: i.indicator_id, name: i.name, unit: i.unit })),
    regions: REGIONS.map((r) => ({ code: r.region_code, name: r.name, level: r.level })),
    ...(hint ? { hint } : {}),
  };
}

/** A RawSheet from rows (and merges) written in the test. */
export function sheet(file: string, rows: RawCell[][], merges: CellRange[] = [], name: string | null = 'Sheet1'): RawSheet {
  return { file, sheet: name, rows, merges };
}

/** Every row after the header is accounted for, and the issue counts add up. */
export function expectAccounted(r: SheetReport, counts: { read: number; imported: number; rejected: number; skipped: number }): void {
  expect({ read: r.rowsRead, imported: r.rowsImported, rejected: r.rowsRejected, skipped: r.rowsSkipped }).toEqual(counts);
  expect(r.rowsRead).toBe(r.rowsImported + r.rowsRejected + r.rowsSkipped);
}

/** Rows of a table as plain objects, ordered. */
export async function rowsOf(db: Connector, table: string, orderBy: string): Promise<Record<string, unknown>[]> {
  return (await db.query(`SELECT * EXCLUDE (src_row), src_row FROM "${table}" ORDER BY ${orderBy}`)).rows as Record<string, unknown>[];
}

/** The ImportError `f` throws (any other error is rethrown; no error fails the test). */
export function importFailure(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}
