/**
 * Data quality before ranking, for one period: missing values, outliers by robust z-score (median/MAD), abnormal
 * jumps against a region's own history, and lower-level sums against their parent's total for additive totals.
 * Every flag names the region, the indicator, the value and why; rankings, scores and heat maps that use a flagged
 * value mark it (qualityIndex). One SQL statement per check.
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { periodEndDate, samePeriodLastYear } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { comparedSql } from './scope.js';

export interface QualityParams {
  readonly period: string;
  readonly level: RegionLevel;
  readonly group?: string | null;
  /** |robust z| above this is an outlier (default 3.5, Iglewicz and Hoaglin). */
  readonly outlierZ?: number;
  /** A YoY change this many robust z away from the region's own past changes is a jump (default 3.5) … */
  readonly jumpZ?: number;
  /** … and at least this far: 5 个百分点 for % indicators, 20 points of growth (0.2) for the others. */
  readonly jumpFloorPct?: number;
  readonly jumpFloorRatio?: number;
  /** Past YoY changes needed to judge a jump (default 4); the history read is the YoY changes of the last 4 years (8 for annual data). */
  readonly jumpHistory?: number;
  /** Check these indicators only (default all): a view marking one indicator's values asks for that one. */
  readonly indicators?: readonly string[] | null;
  /** A sum of lower-level values off its parent's total by more than this share is flagged (default 0.005: 0.5%). */
  readonly sumTolerance?: number;
}

export type QualityKind = 'missing' | 'outlier' | 'jump' | 'sum';

export const QUALITY_KIND_NAMES: Readonly<Record<QualityKind, string>> = {
  missing: '缺失值',
  outlier: '异常值',
  jump: '异常波动',
  sum: '下级合计不符',
};

export interface QualityFlag {
  readonly kind: QualityKind;
  readonly regionCode: string;
  readonly regionName: string;
  readonly indicatorId: string;
  readonly indicatorName: string;
  readonly value: number | null;
  /** What was found, in words (Chinese). */
  readonly detail: string;
}

/** A parent's total against the sum of its children (valid at the period's end). */
export interface SumCheck {
  readonly parentCode: string;
  readonly parentName: string;
  readonly indicatorId: string;
  readonly indicatorName: string;
  readonly total: number;
  /** null when some child has no value (the check cannot be made: `missingChildren` say which count). */
  readonly sum: number | null;
  readonly children: number;
  readonly missingChildren: number;
  readonly difference: number | null;
  readonly share: number | null;
  readonly flagged: boolean;
}

export interface QualityResult {
  readonly params: QualityParams;
  readonly regions: number;
  readonly indicators: number;
  readonly counts: Readonly<Record<QualityKind, number>>;
  readonly flags: readonly QualityFlag[];
  readonly sums: readonly SumCheck[];
  /** Indicators treated as additive totals (the sum check applies to them only). */
  readonly additive: readonly string[];
}

/** Units of additive totals: money, counts, people, quantities. Rates, averages, densities and intensities are not. */
const ADDITIVE_UNITS = new Set(['亿元', '万元', '千元', '元', '个', '家', '户', '人', '万人', '件', '起', '项', '次', '吨', '万吨', '千瓦时', '万千瓦时', '亩', '公顷']);
const NOT_ADDITIVE_NAME = /人均|平均|率|比重|占比|强度|每|密度|指数|得分|浓度|单位/;

/** Whether an indicator's values add up across regions (a total in an additive unit, not a per-capita or rate). */
export function isAdditive(i: { readonly name: string; readonly unit: string | null }): boolean {
  return ADDITIVE_UNITS.has((i.unit ?? '').trim()) && !NOT_ADDITIVE_NAME.test(i.name);
}

const scopeSql = (p: QualityParams): string => comparedSql(p, periodEndDate(p.period));
/** ` AND <column> IN (…)` when the check is for some indicators only. */
const onlyIndicators = (p: QualityParams, column: string): string => (p.indicators && p.indicators.length ? ` AND ${column} IN (${sql`${p.indicators}`})` : '');

