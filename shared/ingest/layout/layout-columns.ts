/**
 * Column roles of region × indicator sheets, from header words and from what the cells hold (region codes,
 * region names of the catalogue, indicator codes/names, periods, units). A header is read in parts
 * ('地区生产总值/增速(%)', '2025年1-9月/绝对值'): a period part, a measure part (数值/增速/目标) and an indicator
 * part, so wide sheets with indicators, periods or both as columns come out of one rule.
 */
import { normalizeRegionCode } from '../../model/region-code.js';
import { foldHeader, headerKey, headerParts, indicatorCandidates, matchHeader, normalizeHeader, similarity, unitScale, type Scored } from './headers.js';
import { MEASURE_SUFFIXES, ROLE_LABELS, roleCandidates } from './layout-words.js';
import type { ColumnPlan, ColumnRole, LayoutContext, RoleKind, RoleOption } from './layout-types.js';
import { parsePeriodText } from './period-text.js';
import type { regionResolver } from './region-match.js';
import { isUnit } from './headers-units.js';
import { normalizeNumber } from '../values/values.js';

type Measure = 'value' | 'yoy' | 'target';
const LONG_ROLES: RoleKind[] = ['region_code', 'region_name', 'indicator_id', 'indicator_name', 'period', 'unit', 'value', 'yoy', 'target', 'stage', 'ignore'];

/** Share of non-empty cells satisfying `test` (0 when there are none). */
function share(cells: readonly string[], test: (c: string) => boolean): number {
  return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
}

interface Evidence {
  readonly codes: number;
  readonly known: number;
  readonly names: number;
  readonly ids: number;
  readonly indicatorNames: number;
  readonly periods: number;
  readonly units: number;
  readonly numbers: number;
}

function evidence(cells: readonly string[], ctx: LayoutContext, resolve: ReturnType<typeof regionResolver>): Evidence {
  const codes = new Set(ctx.regions.map((r) => r.code));
  const ids = new Set(ctx.indicators.map((i) => i.id.toUpperCase()));
  return {
    codes: share(cells, (c) => normalizeRegionCode(c) !== null),
    known: share(cells, (c) => codes.has(normalizeRegionCode(c) ?? '')),
    names: share(cells, (c) => {
      const r = resolve(c);
      return r !== null && normalizeRegionCode(c) === null;
    }),
    ids: share(cells, (c) => ids.has(c.trim().toUpperCase())),
    indicatorNames: share(cells, (c) => ctx.indicators.some((i) => similarity(headerKey(c), headerKey(i.name)) >= 0.85)),
    periods: share(cells, (c) => !/^[0-9.]+$/u.test(c.trim()) && parsePeriodText(c) !== null),
    units: share(cells, (c) => isUnit(c.trim())),
    numbers: share(cells, (c) => normalizeNumber(c).value !== null),
  };
}

/** The measure a header part names, and the part without it ('地区生产总值增速' → yoy, '地区生产总值'). */
function measureOf(part: string): { measure: Measure | null; rest: string; exact: boolean } {
  const key = headerKey(part);
  const byWord = matchHeader(part, roleCandidates(['value', 'yoy', 'target']), { min: 0.95 }).best;
  if (byWord) return { measure: byWord.target as Measure, rest: '', exact: true };
  for (const [suffix, measure] of MEASURE_SUFFIXES) {
    if (key.endsWith(suffix) && key.length > suffix.length) return { measure, rest: key.slice(0, -suffix.length), exact: false };
  }
  return { measure: null, rest: key, exact: false };
}

interface Wide {
  readonly role: ColumnRole;
  readonly score: number;
  readonly label: string;
}

/** Read a header as period, measure and indicator parts. */
function wideRole(header: string, unit: string | null, sheetUnit: string | null, ctx: LayoutContext): Wide | null {
  let period: string | undefined;
  let measure: Measure | null = null;
  const rest: string[] = [];
  for (const part of headerParts(header)) {
    const p = parsePeriodText(part);
    if (p) period = p;
    else if (isUnit(foldHeader(part))) continue;
    else {
      const m = measureOf(part);
      measure ??= m.measure;
      if (m.rest) rest.push(m.rest);
    }
  }
  const cands = indicatorCandidates(ctx.indicators);
  let ind: Scored<string> | null = rest.length ? matchHeader(rest.join(''), cands, { min: 0.75 }).best : null;
  // A catalogue indicator may itself end in a measure word ('地区生产总值增速'): the whole header, matched at
  // least as closely, names that indicator; '增速' is the YoY of 地区生产总值 only when no indicator is so named.
  const whole = matchHeader(headerParts(header).filter((p) => !parsePeriodText(p) && !isUnit(foldHeader(p))).join(''), cands, { min: 0.9 }).best;
  if (whole && (!ind || whole.score >= ind.score)) [ind, measure] = [whole, 'value'];
  if (!ind && !period) return null;
  const kind = measure ?? 'value';
  const role: ColumnRole = { kind, ...(ind ? { indicator: ind.target } : {}), ...(period ? { period } : {}) };
  const label = `${ind ? `指标：${ind.label}` : `期间：${period}`}（${ROLE_LABELS[kind]}）`;
  return { role: withUnit(role, unit, ctx, sheetUnit), score: ind ? ind.score : 0.9, label };
}

/**
 * Check a value column's unit against the catalogue: convert magnitudes (万元 → 亿元), reject the rest. A
 * sheet-wide unit ('单位：万元' in the title) applies only where it converts: rate columns keep their %.
 */
