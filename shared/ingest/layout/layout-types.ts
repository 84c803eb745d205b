/**
 * The layout plan: how a staged sheet maps onto a canonical table. Plain JSON (no classes, no functions), so
 * the UI can show and edit it, the CLI can print it, and mapping memory can remember the user's corrections.
 */
import type { TableName } from '../../model/tables.js';
import type { PeriodSource } from './period-text.js';

/**
 * - 'long': one value per row, with region, indicator (and period) columns;
 * - 'wide-indicators': regions as rows, indicators as columns (one period for the sheet, or per column);
 * - 'wide-periods': regions as rows, periods as columns, one indicator for the sheet (from title or file name);
 * - 'records': one canonical row per sheet row (regions, indicators, cadres, appointments, assessments …).
 */
export type Shape = 'long' | 'wide-indicators' | 'wide-periods' | 'records';

/** The role of a sheet column. */
export type RoleKind =
  | 'ignore'
  | 'region_code'
  | 'region_name'
  | 'indicator_id'
  | 'indicator_name'
  | 'period'
  | 'unit'
  | 'value'
  | 'yoy'
  | 'target'
  | 'stage'
  | 'column';

/** What one column of the sheet is. */
export interface ColumnRole {
  readonly kind: RoleKind;
  /** 'column': the canonical column it fills (records shape). */
  readonly column?: string;
  /** value/yoy/target of a wide sheet: the indicator of this column (else the sheet's indicator). */
  readonly indicator?: string;
  /** value/yoy/target of a wide sheet: the period of this column (else the sheet's period). */
  readonly period?: string;
  /** The header's unit differs from the catalogue's: value × mul ÷ div converts it. */
  readonly scale?: { readonly mul: number; readonly div: number };
  /** The header's unit cannot be converted to the catalogue's: every value of the column is rejected. */
  readonly unitError?: string;
}

/** A role the UI can offer for a column. */
export interface RoleOption {
  readonly role: ColumnRole;
  /** Chinese label of the option ('区划名称', '指标：地区生产总值（数值）'). */
  readonly label: string;
  readonly score: number;
}

/** One sheet column in the plan. */
export interface ColumnPlan {
  /** 0-based staging column (c{index}). */
  readonly index: number;
  /** The header as people read it; parts of a two-row header joined with '/'. */
  readonly header: string;
  /** Normalised header (folded, no spaces, no unit): what overrides and mapping memory key on. */
  readonly key: string;
  readonly unit: string | null;
  readonly role: ColumnRole;
  /** 0..1: 1 for an exact header or content match. */
  readonly confidence: number;
  /** Other plausible roles, best first, for the UI to offer. */
  readonly alternatives: readonly RoleOption[];
  /** Who chose the role: detection (absent), the user in the mapping step, or mapping memory of an earlier import. */
  readonly source?: 'user' | 'remembered';
  /** Why an 'ignore' column is not imported (see column-outcomes.ts). */
  readonly unmapped?: { readonly reason: UnmappedReason; readonly with?: string };
  /** Most non-empty sample cells are numbers: leaving such a column out unasked is warned about. */
  readonly numeric?: boolean;
}

/**
 * Why a column is not imported: no header or content matched ('unknown'), no cell holds anything ('empty'),
 * another column took the same target ('competing', `with` names it), a helper column such as 序号 or 排名
 * ('auxiliary'), or the user left it out ('user').
 */
export type UnmappedReason = 'unknown' | 'empty' | 'competing' | 'auxiliary' | 'user';

/** Kinds of structural rows. */
export type RowKind = 'blank' | 'footnote' | 'totals' | 'numbering' | 'repeated-header';

/** A structural row seen in the sample (the import finds such rows again over all rows, in SQL). */
export interface RowNote {
  /** 1-based row number as in the spreadsheet. */
  readonly row: number;
  readonly kind: RowKind;
  readonly reason: string;
}

/** The whole plan for one sheet. */
export interface LayoutPlan {
  readonly version: 1;
  readonly file: string;
  readonly sheet: string | null;
  readonly table: TableName;
  readonly shape: Shape;
  /** 0..1: how sure detection is of table and shape. */
  readonly confidence: number;
  /** 1-based rows above the header (titles, '单位：万元'). */
  readonly titleRows: readonly number[];
  /** 1-based header rows (one or two, contiguous). */
  readonly headerRows: readonly number[];
  /** 1-based first data row; rows between the header and it (column numbering 甲/乙/1/2) are skipped. */
  readonly firstDataRow: number;
  /** Structural rows in the sample, for the preview. */
  readonly rowNotes: readonly RowNote[];
  /** The sheet's period (wide shapes, or long sheets without a period column). */
  readonly period: string | null;
  readonly periodSource: PeriodSource;
  /** The sheet's indicator (wide-periods): named in the title or the file name, or chosen by the user. */
  readonly indicator: { readonly id: string; readonly name: string; readonly source: 'title' | 'file' | 'user' } | null;
  /** A sheet-wide unit from a title row ('单位：万元'), applied to value columns without their own. */
  readonly unit: string | null;
  readonly columns: readonly ColumnPlan[];
  /** Things the user should check (Chinese), e.g. unit conversions, an undetermined period. */
  readonly notes: readonly string[];
}

/** User corrections, keyed by header text so they survive column reordering and can be remembered. */
export interface ColumnOverride {
  /** The column's normalised header key (ColumnPlan.key); or use `index`. */
  readonly key?: string;
  readonly index?: number;
  readonly role: ColumnRole;
  /** Set on overrides replayed from mapping memory; absent for the user's own choice. */
  readonly source?: 'remembered';
}

/** Corrections to a plan (see applyOverrides). */
export interface LayoutOverrides {
  readonly table?: TableName;
  /** 1-based header rows; changing them re-reads the headers (needs the sample). */
  readonly headerRows?: readonly number[];
  readonly firstDataRow?: number;
  readonly period?: string;
  readonly indicator?: string;
  readonly columns?: readonly ColumnOverride[];
}

/** What layout detection knows of the workspace. */
export interface LayoutContext {
  readonly fileName: string;
  readonly indicators: readonly { readonly id: string; readonly name: string; readonly unit: string | null }[];
  readonly regions: readonly { readonly code: string; readonly name: string; readonly level: string }[];
  /** Other names of regions (region_aliases): a column of old names is still a region column. */
  readonly regionAliases?: readonly { readonly name: string; readonly code: string }[];
  readonly hint?: {
    readonly table?: TableName;
    readonly period?: string;
    readonly headerRows?: readonly number[];
    readonly indicator?: string;
  };
}
