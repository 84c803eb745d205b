/**
 * Value normalisation in one place. Every kind is a pair: a JS function (previews, tests, the CLI) and an SQL
 * expression builder (imports, over all rows in DuckDB) that must give the same value, status and reason;
 * test/ingest/map-values.test.ts checks the pairs against each other on random and adversarial text.
 *
 * Every kind first folds full-width forms, trims, and treats '', '—', '--', '-', '－', '/', '／', '…', 'NULL',
 * '无', '空' (and a few more, MISSING_MARKERS) as missing. A normalisation that changed the text is 'corrected';
 * one that failed is 'rejected' (value NULL) with a Chinese reason.
 */
import type { ColumnType } from '../../model/schema.js';
import type { TableName } from '../../model/tables.js';
import { integerSql, nameSql, normalizeInteger, normalizeName, normalizeNumber, normalizeText, numberSql, textSql } from './values-basic.js';
import {
  assessmentSql,
  booleanSql,
  directionSql,
  genderSql,
  idNoSql,
  levelSql,
  normalizeAssessment,
  normalizeBoolean,
  normalizeDirection,
  normalizeGender,
  normalizeIdNo,
  normalizeLevel,
  normalizeRegionCodeValue,
  regionCodeSql,
} from './values-codes.js';
import { normalizeRecordCategory, normalizeRecordKind, recordCategorySql, recordKindSql } from './values-records.js';
import { dateSql, normalizeDate, normalizeYear, normalizeYearMonth, yearMonthSql, yearSql } from './values-dates.js';
import type { Normalized } from './values-core.js';

export type { Normalized, ValueStatus } from './values-core.js';
export { MISSING_MARKERS, wideFold, safeFold, cleanWide, trimWs } from './values-core.js';
export { normalizeNumber, numberSql, normalizeText, textSql, normalizeName, nameSql } from './values-basic.js';
export { normalizeYearMonth, yearMonthSql, normalizeDate, dateSql, normalizeYear, yearSql } from './values-dates.js';
export { normalizeIdNo, idNoSql, idCheckChar, normalizeRegionCodeValue, regionCodeSql } from './values-codes.js';

/** The kinds of cell values, each with a JS normaliser and its SQL twin. */
export type ValueKind =
  | 'number'
  | 'integer'
  | 'text'
  | 'name'
  | 'id_no'
  | 'year_month'
  | 'date'
  | 'year'
  | 'region_code'
  | 'gender'
  | 'boolean'
  | 'level'
  | 'direction'
  | 'assessment'
  | 'record_kind'
  | 'record_category';

/** One kind of value: its DuckDB type, its JS normaliser and its SQL twin (STRUCT(v, st, why)). */
export interface ValueNormalizer {
  readonly kind: ValueKind;
  readonly type: ColumnType;
  readonly js: (raw: string | null) => Normalized;
  readonly sql: (expr: string) => string;
}

const defs: Record<ValueKind, Omit<ValueNormalizer, 'kind'>> = {
  number: { type: 'DOUBLE', js: normalizeNumber, sql: numberSql },
  integer: { type: 'INTEGER', js: normalizeInteger, sql: integerSql },
  text: { type: 'VARCHAR', js: normalizeText, sql: textSql },
  name: { type: 'VARCHAR', js: normalizeName, sql: nameSql },
  id_no: { type: 'VARCHAR', js: normalizeIdNo, sql: idNoSql },
  year_month: { type: 'VARCHAR', js: normalizeYearMonth, sql: yearMonthSql },
  date: { type: 'DATE', js: normalizeDate, sql: dateSql },
  year: { type: 'INTEGER', js: normalizeYear, sql: yearSql },
  region_code: { type: 'VARCHAR', js: normalizeRegionCodeValue, sql: regionCodeSql },
  gender: { type: 'VARCHAR', js: normalizeGender, sql: genderSql },
  boolean: { type: 'BOOLEAN', js: normalizeBoolean, sql: booleanSql },
  level: { type: 'VARCHAR', js: normalizeLevel, sql: levelSql },
  direction: { type: 'INTEGER', js: normalizeDirection, sql: directionSql },
  assessment: { type: 'VARCHAR', js: normalizeAssessment, sql: assessmentSql },
  record_kind: { type: 'VARCHAR', js: normalizeRecordKind, sql: recordKindSql },
  record_category: { type: 'VARCHAR', js: normalizeRecordCategory, sql: recordCategorySql },
};

/** Every value kind. */
export const VALUE_KINDS = Object.keys(defs) as ValueKind[];

/** The normaliser of a kind. */
export function normalizer(kind: ValueKind): ValueNormalizer {
  return { kind, ...defs[kind] };
}

/** Normalise one cell in JS (previews and tests; imports use the SQL twin). */
export function normalizeValue(kind: ValueKind, raw: string | null): Normalized {
  return defs[kind].js(raw);
}

/** SQL for one cell: a STRUCT(v, st, why) expression over the text expression `expr`. */
export function normalizeSql(kind: ValueKind, expr: string): string {
  return defs[kind].sql(expr);
}

/** Columns whose values need a specific kind; the others follow their type (VARCHAR → text, DOUBLE → number …). */
const COLUMN_KINDS: Partial<Record<string, ValueKind>> = {
  region_code: 'region_code',
  parent_code: 'region_code',
  'regions.level': 'level',
  'indicators.direction': 'direction',
  'cadres.name': 'name',
  gender: 'gender',
  birth_ym: 'year_month',
  party_join_ym: 'year_month',
  work_start_ym: 'year_month',
  current_post_since: 'year_month',
  start_ym: 'year_month',
  end_ym: 'year_month',
  id_no: 'id_no',
  'assessments.year': 'year',
  'assessments.result': 'assessment',
  'cadre_records.kind': 'record_kind',
  'cadre_records.category': 'record_category',
};
const TYPE_KINDS: Record<ColumnType, ValueKind> = { VARCHAR: 'text', DOUBLE: 'number', INTEGER: 'integer', BOOLEAN: 'boolean', DATE: 'date' };

/** The value kind of a canonical column. */
export function columnKind(table: TableName, column: string, type: ColumnType): ValueKind {
  const special = COLUMN_KINDS[`${table}.${column}`] ?? COLUMN_KINDS[column];
  return special ?? TYPE_KINDS[type];
}
