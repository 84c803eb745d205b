import { quoteIdent } from '../db/sql.js';
import type { ColumnDef } from './schema.js';

type Columns = { readonly name: string; readonly columns: readonly ColumnDef[] };

/** CREATE TABLE for a table of the workspace (primary keys are checked on import, not by DuckDB constraints). */
export function createTableSql(def: Columns, name: string = def.name): string {
  const cols = def.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  return `CREATE OR REPLACE TABLE ${quoteIdent(name)} (${cols})`;
}

/** The `columns={...}` struct for read_csv, so DuckDB never guesses types. */
export function csvColumnsSpec(def: { readonly columns: readonly ColumnDef[] }): string {
  return `{${def.columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.type}'`).join(', ')}}`;
}
