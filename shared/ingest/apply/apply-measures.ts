/** SQL shared by both ways of applying an indicator sheet (cell by cell and row by row): units and duplicates. */

/** A measure cell's value in the catalogue's unit: yoy as read, others × mul ÷ div (the column's own scale, else the unit column's). */
export function scaledSql(kind: string, v: string, mul: string, div: string, ul: (f: string) => string): string {
  return kind === 'yoy' ? v : `${v} * coalesce(${mul}, ${ul('mul')}, 1) / coalesce(${div}, ${ul('div')}, 1)`;
}

/** Why a measure cell's unit cannot be converted (the column's header, else the unit column); never for yoy. */
export function unitErrorSql(kind: string, own: string, ul: (f: string) => string): string {
  return kind === 'yoy' ? 'NULL::VARCHAR' : `coalesce(${own}, ${ul('reason')})`;
}

/** The reason of a row rejected as a later duplicate of `first_row` (the same region, indicator and period). */
export const DUPLICATE_REASON_SQL =
  `'与第 ' || first_row || ' 行重复（地区 ' || region_code || '、指标 ' || indicator_id || '、期间 ' || period || ' 相同），未导入'`;
