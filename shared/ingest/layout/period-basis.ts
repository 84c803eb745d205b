/**
 * A sheet's period as users must read it: the label with the basis of the indicators it carries, and a note when
 * the title's wording and the catalogue's basis disagree (a title saying 第三季度 over year-to-date indicators).
 */
import { periodLabel } from '../../model/period.js';
import type { Basis } from '../../model/vocab.js';

/** The period's label for each basis among the sheet's indicators (累计 when none is known), joined by ' / '. */
export function periodWithBases(period: string | null, bases: readonly (Basis | null)[]): string | null {
  if (!period) return null;
  const distinct = [...new Set(bases.map((b) => b ?? '累计'))].sort();
  return (distinct.length ? distinct : (['累计'] as const)).map((b) => periodLabel(period, b)).join(' / ');
}

/** Wording of a single quarter or month (当季/当月), as opposed to a year-to-date span. */
const SINGLE = /第?[一二三四1-4１-４]季度|[0-9０-９]{1,2}月份?$/u;
const SPAN = /前三季度|上半年|全年|累计|[0-9０-９一二三四五六七八九十]+\s*[-－—~～至到]\s*[0-9０-９一二三四五六七八九十]+\s*月/u;

/** A note when the title reads like a single quarter but the indicators are year-to-date (or the reverse); null when they agree. */
export function basisNote(period: string | null, bases: readonly (Basis | null)[], title: string | null): string | null {
  if (!period || !title) return null;
  const ytd = bases.some((b) => (b ?? '累计') === '累计');
  const single = bases.some((b) => b === '当期');
  if (ytd && SINGLE.test(title) && !SPAN.test(title)) {
    return `标题「${title}」像是当季（当月）数据，但其中的指标按累计口径统计：导入后显示为 ${periodLabel(period, '累计')}。若数值实为当季，请在指标目录中把这些指标的口径改为“当期”。`;
  }
  if (single && SPAN.test(title)) {
    return `标题「${title}」是累计数据的写法，但其中有指标按当期口径统计：导入后显示为 ${periodLabel(period, '当期')}。若数值实为累计，请在指标目录中把这些指标的口径改为“累计”。`;
  }
  return null;
}
