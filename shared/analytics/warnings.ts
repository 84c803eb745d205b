/**
 * The warning engine: every enabled rule (warning-rules.ts) evaluated over every period at once, in one DuckDB
 * statement: per rule, each value of its scope with its rank (and rank from the bottom), the compared regions'
 * count and average, YoY, the previous period's rank and the benchmark; whether the condition holds; runs of
 * consecutive periods (gaps and islands on the period's ordinal: a missing period breaks a run); and the status
 * against the previous period: 新增 (fires now, not then), 持续 (both), 解除 (fired then, evaluated now and not
 * firing). Escalations read the events of their source rules in the same statement. Each event names the 一把手 in
 * office at the period's end (leaders.ts). No loop over regions in JavaScript.
 */
import { columnCell, type ColumnResult, type Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { cancelledError } from '../db/query-gate.js';
import { sql } from '../db/sql.js';
import { formatGap, formatRank, formatValue } from '../format/number.js';
import { periodLabelZh } from '../model/period.js';
import { leaderInOfficeSql } from './leaders.js';
import { indicatorKey, keys, periodKey } from './derived-readers.js';
import { fillMessage, isComposite, type WarningRule } from './warning-rules.js';
import { compositeRowsSql, conditionSql, escalationReads, lookback, nationalSql, periodRows, periodsBehind, periodsOf, perSql, rowsBack, type PeriodRow } from './warning-sql.js';
import { buildPeriodEvents, periodPlanApplies } from './warnings-period.js';


export const WARNING_STATUSES = ['新增', '持续', '解除'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export interface WarningEvent {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly ruleVersion: number;
  readonly level: WarningRule['level'];
  readonly status: WarningStatus;
  readonly regionCode: string;
  readonly regionName: string;
  /** 'composite' for a rule on the 综合得分. */
  readonly indicatorId: string;
  readonly indicatorName: string;
  readonly unit: string | null;
  readonly period: string;
  readonly value: number | null;
  /** What the value was compared with (the average, the parent's value, the target, the threshold, the schedule). */
  readonly benchmark: number | null;
  /** value − benchmark (个百分点 for %), or % of the benchmark for measure 'pct'; direction as written. */
  readonly gap: number | null;
  readonly rank: number | null;
  /** How many regions were ranked. */
  readonly of: number | null;
  readonly previousRank: number | null;
  readonly yoy: number | null;
  /** The periods the condition held in a row, ending with this one (escalations: their sources'). */
  readonly periods: readonly string[];
  readonly leaderId: string | null;
  readonly leaderName: string | null;
  readonly message: string;
}

export interface WarningsParams {
  /** Events of this period only (the evaluation still reads every period: runs and statuses need them). */
  readonly period?: string | null;
  readonly level?: WarningRule['level'] | null;
  readonly regionCode?: string | null;
  readonly indicatorId?: string | null;
  /** Include 解除 events (default true). */
  readonly resolved?: boolean;
  /**
   * National values entered by the user (indicator id → period → value; the 'views' document's `national`), the
   * benchmark of gap rules with benchmark 'national'. Absent: those rules find no benchmark and do not fire.
   */
  readonly national?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Send the build's statements cancellable (取消计算), the default. A background build (the app's prefetch after
   * load) passes false with a signal instead: it is not the user's 正在计算, and it gives way to a workspace change.
   */
  readonly cancellable?: boolean;
  /**
   * Stops the build between two statements (what was built is dropped, and it fails with engine.cancelled): the
   * app's background prefetch gives way this way when the user opens, creates or changes a workspace.
   */
  readonly signal?: AbortSignal;
}

export interface WarningsResult {
  readonly rules: readonly WarningRule[];
  readonly periods: readonly string[];
  readonly events: readonly WarningEvent[];
  readonly counts: { readonly red: number; readonly yellow: number; readonly resolved: number };
}

/**
 * The scope's values: indicator_id, region_code, period, kind, ord, prev, ly, sched, parent_code, value, yoy_pct,
 * target, dir, unit, basis — one row per value of a region of the rule's level (and group) valid at the period's end.
 */
function indicatorRowsSql(rule: WarningRule): string {
  const s = rule.scope;
  return (
    `
  SELECT v.indicator_id, v.region_code, v.period, p.kind, p.ord, p.prev, p.ly, p.sched, r.parent_code, r.eval_group AS grp, v.value,
    ${YOY_SQL} AS yoy, coalesce(v.annual_target, i.tgt) AS target, i.dir, i.unit, i.basis
  FROM indicator_values v
  JOIN ${catalogueSql(rule)} i ON i.indicator_id = v.indicator_id
  JOIN per p ON p.period = v.period
  JOIN regions r ON r.region_code = v.region_code` +
    sql` AND r.level = ${s.level} AND (${s.group}::VARCHAR IS NULL OR r.eval_group = ${s.group})` +
    `
    AND (r.valid_from IS NULL OR r.valid_from <= p.end_date) AND (r.valid_to IS NULL OR r.valid_to >= p.end_date)
  LEFT JOIN indicator_values l ON l.indicator_id = v.indicator_id AND l.region_code = v.region_code AND l.period = p.ly AND l.value IS NOT NULL
  WHERE v.value IS NOT NULL`
  );
}

/** YoY as derived.ts computes it: 个百分点 for %, else the delivered yoy_pct, else growth on the same period last year. */
const YOY_SQL = `CASE WHEN coalesce(i.unit, '') = '%' THEN round(v.value - l.value, 6) WHEN v.yoy_pct IS NOT NULL THEN v.yoy_pct
      WHEN l.value IS NULL OR l.value = 0 THEN NULL ELSE round((v.value - l.value) / abs(l.value) * 100, 6) END`;

/** The catalogue rows of a rule's indicators (its ids, its unit). */
function catalogueSql(rule: WarningRule): string {
  const ids = rule.scope.indicators.filter((i) => i !== 'composite');
  const idFilter = ids.length ? sql` AND indicator_id IN (${ids})` : '';
  const unitFilter = rule.scope.unit ? sql` AND coalesce(unit, '') = ${rule.scope.unit}` : '';
  return `(SELECT indicator_id, CAST(direction AS DOUBLE) AS dir, unit, basis, CAST(target_value AS DOUBLE) AS tgt FROM indicators WHERE true${idFilter}${unitFilter})`;
}

/**
 * The same rows from the derived tables, already ranked (rnk, n, mean, mean_yoy), while they are current: over the
 * whole level, or within each 考核分组 (grnk and derived_group_stats) for a scope by group or on one group. Keys are
 * compared as typed literals on the small sides (the periods asked, the catalogue, the regions), so the zone maps of
 * derived_scores (sorted by period, indicator) skip every other period; keys come back as text.
 */
function derivedRowsSql(rule: WarningRule, ps: readonly PeriodRow[]): string {
  const s = rule.scope;
  const grouped = s.byGroup || s.group !== null;
  const ids = s.indicators.filter((i) => i !== 'composite');
  const stats = grouped
    ? "derived_group_stats st ON st.indicator_id = s.indicator_id AND st.period = s.period AND st.level = s.level AND st.eval_group = coalesce(r.eval_group, '')"
    : 'derived_stats st ON st.indicator_id = s.indicator_id AND st.period = s.period AND st.level = s.level';
  return (
    `
  SELECT CAST(s.indicator_id AS VARCHAR) AS indicator_id, CAST(s.region_code AS VARCHAR) AS region_code, p.period,
    p.kind, p.ord, p.prev, p.ly, p.sched, r.parent_code, r.eval_group AS grp, s.value, s.yoy, coalesce(s.annual_target, i.tgt) AS target,
    i.dir, i.unit, i.basis, ${grouped ? 's.grnk' : 's.rnk'} AS rnk, ${grouped ? 's.grnk_prev' : 's.rnk_prev'} AS rnk_prev, st.n, st.mean, st.mean_yoy
  FROM derived_scores s
  JOIN (SELECT *, TRY_CAST(indicator_id AS hj_d_indicator) AS ik FROM ${catalogueSql(rule)}) i ON i.ik = s.indicator_id
  JOIN (SELECT *, TRY_CAST(period AS hj_d_period) AS pk FROM per) p ON p.pk = s.period
  JOIN (SELECT region_code, parent_code, eval_group, TRY_CAST(region_code AS hj_d_region) AS rk FROM regions) r ON r.rk = s.region_code
  JOIN ${stats}
  WHERE s.period IN (${keys(ps.map((x) => x.period), periodKey)})` +
    (ids.length ? ` AND s.indicator_id IN (${keys(ids, indicatorKey)})` : '') +
    sql` AND s.level = ${s.level} AND s.rnk IS NOT NULL` +
    (s.group !== null ? sql` AND r.eval_group = ${s.group}` : '')
  );
}


/** What a scope's rules read beyond the value: rank from the bottom (bottom N), the compared regions' mean YoY. */
interface ScopeNeeds {
  readonly rrk: boolean;
  readonly meanYoy: boolean;
}

const needsOf = (rules: readonly WarningRule[]): ScopeNeeds => ({
  rrk: rules.some((r) => r.condition.type === 'rank_bottom'),
  meanYoy: rules.some((r) => r.condition.type === 'gap' && r.condition.benchmark === 'avg' && r.condition.field === 'yoy'),
});

/**
 * The compared values of one scope (shared by the rules with that scope), c_k: each row with rnk (competition
 * rank, best first), rrk (rank from the bottom, ties sharing it: the competition rank in ascending order), n and
 * mean of the compared regions and their mean YoY, in one window pass over the rows (rows from the derived tables
 * come ranked, with n, mean and mean YoY; rrk and the mean YoY are computed only when a rule of the scope reads
 * them). The previous period's rank comes with the derived rows (rnk_prev); on the direct rows it is joined on
 * afterwards (see buildWarningEvents). Written for memory: the former
 * self-joins kept four copies of the scope's rows alive, which ran duckdb-wasm out of its 3.1 GiB at a few million
 * indicator rows.
 */
function scopeCtes(k: number, rows: string, byGroup: boolean, ranked: boolean, needs: ScopeNeeds): string {
  const keys = `indicator_id, period${byGroup ? ', grp' : ''}`;
  const cols = [
    ...(ranked ? [] : [`rank() OVER (PARTITION BY ${keys} ORDER BY round(value * dir, 9) DESC) AS rnk`, 'count(*) OVER g AS n', 'avg(value) OVER g AS mean']),
    needs.rrk ? `rank() OVER (PARTITION BY ${keys} ORDER BY round(value * dir, 9) ASC) AS rrk` : 'NULL::BIGINT AS rrk',
    ...(ranked ? [] : [needs.meanYoy ? 'avg(yoy) OVER g AS mean_yoy' : 'NULL::DOUBLE AS mean_yoy']),
  ];
  return `
x_${k} AS (${rows}),
c_${k} AS (
  SELECT x.*, ${cols.join(', ')}
  FROM x_${k} x WINDOW g AS (PARTITION BY ${keys})
),`;
}

/** The evaluated rows (e_i) of one non-escalation rule over its scope's c_k: benchmark, gap and whether it hit. */
function evalCte(rule: WarningRule, i: number, k: number): string {
  const cond = conditionSql(rule);
  const parent = rule.condition.type === 'gap' && rule.condition.benchmark === 'parent';
  const national = rule.condition.type === 'gap' && rule.condition.benchmark === 'national';
  return `
e_${i} AS (
  SELECT c.indicator_id, c.region_code, c.period, c.kind, c.ord, c.value, c.yoy, c.rnk, c.n, c.rnk_prev,
    ${cond.benchmark} AS benchmark, ${cond.gap} AS gap, coalesce(${cond.hit}, false) AS hit
  FROM c_${k} c
  ${parent ? 'LEFT JOIN indicator_values pa ON pa.region_code = c.parent_code AND pa.indicator_id = c.indicator_id AND pa.period = c.period' : ''}
  ${national ? 'JOIN nat na ON na.indicator_id = c.indicator_id AND na.period = c.period' : ''}
)`;
}

/**
 * From evaluated rows `src` (…, kind, ord, hit): f_i, the rows where the condition held `n` periods running, with
 * the run's periods; ev_i, the events with their status.
 */
function runsCtes(src: string, i: number, n: number, only: string | null): string {
  const at = (t: 'e' | 'f') => (only === null ? '' : ` AND ${t}.period = ` + sql`${only}`);
  const fired =
    n === 1
      ? `f_${i} AS MATERIALIZED (SELECT *, [period] AS run_periods FROM ${src} WHERE hit),`
      : `h_${i} AS (
  SELECT *, ord - row_number() OVER (PARTITION BY indicator_id, region_code, kind ORDER BY ord) AS island FROM ${src} WHERE hit
),
f_${i} AS MATERIALIZED (
  SELECT * EXCLUDE (island, streak, run) , run[greatest(1, len(run) - ${n - 1}):] AS run_periods FROM (
    SELECT *, row_number() OVER w AS streak, list(period) OVER w AS run
    FROM h_${i} WINDOW w AS (PARTITION BY indicator_id, region_code, kind, island ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ) WHERE streak >= ${n}
),`;
  return `${fired}
ev_${i} AS (
  SELECT f.indicator_id, f.region_code, f.period, f.value, f.yoy, f.rnk, f.n, f.rnk_prev, f.benchmark, f.gap, f.run_periods,
    CASE WHEN g.period IS NULL THEN '新增' ELSE '持续' END AS status
  FROM f_${i} f LEFT JOIN f_${i} g ON g.indicator_id = f.indicator_id AND g.region_code = f.region_code AND g.kind = f.kind AND g.ord = f.ord - 1
  WHERE true${at('f')}
  UNION ALL
  SELECT e.indicator_id, e.region_code, e.period, e.value, e.yoy, e.rnk, e.n, e.rnk_prev, e.benchmark, e.gap, [] AS run_periods, '解除' AS status
  FROM ${src} e JOIN f_${i} g ON g.indicator_id = e.indicator_id AND g.region_code = e.region_code AND g.kind = e.kind AND g.ord = e.ord - 1
  WHERE NOT EXISTS (SELECT 1 FROM f_${i} f WHERE f.indicator_id = e.indicator_id AND f.region_code = e.region_code AND f.kind = e.kind AND f.ord = e.ord)${at('e')}
)`;
}

/** An escalation's CTEs: its sources' fired rows (any of them, per region, indicator and period), then runs. */
function escalationCtes(rule: WarningRule, i: number, sources: readonly number[], only: string | null): string {
  const c = rule.condition as Extract<WarningRule['condition'], { type: 'escalation' }>;
  const src = sources.length
    ? sources.map((k) => `SELECT indicator_id, region_code, period, kind, ord, value, yoy, rnk, n, rnk_prev, benchmark, gap FROM f_${k}`).join('\nUNION ALL ')
    : 'SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS region_code, NULL::VARCHAR AS period, NULL::VARCHAR AS kind, 0 AS ord, NULL::DOUBLE AS value, NULL::DOUBLE AS yoy, NULL::BIGINT AS rnk, NULL::BIGINT AS n, NULL::BIGINT AS rnk_prev, NULL::DOUBLE AS benchmark, NULL::DOUBLE AS gap WHERE false';
  return `
e_${i} AS MATERIALIZED (
  -- From several source rules: the best rank, with the count and previous rank of that same ranking (the smaller
  -- comparison on a tie), so the evidence is one ranking's, the same every run.
  SELECT indicator_id, region_code, period, any_value(kind) AS kind, any_value(ord) AS ord, any_value(value) AS value, any_value(yoy) AS yoy,
    min(rnk) AS rnk, arg_min(n, rnk * 1000000 + n) AS n, arg_min(rnk_prev, rnk * 1000000 + n) AS rnk_prev, NULL::DOUBLE AS benchmark, NULL::DOUBLE AS gap, true AS hit
  FROM (${src}) GROUP BY indicator_id, region_code, period
),
${runsCtes(`e_${i}`, i, c.periods, only)}`;
}


/** Where a period's events were built: an engine table (null: no rule or no period, so no event). */
export interface WarningEventsTable {
  readonly table: string | null;
  readonly rules: readonly WarningRule[];
  readonly periods: readonly string[];
  /** The one period the table holds (built for params.period), or null: every period. */
  readonly period?: string | null;
}

/**
 * The rules' events, every period (see the module comment), into the engine table `table` (one row per event, in no
 * order; the caller drops it); with params.period, only that period's events, computed from the periods it needs.
 * The event filters of WarningsParams (level, region, indicator, resolved) are applied when reading
 * (readWarningEvents), so one table serves every filter of the 预警 view.
 */
export async function buildWarningEvents(db: Connector, rules: readonly WarningRule[], params: Pick<WarningsParams, 'period' | 'national' | 'cancellable' | 'signal'>, table: string): Promise<WarningEventsTable> {
  const allPeriods = await periodRows(db);
  const active = rules.filter((r) => r.enabled);
  const base = active.filter((r) => r.condition.type !== 'escalation');
  const esc = active.filter((r) => r.condition.type === 'escalation');
  const none: WarningEventsTable = { table: null, rules: active, periods: allPeriods.map((p) => p.period) };
  if (!active.length || !allPeriods.length) return none;
  const ps = params.period ? periodsBehind(allPeriods, params.period, lookback(active)) : allPeriods;
  if (!ps.length) return none;
  const head = [`per AS (${perSql(ps)})`, `nat AS (${nationalSql(params.national)})`];
  const ctes: string[] = [...head];
  const index = new Map<string, number>();
  // Each scope's evaluated rows are built into a temp table of their own, one statement at a time, and the rules
  // read them: one statement holding every scope's intermediate copies at once ran duckdb-wasm out of its 3.1 GiB
  // at 1M indicator rows (125 regions × 200 indicators × 40 quarters).
  const stamp = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const temps: string[] = [];
  const dropTemps = async () => {
    for (const t of temps) await db.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  };
  // Each build statement may hold the engine for seconds at national scale: cancellable (取消计算), and a cancel
  // drops what was built, like any failure.
  const run = async (statement: string) => {
    if (params.signal?.aborted) {
      await dropTemps();
      throw cancelledError();
    }
    return db.query(statement, { cancellable: params.cancellable ?? true, ...(params.signal ? { signal: params.signal } : {}) }).catch(async (e: unknown) => {
      await dropTemps();
      throw e;
    });
  };
  if (params.period && periodPlanApplies(db, ps, params.period)) {
    // One period while the derived tables are current: the plan of warnings-period.ts.
    let built = false;
    try {
      built = await buildPeriodEvents(db, active, { period: params.period, national: params.national, all: allPeriods }, run, table);
    } catch (e) {
      // A pass after the first failed (or was cancelled): the events table holds only some passes' events.
      await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
      throw e;
    }
    return { table: built ? table : null, rules: active, periods: allPeriods.map((p) => p.period), period: params.period };
  }
  // One set of compared values per distinct scope, read by the rules with that scope, then dropped; each rule's
  // evaluated rows are a table only while its fired rows (f_i) and events (ev_i) are taken from them.
  const derived = derivedReady(db);
  const byScope = new Map<string, number[]>();
  for (const [i, r] of base.entries()) byScope.set(JSON.stringify(r.scope), [...(byScope.get(JSON.stringify(r.scope)) ?? []), i]);
  let k = 0;
  for (const members of byScope.values()) {
    const first = base[members[0] as number] as WarningRule;
    const rules = members.map((i) => base[i] as WarningRule);
    // The scope's own periods: as far back as its rules reach (rowsBack), not as far as the furthest rule's.
    const own = params.period ? periodsBehind(allPeriods, params.period, Math.max(...rules.map((r) => rowsBack(r, active)))) : allPeriods;
    const ownHead = [`per AS (${perSql(own)})`, head[1] as string];
    const fromDerived = derived && !isComposite(first);
    const rows = isComposite(first) ? await compositeRowsSql(db, first, own) : fromDerived ? derivedRowsSql(first, own) : indicatorRowsSql(first);
    const scope = `hj_warn_${stamp}_${k}`;
    temps.push(`${scope}_a`, scope);
    const compared = `WITH ${ownHead.join(',')},${scopeCtes(k, rows, first.scope.byGroup, fromDerived, needsOf(rules)).replace(/,\s*$/, '')} SELECT * FROM c_${k}`;
    if (fromDerived) {
      // The derived rows carry the previous period's rank (rnk_prev, grnk_prev: derived.ts), as the join below finds it.
      await run(`CREATE TEMP TABLE ${scope} AS ${compared}`);
    } else {
      await run(`CREATE TEMP TABLE ${scope}_a AS ${compared}`);
      await run(
        `CREATE TEMP TABLE ${scope} AS SELECT a.*, pv.rnk AS rnk_prev FROM ${scope}_a a ` +
          `LEFT JOIN (SELECT indicator_id, region_code, period, rnk FROM ${scope}_a) pv ON pv.indicator_id = a.indicator_id AND pv.region_code = a.region_code AND pv.period = a.prev`,
      );
      await run(`DROP TABLE ${scope}_a`);
    }
    for (const i of members) {
      const r = base[i] as WarningRule;
      const [e, f, v] = [`${scope}_e${i}`, `hj_warn_${stamp}_f${i}`, `hj_warn_${stamp}_v${i}`];
      temps.push(e, f, v);
      // Of the evaluated rows, the runs read the hits, and 解除 the rows of the asked period: the others are left out.
      const keep = params.period ? sql` WHERE hit OR period = ${params.period}` : '';
      await run(`CREATE TEMP TABLE ${e} AS WITH ${ownHead.join(',')}, c_${k} AS (SELECT * FROM ${scope}),${evalCte(r, i, k)} SELECT * FROM e_${i}${keep}`);
      const runs = runsCtes(e, i, periodsOf(r.condition), params.period ?? null).replace(/,\s*$/, '');
      await run(`CREATE TEMP TABLE ${f} AS WITH ${runs} SELECT * FROM f_${i}`);
      await run(`CREATE TEMP TABLE ${v} AS WITH ${runs} SELECT * FROM ev_${i}`);
      await run(`DROP TABLE ${e}`);
      ctes.push(`f_${i} AS (SELECT * FROM ${f})`, `ev_${i} AS (SELECT * FROM ${v})`);
      index.set(r.id, i);
    }
    await run(`DROP TABLE ${scope}`);
    k++;
  }
  for (const [j, r] of esc.entries()) {
    const sources = base.filter((b) => escalationReads(r, b)).map((b) => index.get(b.id) as number);
    ctes.push(escalationCtes(r, base.length + j, sources, params.period ?? null));
  }
  const all = [...base, ...esc];
  const union = all.map((r, i) => sql`SELECT ${r.id} AS rule_id, ${r.level} AS level, ` + `ev.* FROM ev_${i} ev`).join('\nUNION ALL ');
  try {
    await run(`CREATE TEMP TABLE ${table} AS WITH ${ctes.join(',')},
evs AS (${union}),
lead AS (${leaderInOfficeSql('SELECT period, first_m, last_m FROM per')})
SELECT ev.rule_id, ev.level, ev.indicator_id, coalesce(i.name, CASE WHEN ev.indicator_id = 'composite' THEN '综合得分' ELSE ev.indicator_id END) AS indicator_name, i.unit,
  ev.region_code, coalesce(r.name, ev.region_code) AS region_name, ev.period, ev.status, ev.value, ev.benchmark, ev.gap, ev.rnk, ev.n, ev.rnk_prev, ev.yoy,
  array_to_string(ev.run_periods, ',') AS run_periods, l.leader_id, l.leader_name
FROM evs ev
LEFT JOIN indicators i ON i.indicator_id = ev.indicator_id
LEFT JOIN regions r ON r.region_code = ev.region_code
LEFT JOIN lead l ON l.region_code = ev.region_code AND l.period = ev.period
${params.period ? sql`WHERE ev.period = ${params.period}` : ''}`);
  } finally {
    await dropTemps();
  }
  return { table, rules: active, periods: allPeriods.map((p) => p.period), period: params.period ?? null };
}

/** Which events of a built table to read (every field optional: all of them). */
export interface EventFilter {
  readonly level?: WarningRule['level'] | null;
  readonly regionCode?: string | null;
  readonly indicatorId?: string | null;
  /** Include 解除 events (default true). */
  readonly resolved?: boolean;
  /** Only the events of these rules (e.g. the rules of one region level). */
  readonly ruleIds?: readonly string[] | null;
}

/** The WHERE clause of a filter on a built events table ('' for none). */
export function eventFilterSql(f: EventFilter): string {
  const where = [
    f.regionCode ? sql`region_code = ${f.regionCode}` : null,
    f.indicatorId ? sql`indicator_id = ${f.indicatorId}` : null,
    f.level ? sql`level = ${f.level}` : null,
    f.resolved === false ? "status <> '解除'" : null,
    f.ruleIds ? sql`rule_id IN (${[...f.ruleIds, '']})` : null,
  ].filter(Boolean);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/**
 * Events of a built table, in the view's order (latest period first, then rule, region, indicator), with their
 * messages; `page` reads only a window of them. By column: at national scale a quarter can hold hundreds of
 * thousands of events, and row objects cost ~90 µs each there (the 24M-row set's 493k events of 2025Q4).
 */
export async function readWarningEvents(db: Connector, built: WarningEventsTable, filter: EventFilter = {}, page?: { readonly offset: number; readonly limit: number }): Promise<WarningEvent[]> {
  if (!built.table) return [];
  const window = page ? ` LIMIT ${Math.max(0, Math.trunc(page.limit))} OFFSET ${Math.max(0, Math.trunc(page.offset))}` : '';
  return eventsOf(built, await db.queryColumns(`SELECT * FROM ${built.table} ${eventFilterSql(filter)} ORDER BY ${orderOf(built)}${window}`));
}

/**
 * The view's order of events: latest period first, then rule, region, indicator. A table of one period leaves the
 * period out: a descending text key made DuckDB's top-N ~6× slower (a page of 493k events: 70 ms against 11 ms).
 */
const orderOf = (built: WarningEventsTable) => (built.period ? 'rule_id, region_code, indicator_id' : 'period DESC, rule_id, region_code, indicator_id');

/**
 * One page of a built table's events (as readWarningEvents) and how many events match the filter, in one statement:
 * the count, with the page joined to it (a page past the end is one row without an event). duckdb-wasm's fixed cost
 * per statement is what a page or filter change of the 预警 view paid twice.
 */
export async function readWarningPage(db: Connector, built: WarningEventsTable, filter: EventFilter, page: { readonly offset: number; readonly limit: number }): Promise<{ readonly total: number; readonly events: WarningEvent[] }> {
  if (!built.table) return { total: 0, events: [] };
  const where = eventFilterSql(filter);
  const window = ` LIMIT ${Math.max(0, Math.trunc(page.limit))} OFFSET ${Math.max(0, Math.trunc(page.offset))}`;
  const r = await db.queryColumns(
    `SELECT e.*, t.hj_total FROM (SELECT count(*) AS hj_total FROM ${built.table} ${where}) t
LEFT JOIN (SELECT * FROM ${built.table} ${where} ORDER BY ${orderOf(built)}${window}) e ON true
ORDER BY e.period DESC, e.rule_id, e.region_code, e.indicator_id`,
  );
  const total = r.numbers.hj_total?.[0] ?? 0;
  return { total, events: (r.texts.rule_id?.[0] ?? null) === null ? [] : eventsOf(built, r) };
}

/** The events of readWarningEvents's columns, with their messages. */
function eventsOf(built: WarningEventsTable, r: ColumnResult): WarningEvent[] {
  const byId = new Map(built.rules.map((x) => [x.id, x]));
  const text = (c: string) => r.texts[c] ?? [];
  const [ruleIds, statuses, regionCodes, regionNames, indicatorIds, indicatorNames, units, periods, runLists, leaderIds, leaderNames] = [
    'rule_id', 'status', 'region_code', 'region_name', 'indicator_id', 'indicator_name', 'unit', 'period', 'run_periods', 'leader_id', 'leader_name',
  ].map(text) as (readonly (string | null)[])[];
  const numOf = (c: string) => (i: number) => columnCell(r, c, i) as number | null;
  const [value, benchmark, gap, rnk, n, rnkPrev, yoy] = ['value', 'benchmark', 'gap', 'rnk', 'n', 'rnk_prev', 'yoy'].map(numOf);
  const events: WarningEvent[] = new Array<WarningEvent>(r.length);
  for (let i = 0; i < r.length; i++) {
    const rule = byId.get(String(ruleIds?.[i])) as WarningRule;
    const runs = runLists?.[i] ? (runLists[i] as string).split(',') : [];
    const e = {
      ruleId: rule.id,
      ruleName: rule.name,
      ruleVersion: rule.version,
      level: rule.level,
      status: String(statuses?.[i]) as WarningStatus,
      regionCode: String(regionCodes?.[i]),
      regionName: String(regionNames?.[i]),
      indicatorId: String(indicatorIds?.[i]),
      indicatorName: String(indicatorNames?.[i]),
      unit: units?.[i] ?? null,
      period: String(periods?.[i]),
      value: value?.(i) ?? null,
      benchmark: benchmark?.(i) ?? null,
      gap: gap?.(i) ?? null,
      rank: rnk?.(i) ?? null,
      of: n?.(i) ?? null,
      previousRank: rnkPrev?.(i) ?? null,
      yoy: yoy?.(i) ?? null,
      periods: runs,
      leaderId: leaderIds?.[i] ?? null,
      leaderName: leaderNames?.[i] ?? null,
    };
    events[i] = { ...e, message: messageOf(rule, e) };
  }
  return events;
}

/** The rules' events, every period (see the module comment); with params.period, computed from the periods it needs. */
export async function evaluateWarnings(db: Connector, rules: readonly WarningRule[], params: WarningsParams = {}): Promise<WarningsResult> {
  const table = `hj_warn_events_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const built = await buildWarningEvents(db, rules, params, table);
  let events: WarningEvent[];
  try {
    events = await readWarningEvents(db, built, params);
  } finally {
    if (built.table) await db.query(`DROP TABLE IF EXISTS ${built.table}`).catch(() => undefined);
  }
  return {
    rules: built.rules,
    periods: built.periods,
    events,
    counts: {
      red: events.filter((e) => e.level === '红线' && e.status !== '解除').length,
      yellow: events.filter((e) => e.level === '黄线' && e.status !== '解除').length,
      resolved: events.filter((e) => e.status === '解除').length,
    },
  };
}

/** The event's message from its rule's template (or a default sentence), numbers in the users' conventions. */
export function messageOf(rule: WarningRule, e: Omit<WarningEvent, 'message'>): string {
  const pct = e.unit === '%';
  const values: Record<string, string> = {
    region: e.regionName,
    period: periodLabelZh(e.period),
    indicator: e.indicatorName,
    unit: e.unit ?? '',
    value: formatValue(e.value, e.unit),
    benchmark: formatValue(e.benchmark, rule.condition.type === 'schedule_behind' ? '%' : e.unit),
    gap: e.gap === null ? '—' : rule.condition.type === 'gap' && rule.condition.measure === 'pct' ? `${formatValue(Math.abs(e.gap), '%')}%` : formatGap(Math.abs(e.gap), pct || rule.condition.type === 'schedule_behind' ? '%' : e.unit).replace(/^[+-]/, ''),
    rank: e.rank === null ? '—' : String(e.rank),
    n: e.of === null ? '—' : String(e.of),
    drop: e.rank !== null && e.previousRank !== null ? String(e.rank - e.previousRank) : '—',
    periods: String(e.periods.length || 1),
    completion: e.benchmark !== null && e.gap !== null && rule.condition.type === 'schedule_behind' ? formatValue(e.benchmark + e.gap, '%') : '—',
    leader: e.leaderName ?? '（空缺）',
  };
  if (e.status === '解除') return `${values.region}${values.period}${values.indicator}已不再触发“${rule.name}”，预警解除`;
  if (rule.message.trim()) return fillMessage(rule.message, values);
  return `${values.region}${values.period}${values.indicator}触发“${rule.name}”（${formatRank(e.rank)}）`;
}
