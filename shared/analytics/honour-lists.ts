/**
 * 红黄榜, the data behind the lists: for every period at once, each region of the level with its catalogue
 * composite (score.ts compositeSeries, the same composite the warning rules read), its competition rank overall and
 * in its 考核分组, its rank from the bottom (ties sharing it, as the warning engine's rank_bottom), the 一把手 in office
 * at the period's end (leaders.ts), and the warnings in force (新增/持续) that the policy counts; each cadre's
 * records (负面清单/提醒/函询/诫勉) dated within the period; and the lists imported into the honour_lists table. Ranks,
 * leaders and record counts are one SQL statement each; only the few hundred result rows are shaped in JS. The
 * lists themselves are built from these (honour-lists-build.ts).
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { parsePeriod, periodEndDate } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { LIST_TYPES, type ListType } from '../model/vocab.js';
import type { ListEntry, ListPolicy } from '../workspace/honour-lists.js';
import { leaderInOfficeSql, periodMonths } from './leaders.js';
import { compositeSeries } from './score.js';
import { isComposite, type WarningRule } from './warning-rules.js';
import { evaluateWarnings, type WarningsParams } from './warnings.js';

/** One region in one period: where it stands and what is in force against it. */
export interface RegionStanding {
  readonly regionCode: string;
  readonly name: string;
  readonly group: string | null;
  readonly composite: number | null;
  /** Competition rank best first (null: no composite), of `of` ranked regions; in the 考核分组 likewise. */
  readonly rank: number | null;
  readonly of: number;
  readonly groupRank: number | null;
  readonly groupOf: number;
  /** Rank from the bottom, ties sharing it (1 = last place). */
  readonly bottomRank: number | null;
  /** How many regions share the rank (1: not tied). */
  readonly tied: number;
  readonly leaderId: string | null;
  readonly leaderName: string | null;
  /** The names of the counted 红线 / 黄线 warnings in force (one per event). */
  readonly red: readonly string[];
  readonly yellow: readonly string[];
}

/** A cadre's records dated within the period. */
export interface CadreRecordCount {
  readonly cadreId: string;
  readonly name: string;
  readonly post: string | null;
  readonly negative: number;
  readonly reminders: number;
  readonly inquiries: number;
  readonly admonitions: number;
  /** The 负面清单 categories, as written. */
  readonly categories: readonly string[];
}

export interface PeriodData {
  readonly period: string;
  /** False when no region of the level has a composite in the period (a missing period). */
  readonly hasData: boolean;
  /** Ranked regions first (best first), then the regions without a composite. */
  readonly standings: readonly RegionStanding[];
  readonly records: readonly CadreRecordCount[];
}

export interface HonourData {
  readonly level: RegionLevel;
  readonly periods: ReadonlyMap<string, PeriodData>;
  /** Lists imported into honour_lists (kept before Hengjian), by period: published versions of source 导入. */
  readonly imported: ReadonlyMap<string, readonly ListEntry[]>;
}

const perSql = (periods: readonly string[]) => {
  const rows = periods.flatMap((p) => {
    const m = periodMonths(p);
    const parsed = parsePeriod(p);
    if (!m || !parsed) return [];
    const start = `${Math.floor(m.first / 12)}-${String((m.first % 12) + 1).padStart(2, '0')}-01`;
    return [sql`(${p}, ${m.first}, ${m.last}, ` + `DATE ${sql`${start}`}, DATE ${sql`${periodEndDate(p)}`})`];
  });
  return rows.length
    ? `SELECT * FROM (VALUES ${rows.join(', ')}) t(period, first_m, last_m, start_date, end_date)`
    : 'SELECT NULL::VARCHAR AS period, 0 AS first_m, 0 AS last_m, NULL::DATE AS start_date, NULL::DATE AS end_date WHERE false';
};

/** Three text constants split in the engine (as warnings.ts hands composites in): cheaper than thousands of literals. */
const splitCol = (xs: readonly string[]) => `unnest(string_split(${sql`${xs.join(',')}`}, ','))`;

/**
 * Per period and region of the level valid at the period's end: the composite, ranks overall and in the group,
 * the rank from the bottom with ties sharing it (n − (rank + tied − 1) + 1), and the 一把手 in office.
 */
