/**
 * The pack's Chinese sentences, made from numbers with the templates in data (narrative-templates.ts), in the
 * analysts' fixed patterns (DOMAIN.md "Wording of findings"): 同比增长/下降/持平, 第N位/并列/首位/末位, gaps in 个百分点
 * for rates, 前进/后退/位次持平 (none in a first period), streaks, 时序进度, and 暂缺 for a missing number, never zero.
 * Lower-is-better indicators are handled: being behind means being above the benchmark. Numbers go through
 * shared/format/number.ts. Every phrase carries the key of its template.
 */
import { isAdditive } from '../analytics/quality.js';
import { formatValue } from '../format/number.js';
import { parsePeriod } from '../model/period.js';
import type { Direction } from '../model/vocab.js';
import { fillTemplate, type NarrativeTemplates } from './narrative-templates.js';
import type { Finding, PackComposite, PackIndicatorRow, PackWarning } from './pack-types.js';

/** A piece of a sentence and the template it came from. */
export interface Phrase {
  readonly text: string;
  readonly template: string;
}

const CN_QUARTERS = ['一', '二', '三', '四'];

/** A period as titles print it: 2025年三季度, 2025年, 2025年9月. */
export function packPeriodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  return `${p.year}年${CN_QUARTERS[p.index - 1]}季度`;
}

function phrase(t: NarrativeTemplates, key: string, values: Readonly<Record<string, string>> = {}): Phrase {
  return { text: fillTemplate(t.templates[key] ?? '', values), template: key };
}

/** |x| as printed with the unit's decimals, and whether it prints as zero (then it is said as 持平). */
function magnitude(x: number, unit: string | null): { text: string; zero: boolean } {
  const text = formatValue(Math.abs(x), unit);
  return { text, zero: Number(text.replace(/,/g, '')) === 0 };
}

/** 地区生产总值完成512.3亿元 (totals) / 城镇登记失业率为3.2% (rates and averages). */
export function levelPhrase(t: NarrativeTemplates, r: { name: string; unit: string | null; value: number; direction?: Direction }): Phrase {
  // A growth rate is read as growth: 固定资产投资增速 −0.4% is 「固定资产投资同比下降0.4%」, never 「增速为-0.4%」.
  const growth = r.unit === '%' ? /^(.+?)(?:同比)?(?:增速|增长率|增长)$/u.exec(r.name) : null;
  if (growth?.[1]) {
    const m = magnitude(r.value, '%');
    if (m.zero) return phrase(t, 'level.growthRate.flat', { subject: growth[1] });
    return phrase(t, r.value > 0 ? 'level.growthRate.up' : 'level.growthRate.down', { subject: growth[1], growth: m.text });
  }
  // 完成 is said of what a region achieves; a lower-is-better count (事故起数, 信访量) 「为」 its number.
  const key = isAdditive({ name: r.name, unit: r.unit }) && r.direction !== -1 ? 'level.total' : 'level.rate';
  return phrase(t, key, { name: r.name, value: formatValue(r.value, r.unit), unit: r.unit ?? '' });
}

/** 同比增长5.5% / 同比下降2.1% / 与上年同期持平; for % indicators the change in 个百分点. null when unknown. */
export function growthPhrase(t: NarrativeTemplates, r: { unit: string | null; yoy: number | null }): Phrase | null {
  if (r.yoy === null || !Number.isFinite(r.yoy)) return null;
  const m = magnitude(r.yoy, '%');
  if (m.zero) return phrase(t, 'growth.flat');
  const rate = r.unit === '%';
  return phrase(t, `growth.${rate ? 'rate.' : ''}${r.yoy > 0 ? 'up' : 'down'}`, { growth: m.text });
}

/** 居全省第7位 / 并列全省第7位 / 居全省首位 / 居全省末位, or the same within a 考核分组; null when unranked or alone. */
export function rankPhrase(t: NarrativeTemplates, r: { rank: number | null; compared: number; tied: boolean; group?: string | null }): Phrase | null {
  if (r.rank === null || r.compared < 2) return null;
  const scope = r.group ? 'group' : 'province';
  const values = { rank: String(r.rank), group: r.group ?? '' };
  if (r.tied) return phrase(t, `rank.${scope}.tied`, values);
  if (r.rank === 1) return phrase(t, `rank.${scope}.first`, values);
  if (r.rank === r.compared) return phrase(t, `rank.${scope}.last`, values);
  return phrase(t, `rank.${scope}`, values);
}

