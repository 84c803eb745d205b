import { toCell, type Cell, type QueryResult, type Row } from './connector.js';

/** The part of an Arrow Table (any apache-arrow version) that we read: by column, which is ~3x faster than rows. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type: { toString(): string } }[] };
  getChildAt(index: number): { get(i: number): unknown } | null;
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
