/** The regions an analysis compares: one level, valid at a date, optionally one 考核分组 or the children of one region. */
import { sql } from '../db/sql.js';
import type { RegionLevel } from '../model/region-code.js';

export interface Scope {
  readonly level: RegionLevel;
  readonly group?: string | null;
  readonly parent?: string | null;
}

/** SELECT region_code, name, eval_group, parent_code of the compared regions valid at `asOf` ('YYYY-MM-DD'). */
export function comparedSql(s: Scope, asOf: string): string {
  const group = s.group ?? null;
  const parent = s.parent ?? null;
  return sql`
SELECT r.region_code, r.name, r.eval_group, r.parent_code FROM regions r
WHERE r.level = ${s.level}
  AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf})
  AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
  AND (${group}::VARCHAR IS NULL OR r.eval_group = ${group})
  AND (${parent}::VARCHAR IS NULL OR r.parent_code = ${parent})`;
}
