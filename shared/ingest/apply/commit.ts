/**
 * The last step of an import: all or nothing. Every import table is merged into its canonical table inside one
 * transaction (rows with the same key are replaced: next quarter's file corrects this quarter's), and any failure
 * rolls everything back, so a failed import changes nothing.
 */
import { HengjianError, errorMessage } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent } from '../../db/sql.js';
import { tableDef, type TableName } from '../../model/tables.js';

/** One import table (canonical columns + src_row) to merge into `target`. */
export interface CommitPart {
  readonly target: TableName;
  readonly source: string;
}

export interface CommittedTable {
  readonly table: TableName;
  /** Rows written. */
  readonly rows: number;
  /** Of those, rows that replaced a row with the same key. */
  readonly replaced: number;
}

/** The key that identifies a row of each table; a later import with the same key replaces the row. */
export const MERGE_KEYS: Readonly<Record<TableName, readonly string[]>> = {
  regions: ['region_code'],
  region_aliases: ['alias', 'region_code'],
  indicators: ['indicator_id'],
  indicator_values: ['region_code', 'indicator_id', 'period'],
  cadres: ['cadre_id'],
  appointments: ['cadre_id', 'start_ym', 'post_title'],
  assessments: ['cadre_id', 'year', 'kind'],
  warning_rules: ['rule_id'],
  warning_events: ['rule_id', 'region_code', 'indicator_id', 'period'],
  honour_lists: ['period', 'list_type', 'region_code', 'cadre_id'],
};

function mergeSql(part: CommitPart): { count: string; replaced: string; statements: string } {
  const def = tableDef(part.target);
  const cols = def.columns.map((c) => quoteIdent(c.name)).join(', ');
  const keys = MERGE_KEYS[part.target].map(quoteIdent);
  const t = quoteIdent(part.target);
  const s = quoteIdent(part.source);
  // Within one file the last row with a key wins, as when a sheet corrects itself further down.
  const latest = `(SELECT ${cols} FROM ${s} QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY src_row DESC) = 1)`;
  const match = keys.map((k) => `t.${k} IS NOT DISTINCT FROM n.${k}`).join(' AND ');
  return {
    count: `SELECT count(*) AS n FROM ${latest}`,
    replaced: `SELECT count(*) AS n FROM ${t} t WHERE EXISTS (SELECT 1 FROM ${latest} n WHERE ${match})`,
    statements: `DELETE FROM ${t} t WHERE EXISTS (SELECT 1 FROM ${latest} n WHERE ${match}); INSERT INTO ${t} (${cols}) SELECT ${cols} FROM ${latest};`,
  };
}

/** Merge every part in one transaction; on any error roll back and throw (the workspace is unchanged). */
export async function commitParts(db: Connector, parts: readonly CommitPart[]): Promise<CommittedTable[]> {
  const done = new Map<TableName, { rows: number; replaced: number }>();
  await db.query('BEGIN TRANSACTION');
  try {
    for (const part of parts) {
      const m = mergeSql(part);
      const rows = Number((await db.query(m.count)).rows[0]?.n ?? 0);
      const replaced = Number((await db.query(m.replaced)).rows[0]?.n ?? 0);
      await db.query(m.statements);
      const prev = done.get(part.target) ?? { rows: 0, replaced: 0 };
      done.set(part.target, { rows: prev.rows + rows, replaced: prev.replaced + replaced });
    }
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw new HengjianError('import.commit', `导入未完成，工作区未作任何改动：${errorMessage(e)}`);
  }
  return [...done].map(([table, v]) => ({ table, ...v }));
}

/** Drop an import's staging and import tables (after commit, cancel or failure). */
export async function dropTables(db: Connector, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.query(`DROP TABLE IF EXISTS ${quoteIdent(t)}`).catch(() => undefined);
}
