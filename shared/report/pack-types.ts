/**
 * The quarterly 一把手 analysis pack as data: everything the HTML/PDF, PPTX, DOCX and XLSX writers print, computed
 * once from the workspace by pack-model.ts. Writers only lay it out; they compute nothing and invent nothing (a
 * missing number stays null and is printed as 暂缺). Every personal field arrives already masked by the builder.
 */
import type { RegionLevel } from '../model/region-code.js';
import type { Basis, Direction } from '../model/vocab.js';

/** Who produced an output, when and where: printed on every page, slide, sheet and image (issue 13, 15). */
export interface Watermark {
  readonly user: string;
  /** Local time, 'YYYY-MM-DD HH:mm'. */
  readonly time: string;
  readonly machine: string;
  /**
   * The configured text (the workspace setting, see view-settings.ts): a template with {user}, {machine} and {time},
   * or, without any placeholder, words printed after 内部资料 and before the user, machine and time.
   */
  readonly text?: string;
}

/** The marking every output carries, whatever text is configured. */
export const MARKING = '内部资料';

/** The watermark text when nothing is configured. */
export const DEFAULT_WATERMARK_TEMPLATE = '内部资料 {user} {machine} {time}';

const PLACEHOLDER = /\{(user|machine|time)\}/gu;

/**
 * The text a watermark prints: 「内部资料 张三 PC-ZZB-01 2026-12-07 09:30」 by default; with 「内部资料 注意保密 {user}」
 * 「内部资料 注意保密 张三」; with 「注意保密」 (no placeholder) 「内部资料 注意保密 张三 PC-ZZB-01 2026-12-07 09:30」.
 * 内部资料 always stays (put first when the template leaves it out). Whitespace runs and control characters become one
 * space; writers escape the result for their format.
 */
export function watermarkText(w: Watermark): string {
  const configured = (w.text ?? '').trim();
  const template = configured === '' ? DEFAULT_WATERMARK_TEMPLATE : /\{(?:user|machine|time)\}/u.test(configured) ? configured : `${MARKING} ${configured.replace(MARKING, '').trim()} {user} {machine} {time}`;
  const values = { user: w.user, machine: w.machine, time: w.time };
  const filled = template.replace(PLACEHOLDER, (_m, k: keyof typeof values) => values[k]);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = filled.replace(/[\u0000-\u001f\u007f-\u009f\s]+/gu, ' ').trim();
  return clean.includes(MARKING) ? clean : `${MARKING} ${clean}`.trim();
}

export interface PackRequest {
  /** The quarter the pack is about, e.g. '2025Q3'. */
  readonly period: string;
  /** One of: the region (its 一把手 at the end of the period is the leader), or the leader (their region then). */
  readonly regionCode?: string;
  readonly leaderId?: string;
}

/** Section 2: the leader, with ID-like fields masked; null fields are unknown, never guessed. */
export interface PackLeader {
  readonly cadreId: string;
  /** Masked when the pack is made for projection with names hidden (see PackOptions.maskNames). */
  readonly name: string;
  readonly post: string | null;
  readonly birthYm: string | null;
  /** Age in whole years at the end of the period. */
  readonly age: number | null;
  /** 任现职时间 'YYYY-MM' and years in post at the end of the period (one decimal). */
  readonly since: string | null;
  readonly yearsInPost: number | null;
  /** The first period of the tenure in this region (marked on the trend charts); null when before the data. */
  readonly tenureStartPeriod: string | null;
  /** The last three years of annual assessments, oldest first. */
  readonly assessments: readonly { readonly year: number; readonly result: string }[];
}

/** Section 3: one row of the core indicator table. */
export interface PackIndicatorRow {
  readonly indicatorId: string;
  readonly name: string;
  readonly dimension: string | null;
  readonly unit: string | null;
  readonly direction: Direction;
  readonly basis: Basis | null;
  readonly value: number | null;
  /** 同比 in % (for % indicators: the change in 个百分点). */
  readonly yoy: number | null;
  /** What the benchmark is ('全省平均', '全市平均' or '全国'), its value, and value − benchmark (个百分点 for %). */
  readonly benchmarkLabel: string;
  readonly benchmark: number | null;
  readonly gap: number | null;
  /** Rank among `compared` regions of the evaluation scope; `tied` when another region shares it. */
  readonly rank: number | null;
  readonly compared: number;
  readonly tied: boolean;
  /** Δrank against the previous quarter (前进 > 0); null in the first period or when either rank is missing. */
  readonly move: number | null;
  /** Completion of the annual target in % and the 时序进度 it is read against (25/50/75/100). */
  readonly completion: number | null;
  readonly schedule: number | null;
  /** Standardised score (z, direction-aware: higher is better) used for strengths and weaknesses. */
  readonly z: number | null;
  /** Consecutive quarters up to this one below the benchmark (direction-aware), 0 when not below. */
  readonly behindStreak: number;
  /**
   * Optional (added by the pack builder): the rank among the peers of the 考核分组 the z is computed in, how many
   * were ranked there and whether tied; absent or null when the pack has no group.
   */
  readonly scopeRank?: number | null;
  readonly scopeCompared?: number;
  readonly scopeTied?: boolean;
}