/** Cells of compared regions × indicators with at least one value in the period, where the value is missing. */
export function missingSql(p: QualityParams): string {
  return (
    `WITH compared AS (${scopeSql(p)}),
v AS (` +
    sql`SELECT region_code, indicator_id, value FROM indicator_values WHERE period = ${p.period} AND region_code IN (SELECT region_code FROM compared)` +
    onlyIndicators(p, 'indicator_id') +
    `),
present AS (SELECT DISTINCT indicator_id FROM v WHERE value IS NOT NULL AND indicator_id IN (SELECT indicator_id FROM indicators))
SELECT c.region_code, c.name AS region_name, i.indicator_id, i.name AS indicator_name
FROM compared c CROSS JOIN present pr JOIN indicators i ON i.indicator_id = pr.indicator_id
WHERE NOT EXISTS (SELECT 1 FROM v WHERE v.region_code = c.region_code AND v.indicator_id = pr.indicator_id AND v.value IS NOT NULL)
ORDER BY i.indicator_id, c.region_code`
  );
}

/**
 * Values whose robust z-score, 0.6745·(x − median)/MAD across the compared regions, exceeds the threshold. Totals
 * whose values are all positive are compared on their logarithm (their sizes spread multiplicatively: a large county
 * is not an error, ten times its usual value is); rates and values that can be zero or negative on the value itself.
 */
export function outliersSql(p: QualityParams): string {
  const z = p.outlierZ ?? 3.5;
  return (
    `WITH compared AS (${scopeSql(p)}),
raw AS (` +
    sql`SELECT v.region_code, v.indicator_id, v.value FROM indicator_values v WHERE v.period = ${p.period} AND v.value IS NOT NULL AND v.region_code IN (SELECT region_code FROM compared)` +
    onlyIndicators(p, 'v.indicator_id') +
    `),
kind AS (
  SELECT r.indicator_id, coalesce(i.unit, '') <> '%' AND min(r.value) > 0 AS logged
  FROM raw r JOIN indicators i ON i.indicator_id = r.indicator_id GROUP BY r.indicator_id, i.unit
),
v AS (SELECT raw.*, k.logged, CASE WHEN k.logged THEN ln(raw.value) ELSE raw.value END AS x FROM raw JOIN kind k USING (indicator_id)),
m AS (SELECT indicator_id, median(x) AS med FROM v GROUP BY indicator_id),
d AS (SELECT v.indicator_id, median(abs(v.x - m.med)) AS mad FROM v JOIN m USING (indicator_id) GROUP BY v.indicator_id),
z AS (
  SELECT v.*, m.med, d.mad, 0.6745 * (v.x - m.med) / d.mad AS rz
  FROM v JOIN m USING (indicator_id) JOIN d USING (indicator_id) WHERE d.mad > 0
)
SELECT z.region_code, c.name AS region_name, z.indicator_id, i.name AS indicator_name, z.value, z.logged,
  CASE WHEN z.logged THEN exp(z.med) ELSE z.med END AS med, z.mad, z.rz
FROM z JOIN compared c ON c.region_code = z.region_code JOIN indicators i ON i.indicator_id = z.indicator_id
WHERE abs(z.rz) > ${z}
ORDER BY z.indicator_id, z.region_code`
  );
}

/**
 * YoY changes of each compared region (value − last year's for % indicators, value / last year's − 1 otherwise)
 * in the period against its own earlier YoY changes of the same kind of period: a jump when the robust z of the
 * change exceeds the threshold and the change is at least the floor away from the region's median change.
 */
