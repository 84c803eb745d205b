/**
 * Periods are text: '2025' (year), '2025Q3' (quarter), '2025-09' (month). Text keeps DuckDB off time zones
 * and sorts correctly within one granularity.
 */
export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1..4 for quarters, 1..12 for months, 0 for years. */
  readonly index: number;
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parse a canonical period; null when it is not one. */
export function parsePeriod(text: string): Period | null {
  let m = QUARTER.exec(text);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = MONTH.exec(text);
  if (m) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  m = YEAR.exec(text);
  if (m) return { kind: 'year', year: Number(m[1]), index: 0 };
  return null;
}

export function formatPeriod(p: Period): string {
  if (p.kind === 'quarter') return `${p.year}Q${p.index}`;
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  return String(p.year);
}

function mustParse(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new Error(`无法识别的期间：${text}`);
  return p;
}

/** The period before (previous quarter, month or year). */
export function previousPeriod(text: string): string {
  const p = mustParse(text);
  if (p.kind === 'year') return String(p.year - 1);
  const n = p.kind === 'quarter' ? 4 : 12;
  return formatPeriod(p.index === 1 ? { ...p, year: p.year - 1, index: n } : { ...p, index: p.index - 1 });
}

/** The same period one year earlier, the base of year-on-year growth. */
export function samePeriodLastYear(text: string): string {
  const p = mustParse(text);
  return formatPeriod({ ...p, year: p.year - 1 });
}

const QUARTER_YTD_ZH = ['一季度', '上半年', '前三季度', '全年'];
const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'];

/**
 * A Chinese label. Year-to-date (累计) quarters read 一季度/上半年/前三季度/全年, as statistics bulletins do;
 * single-period quarters read 第N季度.
 */
export function periodLabelZh(text: string, basis: '累计' | '当期' | '年度' = '累计'): string {
  const p = parsePeriod(text);
  if (!p) return text;
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'month') return basis === '累计' ? `${p.year}年1-${p.index}月` : `${p.year}年${p.index}月`;
  return `${p.year}年${(basis === '累计' ? QUARTER_YTD_ZH : QUARTER_ZH)[p.index - 1]}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The one label of a period wherever users read it (pickers, charts, tables, reports), with its basis spelled out,
 * so that a year-to-date value is never mistaken for a single quarter's: 2025年前三季度（1-9月累计） against
 * 2025年第三季度（当季）; 2025年1-9月（累计） against 2025年9月（当月）; 2025年（年度）. No basis known: 累计.
 */
export function periodLabel(text: string, basis: '累计' | '当期' | '年度' | null = '累计', locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const p = parsePeriod(text);
  if (!p) return text;
  const b = basis ?? '累计';
  const end = p.kind === 'quarter' ? p.index * 3 : p.index;
  if (locale === 'en') {
    if (p.kind === 'year') return `${p.year} (${b === '年度' ? 'annual' : 'full year'})`;
    if (b === '累计') return `${p.year} ${p.kind === 'quarter' ? `Q1–Q${p.index} ` : ''}(Jan–${MONTHS_EN[end - 1]}, year to date)`;
    return p.kind === 'quarter' ? `${p.year} Q${p.index} (quarter)` : `${p.year} ${MONTHS_EN[end - 1]} (month)`;
  }
  if (p.kind === 'year') return `${p.year}年（${b === '年度' ? '年度' : '全年'}）`;
  if (b === '累计') return p.kind === 'quarter' ? `${periodLabelZh(text, '累计')}（1-${end}月累计）` : `${periodLabelZh(text, '累计')}（累计）`;
  return `${periodLabelZh(text, '当期')}（${p.kind === 'quarter' ? '当季' : '当月'}）`;
}

/** An English label: 2025 Q3, 2025-09, 2025. */
export function periodLabelEn(text: string): string {
  const p = parsePeriod(text);
  if (!p) return text;
  return p.kind === 'quarter' ? `${p.year} Q${p.index}` : formatPeriod(p);
}

/** The last day of a period as 'YYYY-MM-DD', for checking region validity (撤县设区) at that period. */
export function periodEndDate(text: string): string {
  const p = mustParse(text);
  const month = p.kind === 'year' ? 12 : p.kind === 'quarter' ? p.index * 3 : p.index;
  const lastDay = new Date(Date.UTC(p.year, month, 0)).getUTCDate();
  return `${p.year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}
