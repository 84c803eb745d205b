import { quoteIdent } from '../db/sql.js';
import type { TableDef } from './schema.js';

/** CREATE TABLE for a canonical table (primary keys are checked on import, not by DuckDB constraints). */
export function createTableSql(def: TableDef, name: string = def.name): string {
  const cols = def.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  return `CREATE OR REPLACE TABLE ${quoteIdent(name)} (${cols})`;
}

/** The `columns={...}` struct for read_csv, so DuckDB never guesses types. */
export function csvColumnsSpec(def: TableDef): string {
  return `{${def.columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.type}'`).join(', ')}}`;
}
