/**
 * One row per cadre with what the roster filters on and the structure statistics count, at a reference date the
 * user picks (never "today"): age, age band, years in post, education and party categories, unit and region,
 * retirement month. Shared by roster.ts (filter, search, page) and cadre-structure.ts (counts), so both read the
 * same rules:
 *
 * - Age (周岁) at the reference date: a birthday counts as reached ON its day. With the day known (YYYYMMDD,
 *   YYYY-MM-DD) it is used; with the month only (YYYY-MM, YYYYMM, YYYY.MM) the birthday counts as reached from the
 *   first day of that month; with the year only ("1970") as reached from 1 January (the month taken as January, as
 *   monthIndexSql reads a bare year). Born 1990-06 → 35 on any day of 2025-06, so not "under 35". No readable
 *   year → age 未知 (counted, never dropped).
 * - Years in post: whole months from current_post_since to the reference month; bands [0,1) [1,3) [3,5) [5,∞) years;
 *   missing, unreadable or later than the reference month → 未知.
 * - Unit: org_name of the cadre's open appointment (no end_ym; the latest start when several), else the organisation
 *   read from current_post (its text up to the first 委员会/常委会/政府/政协/委/局/厅/院/部/办/乡/镇/街道), else 未知.
 *   Region: region_code of that appointment, named from regions; none → 未知.
 * - Retirement: the month the cadre reaches the base retirement age of their gender (a parameter), plus, unless
 *   turned off, the delay of the 2025 progressive reform (全国人大常委会关于实施渐进式延迟法定退休年龄的决定):
 *   base 60 born from 1965-01 and base 55 born from 1970-01: +1 month per 4 months of birth, at most 36; base 50
 *   born from 1975-01: +1 month per 2 months, at most 60; other base ages: no delay. Month precision.
 * - In the roster at the date: cadres whose work_start_ym is after the reference month are left out (counted).
 */
import type { Connector } from '../db/connector.js';
import { derivedGeneration } from '../db/derived-state.js';
import { quoteIdent, sql } from '../db/sql.js';
import { POST_LEVELS } from '../model/vocab.js';
import { parsePeriod, periodEndDate } from '../model/period.js';
import { dayOfMonthSql, monthIndexSql } from './leaders.js';

const periodEndDateOrNull = (period: string) => (parsePeriod(period) ? periodEndDate(period) : null);

/** Base retirement ages by gender and whether the 2025 reform's delay applies. */
export interface RetirementRule {
  readonly male: number;
  readonly female: number;
  readonly reform: boolean;
}

/** The stated default: 60 for men and women alike, with the 2025 reform; female cadres retiring at 55 are a parameter. */
export const DEFAULT_RETIREMENT: RetirementRule = { male: 60, female: 60, reform: true };

export interface FactsParams {
  /** The reference date, YYYY-MM-DD. */
  readonly date: string;
  readonly retirement?: RetirementRule;
}

/** Age bands (周岁), aligned with the 35 and 40 thresholds: "under 35" is the first two bands. */
export const AGE_BANDS = ['30岁以下', '30–34岁', '35–39岁', '40–44岁', '45–49岁', '50–54岁', '55–59岁', '60岁及以上', '未知'] as const;
/** Years in the current post: [0,1) [1,3) [3,5) [5,∞). */
export const POST_BANDS = ['不满1年', '1–3年', '3–5年', '5年及以上', '未知'] as const;
export const EDU_LEVELS = ['研究生', '大学', '大专', '中专及以下'] as const;
export const DEGREES = ['博士', '硕士', '学士'] as const;