export function jumpsSql(p: QualityParams): string {
  const z = p.jumpZ ?? 3.5;
  const need = p.jumpHistory ?? 4;
  const floorPct = p.jumpFloorPct ?? 5;
  const floorRatio = p.jumpFloorRatio ?? 0.2;
  const len = p.period.length;
  const from = `${Number(p.period.slice(0, 4)) - (len === 4 ? 9 : 5)}${p.period.slice(4)}`;
  return (
    `WITH compared AS (${scopeSql(p)}),
v AS (` +
    sql`SELECT v.region_code, v.indicator_id, CAST(v.period AS VARCHAR) AS period, v.value FROM indicator_values v
  WHERE v.value IS NOT NULL AND length(CAST(v.period AS VARCHAR)) = ${len} AND CAST(v.period AS VARCHAR) <= ${p.period} AND CAST(v.period AS VARCHAR) >= ${from}
    AND regexp_full_match(CAST(v.period AS VARCHAR), '[0-9]{4}(Q[1-4]|-(0[1-9]|1[0-2]))?')
    AND v.region_code IN (SELECT region_code FROM compared)` +
    onlyIndicators(p, 'v.indicator_id') +
    `),
c AS (
  SELECT v.region_code, v.indicator_id, v.period, v.value, l.value AS base, coalesce(i.unit, '') = '%' AS pct,
    CASE WHEN coalesce(i.unit, '') = '%' THEN v.value - l.value WHEN l.value = 0 THEN NULL ELSE v.value / abs(l.value) - 1 END AS ch
  FROM v JOIN indicators i ON i.indicator_id = v.indicator_id
  JOIN v l ON l.region_code = v.region_code AND l.indicator_id = v.indicator_id
    AND l.period = CAST(CAST(substr(v.period, 1, 4) AS INTEGER) - 1 AS VARCHAR) || substr(v.period, 5)
),
cur AS (SELECT * FROM c WHERE ` +
    sql`period = ${p.period} AND ch IS NOT NULL),
hist AS (
  SELECT region_code, indicator_id, count(*) AS n, median(ch) AS med FROM c WHERE period < ${p.period} AND ch IS NOT NULL GROUP BY region_code, indicator_id
),
mad AS (
  SELECT c.region_code, c.indicator_id, median(abs(c.ch - h.med)) AS mad
  FROM c JOIN hist h USING (region_code, indicator_id) WHERE c.period < ${p.period} AND c.ch IS NOT NULL GROUP BY c.region_code, c.indicator_id
)
SELECT cur.region_code, k.name AS region_name, cur.indicator_id, i.name AS indicator_name, cur.value, cur.base, cur.ch, cur.pct, h.med, m.mad, h.n
FROM cur JOIN hist h USING (region_code, indicator_id) JOIN mad m USING (region_code, indicator_id)
JOIN compared k ON k.region_code = cur.region_code JOIN indicators i ON i.indicator_id = cur.indicator_id
WHERE h.n >= ` +
    `${need} AND abs(cur.ch - h.med) >= CASE WHEN cur.pct THEN ${floorPct} ELSE ${floorRatio} END
  AND (m.mad = 0 OR abs(0.6745 * (cur.ch - h.med) / m.mad) > ${z})
ORDER BY cur.indicator_id, cur.region_code`
  );
}