/** 高于全省平均水平0.3个百分点 (rates) / 高出全省平均12.6亿元 (others) / 与全省平均水平持平; null when unknown. */
export function gapPhrase(t: NarrativeTemplates, r: { gap: number | null; unit: string | null; benchmarkLabel: string }): Phrase | null {
  if (r.gap === null || !Number.isFinite(r.gap)) return null;
  const m = magnitude(r.gap, r.unit);
  if (m.zero) return phrase(t, 'gap.equal', { benchmark: r.benchmarkLabel });
  const kind = r.unit === '%' ? 'rate' : 'total';
  return phrase(t, `gap.${kind}.${r.gap > 0 ? 'above' : 'below'}`, { benchmark: r.benchmarkLabel, gap: m.text, unit: r.unit ?? '' });
}

/** 较上季度前进2位 / 后退3位 / 位次持平; null in a first period or when a rank is missing. */
export function movePhrase(t: NarrativeTemplates, move: number | null): Phrase | null {
  if (move === null || !Number.isFinite(move)) return null;
  if (move === 0) return phrase(t, 'move.flat');
  return phrase(t, move > 0 ? 'move.up' : 'move.down', { n: String(Math.abs(move)) });
}

/** 连续3个季度低于全省平均水平 (高于 for lower-is-better); null for runs shorter than 2. */
export function streakPhrase(t: NarrativeTemplates, r: { behindStreak: number; direction: Direction; benchmarkLabel: string }): Phrase | null {
  if (r.behindStreak < 2) return null;
  return phrase(t, r.direction < 0 ? 'streak.above' : 'streak.below', { n: String(r.behindStreak), benchmark: r.benchmarkLabel });
}

/** 完成年度目标的48.2%，低于时序进度1.8个百分点 / 超时序进度3.1个百分点; null without a target or schedule. */
export function targetPhrase(t: NarrativeTemplates, r: { completion: number | null; schedule: number | null; direction?: Direction }): Phrase | null {
  // A lower-is-better target is a ceiling: being under the schedule is no lag, so it is not read against 时序进度.
  if (r.completion === null || r.schedule === null || r.direction === -1) return null;
  const d = r.completion - r.schedule;
  const m = magnitude(d, '%');
  const completion = formatValue(r.completion, '%');
  if (m.zero) return phrase(t, 'target.on', { completion });
  return phrase(t, d > 0 ? 'target.ahead' : 'target.behind', { completion, gap: m.text });
}

/** 某指标：该指标本期数据暂缺. */
export function missingPhrase(t: NarrativeTemplates, name: string): Phrase {
  return phrase(t, 'missing', { name });
}

/** A sentence from phrases: joined by '，', ending in '。'; with every template used. */
export interface Sentence {
  readonly text: string;
  readonly templates: readonly string[];
}

function sentence(parts: readonly (Phrase | null)[]): Sentence {
  const ps = parts.filter((p): p is Phrase => p !== null && p.text !== '');
  return { text: ps.length ? `${ps.map((p) => p.text).join('，')}。` : '', templates: ps.map((p) => p.template) };
}

/** One indicator row as the analysts write it (level and growth, rank, gap, movement, target, streak), or 暂缺. */
export function indicatorSentence(t: NarrativeTemplates, r: PackIndicatorRow): Sentence {
  if (r.value === null) return sentence([missingPhrase(t, r.name)]);
  const level = levelPhrase(t, { name: r.name, unit: r.unit, value: r.value, direction: r.direction });
  const growth = growthPhrase(t, r);
  // After 「完成512.3亿元，同比增长5.5%」 a bare 「居全省第7位」 would read as the growth's rank: a total's rank says 总量.
  const rank = rankPhrase(t, r);
  const ofTotal = rank && growth && level.template === 'level.total' ? phrase(t, 'rank.prefix.total') : null;
  return sentence([level, growth, rank && ofTotal ? { text: ofTotal.text + rank.text, template: rank.template } : rank, gapPhrase(t, r), r.compared >= 2 ? movePhrase(t, r.move) : null, targetPhrase(t, r), streakPhrase(t, r)]);
}

