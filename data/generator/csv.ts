import type { ColumnDef, TableDef } from '../../shared/model/schema.js';

/**
 * CSV as DuckDB's read_csv(header=true, columns={...}) reads it: UTF-8 without BOM, LF line ends, RFC 4180
 * quoting, an empty field for NULL, booleans true/false, DATE as YYYY-MM-DD, numbers without exponents.
 */

type Cell = string | number | boolean | null | undefined;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A number as the CSV holds it: the shortest decimal form, never an exponent, never "-0". */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite number ${x}`);
  const s = String(x === 0 ? 0 : x);
  if (/e/i.test(s)) throw new Error(`number ${s} would print with an exponent; round it first`);
  const dot = s.indexOf('.');
  if (dot >= 0 && s.length - dot - 1 > 6) throw new Error(`number ${s} has float noise; round it first`);
  return s;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function formatCell(value: Cell, col: ColumnDef, table: string): string {
  const where = `${table}.${col.name}`;
  if (value === null || value === undefined) {
    if (col.required) throw new Error(`${where} is required`);
    return '';
  }
  switch (col.type) {
    case 'VARCHAR':
      if (typeof value !== 'string') throw new Error(`${where}: expected text, got ${String(value)}`);
      if (value === '') throw new Error(`${where}: an empty string would read back as NULL`);
      return quote(value);
    case 'DOUBLE':
      if (typeof value !== 'number') throw new Error(`${where}: expected a number, got ${String(value)}`);
      return formatNumber(value);
    case 'INTEGER':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${where}: expected an integer, got ${String(value)}`);
      return formatNumber(value);
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw new Error(`${where}: expected a boolean, got ${String(value)}`);
      return value ? 'true' : 'false';
    case 'DATE':
      if (typeof value !== 'string' || !DATE.test(value)) throw new Error(`${where}: expected YYYY-MM-DD, got ${String(value)}`);
      return value;
  }
}

/** Serialise rows of a canonical table: a header of the canonical column names, then one line per row. */
export function toCsv(def: TableDef, rows: readonly object[]): string {
  const lines = [def.columns.map((c) => quote(c.name)).join(',')];
  for (const row of rows) {
    const r = row as Record<string, Cell>;
    for (const key of Object.keys(r)) {
      if (!def.columns.some((c) => c.name === key)) throw new Error(`${def.name}: unknown column ${key}`);
    }
    lines.push(def.columns.map((c) => formatCell(r[c.name], c, def.name)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