/** Every parent with a value of an additive indicator against the sum of its children valid at the period's end. */
export function sumsSql(period: string, additive: readonly string[]): string {
  const asOf = periodEndDate(period);
  return sql`
WITH kids AS (
  SELECT r.region_code, r.parent_code FROM regions r
  WHERE r.parent_code IS NOT NULL AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf}) AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
),
v AS (SELECT region_code, indicator_id, value FROM indicator_values WHERE period = ${period} AND value IS NOT NULL AND indicator_id IN (${additive}))
SELECT p.region_code AS parent_code, pr.name AS parent_name, p.indicator_id, i.name AS indicator_name, p.value AS total,
  count(k.region_code) AS children, count(k.region_code) - count(c.value) AS missing_children, sum(c.value) AS sum
FROM v p JOIN regions pr ON pr.region_code = p.region_code JOIN indicators i ON i.indicator_id = p.indicator_id
JOIN kids k ON k.parent_code = p.region_code
LEFT JOIN v c ON c.region_code = k.region_code AND c.indicator_id = p.indicator_id
GROUP BY ALL
ORDER BY p.indicator_id, p.region_code`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const r2 = (x: number) => (Math.round(x * 100) / 100).toString();

/** Run every check for the period (see QualityParams). */
export async function quality(db: Connector, params: QualityParams): Promise<QualityResult> {
  const cat = (await db.query('SELECT indicator_id, name, unit FROM indicators ORDER BY indicator_id')).rows.map((r) => ({ id: String(r.indicator_id), name: String(r.name ?? r.indicator_id), unit: r.unit === null ? null : String(r.unit) }));
  const unitOf = new Map(cat.map((c) => [c.id, c.unit]));
  const additive = cat.filter(isAdditive).map((c) => c.id).filter((id) => !params.indicators?.length || params.indicators.includes(id));
  const flags: QualityFlag[] = [];
  const base = (r: Record<string, unknown>) => ({ regionCode: String(r.region_code), regionName: String(r.region_name ?? r.region_code), indicatorId: String(r.indicator_id), indicatorName: String(r.indicator_name ?? r.indicator_id) });

  for (const r of (await db.query(missingSql(params))).rows) flags.push({ kind: 'missing', ...base(r), value: null, detail: '该指标本期数据暂缺' });
  for (const r of (await db.query(outliersSql(params))).rows) {
    const rz = Number(r.rz);
    const u = unitOf.get(String(r.indicator_id)) ?? '';
    const how = r.logged === true ? `按对数计，中位数${r2(Number(r.med))}${u}` : `中位数${r2(Number(r.med))}${u}，中位绝对偏差${r2(Number(r.mad))}`;
    flags.push({ kind: 'outlier', ...base(r), value: num(r.value), detail: `稳健Z值${r2(rz)}（${how}），明显${rz > 0 ? '高于' : '低于'}其他地区` });
  }
  const ly = samePeriodLastYear(params.period);
  for (const r of (await db.query(jumpsSql(params))).rows) {
    const pct = r.pct === true;
    const ch = Number(r.ch);
    const med = Number(r.med);
    const fmt = (x: number) => (pct ? `${r2(x)}个百分点` : `${r2(x * 100)}%`);
    flags.push({ kind: 'jump', ...base(r), value: num(r.value), detail: `较${ly}变动${fmt(ch)}，本地区以往同比变动中位数为${fmt(med)}（${Number(r.n)}期）` });
  }
  const tol = params.sumTolerance ?? 0.005;
  const sums: SumCheck[] = [];
  if (additive.length) {
    const compared = new Set((await db.query(`${scopeSql(params)}`)).rows.map((r) => String(r.region_code)));
    for (const r of (await db.query(sumsSql(params.period, additive))).rows) {
      const total = Number(r.total);
      const missingChildren = Number(r.missing_children);
      const sum = missingChildren ? null : num(r.sum);
      const difference = sum === null ? null : sum - total;
      const share = difference === null || total === 0 ? null : difference / Math.abs(total);
      const flagged = share !== null && Math.abs(share) > tol;
      const check: SumCheck = { parentCode: String(r.parent_code), parentName: String(r.parent_name), indicatorId: String(r.indicator_id), indicatorName: String(r.indicator_name), total, sum, children: Number(r.children), missingChildren, difference, share, flagged };
      sums.push(check);
      // The flag is shown on the parent when the parent is among the compared regions (its total is in question).
      if (flagged && compared.has(check.parentCode))
        flags.push({
          kind: 'sum',
          regionCode: check.parentCode,
          regionName: check.parentName,
          indicatorId: check.indicatorId,
          indicatorName: check.indicatorName,
          value: total,
          detail: `下级${check.children}个地区合计${r2(sum as number)}，与本级${r2(total)}相差${r2(difference as number)}（${r2((share as number) * 100)}%）`,
        });
    }
  }
  const counts = { missing: 0, outlier: 0, jump: 0, sum: 0 };
  for (const f of flags) counts[f.kind]++;
  const regions = Number((await db.query(`SELECT count(*) AS n FROM (${scopeSql(params)})`)).rows[0]?.n ?? 0);
  return { params, regions, indicators: cat.length, counts, flags, sums, additive };
}

/** Flags by `${regionCode}|${indicatorId}`, for views that mark the values they use. */
export function qualityIndex(flags: readonly QualityFlag[]): Map<string, QualityFlag[]> {
  const m = new Map<string, QualityFlag[]>();
  for (const f of flags) {
    const k = `${f.regionCode}|${f.indicatorId}`;
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  }
  return m;
}
