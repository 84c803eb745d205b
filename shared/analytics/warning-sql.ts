/**
 * The SQL pieces the warning engine's two plans share (warnings.ts, every period; warnings-period.ts, one period from
 * the derived tables): the periods as a relation, the national values, the composite's rows, each condition's hit,
 * benchmark and gap, and how far back a period's events reach.
 */
import type { Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { parsePeriod, periodEndDate, previousPeriod, samePeriodLastYear } from '../model/period.js';
import { periodMonths } from './leaders.js';
import { compositeSeries } from './score.js';
import type { WarningRule } from './warning-rules.js';
import type { WarningsParams } from './warnings.js';

export interface PeriodRow {
  readonly period: string;
  readonly kind: string;
  readonly ord: number;
  readonly prev: string;
  readonly ly: string;
  readonly end: string;
  /** 时序进度 at the period's end, %. */
  readonly sched: number;
  readonly firstM: number;
  readonly lastM: number;
}

/**
 * The canonical periods of the values, with their ordinal within their kind, previous and last-year periods; from the
 * derived tables' list of them while those are current (a scan of the values at national scale: ~50 ms at 24M rows).
 */
export async function periodRows(db: Connector): Promise<PeriodRow[]> {
  const r = await db.query(
    derivedReady(db) ? 'SELECT CAST(period AS VARCHAR) AS period FROM derived_periods WHERE period IS NOT NULL ORDER BY 1' : 'SELECT DISTINCT period FROM indicator_values WHERE period IS NOT NULL ORDER BY 1',
  );
  const out: PeriodRow[] = [];
  for (const x of r.rows) {
    const t = String(x.period);
    const p = parsePeriod(t);
    const m = periodMonths(t);
    if (!p || !m) continue;
    const ord = p.kind === 'quarter' ? p.year * 4 + p.index - 1 : p.kind === 'month' ? p.year * 12 + p.index - 1 : p.year;
    const sched = p.kind === 'quarter' ? p.index * 25 : p.kind === 'month' ? Math.round((p.index / 12) * 1000) / 10 : 100;
    out.push({ period: t, kind: p.kind, ord, prev: previousPeriod(t), ly: samePeriodLastYear(t), end: periodEndDate(t), sched, firstM: m.first, lastM: m.last });
  }
  return out;
}

/** The national values as a relation (indicator_id, period, value); one row per finite value. */
export function nationalSql(national: WarningsParams['national']): string {
  const rows = Object.entries(national ?? {}).flatMap(([ind, byPeriod]) =>
    Object.entries(byPeriod).flatMap(([period, v]) => (typeof v === 'number' && Number.isFinite(v) ? [sql`(${ind}, ${period}, ${v}::DOUBLE)`] : [])),
  );
  return rows.length ? `SELECT * FROM (VALUES ${rows.join(', ')}) t(indicator_id, period, value)` : 'SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS period, NULL::DOUBLE AS value WHERE false';
}

export const perSql = (ps: readonly PeriodRow[]) =>
  ps.length
    ? `SELECT * FROM (VALUES ${ps.map((p) => sql`(${p.period}, ${p.kind}, ${p.ord}, ${p.prev}, ${p.ly}, DATE ${p.end}, ${p.sched}::DOUBLE, ${p.firstM}, ${p.lastM})`).join(', ')}) t(period, kind, ord, prev, ly, end_date, sched, first_m, last_m)`
    : 'SELECT NULL::VARCHAR AS period, NULL::VARCHAR AS kind, 0 AS ord, NULL::VARCHAR AS prev, NULL::VARCHAR AS ly, NULL::DATE AS end_date, 0::DOUBLE AS sched, 0 AS first_m, 0 AS last_m WHERE false';

/**
 * The composite's rows: the catalogue composite of every period (score.ts compositeSeries, its own statements),
 * handed in as text (inlining a score statement per period made the warnings statement ~190k characters, whose
 * planning alone took 3.8 s on the sample).
 */
export async function compositeRowsSql(db: Connector, rule: WarningRule, ps: readonly PeriodRow[]): Promise<string> {
  const c = await compositeSeries(db, rule.scope, ps.map((p) => p.period));
  // Three text constants split in the engine: binding thousands of list literals cost ~0.3 ms each.
  const col = (xs: readonly string[]) => `unnest(string_split(${sql`${xs.join(',')}`}, ','))`;
  const rows = c.period.length
    ? `SELECT ${col(c.period)} AS period, ${col(c.regionCode)} AS region_code, CAST(${col(c.composite.map(String))} AS DOUBLE) AS value`
    : 'SELECT NULL::VARCHAR AS period, NULL::VARCHAR AS region_code, NULL::DOUBLE AS value WHERE false';
  return `
  SELECT 'composite' AS indicator_id, c.region_code, c.period, p.kind, p.ord, p.prev, p.ly, p.sched, r.parent_code, r.eval_group AS grp, c.value, NULL::DOUBLE AS yoy,
    NULL::DOUBLE AS target, 1::DOUBLE AS dir, NULL::VARCHAR AS unit, '当期' AS basis
  FROM (${rows}) c JOIN per p ON p.period = c.period JOIN regions r ON r.region_code = c.region_code`;
}

/**
 * Where a condition reads its inputs: the column (or expression) of each of an evaluated row's values. The default
 * is the row `c` of a scope (warnings.ts), the parent's row `pa` and the national value `na`.
 */
export type ConditionColumns = (name: 'value' | 'yoy' | 'mean' | 'mean_yoy' | 'pa_value' | 'pa_yoy' | 'target' | 'nat' | 'dir' | 'rrk' | 'rnk' | 'rnk_prev' | 'basis' | 'unit' | 'sched') => string;

const SCOPE_COLUMNS: ConditionColumns = (n) => (n === 'pa_value' ? 'pa.value' : n === 'pa_yoy' ? 'pa.yoy_pct' : n === 'nat' ? 'na.value' : `c.${n}`);

/** The condition on one evaluated row: hit, benchmark and gap expressions. */
export function conditionSql(rule: WarningRule, col: ConditionColumns = SCOPE_COLUMNS): { hit: string; benchmark: string; gap: string } {
  const c = rule.condition;
  const x = col('field' in c && c.field === 'yoy' ? 'yoy' : 'value');
  const yoy = 'field' in c && c.field === 'yoy';
  switch (c.type) {
    case 'threshold':
      return { hit: `${x} ${c.op} ${c.value}`, benchmark: `${c.value}::DOUBLE`, gap: `${x} - ${c.value}` };
    case 'gap': {
      const b =
        c.benchmark === 'avg' ? col(yoy ? 'mean_yoy' : 'mean')
        : c.benchmark === 'parent' ? col(yoy ? 'pa_yoy' : 'pa_value')
        : c.benchmark === 'target' ? col('target')
        : c.benchmark === 'national' ? col('nat')
        : `${c.benchmark}::DOUBLE`;
      const diff = `(${x} - ${b})`;
      const measured = c.measure === 'pct' ? `CASE WHEN ${b} = 0 THEN NULL ELSE ${diff} / abs(${b}) * 100 END` : diff;
      return { hit: `(${measured}) * ${col('dir')} <= -${c.gap}`, benchmark: b, gap: measured };
    }
    case 'rank_bottom':
      return { hit: `${col('rrk')} <= ${c.n}`, benchmark: 'NULL::DOUBLE', gap: 'NULL::DOUBLE' };
    case 'rank_drop':
      return { hit: `${col('rnk')} - ${col('rnk_prev')} >= ${c.places}`, benchmark: 'NULL::DOUBLE', gap: `CAST(${col('rnk')} - ${col('rnk_prev')} AS DOUBLE)` };
    case 'negative_growth':
      return { hit: `${x} * ${col('dir')} < 0`, benchmark: '0::DOUBLE', gap: x };
    case 'schedule_behind': {
      // Completion of the annual target (%), against the schedule at the period's end: totals only (a growth rate's
      // target is not completed by parts).
      const [dir, basis, unit, target, sched, value] = [col('dir'), col('basis'), col('unit'), col('target'), col('sched'), col('value')];
      return {
        hit: `${dir} > 0 AND ${basis} = '累计' AND coalesce(${unit}, '') <> '%' AND ${target} > 0 AND ${sched} - 100 * ${value} / ${target} > ${c.gap}`,
        benchmark: sched,
        gap: `CASE WHEN ${target} > 0 THEN 100 * ${value} / ${target} - ${sched} END`,
      };
    }
    case 'escalation':
      throw new Error('escalation has no row condition');
  }
}

export const periodsOf = (c: WarningRule['condition']) => ('periods' in c && c.periods ? c.periods : 1);
/**
 * How many periods before the asked one a rule's rows must reach for the events of that period: a run of n periods
 * and the previous period's run (its status, 解除), n back; for a source of escalations over m periods, its runs in
 * each of the m periods before (the escalation's run and status), n + m − 1 back; a rank drop reads one period
 * more (the previous rank of the earliest row).
 */
export function rowsBack(rule: WarningRule, rules: readonly WarningRule[]): number {
  const n = periodsOf(rule.condition);
  const m = Math.max(
    0,
    ...rules
      .filter((e) => e.enabled && e.condition.type === 'escalation' && escalationReads(e, rule))
      .map((e) => periodsOf(e.condition)),
  );
  return n + Math.max(0, m - 1) + (rule.condition.type === 'rank_drop' ? 1 : 0);
}

/** Whether an escalation reads a rule's fired rows (by id, or by the rule's level). */
export function escalationReads(esc: WarningRule, rule: WarningRule): boolean {
  const c = esc.condition as Extract<WarningRule['condition'], { type: 'escalation' }>;
  return rule.condition.type !== 'escalation' && ((c.from?.includes(rule.id) ?? false) || (c.fromLevel !== undefined && rule.level === c.fromLevel));
}

/** The furthest any rule reaches back (the final statement's periods: leaders, names). */
export function lookback(rules: readonly WarningRule[]): number {
  return Math.max(1, ...rules.filter((r) => r.condition.type !== 'escalation').map((r) => rowsBack(r, rules)));
}

/**
 * The periods the events of `period` are computed from: those of its kind up to it, `back` of them before it (a
 * quarter's events never read annual values; YoY reads last year's values from the table itself, not from here).
 */
export function periodsBehind(ps: readonly PeriodRow[], period: string, back: number): PeriodRow[] {
  const at = ps.find((p) => p.period === period);
  if (!at) return [];
  return ps.filter((p) => p.kind === at.kind && p.ord <= at.ord && p.ord >= at.ord - back);
}