/** A YYYY-MM-DD date as year, month number (year × 12 + month − 1) and day; null when it is not a real date. */
export function parseReferenceDate(date: string): { month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const real = new Date(Date.UTC(y, mo - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== mo - 1 || real.getUTCDate() !== d) return null;
  return { month: y * 12 + mo - 1, day: d };
}

/** The checked reference date, or an error naming it (Chinese, shown to the user). */
export function referenceDate(date: string): { month: number; day: number } {
  const r = parseReferenceDate(date);
  if (!r) throw new Error(`基准日期应为 YYYY-MM-DD 格式的有效日期：${date}`);
  return r;
}

function checkAge(age: number): number {
  if (!Number.isInteger(age) || age < 40 || age > 80) throw new Error(`退休年龄应为40～80之间的整数：${age}`);
  return age;
}

const blank = (x: string) => `nullif(trim(CAST(${x} AS VARCHAR)), '')`;

/** The education level of a 学历 text: 研究生 / 大学 / 大专 / 中专及以下, NULL when empty. */
function eduSql(x: string): string {
  const v = blank(x);
  return `CASE WHEN ${v} IS NULL OR ${v} IN ('无', '—', '/', '-') THEN NULL
    WHEN ${v} SIMILAR TO '.*(研究生|博士|硕士).*' THEN '研究生'
    WHEN ${v} SIMILAR TO '.*(专科|大专).*' THEN '大专'
    WHEN ${v} SIMILAR TO '.*(大学|本科).*' THEN '大学' ELSE '中专及以下' END`;
}

/** The degree of a 学位 text: 博士 / 硕士 / 学士 / 其他, NULL when empty. */
function degreeSql(x: string): string {
  const v = blank(x);
  return `CASE WHEN ${v} IS NULL OR ${v} IN ('无', '—', '/', '-') THEN NULL WHEN ${v} LIKE '%博士%' THEN '博士'
    WHEN ${v} LIKE '%硕士%' THEN '硕士' WHEN ${v} LIKE '%学士%' THEN '学士' ELSE '其他' END`;
}

const UNIT_IN_POST = `'^(.*?(?:委员会|常委会|政府|政协|委|局|厅|院|部|办|乡|镇|街道))'`;

/** The retirement month number of a birth month `b` for base age `base` (see the module comment). */
function retireMonthSql(b: string, base: string, reform: boolean): string {
  const delay = reform
    ? `CASE WHEN ${base} = 60 AND ${b} >= ${1965 * 12} THEN least(36, (${b} - ${1965 * 12}) // 4 + 1)
        WHEN ${base} = 55 AND ${b} >= ${1970 * 12} THEN least(36, (${b} - ${1970 * 12}) // 4 + 1)
        WHEN ${base} = 50 AND ${b} >= ${1975 * 12} THEN least(60, (${b} - ${1975 * 12}) // 2 + 1) ELSE 0 END`
    : '0';
  return `${b} + ${base} * 12 + ${delay}`;
}

/**
 * The per-cadre facts at the reference date (see the module comment): a SELECT with columns cadre_id, name,
 * gender, ethnicity, party, birth_ym, id_no, current_post, post_level, rank_level, current_post_since, ft_edu,
 * ft_degree, is_edu, is_degree, unit, region_code, region_name, age, age_band, post_months, post_band, ft_edu_cat,
 * is_edu_cat, top_edu_cat, ft_degree_cat, is_degree_cat, gender_cat, ethnicity_cat, party_cat, retire_m, level_rank,
 * working (false: started work after the reference month).
 */
export function cadreFactsSql(p: FactsParams): string {
  const ref = referenceDate(p.date);
  const r = p.retirement ?? DEFAULT_RETIREMENT;
  const [male, female] = [checkAge(r.male), checkAge(r.female)];
  const levels = sql`${POST_LEVELS.slice()}`;
  return `
WITH cur AS (
  SELECT cadre_id, org_name, region_code FROM (
    SELECT cadre_id, org_name, CAST(region_code AS VARCHAR) AS region_code,
      row_number() OVER (PARTITION BY cadre_id ORDER BY ${monthIndexSql('start_ym', false)} DESC NULLS LAST, org_name) AS k
    FROM appointments WHERE ${blank('end_ym')} IS NULL
  ) WHERE k = 1
), base AS (
  SELECT c.*, ${monthIndexSql('c.birth_ym', false)} AS b, ${dayOfMonthSql('c.birth_ym')} AS bd,
    ${monthIndexSql('c.current_post_since', false)} AS ps, ${monthIndexSql('c.work_start_ym', false)} AS ws,
    coalesce(${blank('a.org_name')}, nullif(regexp_extract(c.current_post, ${UNIT_IN_POST}, 1), ''), '未知') AS unit,
    a.region_code AS region_code, coalesce(g.name, a.region_code, '未知') AS region_name,
    CASE WHEN ${blank('c.gender')} LIKE '男%' THEN '男' WHEN ${blank('c.gender')} LIKE '女%' THEN '女' ELSE '未知' END AS gender_cat,
    ${eduSql('c.ft_edu')} AS ft_e, ${eduSql('c.is_edu')} AS is_e
  FROM cadres c LEFT JOIN cur a ON a.cadre_id = c.cadre_id LEFT JOIN regions g ON CAST(g.region_code AS VARCHAR) = a.region_code
), aged AS (
  SELECT *, CASE WHEN b IS NULL OR b > ${ref.month} THEN NULL
      ELSE (${ref.month} - b) // 12 - CASE WHEN (${ref.month} - b) % 12 = 0 AND bd IS NOT NULL AND ${ref.day} < bd THEN 1 ELSE 0 END END AS age,
    CASE WHEN ps IS NULL OR ps > ${ref.month} THEN NULL ELSE ${ref.month} - ps END AS post_months
  FROM base
)
SELECT cadre_id, name, gender, ethnicity, party, birth_ym, id_no, current_post, post_level, rank_level, current_post_since,
  ft_edu, ft_degree, is_edu, is_degree, unit, region_code, region_name, age,
  CASE WHEN age IS NULL THEN '未知' WHEN age < 30 THEN '30岁以下' WHEN age >= 60 THEN '60岁及以上'
    ELSE CAST(age // 5 * 5 AS VARCHAR) || '–' || CAST(age // 5 * 5 + 4 AS VARCHAR) || '岁' END AS age_band,
  post_months,
  CASE WHEN post_months IS NULL THEN '未知' WHEN post_months < 12 THEN '不满1年' WHEN post_months < 36 THEN '1–3年'
    WHEN post_months < 60 THEN '3–5年' ELSE '5年及以上' END AS post_band,
  coalesce(ft_e, '未知') AS ft_edu_cat, coalesce(is_e, '无') AS is_edu_cat,
  coalesce(CASE WHEN list_position(['研究生', '大学', '大专', '中专及以下'], ft_e) <= coalesce(list_position(['研究生', '大学', '大专', '中专及以下'], is_e), 9) THEN ft_e ELSE is_e END, is_e, '未知') AS top_edu_cat,
  coalesce(${degreeSql('ft_degree')}, '无') AS ft_degree_cat, coalesce(${degreeSql('is_degree')}, '无') AS is_degree_cat,
  gender_cat,
  CASE WHEN ${blank('ethnicity')} IS NULL THEN '未知' WHEN ${blank('ethnicity')} IN ('汉族', '汉') THEN '汉族' ELSE '少数民族' END AS ethnicity_cat,
  CASE WHEN ${blank('party')} IS NULL THEN '未知'
    WHEN party LIKE '%中共%' OR party LIKE '%共产党%' THEN '中共党员'
    WHEN party LIKE '%共青团%' THEN '共青团员'
    WHEN party LIKE '%无党派%' THEN '无党派人士'
    WHEN party LIKE '%群众%' THEN '群众'
    WHEN party SIMILAR TO '.*(民革|民盟|民建|民进|农工|致公|九三|台盟|民主).*' THEN '民主党派' ELSE '其他' END AS party_cat,
  CASE WHEN b IS NULL OR gender_cat = '未知' AND ${male} <> ${female} THEN NULL
    ELSE ${retireMonthSql('b', `CASE WHEN gender_cat = '女' THEN ${female} ELSE ${male} END`, r.reform)} END AS retire_m,
  coalesce(list_position([${levels}], post_level), ${POST_LEVELS.length + 1}) AS level_rank,
  (ws IS NULL OR ws <= ${ref.month}) AS working
FROM aged`;
}

interface Cached {
  readonly generation: number;
  readonly name: string;
  readonly ready: Promise<void>;
}
const caches = new WeakMap<Connector, Map<string, Cached>>();
let tableSeq = 0;
/** How many fact tables (reference dates × retirement rules) a database keeps: the roster's and the structure panel's. */
const KEEP = 3;

/**
 * The facts at a date as a temporary table, built once per data generation and parameters (the regular expressions
 * of the date texts cost seconds over 100k cadres; paging the roster must not repeat them). Its name is returned.
 */
export async function cadreFactsTable(db: Connector, p: FactsParams): Promise<string> {
  const key = JSON.stringify([p.date, p.retirement ?? DEFAULT_RETIREMENT]);
  const generation = derivedGeneration(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.generation === generation) {
    cache.delete(key);
    cache.set(key, hit);
    await hit.ready;
    return hit.name;
  }
  const name = `cadre_facts_${++tableSeq}`;
  const ready = db.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS ${cadreFactsSql(p)}`).then(() => undefined);
  cache.delete(key);
  cache.set(key, { generation, name, ready });
  if (hit) void db.query(`DROP TABLE IF EXISTS ${quoteIdent(hit.name)}`).catch(() => undefined);
  for (const [k, old] of cache) {
    if (cache.size <= KEEP) break;
    cache.delete(k);
    void old.ready.then(() => db.query(`DROP TABLE IF EXISTS ${quoteIdent(old.name)}`)).catch(() => undefined);
  }
  try {
    await ready;
  } catch (e) {
    cache.delete(key);
    throw e;
  }
  return name;
}

/**
 * The default reference date: the last day of the newest period with indicator values, else 31 December of the
 * latest year named in the roster's dates; null for an empty workspace. Never "today": the numbers must not drift.
 */
export async function defaultReferenceDate(db: Connector): Promise<string | null> {
  const r = await db.query(`SELECT (SELECT max(CAST(period AS VARCHAR)) FROM indicator_values WHERE value IS NOT NULL) AS period,
    (SELECT max(greatest(${monthIndexSql('current_post_since', false)}, ${monthIndexSql('work_start_ym', false)})) // 12 FROM cadres) AS y`);
  const row = r.rows[0];
  const period = row?.period ? String(row.period) : null;
  const p = period ? periodEndDateOrNull(period) : null;
  if (p) return p;
  return row?.y === null || row?.y === undefined ? null : `${Number(row.y)}-12-31`;
}