/** What the summary is made from. */
export interface FindingsInput {
  readonly regionName: string;
  readonly periodLabel: string;
  readonly composite: PackComposite | null;
  /** The 考核分组 the composite is ranked in (null: the whole level). */
  readonly group: string | null;
  readonly rows: readonly PackIndicatorRow[];
  readonly strengths: readonly PackIndicatorRow[];
  readonly weaknesses: readonly PackIndicatorRow[];
  /** Warnings in force at the period's end (those on an indicator are matched by name). */
  readonly warnings: readonly PackWarning[];
}

/**
 * An indicator's rank and gap, as a strength or a weakness is described: within the 考核分组 when the row has its
 * group rank (strengths and weaknesses are chosen among those peers), else in the province: 地区生产总值增速在经济强县组
 * 中居第2位，高于全省平均水平….
 */
function standing(t: NarrativeTemplates, r: PackIndicatorRow, group: string | null): string {
  const inGroup = group !== null && r.scopeRank !== undefined && r.scopeRank !== null;
  const rank = inGroup ? rankPhrase(t, { rank: r.scopeRank ?? null, compared: r.scopeCompared ?? 0, tied: r.scopeTied ?? false, group }) : rankPhrase(t, r);
  const parts = [rank, gapPhrase(t, r)].filter((p): p is Phrase => p !== null).map((p) => p.text);
  return r.name + parts.join('，');
}

/**
 * The pack's 3–5 findings in DOMAIN.md's order: the overall rank and its movement, the strengths, the weaknesses
 * with the warning each triggered, what changed since last quarter, and (when there is room) what is missing.
 */
export function buildFindings(t: NarrativeTemplates, f: FindingsInput): Finding[] {
  const out: Finding[] = [];
  const c = f.composite;
  if (c && c.score !== null) {
    // Alone in its level (the province): no rank and no movement to speak of.
    const rank = rankPhrase(t, { rank: c.rank, compared: c.compared, tied: c.tied, group: f.group });
    const move = c.compared >= 2 ? movePhrase(t, c.move) : null;
    const p = phrase(t, 'finding.overall', { region: f.regionName, period: f.periodLabel, score: formatValue(c.score, null, 'zh-CN', 2), rank: rank?.text ?? '', move: move ? `，${move.text}` : '' });
    out.push({ text: `${p.text.replace(/，{2,}/g, '，').replace(/^，|，$/g, '')}。`, template: p.template, kind: 'overall' });
  } else out.push({ text: `${phrase(t, 'finding.overall.missing', { region: f.regionName, period: f.periodLabel }).text}。`, template: 'finding.overall.missing', kind: 'missing' });

  if (f.strengths.length) {
    const p = phrase(t, 'finding.strengths', { items: f.strengths.map((r) => standing(t, r, f.group)).join('；') });
    out.push({ text: `${p.text}。`, template: p.template, kind: 'strength' });
  }
  if (f.weaknesses.length) {
    const items = f.weaknesses.map((r) => {
      const w = f.warnings.filter((x) => x.indicatorId === r.indicatorId).sort((a, b) => (a.level === b.level ? 0 : a.level === '红线' ? -1 : 1))[0];
      return standing(t, r, f.group) + (w ? phrase(t, 'finding.warning', { level: w.level, rule: w.ruleName }).text : '');
    });
    const p = phrase(t, 'finding.weaknesses', { items: items.join('；') });
    out.push({ text: `${p.text}。`, template: p.template, kind: 'weakness' });
  }
  const moved = f.rows.filter((r) => r.move !== null && r.compared >= 2);
  if (moved.length) {
    const ups = moved.filter((r) => (r.move as number) > 0).sort((a, b) => (b.move as number) - (a.move as number)).slice(0, 2);
    const downs = moved.filter((r) => (r.move as number) < 0).sort((a, b) => (a.move as number) - (b.move as number)).slice(0, 2);
    const items = [...ups, ...downs].map((r) => r.name + (movePhrase(t, r.move) as Phrase).text);
    const p = items.length ? phrase(t, 'finding.change', { items: items.join('，') }) : phrase(t, 'finding.change.flat');
    out.push({ text: `${p.text}。`, template: p.template, kind: 'change' });
  }
  const missing = f.rows.filter((r) => r.value === null);
  if (missing.length && out.length < 5) {
    const p = phrase(t, 'finding.missing', { items: missing.map((r) => r.name).join('、') });
    out.push({ text: `${p.text}。`, template: p.template, kind: 'missing' });
  }
  return out.slice(0, 5);
}
