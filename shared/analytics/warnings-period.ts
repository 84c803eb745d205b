/**
 * The warning engine's plan for the events of one period while the derived tables are current: what the 预警 view,
 * its prefetch, the packs and `warnings --period` ask. Same rules, same events, same evidence as the plan over every
 * period (warnings.ts, which the tests hold it to), in a few statements instead of five per rule:
 *
 * - per region level (and per composite scope), one grouped pass over the derived rows of the periods the rules
 *   reach back to: every rule's condition on each row, folded per indicator and region into a bit mask (bit t: the
 *   condition held t periods before the asked one; bit EVAL: the row is evaluated in the asked period). A run of n
 *   periods ending t back is n consecutive bits (mask & mask >> 1 & …), so runs, escalations over the rules' runs and
 *   the status against the previous period (新增, 持续, 解除) are integer arithmetic on one row per indicator and
 *   region; a missing period is a zero bit, so it breaks a run as it does in warnings.ts;
 * - the rank from the bottom (bottom N, ties sharing it) without a second window sort: a region is among the bottom N
 *   when its competition rank is at least the largest rank not above n − N + 1 of its ranking (one small grouped
 *   aggregate per ranking);
 * - integer keys (the derived ENUMs) throughout; text keys, names and the 一把手 only for the events.
 * At 24M indicator rows (3,000 counties × 200 indicators × 40 quarters) the plan over every period built a table of
 * every compared row per scope and per rule: 25 s for a quarter's 493k events. This plan: 1.9 s (docs/performance.md).
 */
