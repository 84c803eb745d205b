/**
 * 能上能下: cadres adjusted down (调整不适宜担任现职干部) and which of them were used again later, from appointments,
 * counted as the departments report them: 「2021年以来调整不适宜担任现职干部N人，其中重新使用M人」.
 *
 * Definitions (one SQL statement over appointments; months via leaders.ts monthIndexSql):
 * - An appointment's level: its post_level's place in POST_LEVELS (0 省部级正职 … 7 乡科级副职; short forms such as
 *   正处/副处级 read too), or NON_LEADING (100) when it is a non-leading 职级 post: post_level empty or itself a 职级, and
 *   the title (or post_level) a 职级 of RANK_LEVELS or containing 巡视员/调研员/主任科员. Appointments of any other
 *   level (unknown text, or no post_level and an ordinary title, as in older files) are left out, so they can
 *   neither make nor hide an adjustment.
 * - A cadre's standing at a month: their highest-level appointment in force then (start ≤ month ≤ end, or open);
 *   ties: the later start, then title. Concurrent posts therefore never count as a drop while the higher post is
 *   held; leaving the higher one while keeping a lower one does.
 * - Standings are read at every month where something changes for the cadre (each start, and the month after
 *   each end); months with no appointment in force (retired, left the roster) are skipped.
 * - An adjustment: two consecutive standings where the later level is lower than the earlier (a drop in 职务层次,
 *   or a leading post left for a non-leading 职级 post). Its date is the month of the later standing. Retirement
 *   (nothing follows) and a transfer at the same level are not adjustments. A cadre can be adjusted more than once.
 * - Re-used (重新使用): a later standing of the same cadre at a higher level than the one adjusted to (the first such).
 * - Counts: N = distinct cadres with an adjustment dated in the years asked, M = those of them with at least one
 *   such adjustment re-used (at any later date). By year and by unit (the org of the post left), each group counts
 *   its own cadres, so a cadre adjusted in two years counts in both years and once in the total.
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { POST_LEVELS, RANK_LEVELS } from '../model/vocab.js';
import { monthIndexSql } from './leaders.js';

/** The level of a non-leading 职级 post: below every 职务层次. */
export const NON_LEADING = 100;

/** Short forms of each 职务层次 met in rosters, in POST_LEVELS order. */
const LEVEL_SPELLINGS: readonly (readonly string[])[] = [
  ['正部', '正部级', '省部级正职'],
  ['副部', '副部级', '省部级副职'],
  ['正厅', '正厅级', '正局级', '厅局级正职'],
  ['副厅', '副厅级', '副局级', '厅局级副职'],
  ['正处', '正处级', '正县级', '县处级正职'],
  ['副处', '副处级', '副县级', '县处级副职'],
  ['正科', '正科级', '乡科级正职'],
  ['副科', '副科级', '乡科级副职'],
];

/** SQL: the level of an appointment (see the module comment), NULL when it cannot be placed. */
export function appointmentLevelSql(postLevel: string, title: string): string {
  const pl = `nullif(trim(coalesce(${postLevel}, '')), '')`;
  const t = `trim(coalesce(${title}, ''))`;
  const when = LEVEL_SPELLINGS.map((xs, i) => `WHEN ${pl} IN (${sql`${xs}`}) THEN ${i}`).join(' ');
  const rank = (x: string) => `(${x} IN (${sql`${[...RANK_LEVELS]}`}) OR regexp_matches(${x}, '巡视员|调研员|主任科员'))`;
  return `CASE ${when} WHEN (${pl} IS NULL AND ${rank(t)}) OR (${pl} IS NOT NULL AND ${rank(pl)}) THEN ${NON_LEADING} END`;
}

/** Serialisable parameters: saved views reuse them. */
export interface AdjustmentParams {
  /** First and last year of adjustment counted (inclusive); null: open. */
  readonly from?: number | null;
  readonly to?: number | null;
  /** Groups to count by (default year). */
  readonly by?: 'year' | 'unit';
}

