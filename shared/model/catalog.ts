/** The catalogue reader: which indicators, periods, levels, groups and tables a loaded workspace holds. Import and the analyses both read it. */
import type { Connector } from '../db/connector.js';
import { quoteIdent, sql } from '../db/sql.js';
import type { Basis, Direction } from './vocab.js';
import { TABLES, type TableName } from './tables.js';
import type { RegionLevel } from './region-code.js';

/** What a view needs to know about an indicator to label and rank it. */
export interface IndicatorMeta {
  readonly id: string;
  readonly name: string;
  readonly dimension: string | null;
  readonly unit: string | null;
  readonly direction: Direction;
  readonly basis: Basis | null;
}

/** The indicator catalogue, in code order. */
export async function listIndicators(db: Connector): Promise<IndicatorMeta[]> {
  const r = await db.query(
    'SELECT indicator_id, name, dimension, unit, direction, basis FROM indicators ORDER BY indicator_id',
  );
  return r.rows.map((row) => ({
    id: String(row.indicator_id),
    name: String(row.name),
    dimension: row.dimension === null ? null : String(row.dimension),
    unit: row.unit === null ? null : String(row.unit),
    direction: Number(row.direction) < 0 ? -1 : 1,
    basis: row.basis === null ? null : (String(row.basis) as Basis),
  }));
}

/** Periods with at least one value of the indicator, newest first. */
export async function listPeriods(db: Connector, indicatorId: string): Promise<string[]> {
  const r = await db.query(
    sql`SELECT DISTINCT period FROM indicator_values WHERE indicator_id = ${indicatorId} AND value IS NOT NULL ORDER BY period DESC`,
  );
  return r.rows.map((row) => String(row.period));
}

/** Every period with a value, of any indicator, newest first (the composite's period picker). */
export async function listAllPeriods(db: Connector): Promise<string[]> {
  const r = await db.query('SELECT DISTINCT CAST(period AS VARCHAR) AS period FROM indicator_values WHERE value IS NOT NULL ORDER BY period DESC');
  return r.rows.map((row) => String(row.period));
}

/** Region levels present in the workspace, highest first. */
export async function listLevels(db: Connector): Promise<RegionLevel[]> {
  const r = await db.query('SELECT DISTINCT level FROM regions');
  const present = new Set(r.rows.map((row) => String(row.level)));
  return (['province', 'city', 'county'] as const).filter((l) => present.has(l));
}

/** Evaluation groups (考核分组) of one level. */
export async function listGroups(db: Connector, level: RegionLevel): Promise<string[]> {
  const r = await db.query(
    sql`SELECT DISTINCT eval_group FROM regions WHERE level = ${level} AND eval_group IS NOT NULL ORDER BY eval_group`,
  );
  return r.rows.map((row) => String(row.eval_group));
}

export interface TableCount {
  readonly name: TableName;
  readonly label: string;
  readonly rows: number;
}

/** Row counts of every canonical table (for `info` and the status bar). */
export async function tableCounts(db: Connector): Promise<TableCount[]> {
  const parts = TABLES.map((t) => `SELECT ${sql`${t.name}`} AS name, count(*) AS n FROM ${quoteIdent(t.name)}`);
  const r = await db.query(parts.join(' UNION ALL '));
  const byName = new Map(r.rows.map((row) => [String(row.name), Number(row.n)]));
  return TABLES.map((t) => ({ name: t.name, label: t.label.zh, rows: byName.get(t.name) ?? 0 }));
}

/** A region as pickers show it. */
export interface RegionOption {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parent: string | null;
}

/** Regions of one level (all levels when null), in code order: for region pickers. */
export async function listRegions(db: Connector, level: RegionLevel | null): Promise<RegionOption[]> {
  const r = await db.query(
    sql`SELECT region_code, name, level, parent_code FROM regions WHERE (${level}::VARCHAR IS NULL OR level = ${level}) ORDER BY region_code`,
  );
  return r.rows.map((row) => ({
    code: String(row.region_code),
    name: String(row.name),
    level: String(row.level) as RegionLevel,
    parent: row.parent_code === null ? null : String(row.parent_code),
  }));
}
