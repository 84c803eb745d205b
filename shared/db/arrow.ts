import { toCell, type Cell, type ColumnResult, type QueryResult, type Row } from './connector.js';

/** The part of an Arrow Table (any apache-arrow version) that we read: by column, which is ~3x faster than rows. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type: { toString(): string } }[] };
  getChildAt(index: number): { get(i: number): unknown; readonly nullCount?: number; toArray?(): ArrayLike<unknown> } | null;
}

/** Turn an Arrow result into plain rows (DATE → 'YYYY-MM-DD', BIGINT → number). */
export function arrowToResult(table: ArrowTableLike): QueryResult {
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  const rows: Row[] = Array.from({ length: table.numRows }, () => Object.create(null) as Row);
  fields.forEach((f, c) => {
    const vec = table.getChildAt(c);
    const typeId = f.type.toString().startsWith('Date') ? 'Date' : undefined;
    for (let i = 0; i < table.numRows; i++) {
      const row = rows[i] as Row;
      row[f.name] = vec ? toCell(vec.get(i), typeId) : (null as Cell);
    }
  });
  return { columns, rows };
}

const NUMERIC = /^(Float|Int|Uint|Decimal)/;

/** Turn an Arrow result into columns: numeric types as Float64Array (NULL → NaN), others as strings or null. */
export function arrowToColumns(table: ArrowTableLike): ColumnResult {
  const n = table.numRows;
  const numbers: Record<string, Float64Array> = Object.create(null) as Record<string, Float64Array>;
  const texts: Record<string, (string | null)[]> = Object.create(null) as Record<string, (string | null)[]>;
  table.schema.fields.forEach((f, c) => {
    const vec = table.getChildAt(c);
    const type = f.type.toString();
    if (NUMERIC.test(type)) {
      const out = new Float64Array(n);
      if (vec && !vec.nullCount && vec.toArray && !type.startsWith('Int64') && !type.startsWith('Uint64')) {
        out.set(vec.toArray() as ArrayLike<number>);
      } else {
        for (let i = 0; i < n; i++) {
          const v = vec ? vec.get(i) : null;
          out[i] = v === null || v === undefined ? NaN : Number(v);
        }
      }
      numbers[f.name] = out;
    } else {
      const out: (string | null)[] = new Array<string | null>(n);
      const isDate = type.startsWith('Date');
      for (let i = 0; i < n; i++) {
        const v = vec ? toCell(vec.get(i), isDate ? 'Date' : undefined) : null;
        out[i] = v === null ? null : String(v);
      }
      texts[f.name] = out;
    }
  });
  return { length: n, columns: table.schema.fields.map((f) => f.name), numbers, texts };
}