/** Section 4: one indicator's last 8 quarters for the region and its benchmark. */
export interface PackTrend {
  readonly indicatorId: string;
  readonly name: string;
  readonly unit: string | null;
  /** What is plotted: the value, or 同比 for year-to-date totals (their values restart each January). */
  readonly series: 'value' | 'yoy';
  readonly periods: readonly string[];
  readonly values: readonly (number | null)[];
  readonly benchmark: readonly (number | null)[];
  /** Index in `periods` where the leader's tenure starts; null when it starts before the window or is unknown. */
  readonly tenureStartIndex: number | null;
}

/** Section 5: the peers of the evaluation group (or level) on the composite and on the core indicators. */
export interface PackPeers {
  /** '经济强县组' or '全省县（市、区）'. */
  readonly scopeLabel: string;
  readonly regions: readonly { readonly regionCode: string; readonly name: string; readonly composite: number | null; readonly rank: number | null; readonly self: boolean }[];
  /** Heat map: rows are `regions` (same order), columns the indicators, cells the direction-aware z-score. */
  readonly heat: { readonly indicators: readonly string[]; readonly cells: readonly (readonly (number | null)[])[] };
  /** The map's name as registered (the workspace boundary), or null when the workspace has no boundary for the level. */
  readonly mapName: string | null;
}

/** Section 6: the composite score. */
export interface PackComposite {
  readonly score: number | null;
  readonly rank: number | null;
  readonly compared: number;
  readonly tied: boolean;
  readonly move: number | null;
  readonly dimensions: readonly { readonly name: string; readonly score: number | null; readonly average: number | null }[];
  /** The rank's robustness interval over the weight/method draws (5th to 95th percentile), null when not computed. */
  readonly rankLow: number | null;
  readonly rankHigh: number | null;
}

/** Section 8: a warning in force at the period's end. */
export interface PackWarning {
  readonly level: '黄线' | '红线';
  readonly ruleId: string;
  readonly ruleName: string;
  readonly message: string;
  readonly status: '新增' | '持续';
  /** First period of the unbroken run up to this one. */
  readonly since: string;
  /** The indicator the warning is on ('composite' for the 综合得分); optional, added by the pack builder. */
  readonly indicatorId?: string;
  readonly indicatorName?: string;
}

/** Section 8: the region's and the leader's 红黄榜 history, newest first. */
export interface PackListItem {
  readonly period: string;
  readonly listType: '红榜' | '黄榜';
  readonly subject: 'region' | 'cadre';
  readonly reason: string;
}

/** Section 9. */
export interface PackAppendix {
  readonly definitions: readonly { readonly name: string; readonly unit: string | null; readonly basis: Basis | null; readonly direction: Direction; readonly dimension: string | null }[];
  /** 数据阶段 of the period's values (快报/初步核实/最终核实), '未标注' when none. */
  readonly dataStage: string;
  /** The newest import's time, or the workspace's data date when nothing was imported. */
  readonly cutoff: string;
  readonly quality: readonly { readonly indicator: string; readonly text: string }[];
  /** The source of every number in the indicator table: file, sheet and row; '内置示例数据' for the sample. */
  readonly sources: readonly { readonly indicator: string; readonly file: string; readonly sheet: string | null; readonly row: number | null }[];
}

/** One finding sentence, with the template that made it (so an edited template is traceable). */
export interface Finding {
  readonly text: string;
  readonly template: string;
  readonly kind: 'overall' | 'strength' | 'weakness' | 'change' | 'missing';
}

export interface PackModel {
  readonly period: string;
  /** 2025年三季度, as titles print it. */
  readonly periodLabel: string;
  readonly region: { readonly code: string; readonly name: string; readonly level: RegionLevel; readonly group: string | null; readonly parentName: string | null };
  /** 「某某县2025年三季度发展情况分析」. */
  readonly title: string;
  readonly leader: PackLeader | null;
  /** Section 1: 3–5 findings in the order DOMAIN.md gives (overall, strengths, weaknesses, change). */
  readonly findings: readonly Finding[];
  readonly indicators: readonly PackIndicatorRow[];
  /** One sentence per indicator row, same order (section 3's narrative). */
  readonly indicatorSentences: readonly string[];
  readonly trends: readonly PackTrend[];
  readonly peers: PackPeers;
  readonly composite: PackComposite | null;
  /** Section 7: top and bottom 3 by z. */
  readonly strengths: readonly PackIndicatorRow[];
  readonly weaknesses: readonly PackIndicatorRow[];
  readonly warnings: readonly PackWarning[];
  readonly lists: readonly PackListItem[];
  readonly appendix: PackAppendix;
  readonly watermark: Watermark;
  /** The narrative templates' version the sentences came from. */
  readonly templatesVersion: number;
}

/** What the writers are asked to produce. */
export const PACK_FORMATS = ['pdf', 'pptx', 'docx', 'xlsx'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

/** A written output: a file name (no directory) and its bytes. */
export interface PackFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}