import type { Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { indicatorKey, keys, periodKey } from './derived-readers.js';
import { leaderInOfficeSql } from './leaders.js';
import { isComposite, type WarningRule } from './warning-rules.js';
import { compositeRowsSql, conditionSql, escalationReads, nationalSql, periodsBehind, periodsOf, perSql, rowsBack, type ConditionColumns, type PeriodRow } from './warning-sql.js';

/** Bit of a rule's mask set when the row of the asked period is evaluated (in the rule's scope). */
const EVAL_BIT = 30;
/** Periods a mask can reach back (bits 0..MAX_BACK below EVAL_BIT). */
export const MAX_BACK = 29;
const HITS = (1 << EVAL_BIT) - 1;

/** Whether this plan answers: the derived tables are current and the rules reach back at most MAX_BACK periods. */
export function periodPlanApplies(db: Connector, ps: readonly PeriodRow[], period: string): boolean {
  const at = ps.find((p) => p.period === period);
  return derivedReady(db) && at !== undefined && ps.every((p) => at.ord - p.ord <= MAX_BACK);
}

const grouped = (r: WarningRule) => r.scope.byGroup || r.scope.group !== null;

/** A rule's inputs in a pass's row `a` (its own ranking: within the level, or within the 考核分组). */
const columnsOf =
  (r: WarningRule, a: string): ConditionColumns =>
  (n) => {
    const g = grouped(r) && ['rnk', 'n', 'mean', 'mean_yoy', 'rnk_prev'].includes(n) ? 'g_' : '';
    return `${a}.${g}${n}`;
  };

/** The row condition of a base rule on a pass's row `a` (rank from the bottom: against the ranking's threshold). */
function hitSql(r: WarningRule, a: string): string {
  const c = r.condition;
  if (c.type === 'rank_bottom') return `${a}.${grouped(r) ? 'g_rnk' : 'rnk'} >= ${a}.rs_${grouped(r) ? 'g' : 'l'}_${c.n}`;
  return conditionSql(r, columnsOf(r, a)).hit;
}

/** The runs mask of a hits mask: bit t set when the condition held the n periods ending t back. */
function runsSql(hits: string, n: number): string {
  return Array.from({ length: n }, (_, k) => (k ? `(${hits} >> ${k})` : hits)).join(' & ');
}

/** The bottom-N thresholds a pass's rules read: [ranking ('l' | 'g'), N]. */
const thresholdsOf = (rules: readonly WarningRule[]) => [
  ...new Set(rules.flatMap((r) => (r.condition.type === 'rank_bottom' ? [`${grouped(r) ? 'g' : 'l'}:${r.condition.n}`] : []))),
].map((k) => k.split(':') as ['l' | 'g', string]);

interface Pass {
  /** The base rules evaluated in this pass, by their index among every base rule. */
  readonly rules: readonly (readonly [number, WarningRule])[];
  /** The rows: ik, rk, t, value, yoy, target, dir, unit, basis, sched, the rankings' columns, sc_<i> per rule. */
  readonly rows: string;
  /** The rows of the asked period (t = 0) with what the events show: the evidence of every event. */
  readonly rowsNow: string;
  /** CTEs the rows read (before them, after per and nat). */
  readonly ctes: readonly string[];
  /** The rules whose scope narrows the pass's rows (sc_<i> not the literal true): their own EVAL bit. */
  readonly narrowed: ReadonlySet<number>;
}

/** The scope predicate of a rule on the catalogue `cat` (its indicators, its unit) and the regions `reg` (its group). */
function scopePredicates(r: WarningRule): { cat: string; reg: string } {
  const ids = r.scope.indicators.filter((i) => i !== 'composite');
  const cat = [ids.length ? sql`indicator_id IN (${ids})` : 'true', r.scope.unit ? sql`coalesce(unit, '') = ${r.scope.unit}` : 'true'].join(' AND ');
  return { cat, reg: r.scope.group !== null ? sql`coalesce(eval_group = ${r.scope.group}, false)` : 'true' };
}

/** A pass over the derived rows of one region level, for its rules on indicators. */
function derivedPass(level: string, rules: readonly (readonly [number, WarningRule])[], own: readonly PeriodRow[], at: PeriodRow): Pass {
  const rs = rules.map(([, r]) => r);
  const anyGroup = rs.some(grouped);
  const parent = rs.some((r) => r.condition.type === 'gap' && r.condition.benchmark === 'parent');
  const isNational = (r: WarningRule) => r.condition.type === 'gap' && r.condition.benchmark === 'national';
  const national = rs.some(isNational);
  const ids = rs.every((r) => r.scope.indicators.some((i) => i !== 'composite')) ? [...new Set(rs.flatMap((r) => r.scope.indicators.filter((i) => i !== 'composite')))] : null;
  // Each rule's scope as flags on the catalogue and the regions, only where it narrows (else the literal true).
  const scopes = rules.map(([i, r]) => ({ i, r, ...scopePredicates(r) }));
  const ci = scopes.filter((x) => x.cat !== 'true AND true');
  const cr = scopes.filter((x) => x.reg !== 'true');
  const scopeOf = (i: number, r: WarningRule) =>
    [ci.some((x) => x.i === i) ? `x.ci_${i}` : null, cr.some((x) => x.i === i) ? `r.cr_${i}` : null, isNational(r) ? 'na.value IS NOT NULL' : null].filter(Boolean).join(' AND ') || 'true';
  const cat = `cat AS (SELECT indicator_id AS iid, TRY_CAST(indicator_id AS hj_d_indicator) AS ik, CAST(direction AS DOUBLE) AS dir, unit, basis, CAST(target_value AS DOUBLE) AS tgt${ci
    .map((x) => `, ${x.cat} AS ci_${x.i}`)
    .join('')} FROM indicators)`;
  const reg = `reg AS (SELECT region_code AS rid, TRY_CAST(region_code AS hj_d_region) AS rk, parent_code, coalesce(eval_group, '') AS gk${cr.map((x) => `, ${x.reg} AS cr_${x.i}`).join('')} FROM regions)`;
  // t: periods back from the asked one; bit: 1 << t; ev0: the EVAL bit in the asked period.
  const pp = `pp AS (SELECT period, TRY_CAST(period AS hj_d_period) AS pk, ${at.ord} - ord AS t, CAST(1 AS INTEGER) << CAST(${at.ord} - ord AS INTEGER) AS bit, CASE WHEN ord = ${at.ord} THEN ${1 << EVAL_BIT} ELSE 0 END AS ev0, sched FROM per)`;
  const whereAt = (ps: readonly PeriodRow[]) =>
    `WHERE s.period IN (${keys(ps.map((p) => p.period), periodKey)})${ids ? ` AND s.indicator_id IN (${keys(ids, indicatorKey)})` : ''}` + sql` AND s.level = ${level} AND s.rnk IS NOT NULL`;
  const where = whereAt(own);
  // The bottom-N thresholds per ranking: the largest competition rank not above n − N + 1 (see the module comment).
  const ths = thresholdsOf(rs);
  const thl = ths.filter(([k]) => k === 'l');
  const thg = ths.filter(([k]) => k === 'g');
  const ctes = [cat, reg, pp];
  if (thl.length)
    ctes.push(
      `thl AS (SELECT s.indicator_id AS ik, s.period AS pk, ${thl.map(([, n]) => `max(s.rnk) FILTER (WHERE s.rnk <= st.n - ${n} + 1) AS rs_l_${n}`).join(', ')}
  FROM derived_scores s JOIN derived_stats st ON st.indicator_id = s.indicator_id AND st.period = s.period AND st.level = s.level
  ${where} GROUP BY ALL)`,
    );
  if (thg.length)
    ctes.push(
      `thg AS (SELECT s.indicator_id AS ik, s.period AS pk, r.gk, ${thg.map(([, n]) => `max(s.grnk) FILTER (WHERE s.grnk <= gs.n - ${n} + 1) AS rs_g_${n}`).join(', ')}
  FROM derived_scores s JOIN reg r ON r.rk = s.region_code
  JOIN derived_group_stats gs ON gs.indicator_id = s.indicator_id AND gs.period = s.period AND gs.level = s.level AND gs.eval_group = r.gk
  ${where} GROUP BY ALL)`,
    );
  // What a row joins once per indicator and period (the level's statistics, the catalogue, the period, the
  // thresholds) and once per indicator, period and group (the group's statistics and thresholds): small tables.
  ctes.push(
    `stx AS (SELECT st.indicator_id AS ik, st.period AS pk, st.n, st.mean, st.mean_yoy, i.iid, i.dir, i.unit, i.basis, i.tgt${ci.map((x) => `, i.ci_${x.i}`).join('')},
    p.period, p.t, p.bit, p.ev0, p.sched
  FROM derived_stats st JOIN cat i ON i.ik = st.indicator_id JOIN pp p ON p.pk = st.period` + sql`
  WHERE st.level = ${level})`,
  );
  if (anyGroup)
    ctes.push(
      `gsx AS (SELECT gs.indicator_id AS ik, gs.period AS pk, gs.eval_group AS gk, gs.n AS g_n, gs.mean AS g_mean, gs.mean_yoy AS g_mean_yoy
  FROM derived_group_stats gs` + sql`
  WHERE gs.level = ${level} AND gs.period IN (SELECT pk FROM pp))`,
    );
  // The same with the thresholds, for the rows of every period (the asked period's rows do not read them: joined
  // there, the thresholds' aggregate would run twice).
  ctes.push(`stxt AS (SELECT stx.*${thl.map(([, n]) => `, thl.rs_l_${n}`).join('')} FROM stx${thl.length ? ' LEFT JOIN thl ON thl.ik = stx.ik AND thl.pk = stx.pk' : ''})`);
  if (anyGroup) ctes.push(`gsxt AS (SELECT gsx.*${thg.map(([, n]) => `, thg.rs_g_${n}`).join('')} FROM gsx${thg.length ? ' LEFT JOIN thg ON thg.ik = gsx.ik AND thg.pk = gsx.pk AND thg.gk = gsx.gk' : ''})`);
  // now: the asked period's rows, with what the events show (no thresholds, no scope flags).
  const select = (now: boolean) => `
  SELECT s.indicator_id AS ik, s.region_code AS rk, x.t, x.bit, x.ev0, s.value, s.yoy, coalesce(s.annual_target, x.tgt) AS target, x.dir, x.unit, x.basis, x.sched,
    s.rnk, x.n, x.mean, x.mean_yoy, s.rnk_prev,
    ${anyGroup ? 's.grnk AS g_rnk, g.g_n, g.g_mean, g.g_mean_yoy, s.grnk_prev AS g_rnk_prev' : 'NULL::INTEGER AS g_rnk, NULL::INTEGER AS g_n, NULL::DOUBLE AS g_mean, NULL::DOUBLE AS g_mean_yoy, NULL::INTEGER AS g_rnk_prev'},
    ${national ? 'na.value' : 'NULL::DOUBLE'} AS nat, ${parent ? 'pa.value' : 'NULL::DOUBLE'} AS pa_value, ${parent ? 'pa.yoy_pct' : 'NULL::DOUBLE'} AS pa_yoy` +
    (now ? '' : `${thl.map(([, n]) => `, x.rs_l_${n}`).join('')}${thg.map(([, n]) => `, g.rs_g_${n}`).join('')}${rules.map(([i, r]) => `, ${scopeOf(i, r)} AS sc_${i}`).join('')}`) +
    `
  FROM derived_scores s
  JOIN ${now ? 'stx' : 'stxt'} x ON x.ik = s.indicator_id AND x.pk = s.period
  JOIN reg r ON r.rk = s.region_code
  ${anyGroup ? `JOIN ${now ? 'gsx' : 'gsxt'} g ON g.ik = s.indicator_id AND g.pk = s.period AND g.gk = r.gk` : ''}
  ${national ? 'LEFT JOIN nat na ON na.indicator_id = x.iid AND na.period = x.period' : ''}
  ${parent ? 'LEFT JOIN indicator_values pa ON pa.region_code = r.parent_code AND pa.indicator_id = x.iid AND pa.period = x.period' : ''}
  ${now ? whereAt([at]) : where}`;
  return { rules, rows: select(false), rowsNow: select(true), ctes, narrowed: new Set(rules.filter(([i, r]) => scopeOf(i, r) !== 'true').map(([i]) => i)) };
}

/** A pass over the composite of one scope (its own statements: score.ts), for the rules on it. */
async function compositePass(db: Connector, rules: readonly (readonly [number, WarningRule])[], own: readonly PeriodRow[], at: PeriodRow): Promise<Pass> {
  const first = rules[0]?.[1] as WarningRule;
  const byGroup = first.scope.byGroup;
  const w = `PARTITION BY period${byGroup ? ', grp' : ''}`;
  const ths = thresholdsOf(rules.map(([, r]) => r));
  const cx = `cx AS (${await compositeRowsSql(db, first, own)})`;
  const ranked = `cr AS (SELECT *, rank() OVER (${w} ORDER BY round(value * dir, 9) DESC) AS rnk, count(*) OVER (${w}) AS n, avg(value) OVER (${w}) AS mean, avg(yoy) OVER (${w}) AS mean_yoy FROM cx)`;
  // One ranking (the scope's): both sets of ranking columns are it.
  const rows = `
  SELECT c.indicator_id AS ik, c.region_code AS rk, ${at.ord} - c.ord AS t, CAST(1 AS INTEGER) << CAST(${at.ord} - c.ord AS INTEGER) AS bit,
    CASE WHEN c.ord = ${at.ord} THEN ${1 << EVAL_BIT} ELSE 0 END AS ev0, c.value, c.yoy, c.target, c.dir, c.unit, c.basis, c.sched,
    c.rnk, c.n, c.mean, c.mean_yoy, pv.rnk AS rnk_prev, c.rnk AS g_rnk, c.n AS g_n, c.mean AS g_mean, c.mean_yoy AS g_mean_yoy, pv.rnk AS g_rnk_prev,
    NULL::DOUBLE AS nat, NULL::DOUBLE AS pa_value, NULL::DOUBLE AS pa_yoy,
    ${ths.map(([k, n]) => `max(c.rnk) FILTER (WHERE c.rnk <= c.n - ${n} + 1) OVER (${w.replace('period', 'c.period').replace('grp', 'c.grp')}) AS rs_${k}_${n}`).join(', ') || 'NULL AS rs_none'},
    ${rules.map(([i]) => `true AS sc_${i}`).join(', ')}
  FROM cr c LEFT JOIN cr pv ON pv.region_code = c.region_code AND pv.kind = c.kind AND pv.ord = c.ord - 1`;
  return { rules, rows, rowsNow: `SELECT * FROM (${rows}) WHERE t = 0`, ctes: [cx, ranked], narrowed: new Set() };
}

/** Period labels of the n periods ending with the asked one (a fired event's run), comma-separated. */
function runLabels(ps: readonly PeriodRow[], at: PeriodRow, n: number): string {
  return ps
    .filter((p) => p.kind === at.kind && p.ord <= at.ord && p.ord > at.ord - n)
    .sort((a, b) => a.ord - b.ord)
    .map((p) => p.period)
    .join(',');
}

/**
 * One pass's statement, creating the events table or adding to it: the masks per indicator and region, the runs, the
 * escalations over the pass's sources, then the events of the asked period with the evidence of its row.
 */
function passSql(pass: Pass, esc: readonly (readonly [number, WarningRule])[], base: readonly WarningRule[], ps: readonly PeriodRow[], at: PeriodRow, head: readonly string[], into: { readonly table: string; readonly create: boolean }): string {
  const own = new Map(pass.rules.map(([i, r]) => [i, r]));
  // A rule's mask: its hits (bit t); a rule narrowing the rows also marks its own evaluation now (EVAL), the others
  // share m_ev.
  const masks = [
    'bit_or(y.ev0) AS m_ev',
    ...pass.rules.map(([i, r]) =>
      pass.narrowed.has(i)
        ? `bit_or(CASE WHEN y.sc_${i} THEN (CASE WHEN ${hitSql(r, 'y')} THEN y.bit ELSE 0 END) | y.ev0 ELSE 0 END) AS m_${i}`
        : `bit_or(CASE WHEN ${hitSql(r, 'y')} THEN y.bit ELSE 0 END) AS m_${i}`,
    ),
  ];
  const fired = pass.rules.map(([i, r]) => `${runsSql(`(m_${i} & ${HITS})`, periodsOf(r.condition))} AS f_${i}`);
  // Escalations: a source's runs, any source, then runs of the escalation's periods (sources outside the pass do not
  // fire on its indicators and regions).
  const escs = esc.map(([j, e]) => {
    const src = [...own.entries()].filter(([, r]) => escalationReads(e, r)).map(([i]) => i);
    const any = src.length ? src.map((i) => `f_${i}`).join(' | ') : '0';
    return { j, e, src, any };
  });
  const escCols = escs.map(({ j, e, any }) => `(${any}) AS m_${j}, ${runsSql(`(${any})`, periodsOf(e.condition))} AS f_${j}`);
  const isEsc = (i: number) => esc.some(([j]) => j === i);
  // An event now: the run fires now, or it fired the period before and the row is evaluated now (解除).
  const evaluated = (i: number) => (isEsc(i) ? `(m_${i} & 1) = 1` : pass.narrowed.has(i) ? `(m_${i} & ${1 << EVAL_BIT}) <> 0` : 'm_ev <> 0');
  const eventOf = (i: number) => `((f_${i} & 1) = 1 OR ((f_${i} & 2) = 2 AND ${evaluated(i)}))`;
  const anyEvent = [...pass.rules.map(([i]) => eventOf(i)), ...escs.map(({ j }) => eventOf(j))].join(' OR ') || 'false';
  const status = (i: number) => `CASE WHEN (f_${i} & 1) = 1 THEN (CASE WHEN (f_${i} & 2) = 2 THEN '持续' ELSE '新增' END) ELSE '解除' END`;
  const out = (i: number, r: WarningRule, cols: { benchmark: string; gap: string; rnk: string; n: string; rnkPrev: string }) =>
    sql`SELECT ${r.id} AS rule_id, ${r.level} AS level, ` +
    `CAST(e.ik AS VARCHAR) AS indicator_id, CAST(e.rk AS VARCHAR) AS region_code, ${sql`${at.period}`} AS period, ${status(i)} AS status, e.value, ${cols.benchmark} AS benchmark, ${cols.gap} AS gap, ` +
    `CAST(${cols.rnk} AS BIGINT) AS rnk, CAST(${cols.n} AS BIGINT) AS n, CAST(${cols.rnkPrev} AS BIGINT) AS rnk_prev, e.yoy, CASE WHEN (f_${i} & 1) = 1 THEN ${sql`${runLabels(ps, at, periodsOf(r.condition))}`} ELSE NULL END AS run_periods ` +
    `FROM ev e WHERE ${eventOf(i)}`;
  const unions = [
    ...pass.rules.map(([i, r]) => {
      const c = conditionSql(r, columnsOf(r, 'e'));
      const g = grouped(r) ? 'g_' : '';
      return out(i, r, { benchmark: c.benchmark, gap: `CAST(${c.gap} AS DOUBLE)`, rnk: `e.${g}rnk`, n: `e.${g}n`, rnkPrev: `e.${g}rnk_prev` });
    }),
    ...escs.map(({ j, e, src }) => {
      // The evidence of the best-ranked source firing now (the smaller comparison on a tie), as warnings.ts picks it.
      const by = (g: boolean) => src.filter((i) => grouped(base[i] as WarningRule) === g).map((i) => `f_${i}`).join(' | ') || '0';
      const lk = `CASE WHEN ((${by(false)}) & 1) = 1 THEN CAST(e.rnk AS BIGINT) * 1000000 + e.n END`;
      const gk = `CASE WHEN ((${by(true)}) & 1) = 1 THEN CAST(e.g_rnk AS BIGINT) * 1000000 + e.g_n END`;
      const useG = `(${gk} IS NOT NULL AND (${lk} IS NULL OR ${gk} < ${lk}))`;
      const pick = (l: string, g: string) => `CASE WHEN ${useG} THEN e.${g} WHEN ${lk} IS NOT NULL THEN e.${l} END`;
      return out(j, e, { benchmark: 'NULL::DOUBLE', gap: 'NULL::DOUBLE', rnk: pick('rnk', 'g_rnk'), n: pick('n', 'g_n'), rnkPrev: pick('rnk_prev', 'g_rnk_prev') });
    }),
  ];
  // The asked period's columns the events show (the rest, text among them, is not carried).
  const evidence = [...new Set([...unions.join(' ').matchAll(/\be\.([a-z_]+)/g)].map((x) => x[1] as string))].filter((c) => c !== 'ik' && c !== 'rk');
  return `${into.create ? `CREATE TEMP TABLE ${into.table} AS` : `INSERT INTO ${into.table} BY NAME`} WITH ${[...head, ...pass.ctes].join(',\n')},
y AS NOT MATERIALIZED (${pass.rows}),
m AS (SELECT y.ik, y.rk, ${masks.join(',\n  ')} FROM y GROUP BY y.ik, y.rk),
f AS (SELECT ik, rk, m_ev, ${pass.rules.map(([i]) => `m_${i}`).join(', ')}, ${fired.join(', ')} FROM m),
fe AS (SELECT *${escCols.length ? ', ' + escCols.join(', ') : ''} FROM f),
y0 AS (${pass.rowsNow}),
ev AS MATERIALIZED (SELECT fe.*${evidence.map((c) => `, y0.${c}`).join('')} FROM fe JOIN y0 ON y0.ik = fe.ik AND y0.rk = fe.rk WHERE ${anyEvent}),
evs AS (${unions.join('\nUNION ALL ')}),
lead AS (${leaderInOfficeSql(sql`SELECT period, first_m, last_m FROM per WHERE period = ${at.period}`)})
${EVENT_COLUMNS}`;
}

/**
 * The events table's columns (as warnings.ts writes them), names and the 一把手 joined on the events of `evs`. Text
 * columns, not ENUMs: the readers filter on rule, level and status with text literals, which DuckDB answers on an
 * ENUM column by casting every row.
 */
const EVENT_COLUMNS = `SELECT ev.rule_id, ev.level, ev.indicator_id, coalesce(i.name, CASE WHEN ev.indicator_id = 'composite' THEN '综合得分' ELSE ev.indicator_id END) AS indicator_name, i.unit,
  ev.region_code, coalesce(r.name, ev.region_code) AS region_name, ev.period, ev.status, ev.value, ev.benchmark, ev.gap, ev.rnk, ev.n, ev.rnk_prev, ev.yoy,
  ev.run_periods, l.leader_id, l.leader_name
FROM evs ev
LEFT JOIN indicators i ON i.indicator_id = ev.indicator_id
LEFT JOIN regions r ON r.region_code = ev.region_code
LEFT JOIN lead l ON l.region_code = ev.region_code AND l.period = ev.period`;

/**
 * The events of `period` into the engine table `table`, as buildWarningEvents (warnings.ts) makes them, by this
 * plan (see the module comment): one statement per pass, the first creating the table. `run` sends a statement (cancellable;
 * the caller drops the table when one fails).
 */
export async function buildPeriodEvents(
  db: Connector,
  active: readonly WarningRule[],
  o: { readonly period: string; readonly national: Parameters<typeof nationalSql>[0]; readonly all: readonly PeriodRow[] },
  run: (statement: string) => Promise<unknown>,
  table: string,
): Promise<boolean> {
  const at = o.all.find((p) => p.period === o.period) as PeriodRow;
  const base = active.filter((r) => r.condition.type !== 'escalation');
  const esc = active.filter((r) => r.condition.type === 'escalation').map((r, k) => [base.length + k, r] as const);
  // Passes: the indicator rules of each region level; the composite rules of each composite scope.
  const groups = new Map<string, (readonly [number, WarningRule])[]>();
  for (const [i, r] of base.entries()) {
    const key = isComposite(r) ? `c:${JSON.stringify(r.scope)}` : `d:${r.scope.level}`;
    groups.set(key, [...(groups.get(key) ?? []), [i, r] as const]);
  }
  // The first pass creates the events table, the others add theirs: each writes its events once, names joined.
  let k = 0;
  for (const [key, rules] of groups) {
    // The pass's own periods: as far back as its rules reach (an escalation's sources included).
    const own = periodsBehind(o.all, o.period, Math.max(...rules.map(([, r]) => rowsBack(r, active))));
    const pass = key.startsWith('c:') ? await compositePass(db, rules, own, at) : derivedPass((rules[0]?.[1] as WarningRule).scope.level, rules, own, at);
    await run(passSql(pass, esc, base, o.all, at, [`per AS (${perSql(own)})`, `nat AS (${nationalSql(o.national)})`], { table, create: k++ === 0 }));
  }
  if (!k) return false;
  return true;
}