/** One post as evidence: where, what, which level and when (YYYY-MM; end null: still held). */
export interface PostRef {
  readonly org: string | null;
  readonly title: string | null;
  readonly regionCode: string | null;
  /** The post_level as written; null for a 职级 post. */
  readonly postLevel: string | null;
  /** 0 省部级正职 … 7 乡科级副职, NON_LEADING for a 职级 post. */
  readonly level: number;
  readonly start: string | null;
  readonly end: string | null;
}

export interface AdjustmentCase {
  readonly cadreId: string;
  readonly name: string;
  /** Month of the adjustment (YYYY-MM) and its year. */
  readonly date: string;
  readonly year: number;
  /** 职务层次下降, or 改任非领导职务 (a leading post left for a 职级 post). */
  readonly kind: '职务层次下降' | '改任非领导职务';
  readonly from: PostRef;
  readonly to: PostRef;
  /** The first later post above the level adjusted to; null: not (yet) re-used. */
  readonly reused: PostRef | null;
}

export interface AdjustmentGroup {
  /** The year (as text) or the unit (org of the post left; 未填单位 when empty). */
  readonly key: string;
  readonly cases: number;
  readonly people: number;
  readonly reused: number;
}

export interface AdjustmentsResult {
  readonly params: AdjustmentParams;
  /** Distinct cadres adjusted (N), of them re-used (M), and adjustments (a cadre may have several). */
  readonly total: { readonly people: number; readonly reused: number; readonly cases: number };
  readonly groups: readonly AdjustmentGroup[];
  /** Latest first. */
  readonly cases: readonly AdjustmentCase[];
  /** 「2021年以来调整不适宜担任现职干部N人，其中重新使用M人」 from the numbers. */
  readonly sentence: string;
}

const POST_COLS = ['org_name', 'post_title', 'region_code', 'post_level', 'lv', 's', 'e'] as const;

/** Every adjustment of every cadre (no year filter), with the post left, the post taken and the re-use. */
export function adjustmentsSql(): string {
  const sel = (alias: string, prefix: string) => POST_COLS.map((c) => `${alias}.${c} AS ${prefix}_${c}`).join(', ');
  return `
WITH k AS (
  SELECT * FROM (
    SELECT cadre_id, org_name, post_title, region_code, post_level,
      ${appointmentLevelSql('post_level', 'post_title')} AS lv,
      ${monthIndexSql('start_ym', false)} AS s, ${monthIndexSql('end_ym', true)} AS e
    FROM appointments WHERE cadre_id IS NOT NULL
  ) WHERE s IS NOT NULL AND lv IS NOT NULL
),
steps AS (SELECT cadre_id, s AS m FROM k UNION SELECT cadre_id, e + 1 AS m FROM k WHERE e IS NOT NULL),
standing AS (
  SELECT * EXCLUDE (r) FROM (
    SELECT st.cadre_id, st.m, k.org_name, k.post_title, k.region_code, k.post_level, k.lv, k.s, k.e,
      row_number() OVER (PARTITION BY st.cadre_id, st.m ORDER BY k.lv, k.s DESC, k.post_title, k.org_name) AS r
    FROM steps st JOIN k ON k.cadre_id = st.cadre_id AND k.s <= st.m AND (k.e IS NULL OR k.e >= st.m)
  ) WHERE r = 1
),
seq AS (
  SELECT cur.*, lag(m) OVER w AS pm FROM standing cur WINDOW w AS (PARTITION BY cadre_id ORDER BY m)
),
adj AS (
  SELECT ${sel('t', 'to')}, t.cadre_id, t.m, ${sel('f', 'fr')}
  FROM seq t JOIN standing f ON f.cadre_id = t.cadre_id AND f.m = t.pm
  WHERE t.lv > f.lv
),
reuse AS (
  SELECT a.cadre_id, a.m, min(q.m) AS rm FROM adj a JOIN standing q ON q.cadre_id = a.cadre_id AND q.m > a.m AND q.lv < a.to_lv
  GROUP BY a.cadre_id, a.m
)
SELECT a.*, coalesce(c.name, a.cadre_id) AS name, ${sel('q', 'ru')}
FROM adj a
LEFT JOIN cadres c ON c.cadre_id = a.cadre_id
LEFT JOIN reuse u ON u.cadre_id = a.cadre_id AND u.m = a.m
LEFT JOIN standing q ON q.cadre_id = u.cadre_id AND q.m = u.rm
ORDER BY a.m DESC, a.cadre_id`;
}

