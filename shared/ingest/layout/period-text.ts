/**
 * Periods as Chinese tables write them → canonical periods ('2025', '2025Q3', '2025-09').
 *
 * Rules (statistics are mostly year-to-date, see DOMAIN.md):
 * - 一季度 / 第一季度 / 1季度 / Q1 / 1-3月 → 2025Q1; 上半年 / 1-6月 → Q2; 前三季度 / 第三季度 / 1-9月 → Q3.
 *   Whether a quarter is year-to-date or single is the indicator's basis (口径), not the period's.
 * - 7-9月 (a whole single quarter) → 2025Q3; other spans not starting in January → not recognised.
 * - 2025年9月, 2025.09, 2025-09, 202509, 2025年1-8月 → 2025-09 / 2025-08.
 * - 2025年, 2025年度, 2025年全年, 2025年1-12月 → '2025'; but where the other periods of the same sheet or
 *   column are quarters it becomes 2025Q4 (year-to-date Q4 = the whole year), and where they are months 2025-12,
 *   so one series keeps one granularity (`yearAs`, applied by parsePeriodSet).
 * - In a monthly context (`monthly`), 1-3/1-6/1-9月 stay months (2025-03 …) instead of quarters.
 */
import { parsePeriod, type PeriodKind } from '../../model/period.js';
import type { RawSheet } from '../types.js';
import { cleanWide } from '../values/values-core.js';

/** Context for reading a period text (see the rules above). */
export interface PeriodTextOptions {
  /** How a whole year is written: '2025' (default), '2025Q4' or '2025-12'. */
  readonly yearAs?: PeriodKind;
  /** 1-3/1-6/1-9月 as months rather than quarters. */
  readonly monthly?: boolean;
}

const Y = '((?:19|20)[0-9]{2})';
const Q_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const DASH = '[-—–~～至到]';

type Maker = (m: RegExpExecArray, o: PeriodTextOptions) => string | null;

