/**
 * Rows that readers produce already in canonical form (.lrmx forms) go into DuckDB the same way staged sheets
 * leave apply: as an import table with the target's columns plus src_row, typed by the model, never sniffed.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue } from '../../db/sql.js';
import { csvColumnsSpec } from '../../model/ddl.js';
import type { TableDef } from '../../model/schema.js';

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `"${String(v).replaceAll('\u0000', '').replace(/"/g, '""')}"`;
}

/** Create `table` with the canonical columns of `def`, src_row (and src_idx, the origin of each row, when given), filled from plain row objects. */
export async function stageCanonicalRows(
  db: Connector,
  def: TableDef,
  rows: readonly Readonly<Record<string, unknown>>[],
  table: string,
  srcRows?: readonly number[],
  srcIdx?: readonly number[],
): Promise<void> {
  const names = def.columns.map((c) => c.name);
  const cols = [...def.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`), '"src_row" INTEGER', ...(srcIdx ? ['"src_idx" INTEGER'] : [])];
  await db.query(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${cols.join(', ')})`);
  if (rows.length === 0) return;
  const lines = rows.map((r, i) => [...names.map((n) => field(r[n])), String(srcRows?.[i] ?? i + 1), ...(srcIdx ? [String(srcIdx[i] ?? 0)] : [])].join(','));
  const file = `canon_${table}.csv`;
  await db.registerFile(file, new TextEncoder().encode(lines.join('\n') + '\n'));
  try {
    const spec = csvColumnsSpec(def).replace(/\}$/, `, 'src_row': 'INTEGER'${srcIdx ? ", 'src_idx': 'INTEGER'" : ''}}`);
    await db.query(
      `INSERT INTO ${quoteIdent(table)} SELECT * FROM read_csv(${quoteValue(file)}, header = false, auto_detect = false, ` +
        `delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, columns = ${spec})`,
    );
  } finally {
    await db.dropFile(file);
  }
}