/** A month number (year × 12 + month − 1) as YYYY-MM. */
export function ymOf(m: number | null): string | null {
  return m === null ? null : `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function postOf(r: Record<string, unknown>, p: string): PostRef | null {
  if (r[`${p}_lv`] === null || r[`${p}_lv`] === undefined) return null;
  return {
    org: str(r[`${p}_org_name`]),
    title: str(r[`${p}_post_title`]),
    regionCode: str(r[`${p}_region_code`]),
    postLevel: str(r[`${p}_post_level`]),
    level: Number(r[`${p}_lv`]),
    start: ymOf(num(r[`${p}_s`])),
    end: ymOf(num(r[`${p}_e`])),
  };
}

/** Count cases by a key: cases, distinct cadres, distinct cadres re-used. */
export function groupCases(cases: readonly AdjustmentCase[], key: (c: AdjustmentCase) => string): AdjustmentGroup[] {
  const groups = new Map<string, AdjustmentCase[]>();
  for (const c of cases) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return [...groups].map(([k, cs]) => ({
    key: k,
    cases: cs.length,
    people: new Set(cs.map((c) => c.cadreId)).size,
    reused: new Set(cs.filter((c) => c.reused).map((c) => c.cadreId)).size,
  }));
}

/** The reporting sentence for the years asked. */
export function adjustmentSentence(p: AdjustmentParams, people: number, reused: number): string {
  const span = p.from && p.to ? `${p.from}年至${p.to}年，` : p.from ? `${p.from}年以来` : p.to ? `截至${p.to}年，` : '';
  return `${span}调整不适宜担任现职干部${people}人，其中重新使用${reused}人`;
}

/** 能上能下 over the appointments (see the module comment). */
export async function cadreAdjustments(db: Connector, params: AdjustmentParams = {}): Promise<AdjustmentsResult> {
  const rows = (await db.query(adjustmentsSql())).rows;
  const all: AdjustmentCase[] = rows.map((r) => {
    const from = postOf(r, 'fr') as PostRef;
    const to = postOf(r, 'to') as PostRef;
    const m = Number(r.m);
    return {
      cadreId: String(r.cadre_id),
      name: String(r.name),
      date: ymOf(m) as string,
      year: Math.floor(m / 12),
      kind: to.level === NON_LEADING && from.level < NON_LEADING ? '改任非领导职务' : '职务层次下降',
      from,
      to,
      reused: postOf(r, 'ru'),
    };
  });
  const cases = all.filter((c) => (params.from == null || c.year >= params.from) && (params.to == null || c.year <= params.to));
  const by = params.by ?? 'year';
  const groups = groupCases(cases, (c) => (by === 'year' ? String(c.year) : c.from.org || '未填单位')).sort((a, b) =>
    by === 'year' ? a.key.localeCompare(b.key) : b.people - a.people || a.key.localeCompare(b.key, 'zh-CN'),
  );
  const [total] = groupCases(cases, () => '');
  const people = total?.people ?? 0;
  const reused = total?.reused ?? 0;
  return { params, total: { people, reused, cases: cases.length }, groups, cases, sentence: adjustmentSentence(params, people, reused) };
}

/** The name of a level number: the 职务层次, or 职级（非领导职务）. */
export function levelName(level: number): string {
  return level === NON_LEADING ? '职级（非领导职务）' : (POST_LEVELS[level] ?? '');
}
