import type { Basis } from '../../shared/model/vocab.js';

/** The sample covers five years of quarters, 2021Q1..2025Q4; 年度 indicators have the years 2021..2025. */
export const YEARS = [2021, 2022, 2023, 2024, 2025] as const;
export const FIRST_YEAR = 2021;
export const LAST_YEAR = 2025;

export const QUARTERS: readonly string[] = YEARS.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}Q${q}`));
export const YEAR_PERIODS: readonly string[] = YEARS.map(String);
export const LAST_QUARTER = '2025Q4';

/** The periods an indicator of this basis is reported for. */
export function periodsFor(basis: Basis): readonly string[] {
  return basis === '年度' ? YEAR_PERIODS : QUARTERS;
}

/** Year and quarter (1..4; 4 for a year) of a period index of a basis. */
export function periodAt(basis: Basis, index: number): { year: number; quarter: number } {
  if (basis === '年度') return { year: FIRST_YEAR + index, quarter: 4 };
  return { year: FIRST_YEAR + Math.floor(index / 4), quarter: (index % 4) + 1 };
}

/** Index of a period within an indicator's series. */
export function periodIndex(basis: Basis, period: string): number {
  const i = periodsFor(basis).indexOf(period);
  if (i < 0) throw new Error(`period ${period} is not one of basis ${basis}`);
  return i;
}

/** 快报 for the newest period, 年报 for earlier full years and fourth quarters, 季报 for other quarters. */
export function dataStage(period: string): string {
  if (period === LAST_QUARTER || period === String(LAST_YEAR)) return '快报';
  if (/^\d{4}$/.test(period) || period.endsWith('Q4')) return '年报';
  return '季报';
}

/** 'YYYY-MM' of a month number counted from year 0 (m = year * 12 + month − 1). */
export function ym(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** The month number of 'YYYY-MM'. */
export function monthOf(text: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM month: ${text}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}