const year = (y: string, o: PeriodTextOptions): string => (o.yearAs === 'quarter' ? `${y}Q4` : o.yearAs === 'month' ? `${y}-12` : y);
const month = (y: string, m: number): string | null => (m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, '0')}` : null);

/** Year-to-date span 1..m months. */
function ytd(y: string, m: number, o: PeriodTextOptions): string | null {
  if (m === 12) return year(y, o);
  if (m % 3 === 0 && !o.monthly) return `${y}Q${m / 3}`;
  return month(y, m);
}

/** Period expressions, most specific first; each matches inside longer text (titles, file names). */
const PATTERNS: readonly (readonly [RegExp, Maker])[] = [
  [new RegExp(`${Y}年?(?:1|01)月?${DASH}([0-9]{1,2})月(?:份|末|底|累计)?`, 'u'), (m, o) => ytd(m[1] as string, Number(m[2]), o)],
  [
    new RegExp(`${Y}年?([0-9]{1,2})月?${DASH}([0-9]{1,2})月`, 'u'),
    (m) => (Number(m[3]) % 3 === 0 && Number(m[2]) === Number(m[3]) - 2 ? `${m[1]}Q${Number(m[3]) / 3}` : null),
  ],
  [new RegExp(`${Y}年?前三季度`, 'u'), (m) => `${m[1]}Q3`],
  [new RegExp(`${Y}年?上半年`, 'u'), (m) => `${m[1]}Q2`],
  [new RegExp(`${Y}年?第?([一二三四1-4])季度`, 'u'), (m) => `${m[1]}Q${Q_ZH[m[2] as string]}`],
  [new RegExp(`${Y}年?[-_ ]?[Qq]([1-4])`, 'u'), (m) => `${m[1]}Q${m[2]}`],
  [new RegExp(`${Y}年([0-9]{1,2})月(?:份|末|底)?`, 'u'), (m) => month(m[1] as string, Number(m[2]))],
  [new RegExp(`${Y}[./-]([0-9]{1,2})(?![0-9])`, 'u'), (m) => month(m[1] as string, Number(m[2]))],
  [new RegExp(`(?<![0-9])${Y}(0[1-9]|1[0-2])(?![0-9])`, 'u'), (m) => month(m[1] as string, Number(m[2]))],
  [new RegExp(`${Y}年(?:度|全年|末|底)?`, 'u'), (m, o) => year(m[1] as string, o)],
  [new RegExp(`(?<![0-9])${Y}(?![0-9])`, 'u'), (m, o) => year(m[1] as string, o)],
];

/** Fold full-width forms and drop spaces (ideographic ones too), so '２０２５年 三季度' reads like '2025年三季度'. */
function squeeze(text: string): string {
  return cleanWide(text).replace(/\s+/gu, '');
}

/** A period found inside a longer text: the earliest, then the longest, match wins. */
export function findPeriodInText(text: string, opts: PeriodTextOptions = {}): { period: string; match: string } | null {
  const s = squeeze(text);
  let best: { period: string; match: string; at: number } | null = null;
  for (const [re, make] of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const period = make(m, opts);
    if (period === null) continue;
    if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.match.length)) best = { period, match: m[0], at: m.index };
  }
  return best && { period: best.period, match: best.match };
}

/** A whole text as a period ('2025年第三季度' → '2025Q3'); null when the text is not only a period. */
export function parsePeriodText(text: string, opts: PeriodTextOptions = {}): string | null {
  const s = squeeze(text).replace(/(?:累计|合计|数据|情况)$/u, '');
  if (parsePeriod(s)) return s === String(Number(s)) ? year(s, opts) : s;
  const hit = findPeriodInText(s, opts);
  return hit && hit.match === s ? hit.period : null;
}

/**
 * Parse the periods of one series (a column or a header row) with one granularity: years become Q4 among
 * quarters and -12 among months; 1-9月 stays a month among months.
 */
export function parsePeriodSet(texts: readonly string[]): (string | null)[] {
  const first = texts.map((t) => parsePeriodText(t));
  const kinds = new Set(first.map((p) => (p ? parsePeriod(p)?.kind : undefined)));
  if (kinds.has('month')) return texts.map((t) => parsePeriodText(t, { yearAs: 'month', monthly: true }));
  if (kinds.has('quarter') && kinds.has('year')) return texts.map((t) => parsePeriodText(t, { yearAs: 'quarter' }));
  return first;
}

/** Granularity of a canonical period. */
export function periodKind(period: string): PeriodKind | null {
  return parsePeriod(period)?.kind ?? null;
}

/** Where a sheet's period came from, so the UI can show it and the user (or CLI `--period`) can override it. */
export type PeriodSource =
  | { readonly kind: 'title'; readonly row: number; readonly text: string }
  | { readonly kind: 'file'; readonly text: string }
  | { readonly kind: 'column'; readonly column: number; readonly header: string }
  | { readonly kind: 'header' }
  | { readonly kind: 'user' }
  | { readonly kind: 'none' };

/** A sheet's period and where it was found. */
export interface DetectedPeriod {
  readonly period: string | null;
  readonly source: PeriodSource;
}

/** What detectPeriod knows of the layout. */
export interface DetectPeriodOptions {
  /** 1-based row of the first header row: title rows are the rows above it (default: the first 5 rows). */
  readonly headerRow?: number;
  /** When the sheet has a period column, the period is per row: say so instead of guessing one. */
  readonly periodColumn?: { readonly index: number; readonly header: string };
  readonly yearAs?: PeriodKind;
}

/**
 * The period of a sheet: in a period column (per row), in the title rows above the header
 * ('2025年1-9月各县（市、区）主要经济指标'), or in the file name ('2025年三季度指标.xlsx'), in that order.
 */
export function detectPeriod(sample: RawSheet, fileName: string, opts: DetectPeriodOptions = {}): DetectedPeriod {
  if (opts.periodColumn) return { period: null, source: { kind: 'column', column: opts.periodColumn.index, header: opts.periodColumn.header } };
  const o = opts.yearAs ? { yearAs: opts.yearAs } : {};
  const last = Math.min(sample.rows.length, (opts.headerRow ?? 6) - 1);
  for (let r = 0; r < last; r++) {
    const text = (sample.rows[r] ?? []).filter((c) => typeof c === 'string' && c.trim() !== '').join(' ');
    const hit = text ? findPeriodInText(text, o) : null;
    if (hit) return { period: hit.period, source: { kind: 'title', row: r + 1, text: text.trim() } };
  }
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/u, '');
  const hit = findPeriodInText(base, o);
  if (hit) return { period: hit.period, source: { kind: 'file', text: fileName } };
  return { period: null, source: { kind: 'none' } };
}
