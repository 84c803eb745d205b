import type { IndicatorRow } from '../../shared/model/tables.js';
import type { Basis, Direction } from '../../shared/model/vocab.js';
import type { County, EvalGroup } from './regions.js';

/**
 * The indicator catalogue of the sample assessment scheme, with how each indicator's values are simulated.
 *
 * Value kinds:
 * - flow: an additive year-to-date total (or per-capita income) driven by a growth path from a 2020 base;
 * - stock: a point-in-time level that grows quarter by quarter (当期);
 * - count: small year-to-date event counts (accidents, petitions on a small scale);
 * - rate: a percentage, score or ratio around a county mean, with trend, season and noise;
 * - progress: year-to-date completion percentages (targets, coverage) rising through the year;
 * - sections: the share of good surface-water sections, a multiple of 1/k;
 * - gdpGrowth: A02, derived from A01 year-to-date against the same span a year before, less a deflator.
 */

export type GroupNumbers = Readonly<Record<EvalGroup, number>>;

/** How a city's and the province's value are made from their counties'. */
export type Aggregate = 'sum' | 'pop' | 'gdp' | 'equal' | 'sections' | 'gdpGrowth';

export type Gen =
  | {
      readonly kind: 'flow';
      /** The 2020 annual value of a county. */
      readonly base: (c: County, u: number) => number;
      /** The county's underlying growth, % a year. */
      readonly trend: (c: County, z: number) => number;
      /** Cumulative share of the annual total at the end of Q1..Q4. */
      readonly shares: readonly [number, number, number, number];
      /** Add the common business cycle (2021 rebound, 2022 dip). */
      readonly cycle: number;
      /** Year-to-year noise of growth, percentage points. */
      readonly noise: number;
      /** Lowest year-to-date growth the model allows (planted overrides may go lower). */
      readonly floor?: number;
    }
  | { readonly kind: 'stock'; readonly base: (c: County, u: number) => number; readonly growth: (c: County, z: number) => number }
  | {
      readonly kind: 'count';
      /** Events a year in 2021. */
      readonly lambda: (c: County) => number;
      /** Change of the rate a year, relative (−0.08 = 8% fewer a year). */
      readonly trend: number;
      /** Derived from another count indicator's events: each event gives Binomial(n, p) of these. */
      readonly from?: { readonly id: string; readonly n: number; readonly p: number };
    }
  | {
      readonly kind: 'rate';
      readonly mean: GroupNumbers;
      /** Spread of county means. */
      readonly sd: number;
      /** Change a year (absolute units). */
      readonly trend: number;
      /** Multiplicative spread and trend instead of additive ones. */
      readonly relative?: boolean;
      readonly season?: readonly [number, number, number, number];
      readonly years?: Readonly<Record<number, number>>;
      /** Effect of one standard deviation of county quality. */
      readonly quality?: number;
      readonly noise: number;
      readonly min: number;
      readonly max: number;
      /** Approach min smoothly (values below min + 1 are squeezed into (min, min + 1]) instead of clipping. */
      readonly softMin?: boolean;
    }
  | { readonly kind: 'progress'; readonly ranges: readonly (readonly [number, number])[]; readonly max: number }
  | { readonly kind: 'sections' }
  | { readonly kind: 'gdpGrowth' };

export interface IndicatorSpec {
  readonly id: string;
  readonly name: string;
  readonly dimension: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly basis: Basis;
  readonly weight: number;
  readonly method: '功效系数法' | '目标完成度';
  readonly satisfactory: number | null;
  readonly disallowed: number | null;
  readonly target: number | null;
  /** Decimals of value. */
  readonly decimals: number;
  readonly aggregate: Aggregate;
  /** Whether yoy_pct is reported (totals and per-capita incomes). */
  readonly yoy: boolean;
  /** Annual target = last year's annual value × (1 + growth %), for a few year-to-date totals. */
  readonly targetGrowth?: number | ((c: County) => number);
  /** Round annual targets to this step (e.g. 100 people). */
  readonly targetStep?: number;
  readonly gen: Gen;
}