export function standingsSql(level: RegionLevel, periods: readonly string[], c: { period: readonly string[]; regionCode: readonly string[]; composite: readonly number[] }): string {
  const comp = c.period.length
    ? `SELECT ${splitCol(c.period)} AS period, ${splitCol(c.regionCode)} AS region_code, CAST(${splitCol(c.composite.map(String))} AS DOUBLE) AS value`
    : 'SELECT NULL::VARCHAR AS period, NULL::VARCHAR AS region_code, NULL::DOUBLE AS value WHERE false';
  return (
    `WITH per AS (${perSql(periods)}),
comp AS (${comp}),
reg AS (
  SELECT p.period, r.region_code, r.name, r.eval_group FROM regions r JOIN per p` +
    sql` ON r.level = ${level}` +
    ` AND (r.valid_from IS NULL OR r.valid_from <= p.end_date) AND (r.valid_to IS NULL OR r.valid_to >= p.end_date)
),
ranked AS (
  SELECT c.period, c.region_code, c.value,
    rank() OVER (PARTITION BY c.period ORDER BY round(c.value, 9) DESC) AS rnk,
    count(*) OVER (PARTITION BY c.period) AS n,
    rank() OVER (PARTITION BY c.period, g.eval_group ORDER BY round(c.value, 9) DESC) AS grnk,
    count(*) OVER (PARTITION BY c.period, g.eval_group) AS gn
  FROM comp c JOIN reg g ON g.period = c.period AND g.region_code = c.region_code
),
tied AS (SELECT *, count(*) OVER (PARTITION BY period, rnk) AS t FROM ranked),
lead AS (${leaderInOfficeSql('SELECT period, first_m, last_m FROM per')})
SELECT g.period, g.region_code, g.name, g.eval_group, k.value AS composite, k.rnk, k.n, k.grnk, k.gn, k.n - (k.rnk + k.t - 1) + 1 AS rrk, k.t,
  l.leader_id, l.leader_name
FROM reg g LEFT JOIN tied k ON k.period = g.period AND k.region_code = g.region_code
LEFT JOIN lead l ON l.period = g.period AND l.region_code = g.region_code
ORDER BY g.period, k.rnk NULLS LAST, g.region_code`
  );
}

/** Per period and cadre: the records dated within the period, counted by kind (一线考核 is not counted for lists). */
export function recordsSql(periods: readonly string[]): string {
  return `WITH per AS (${perSql(periods)})
SELECT p.period, r.cadre_id, any_value(coalesce(c.name, r.cadre_id)) AS name, any_value(c.current_post) AS post,
  count(*) FILTER (WHERE r.kind = '负面清单') AS neg, count(*) FILTER (WHERE r.kind = '提醒') AS rem,
  count(*) FILTER (WHERE r.kind = '函询') AS inq, count(*) FILTER (WHERE r.kind = '诫勉') AS adm,
  array_to_string(list_sort(list(DISTINCT r.category) FILTER (WHERE r.kind = '负面清单' AND r.category IS NOT NULL)), '、') AS cats
FROM cadre_records r JOIN per p ON r.record_date BETWEEN p.start_date AND p.end_date
LEFT JOIN cadres c ON c.cadre_id = r.cadre_id
WHERE r.kind IN ('负面清单', '提醒', '函询', '诫勉')
GROUP BY p.period, r.cadre_id
ORDER BY p.period, r.cadre_id`;
}

/** The imported lists (honour_lists) with names; regions of another level left out. */
export function importedSql(level: RegionLevel): string {
  return (
    `SELECT h.period, h.list_type, h.region_code, h.cadre_id, h.basis, h.rank, h.reason, r.name AS region_name, c.name AS cadre_name
FROM honour_lists h LEFT JOIN regions r ON r.region_code = h.region_code LEFT JOIN cadres c ON c.cadre_id = h.cadre_id
WHERE h.period IS NOT NULL AND (h.cadre_id IS NOT NULL OR ` +
    sql`r.level = ${level})` +
    `
ORDER BY h.period, h.list_type, h.rank NULLS LAST, coalesce(h.region_code, h.cadre_id)`
  );
}

