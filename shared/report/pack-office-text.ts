/**
 * The cell texts and short sentences the PPTX and DOCX packs print, built once from the model with the shared
 * number formatters, so the two documents read the same and follow DOMAIN.md's wording (暂缺, 第N位, 并列第N位,
 * 前进/后退N位, 持平, 个百分点). Every string is already stripped of XML-invalid characters.
 */
import { formatGap, formatMove, formatValue, gapUnit } from '../format/number.js';
import { stripXmlInvalid } from '../format/xml-text.js';
import type { PackComposite, PackIndicatorRow, PackLeader, PackModel, PackWarning } from './pack-types.js';

/** Text safe for OOXML (alias of stripXmlInvalid, short because every writer call site uses it). */
export const t = (s: string | null | undefined): string => stripXmlInvalid(s ?? '');

/** 第N位 or 并列第N位; 暂缺 when there is no rank. */
export function rankText(rank: number | null, tied: boolean): string {
  if (rank === null) return '暂缺';
  return `${tied ? '并列' : ''}第${rank}位`;
}

/** The value with its unit, 暂缺 when missing. */
export function valueText(r: Pick<PackIndicatorRow, 'value' | 'unit'>): string {
  return r.value === null ? '暂缺' : `${formatValue(r.value, r.unit)}${r.unit ?? ''}`;
}

/** 同比: +5.5% for levels, +0.4个百分点 for rates (the model gives the change of a % indicator in points). */
export function yoyText(r: Pick<PackIndicatorRow, 'yoy' | 'unit'>): string {
  if (r.yoy === null) return '—';
  return `${formatGap(r.yoy, '%')}${r.unit === '%' ? '个百分点' : '%'}`;
}

/** Value − benchmark with the difference's unit (个百分点 for rates). */
export function gapText(r: Pick<PackIndicatorRow, 'gap' | 'unit'>): string {
  return r.gap === null ? '—' : `${formatGap(r.gap, r.unit)}${gapUnit(r.unit)}`;
}

/** Completion of the annual target against the time schedule, e.g. 76.5%／75%. */
export function completionText(r: Pick<PackIndicatorRow, 'completion' | 'schedule'>): string {
  if (r.completion === null) return '—';
  return `${formatValue(r.completion, '%')}%${r.schedule === null ? '' : `／${r.schedule}%`}`;
}

/** The core indicator table's header and rows, as printed in slides and the document. */
export const INDICATOR_HEADERS = ['指标', '数值', '同比', '对比基准', '与基准差距', '位次', '较上季度', '完成／时序进度'] as const;

/** One indicator as the table's cells (see INDICATOR_HEADERS). */
export function indicatorCells(r: PackIndicatorRow): string[] {
  const bench = r.benchmark === null ? `${r.benchmarkLabel} 暂缺` : `${r.benchmarkLabel} ${formatValue(r.benchmark, r.unit)}`;
  return [t(r.name), valueText(r), yoyText(r), t(bench), gapText(r), rankText(r.rank, r.tied), formatMove(r.move), completionText(r)];
}

/** 「YYYY年M月」 from 'YYYY-MM'. */
function ym(s: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(s);
  return m ? `${m[1]}年${Number(m[2])}月` : s;
}

/** The leader's profile as one sentence, nothing guessed: unknown fields are left out. */
export function profileSentence(l: PackLeader | null): string {
  if (!l) return '本期一把手信息暂缺。';
  const parts = [t(l.name)];
  if (l.post) parts.push(`现任${t(l.post)}`);
  if (l.birthYm) parts.push(`${ym(l.birthYm)}出生${l.age === null ? '' : `（${l.age}岁）`}`);
  if (l.since) parts.push(`${ym(l.since)}任现职${l.yearsInPost === null ? '' : `，任职${formatValue(l.yearsInPost, null, 'zh-CN', 1)}年`}`);
  const a = l.assessments.length ? `近三年年度考核：${l.assessments.map((x) => `${x.year}年度${t(x.result)}`).join('，')}。` : '';
  return `${parts.join('，')}。${a}`;
}

/** The composite score, its rank in the scope, movement and robustness interval as sentences. */
export function compositeSentences(c: PackComposite | null, scopeLabel: string): string[] {
  if (!c || c.score === null) return ['综合得分本期数据暂缺。'];
  const move = c.move === null ? '' : c.move === 0 ? '，位次与上季度持平' : `，较上季度${formatMove(c.move)}`;
  // Alone in its scope (the province): a score, no rank and no movement.
  const out = [c.compared < 2 ? `综合得分${formatValue(c.score, '分')}分。` : `综合得分${formatValue(c.score, '分')}分，在${t(scopeLabel)}${c.compared}个地区中居${rankText(c.rank, c.tied)}${move}。`];
  if (c.rankLow !== null && c.rankHigh !== null && c.compared >= 2) {
    out.push(c.rankLow === c.rankHigh ? `在权重与计分方法的扰动下，位次稳定在第${c.rankLow}位。` : `在权重与计分方法的扰动下，位次区间为第${c.rankLow}至${c.rankHigh}位。`);
  }
  for (const d of c.dimensions) if (d.score === null) out.push(`${t(d.name)}维度得分本期数据暂缺。`);
  return out;
}

/** One warning as a line: 【红线·持续】message（自2025Q1起）. */
export function warningLine(w: PackWarning): string {
  return `【${w.level}·${w.status}】${t(w.message)}（${t(w.ruleName)}，自${t(w.since)}起）`;
}

/** The indicator's own sentence from the model (section 3's narrative), matched by position in model.indicators. */
export function sentenceOf(m: PackModel, r: PackIndicatorRow): string {
  const i = m.indicators.findIndex((x) => x.indicatorId === r.indicatorId);
  return t(i >= 0 ? (m.indicatorSentences[i] ?? '') : '');
}

/** Period '2025Q3' as a short axis label '25Q3'; other shapes unchanged. */
export function shortPeriod(p: string): string {
  return /^\d{4}Q[1-4]$/.test(p) ? p.slice(2) : p;
}