const g = (d: number, s: number, a: number, e: number): GroupNumbers => ({ 市辖区组: d, 经济强县组: s, 农业县组: a, 生态功能区组: e });
const byGroup = (c: County, n: GroupNumbers) => n[c.group];

const ECONOMY = '经济发展';
const INNOVATION = '创新驱动';
const LIVELIHOOD = '民生保障';
const ECOLOGY = '生态环境';
const GOVERNANCE = '社会治理';
const PARTY = '党的建设';

/** The catalogue: 44 indicators in six dimensions, weights summing to 100. */
export const INDICATORS: readonly IndicatorSpec[] = [
  // 经济发展
  {
    id: 'A01', name: '地区生产总值', dimension: ECONOMY, unit: '亿元', direction: 1, basis: '累计', weight: 5, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 2, aggregate: 'sum', yoy: true,
    // Counties set GDP targets near their own pace, in steps of 0.5 percentage points.
    targetGrowth: (c) => Math.min(9, Math.max(3, Math.round(2 * (c.trend - 1.4)) / 2)),
    gen: { kind: 'flow', base: (c) => c.gdp2020, trend: (c) => c.trend, shares: [0.243, 0.489, 0.741, 1], cycle: 1, noise: 0.8, floor: 2.2 },
  },
  {
    id: 'A02', name: '地区生产总值增速', dimension: ECONOMY, unit: '%', direction: 1, basis: '累计', weight: 5, method: '功效系数法',
    satisfactory: 9, disallowed: 0, target: 6, decimals: 1, aggregate: 'gdpGrowth', yoy: false, gen: { kind: 'gdpGrowth' },
  },
  {
    id: 'A03', name: '一般公共预算收入', dimension: ECONOMY, unit: '亿元', direction: 1, basis: '累计', weight: 4, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 2, aggregate: 'sum', yoy: true, targetGrowth: 3,
    gen: {
      kind: 'flow',
      base: (c, u) => c.gdp2020 * byGroup(c, g(0.075, 0.068, 0.042, 0.04)) * (0.8 + 0.4 * u),
      trend: (c, z) => c.trend - 0.5 + 2.2 * z,
      shares: [0.3, 0.56, 0.78, 1],
      cycle: 1.2,
      noise: 2,
    },
  },
  {
    id: 'A04', name: '规模以上工业增加值增速', dimension: ECONOMY, unit: '%', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: 12, disallowed: 0, target: 7, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(6.8, 8.2, 6.2, 5.2), sd: 1.8, trend: -0.2, season: [0.6, 0.2, 0, 0], years: { 2021: 4.5, 2022: -1.2, 2023: 0.3, 2024: 0.2, 2025: 0 }, quality: 0.4, noise: 0.6, min: -8, max: 25 },
  },
  {
    id: 'A05', name: '固定资产投资增速', dimension: ECONOMY, unit: '%', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: 12, disallowed: -5, target: 6, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(6, 7.5, 5.5, 5), sd: 3, trend: -0.6, season: [1.5, 0.6, 0.2, 0], years: { 2021: 4, 2022: 1.5, 2023: -0.5, 2024: -2, 2025: -1.5 }, quality: 0.5, noise: 1.4, min: -25, max: 35 },
  },
  {
    id: 'A06', name: '社会消费品零售总额', dimension: ECONOMY, unit: '亿元', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 2, aggregate: 'sum', yoy: true, targetGrowth: 3.5,
    gen: {
      kind: 'flow',
      base: (c, u) => c.gdp2020 * byGroup(c, g(0.5, 0.4, 0.38, 0.36)) * (0.85 + 0.3 * u),
      trend: (c, z) => c.trend - 0.6 + 1.3 * z,
      shares: [0.241, 0.487, 0.738, 1],
      cycle: 1.3,
      noise: 1,
    },
  },
  {
    id: 'A07', name: '税收收入占一般公共预算收入比重', dimension: ECONOMY, unit: '%', direction: 1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: 85, disallowed: 50, target: 75, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(78, 74, 66, 60), sd: 5.5, trend: -0.4, season: [1.2, 0.6, 0.3, 0], quality: 1, noise: 1.2, min: 35, max: 95 },
  },
  {
    id: 'A08', name: '外贸进出口总额', dimension: ECONOMY, unit: '亿元', direction: 1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 2, aggregate: 'sum', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => c.gdp2020 * byGroup(c, g(0.22, 0.2, 0.035, 0.018)) * (0.3 + 1.4 * u),
      trend: (_c, z) => 4 + 7 * z,
      shares: [0.232, 0.478, 0.742, 1],
      cycle: 2,
      noise: 5,
    },
  },
  // 创新驱动
  {
    id: 'B01', name: '研究与试验发展经费投入强度', dimension: INNOVATION, unit: '%', direction: 1, basis: '年度', weight: 3, method: '功效系数法',
    satisfactory: 3, disallowed: 0.5, target: 2.5, decimals: 2, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(2.1, 1.8, 0.85, 0.65), sd: 0.35, trend: 0.09, quality: 0.1, noise: 0.05, min: 0.1, max: 5 },
  },
  {
    id: 'B02', name: '高新技术企业数', dimension: INNOVATION, unit: '个', direction: 1, basis: '当期', weight: 2, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: { kind: 'stock', base: (c, u) => c.gdp2020 * byGroup(c, g(0.24, 0.17, 0.06, 0.04)) * (0.7 + 0.6 * u) + 3, growth: (_c, z) => 12 + 5 * z },
  },
  {
    id: 'B03', name: '高新技术产业增加值占规上工业增加值比重', dimension: INNOVATION, unit: '%', direction: 1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: 50, disallowed: 10, target: 40, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(44, 39, 21, 16), sd: 6, trend: 1.2, season: [-0.8, -0.4, -0.2, 0], quality: 1.5, noise: 0.8, min: 3, max: 80 },
  },
  {
    id: 'B04', name: '每万人口发明专利拥有量', dimension: INNOVATION, unit: '件', direction: 1, basis: '当期', weight: 2, method: '功效系数法',
    satisfactory: 15, disallowed: 1, target: 12, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'stock', base: (c, u) => byGroup(c, g(11, 7.5, 2.4, 1.7)) * (0.6 + 0.8 * u), growth: (_c, z) => 15 + 4 * z },
  },
  {
    id: 'B05', name: '技术合同成交额', dimension: INNOVATION, unit: '亿元', direction: 1, basis: '累计', weight: 1, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 2, aggregate: 'sum', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => c.gdp2020 * byGroup(c, g(0.022, 0.016, 0.006, 0.004)) * (0.5 + u),
      trend: (_c, z) => 13 + 6 * z,
      shares: [0.16, 0.41, 0.66, 1],
      cycle: 0.5,
      noise: 6,
    },
  },
  {
    id: 'B06', name: '科技型中小企业评价入库数', dimension: INNOVATION, unit: '个', direction: 1, basis: '累计', weight: 1, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => c.gdp2020 * byGroup(c, g(0.14, 0.1, 0.04, 0.03)) * (0.7 + 0.6 * u) + 4,
      trend: (_c, z) => 11 + 5 * z,
      shares: [0.36, 0.7, 0.9, 1],
      cycle: 0,
      noise: 4,
    },
  },
  {
    id: 'B07', name: '数字经济核心产业增加值占GDP比重', dimension: INNOVATION, unit: '%', direction: 1, basis: '年度', weight: 1, method: '功效系数法',
    satisfactory: 12, disallowed: 2, target: 10, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(9, 7, 3.6, 3), sd: 1.4, trend: 0.5, quality: 0.3, noise: 0.2, min: 0.8, max: 25 },
  },
  // 民生保障
  {
    id: 'C01', name: '居民人均可支配收入', dimension: LIVELIHOOD, unit: '元', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'pop', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => byGroup(c, g(41000, 34000, 23000, 20500)) * (0.9 + 0.2 * u),
      trend: (c, z) => 6.3 + 0.15 * (c.trend - 5.5) + 0.6 * z,
      shares: [0.281, 0.512, 0.756, 1],
      cycle: 0.3,
      noise: 0.3,
    },
  },
  {
    id: 'C02', name: '农村居民人均可支配收入', dimension: LIVELIHOOD, unit: '元', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'pop', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => byGroup(c, g(25000, 22000, 16000, 14000)) * (0.9 + 0.2 * u),
      trend: (c, z) => 7.6 + 0.1 * (c.trend - 5.5) + 0.6 * z,
      shares: [0.312, 0.498, 0.731, 1],
      cycle: 0.3,
      noise: 0.3,
    },
  },
  {
    id: 'C03', name: '城镇新增就业人数', dimension: LIVELIHOOD, unit: '人', direction: 1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true, targetGrowth: -1.5, targetStep: 100,
    gen: {
      kind: 'flow',
      base: (c, u) => c.pop * byGroup(c, g(110, 95, 70, 60)) * (0.8 + 0.4 * u),
      trend: (_c, z) => 1 + 2.5 * z,
      shares: [0.268, 0.566, 0.821, 1],
      cycle: 0.6,
      noise: 2,
    },
  },
  {
    id: 'C04', name: '城镇登记失业率', dimension: LIVELIHOOD, unit: '%', direction: -1, basis: '当期', weight: 2, method: '功效系数法',
    satisfactory: 2.5, disallowed: 4.5, target: 3.5, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(3.3, 3.0, 3.2, 3.4), sd: 0.35, trend: -0.03, season: [0.15, 0.05, -0.05, -0.1], years: { 2022: 0.25, 2023: 0.1 }, quality: -0.1, noise: 0.06, min: 1.5, max: 6 },
  },
  {
    id: 'C05', name: '民生支出占一般公共预算支出比重', dimension: LIVELIHOOD, unit: '%', direction: 1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: 85, disallowed: 65, target: 80, decimals: 1, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', mean: g(77, 78, 79, 80), sd: 3, trend: 0.35, season: [-0.8, -0.3, -0.1, 0], quality: 0.8, noise: 0.8, min: 60, max: 92 },
  },
  {
    id: 'C06', name: '基本养老保险参保率', dimension: LIVELIHOOD, unit: '%', direction: 1, basis: '当期', weight: 1, method: '功效系数法',
    satisfactory: 98, disallowed: 85, target: 95, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(93.5, 93, 92, 91), sd: 1.8, trend: 0.55, quality: 0.5, noise: 0.15, min: 80, max: 99.6 },
  },
  {
    id: 'C07', name: '每千人口执业（助理）医师数', dimension: LIVELIHOOD, unit: '人', direction: 1, basis: '年度', weight: 1, method: '功效系数法',
    satisfactory: 3.5, disallowed: 1.5, target: 3.2, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(3.6, 2.9, 2.4, 2.3), sd: 0.3, trend: 0.12, quality: 0.05, noise: 0.04, min: 1.2, max: 6 },
  },
  {
    id: 'C08', name: '群众满意度', dimension: LIVELIHOOD, unit: '%', direction: 1, basis: '年度', weight: 3, method: '功效系数法',
    satisfactory: 95, disallowed: 70, target: 90, decimals: 1, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(88, 88.5, 87.5, 87), sd: 2.2, trend: 0.6, quality: 2, noise: 0.7, min: 80.2, max: 98.5, softMin: true },
  },
  // 生态环境
  {
    id: 'D01', name: 'PM2.5平均浓度', dimension: ECOLOGY, unit: '微克/立方米', direction: -1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: 25, disallowed: 50, target: 35, decimals: 1, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(37, 35, 31, 24), sd: 3.5, trend: -1.2, season: [11, 5, 1.5, 0], years: { 2023: 0.8 }, quality: -0.6, noise: 0.9, min: 12, max: 75 },
  },
  {
    id: 'D02', name: '空气质量优良天数比例', dimension: ECOLOGY, unit: '%', direction: 1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: 95, disallowed: 75, target: 90, decimals: 1, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(87, 88, 90, 95), sd: 2.8, trend: 0.5, season: [-5, -2, -0.5, 0], years: { 2023: -0.6 }, quality: 0.6, noise: 0.7, min: 60, max: 100 },
  },
  {
    id: 'D03', name: '地表水国省控断面优良水体比例', dimension: ECOLOGY, unit: '%', direction: 1, basis: '累计', weight: 2, method: '目标完成度',
    satisfactory: 100, disallowed: 60, target: 100, decimals: 1, aggregate: 'sections', yoy: false, gen: { kind: 'sections' },
  },
  {
    id: 'D04', name: '单位GDP能耗', dimension: ECOLOGY, unit: '吨标准煤/万元', direction: -1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: 0.3, disallowed: 0.8, target: 0.45, decimals: 3, aggregate: 'gdp', yoy: false,
    gen: { kind: 'rate', relative: true, mean: g(0.38, 0.52, 0.43, 0.34), sd: 0.22, trend: -0.028, season: [0.04, 0.02, 0.01, 0], quality: -0.03, noise: 0.012, min: 0.12, max: 1.6 },
  },
  {
    id: 'D05', name: '森林覆盖率', dimension: ECOLOGY, unit: '%', direction: 1, basis: '年度', weight: 1, method: '功效系数法',
    satisfactory: 60, disallowed: 20, target: 50, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(24, 35, 44, 67), sd: 7, trend: 0.35, noise: 0.1, min: 5, max: 85 },
  },
  {
    id: 'D06', name: '生活垃圾无害化处理率', dimension: ECOLOGY, unit: '%', direction: 1, basis: '当期', weight: 1, method: '目标完成度',
    satisfactory: 100, disallowed: 85, target: 100, decimals: 1, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(99.2, 98.5, 97.5, 97), sd: 1.3, trend: 0.45, quality: 0.4, noise: 0.35, min: 85, max: 100 },
  },
  {
    id: 'D07', name: '环保督察交办问题整改完成率', dimension: ECOLOGY, unit: '%', direction: 1, basis: '累计', weight: 2, method: '目标完成度',
    satisfactory: 100, disallowed: 60, target: 100, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'progress', ranges: [[58, 80], [74, 90], [85, 97], [93, 100]], max: 100 },
  },
  // 社会治理
  {
    id: 'E01', name: '信访总量', dimension: GOVERNANCE, unit: '件', direction: -1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: {
      kind: 'flow',
      base: (c, u) => c.pop * byGroup(c, g(15, 12, 10, 9)) * (0.7 + 0.6 * u),
      trend: (c, z) => -4 - 1.5 * c.quality + 4 * z,
      shares: [0.235, 0.5, 0.762, 1],
      cycle: 0,
      noise: 4,
    },
  },
  {
    id: 'E02', name: '安全生产事故起数', dimension: GOVERNANCE, unit: '起', direction: -1, basis: '累计', weight: 3, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: { kind: 'count', lambda: (c) => c.pop * byGroup(c, g(0.07, 0.1, 0.08, 0.06)) * (1 - 0.15 * c.quality), trend: -0.07 },
  },
  {
    id: 'E03', name: '安全生产事故死亡人数', dimension: GOVERNANCE, unit: '人', direction: -1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: { kind: 'count', lambda: () => 0, trend: 0, from: { id: 'E02', n: 3, p: 0.27 } },
  },
  {
    id: 'E04', name: '刑事案件发案率', dimension: GOVERNANCE, unit: '件/万人', direction: -1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: 15, disallowed: 50, target: 30, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', relative: true, mean: g(36, 30, 26, 22), sd: 0.18, trend: -0.06, season: [-0.755, -0.505, -0.245, 0], quality: -0.05, noise: 0.012, min: 1, max: 90 },
  },
  {
    id: 'E05', name: '矛盾纠纷调解成功率', dimension: GOVERNANCE, unit: '%', direction: 1, basis: '累计', weight: 1, method: '功效系数法',
    satisfactory: 99, disallowed: 90, target: 97, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(96.5, 96.8, 97, 97.3), sd: 1.1, trend: 0.15, quality: 0.5, noise: 0.3, min: 88, max: 100 },
  },
  {
    id: 'E06', name: '12345热线按时办结率', dimension: GOVERNANCE, unit: '%', direction: 1, basis: '当期', weight: 1, method: '功效系数法',
    satisfactory: 99, disallowed: 85, target: 97, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(95, 95.5, 95.2, 95), sd: 1.6, trend: 0.55, quality: 0.6, noise: 0.45, min: 82, max: 99.9 },
  },
  {
    id: 'E07', name: '群众安全感', dimension: GOVERNANCE, unit: '%', direction: 1, basis: '年度', weight: 2, method: '功效系数法',
    satisfactory: 99, disallowed: 85, target: 97, decimals: 2, aggregate: 'pop', yoy: false,
    gen: { kind: 'rate', mean: g(95.5, 96, 96.3, 96.8), sd: 1.1, trend: 0.3, quality: 0.6, noise: 0.25, min: 88, max: 99.7 },
  },
  // 党的建设
  {
    id: 'F01', name: '党建工作考核得分', dimension: PARTY, unit: '分', direction: 1, basis: '年度', weight: 5, method: '功效系数法',
    satisfactory: 98, disallowed: 70, target: 90, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(90, 90, 89.5, 89.5), sd: 2.2, trend: 0.4, quality: 2, noise: 0.8, min: 75, max: 99 },
  },
  {
    id: 'F02', name: '基层党组织标准化规范化达标率', dimension: PARTY, unit: '%', direction: 1, basis: '当期', weight: 2, method: '目标完成度',
    satisfactory: 100, disallowed: 70, target: 100, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(86, 84, 80, 79), sd: 4.5, trend: 3.2, quality: 2, noise: 0.5, min: 55, max: 100 },
  },
  {
    id: 'F03', name: '发展党员计划完成率', dimension: PARTY, unit: '%', direction: 1, basis: '累计', weight: 2, method: '目标完成度',
    satisfactory: 100, disallowed: 60, target: 100, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'progress', ranges: [[18, 34], [44, 60], [70, 86], [95, 104]], max: 110 },
  },
  {
    id: 'F04', name: '村级集体经济年经营性收入10万元以上村占比', dimension: PARTY, unit: '%', direction: 1, basis: '年度', weight: 2, method: '功效系数法',
    satisfactory: 90, disallowed: 30, target: 80, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(72, 58, 44, 36), sd: 8, trend: 7.5, quality: 3, noise: 1.2, min: 10, max: 100 },
  },
  {
    id: 'F05', name: '党员教育培训覆盖率', dimension: PARTY, unit: '%', direction: 1, basis: '累计', weight: 1, method: '功效系数法',
    satisfactory: 100, disallowed: 80, target: 100, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'progress', ranges: [[24, 40], [55, 70], [79, 90], [95, 100]], max: 100 },
  },
  {
    id: 'F06', name: '35岁以下年轻干部占比', dimension: PARTY, unit: '%', direction: 1, basis: '当期', weight: 1, method: '功效系数法',
    satisfactory: 25, disallowed: 8, target: 20, decimals: 1, aggregate: 'equal', yoy: false,
    gen: { kind: 'rate', mean: g(19, 17.5, 16, 15), sd: 3.5, trend: 0.6, quality: 0.8, noise: 0.3, min: 5, max: 40 },
  },
  {
    id: 'F07', name: '违反中央八项规定精神问题数', dimension: PARTY, unit: '件', direction: -1, basis: '累计', weight: 2, method: '功效系数法',
    satisfactory: null, disallowed: null, target: null, decimals: 0, aggregate: 'sum', yoy: true,
    gen: { kind: 'count', lambda: (c) => 1.2 + c.pop * 0.04 * (1 - 0.2 * c.quality), trend: -0.05 },
  },
];

/** The indicators table rows. */
export function indicatorRows(): IndicatorRow[] {
  const total = INDICATORS.reduce((s, i) => s + i.weight, 0);
  if (total !== 100) throw new Error(`indicator weights sum to ${total}, not 100`);
  return INDICATORS.map((i) => ({
    indicator_id: i.id,
    name: i.name,
    dimension: i.dimension,
    unit: i.unit,
    direction: i.direction,
    basis: i.basis,
    weight: i.weight,
    method: i.method,
    satisfactory_value: i.satisfactory,
    disallowed_value: i.disallowed,
    target_value: i.target,
  }));
}

export function indicatorSpec(id: string): IndicatorSpec {
  const spec = INDICATORS.find((i) => i.id === id);
  if (!spec) throw new Error(`unknown indicator ${id}`);
  return spec;
}
