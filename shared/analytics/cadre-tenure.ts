/**
 * A 一把手's tenure as the region's record shows it: for each top-leader term (appointments with is_top_leader and a
 * region), the core indicators' value and rank at a base period and at the latest period in office, with the rank
 * movement over the tenure (前进/后退N位), the composite score's rank likewise, and the region's warnings before
 * and during the term. Ranks come from the heat-map and score modules (two calls each per term), warnings from one
 * evaluation of the rule set for all terms.
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { parsePeriod, type PeriodKind } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { heatmap } from './heatmap.js';
import { monthIndexSql, periodMonths } from './leaders.js';
import { score } from './score.js';
import type { WarningRule } from './warning-rules.js';
import { evaluateWarnings, type WarningEvent, type WarningsParams } from './warnings.js';
import { ymOf } from './cadre-adjustments.js';

/** Value and rank of the region in one period (rank among `of` regions of its level with a value). */
export interface RankAt {
  readonly period: string;
  readonly value: number | null;
  readonly rank: number | null;
  readonly of: number;
}

export interface TenureIndicator {
  readonly id: string;
  readonly name: string;
  readonly unit: string | null;
  readonly weight: number | null;
  readonly base: RankAt | null;
  readonly latest: RankAt | null;
  /** base rank − latest rank: > 0 前进, < 0 后退, 0 持平; null when either is missing. */
  readonly movement: number | null;
}

/** Warnings (not 解除) of the region in a span of periods. */
export interface WarningCounts {
  readonly periods: number;
  readonly red: number;
  readonly yellow: number;
}

export interface TenurePanel {
  readonly regionCode: string;
  readonly regionName: string;
  readonly level: RegionLevel | null;
  readonly postTitle: string | null;
  /** First and last month of the term (YYYY-MM; to null: in office). */
  readonly from: string;
  readonly to: string | null;
  /** The base of the movement: the last period before the start; when the data begin later, the first in office. */
  readonly basePeriod: string | null;
  readonly baseBeforeStart: boolean;
  /** The latest period in office with data. */
  readonly latestPeriod: string | null;
  readonly composite: TenureIndicator | null;
  readonly indicators: readonly TenureIndicator[];
  /** The region's warnings before and during the term; null when no rule set was given (not evaluated). */
  readonly warnings: { readonly before: WarningCounts; readonly during: WarningCounts; readonly events: readonly WarningEvent[] } | null;
}

export interface TenureOptions {
  /** The rule set to evaluate (the workspace's); absent: warnings are not evaluated (null), an empty set gives none. */
  readonly rules?: readonly WarningRule[];
  /** National values for gap rules against the national value (the 'views' document's `national`). */
  readonly national?: WarningsParams['national'];
  /** How many core indicators (largest catalogue weight first); default 8. */
  readonly maxIndicators?: number;
}

interface Term {
  regionCode: string;
  regionName: string;
  level: RegionLevel | null;
  postTitle: string | null;
  s: number;
  e: number | null;
}

/** The cadre's top-leader terms, in order of start. */
async function termsOf(db: Connector, cadreId: string): Promise<Term[]> {
  const r = await db.query(
    `SELECT a.region_code, coalesce(g.name, a.region_code) AS region_name, g.level, a.post_title,
       ${monthIndexSql('a.start_ym', false)} AS s, ${monthIndexSql('a.end_ym', true)} AS e
     FROM appointments a LEFT JOIN regions g ON g.region_code = a.region_code
     WHERE a.is_top_leader AND a.region_code IS NOT NULL AND ` +
      sql`a.cadre_id = ${cadreId}` +
      ` AND ${monthIndexSql('a.start_ym', false)} IS NOT NULL ORDER BY s`,
  );
  return r.rows.map((x) => ({
    regionCode: String(x.region_code),
    regionName: String(x.region_name),
    level: x.level === null ? null : (String(x.level) as RegionLevel),
    postTitle: x.post_title === null ? null : String(x.post_title),
    s: Number(x.s),
    e: x.e === null ? null : Number(x.e),
  }));
}

