/** The one way identifiers and values reach SQL: never paste user input into a statement. */

/** Quote an identifier: "name" with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains NUL');
  return `"${name.replace(/"/g, '""')}"`;
}

export type SqlValue = string | number | boolean | null | bigint;

/** Quote a literal value for DuckDB. Non-finite numbers become NULL. */
export function quoteValue(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (v.includes('\u0000')) throw new Error('string literal contains NUL');
  return `'${v.replace(/'/g, "''")}'`;
}

/** Tagged template: ${...} values are quoted as literals. Use sql.ident() for identifiers. */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Ident | readonly SqlValue[])[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (v instanceof Ident) out += quoteIdent(v.name);
    else if (Array.isArray(v)) out += v.length ? v.map((x) => quoteValue(x as SqlValue)).join(', ') : 'NULL';
    else out += quoteValue(v as SqlValue);
    out += strings[i + 1] ?? '';
  });
  return out;
}

export class Ident {
  constructor(readonly name: string) {}
}
sql.ident = (name: string): Ident => new Ident(name);