/** The rules whose warnings the policy counts: on the 综合得分 only (with the escalations over them), or all. */
export function countedRules(rules: readonly WarningRule[], policy: ListPolicy): WarningRule[] {
  return rules.filter((r) => r.enabled && (policy.warnings === 'all' || isComposite(r) || r.condition.type === 'escalation'));
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : Number(v));

/** Everything the lists of `periods` need (see the module comment), in a handful of statements. */
export async function honourData(db: Connector, p: { level: RegionLevel; periods: readonly string[]; policy: ListPolicy; rules: readonly WarningRule[]; national?: WarningsParams['national'] }): Promise<HonourData> {
  const periods = [...new Set(p.periods.filter((x) => periodMonths(x) !== null))].sort();
  const composites = await compositeSeries(db, { level: p.level }, periods);
  const rules = countedRules(p.rules, p.policy);
  // Every period is evaluated anyway (runs and statuses need them); events of other levels drop out below, as they
  // name no region of this level.
  const events = rules.length ? (await evaluateWarnings(db, rules, { resolved: false, national: p.national })).events : [];
  const counted = new Map<string, { red: string[]; yellow: string[] }>();
  for (const e of events) {
    if (p.policy.warnings === 'composite' && e.indicatorId !== 'composite') continue;
    const key = `${e.period}|${e.regionCode}`;
    const c = counted.get(key) ?? { red: [], yellow: [] };
    (e.level === '红线' ? c.red : c.yellow).push(e.indicatorId === 'composite' ? e.ruleName : `${e.ruleName}（${e.indicatorName}）`);
    counted.set(key, c);
  }
  const byPeriod = new Map<string, { standings: RegionStanding[]; records: CadreRecordCount[] }>(periods.map((x) => [x, { standings: [], records: [] }]));
  for (const x of periods.length ? (await db.query(standingsSql(p.level, periods, composites))).rows : []) {
    const period = String(x.period);
    const w = counted.get(`${period}|${String(x.region_code)}`);
    byPeriod.get(period)?.standings.push({
      regionCode: String(x.region_code),
      name: String(x.name ?? x.region_code),
      group: str(x.eval_group),
      composite: num(x.composite),
      rank: num(x.rnk),
      of: num(x.n) ?? 0,
      groupRank: num(x.grnk),
      groupOf: num(x.gn) ?? 0,
      bottomRank: num(x.rrk),
      tied: num(x.t) ?? 1,
      leaderId: str(x.leader_id),
      leaderName: str(x.leader_name),
      red: w?.red ?? [],
      yellow: w?.yellow ?? [],
    });
  }
  for (const x of periods.length ? (await db.query(recordsSql(periods))).rows : []) {
    byPeriod.get(String(x.period))?.records.push({
      cadreId: String(x.cadre_id),
      name: String(x.name),
      post: str(x.post),
      negative: Number(x.neg),
      reminders: Number(x.rem),
      inquiries: Number(x.inq),
      admonitions: Number(x.adm),
      categories: str(x.cats)?.split('、').filter(Boolean) ?? [],
    });
  }
  const imported = new Map<string, ListEntry[]>();
  for (const x of (await db.query(importedSql(p.level))).rows) {
    const listType = String(x.list_type).trim();
    if (!(LIST_TYPES as readonly string[]).includes(listType)) continue;
    const cadre = str(x.cadre_id);
    const region = str(x.region_code);
    const e: ListEntry = {
      listType: listType as ListType,
      subject: cadre ? 'cadre' : 'region',
      id: (cadre ?? region) as string,
      name: cadre ? (str(x.cadre_name) ?? cadre) : (str(x.region_name) ?? (region as string)),
      regionCode: cadre ? region : null,
      regionName: cadre ? str(x.region_name) : null,
      basis: str(x.basis) ?? '导入',
      rank: num(x.rank),
      reason: str(x.reason) ?? '',
      manual: false,
    };
    const period = String(x.period);
    imported.set(period, [...(imported.get(period) ?? []), e]);
  }
  const out = new Map<string, PeriodData>();
  for (const [period, d] of byPeriod) out.set(period, { period, hasData: d.standings.some((s) => s.rank !== null), standings: d.standings, records: d.records });
  return { level: p.level, periods: out, imported };
}