/** The periods of the most common kind among the values, ascending, with their months. */
async function periodSpans(db: Connector): Promise<{ period: string; first: number; last: number }[]> {
  const r = await db.query('SELECT DISTINCT CAST(period AS VARCHAR) AS period FROM indicator_values WHERE value IS NOT NULL ORDER BY 1');
  const all = r.rows.map((x) => String(x.period));
  const kinds = new Map<PeriodKind, number>();
  for (const p of all) {
    const k = parsePeriod(p)?.kind;
    if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  const kind = [...kinds].sort((a, b) => b[1] - a[1])[0]?.[0];
  return all.filter((p) => parsePeriod(p)?.kind === kind).map((p) => ({ period: p, ...(periodMonths(p) as { first: number; last: number }) }));
}

/** The core indicators: those with values in `periods`, largest catalogue weight first, then code. */
async function coreIndicators(db: Connector, max: number, periods: readonly string[]): Promise<{ id: string; name: string; unit: string | null; weight: number | null }[]> {
  const r = await db.query(
    sql`SELECT indicator_id, name, unit, weight FROM indicators
    WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM indicator_values WHERE period IN (${periods}) AND value IS NOT NULL)
    ORDER BY weight DESC NULLS LAST, indicator_id LIMIT ${max}`,
  );
  return r.rows.map((x) => ({ id: String(x.indicator_id), name: String(x.name), unit: x.unit === null ? null : String(x.unit), weight: x.weight === null ? null : Number(x.weight) }));
}

/** Per indicator id: the region's value and rank in the period, from the heat map of its level. */
async function ranksAt(db: Connector, level: RegionLevel, period: string, ids: readonly string[], region: string): Promise<Map<string, RankAt>> {
  const h = await heatmap(db, { level, period, indicators: ids });
  const m = h.matrix;
  const row = m.rowCodes.indexOf(region);
  const out = new Map<string, RankAt>();
  m.cols.forEach((id, c) => {
    let of = 0;
    for (let r = 0; r < m.rowCodes.length; r++) if (!Number.isNaN(m.values[r * m.cols.length + c] as number)) of++;
    const at = (a: Float64Array) => (row < 0 || Number.isNaN(a[row * m.cols.length + c] as number) ? null : (a[row * m.cols.length + c] as number));
    out.set(id, { period, value: at(m.values), rank: at(m.ranks), of });
  });
  return out;
}

/** The composite score's rank of the region in the period (score.ts with the catalogue's methods and weights). */
async function compositeAt(db: Connector, level: RegionLevel, period: string, region: string): Promise<RankAt> {
  const s = await score(db, { level, period });
  const row = s.rows.find((r) => r.regionCode === region);
  return { period, value: row?.composite ?? null, rank: row?.rank ?? null, of: s.rows.filter((r) => r.rank !== null).length };
}

const move = (a: RankAt | null, b: RankAt | null): number | null => (a?.rank != null && b?.rank != null ? a.rank - b.rank : null);

function counts(events: readonly WarningEvent[], periods: readonly string[]): WarningCounts {
  const set = new Set(periods);
  const xs = events.filter((e) => set.has(e.period));
  return { periods: periods.length, red: xs.filter((e) => e.level === '红线').length, yellow: xs.filter((e) => e.level === '黄线').length };
}

/** The tenure panels of a cadre's top-leader terms (empty when they never were a 一把手). */
export async function tenurePanels(db: Connector, cadreId: string, o: TenureOptions = {}): Promise<TenurePanel[]> {
  const terms = await termsOf(db, cadreId);
  if (!terms.length) return [];
  const spans = await periodSpans(db);
  const core = await coreIndicators(db, o.maxIndicators ?? 8, spans.map((p) => p.period));
  const regions = [...new Set(terms.map((t) => t.regionCode))];
  // One evaluation for every term (filtered to the one region when there is one).
  const evaluated = o.rules?.length ? (await evaluateWarnings(db, o.rules, { regionCode: regions.length === 1 ? regions[0] : null, resolved: false, national: o.national })).events : [];
  const out: TenurePanel[] = [];
  for (const t of terms) {
    const inOffice = spans.filter((p) => p.last >= t.s && (t.e === null || p.last <= t.e));
    const before = spans.filter((p) => p.last < t.s);
    const latest = inOffice.at(-1) ?? null;
    const base = before.at(-1) ?? inOffice[0] ?? null;
    const comparable = t.level !== null && t.level !== 'province' && latest !== null && base !== null;
    const ids = core.map((c) => c.id);
    const [b, l] = comparable ? await Promise.all([ranksAt(db, t.level as RegionLevel, base.period, ids, t.regionCode), ranksAt(db, t.level as RegionLevel, latest.period, ids, t.regionCode)]) : [new Map<string, RankAt>(), new Map<string, RankAt>()];
    const cb = comparable ? await compositeAt(db, t.level as RegionLevel, base.period, t.regionCode) : null;
    const cl = comparable ? await compositeAt(db, t.level as RegionLevel, latest.period, t.regionCode) : null;
    const mine = evaluated.filter((e) => e.regionCode === t.regionCode);
    const duringPeriods = inOffice.map((p) => p.period);
    out.push({
      regionCode: t.regionCode,
      regionName: t.regionName,
      level: t.level,
      postTitle: t.postTitle,
      from: ymOf(t.s) as string,
      to: ymOf(t.e),
      basePeriod: base?.period ?? null,
      baseBeforeStart: before.length > 0,
      latestPeriod: latest?.period ?? null,
      composite: comparable ? { id: 'composite', name: '综合得分', unit: null, weight: null, base: cb, latest: cl, movement: move(cb, cl) } : null,
      indicators: comparable ? core.map((c) => ({ ...c, base: b.get(c.id) ?? null, latest: l.get(c.id) ?? null, movement: move(b.get(c.id) ?? null, l.get(c.id) ?? null) })) : [],
      warnings: o.rules
        ? {
            before: counts(mine, before.map((p) => p.period)),
            during: counts(mine, duringPeriods),
            events: mine.filter((e) => duringPeriods.includes(e.period)),
          }
        : null,
    });
  }
  return out;
}