export function withUnit(role: ColumnRole, headerUnit: string | null, ctx: LayoutContext, sheetUnit: string | null = null): ColumnRole {
  const target = ctx.indicators.find((i) => i.id === role.indicator)?.unit ?? null;
  const unit = headerUnit ?? sheetUnit;
  const { scale: _s, unitError: _e, ...bare } = role;
  if (role.kind !== 'value' || !unit || !target || unit === target) return bare;
  // '元/人' in the header, '元' in the catalogue: a per-capita (per 万人 …) figure written out in full.
  const numerator = unit.includes('/') && !target.includes('/') ? (unit.split('/')[0] as string) : null;
  const scale = unitScale(unit, target) ?? (numerator ? unitScale(numerator, target) : null);
  if (!scale && !headerUnit) return bare;
  if (!scale) return { ...bare, unitError: `单位「${unit}」与指标目录的「${target}」不同，无法换算` };
  return scale.mul === 1 && scale.div === 1 ? bare : { ...bare, scale };
}

/** Plan one column of a region × indicator sheet. */
export function planIndicatorColumn(
  index: number,
  header: string,
  cells: readonly string[],
  ctx: LayoutContext,
  resolve: ReturnType<typeof regionResolver>,
  sheetUnit: string | null,
): ColumnPlan {
  const h = normalizeHeader(header);
  const parts = headerParts(header);
  const unit = h.unit ?? parts.map((p) => normalizeHeader(p).unit ?? (isUnit(foldHeader(p)) ? foldHeader(p) : null)).find((u) => u !== null) ?? null;
  const base = { index, header, key: headerKey(header), unit };
  const ev = evidence(cells, ctx, resolve);
  const words = matchHeader(parts[parts.length - 1] as string, roleCandidates(LONG_ROLES), { min: 0.75, keep: 4 });
  const options: RoleOption[] = [];
  const push = (kind: RoleKind, score: number): void => void options.push({ role: { kind }, label: ROLE_LABELS[kind], score });
  const word = (k: RoleKind): number => (words.best?.target === k ? words.best.score : 0);
  if (ev.codes >= 0.8 && (word('region_code') > 0 || ev.known >= 0.5 || ctx.regions.length === 0)) push('region_code', Math.max(ev.codes, word('region_code')));
  if (ev.names >= 0.5) push('region_name', Math.max(ev.names, word('region_name')));
  else if (word('region_name') > 0 && ev.numbers < 0.5) push('region_name', word('region_name') * 0.9);
  if (ev.ids >= 0.8 || (word('indicator_id') > 0 && ev.numbers < 0.5)) push('indicator_id', Math.max(ev.ids, word('indicator_id')));
  if (ev.indicatorNames >= 0.6 || (word('indicator_name') > 0 && ev.numbers < 0.5)) push('indicator_name', Math.max(ev.indicatorNames, word('indicator_name')));
  if (ev.periods >= 0.8 || word('period') > 0) push('period', Math.max(ev.periods, word('period')));
  if (word('unit') > 0 && ev.units >= 0.8) push('unit', word('unit'));
  if (word('ignore') > 0) push('ignore', word('ignore'));
  if (word('stage') > 0) push('stage', word('stage'));
  const wide = wideRole(header, unit, sheetUnit, ctx);
  if (wide) options.push({ role: wide.role, label: wide.label, score: wide.score * (ev.numbers >= 0.5 || cells.length === 0 ? 1 : 0.6) });
  for (const k of ['value', 'yoy', 'target'] as const) if (word(k) > 0 && !wide) push(k, word(k) * (ev.numbers >= 0.5 ? 1 : 0.6));
  options.sort((a, b) => b.score - a.score);
  const best = options[0];
  const rest = [...options.slice(1), ...words.alternatives.map((a) => ({ role: { kind: a.target }, label: a.label, score: a.score }))];
  if (!best || best.score < 0.5) {
    const unmapped = { reason: cells.length === 0 ? 'empty' : 'unknown' } as const;
    return { ...base, role: { kind: 'ignore' }, confidence: 1 - (best?.score ?? 0), alternatives: dedupe(options.concat(rest)), unmapped };
  }
  const auxiliary = best.role.kind === 'ignore' ? { unmapped: { reason: 'auxiliary' } as const } : {};
  return { ...base, role: best.role, confidence: Math.round(best.score * 1000) / 1000, alternatives: dedupe(rest), ...auxiliary };
}

function dedupe(options: readonly RoleOption[]): RoleOption[] {
  const seen = new Set<string>();
  return options.filter((o) => {
    const k = JSON.stringify(o.role);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).slice(0, 4);
}

const SINGLE: RoleKind[] = ['region_code', 'region_name', 'indicator_id', 'indicator_name', 'period', 'unit', 'stage'];

/** Keep one column per single role (the most confident) and one per wide target; demote the others to ignore. */
export function resolveConflicts(cols: readonly ColumnPlan[], notes: string[]): ColumnPlan[] {
  const seen = new Map<string, ColumnPlan>();
  const keyOf = (c: ColumnPlan): string | null =>
    SINGLE.includes(c.role.kind) ? c.role.kind : ['value', 'yoy', 'target'].includes(c.role.kind) && (c.role.indicator || c.role.period) ? JSON.stringify([c.role.kind, c.role.indicator, c.role.period]) : null;
  for (const c of [...cols].sort((a, b) => b.confidence - a.confidence)) {
    const k = keyOf(c);
    if (k && !seen.has(k)) seen.set(k, c);
  }
  return cols.map((c) => {
    const k = keyOf(c);
    if (!k || seen.get(k) === c) return c;
    const winner = seen.get(k)?.header ?? '';
    notes.push(`「${c.header}」与「${winner}」对应同一目标，只导入后者`);
    const alternatives = [{ role: c.role, label: ROLE_LABELS[c.role.kind], score: c.confidence }, ...c.alternatives];
    return { ...c, role: { kind: 'ignore' }, alternatives, unmapped: { reason: 'competing', with: winner } };
  });
}
