/**
 * The quarterly 一把手 analysis pack as data (pack-types.ts), built from the workspace by reusing the analytics
 * modules. A batch makes one PackContext per period (pack-context.ts) and calls buildPackFrom for each region, so
 * rankings, scores, warnings, robustness and lists are computed once per period, not once per pack.
 */
import { historyOf } from '../analytics/honour-lists-result.js';
import type { TopLeaderRow } from '../analytics/pack-queries.js';
import { topLeaders } from '../analytics/pack-queries.js';
import { QUALITY_KIND_NAMES } from '../analytics/quality.js';
import { ymOf } from '../analytics/cadre-adjustments.js';
import type { Connector } from '../db/connector.js';
import { maskField, maskProfile, type MaskProfile } from '../format/mask.js';
import { periodMonths } from '../analytics/leaders.js';
import type { RegionLevel } from '../model/region-code.js';
import { buildFindings, indicatorSentence, packPeriodLabel } from './narrative.js';
import { packContext, type LevelData, type PackContext, type PackOptions } from './pack-context.js';
import { compositeOf, indicatorRows, peersOf, periodOfMonthNumber, strengthsAndWeaknesses, trendsOf } from './pack-sections.js';
import type { PackAppendix, PackIndicatorRow, PackLeader, PackListItem, PackModel, PackRequest, PackWarning } from './pack-types.js';

export type { PackOptions, PackContext } from './pack-context.js';
export { packContext } from './pack-context.js';

/** A region the batch makes a pack for: its 一把手 in office at the period's end. */
export interface PackTarget {
  readonly regionCode: string;
  readonly regionName: string;
  readonly level: RegionLevel;
  readonly leaderId: string | null;
  readonly leaderName: string | null;
}

const toTarget = (t: TopLeaderRow): PackTarget => ({ regionCode: t.regionCode, regionName: t.regionName, level: t.level, leaderId: t.leaderId, leaderName: t.leaderName });

/** Every region with a 一把手 in office at the period's end (what the batch iterates), province, cities, counties. */
export async function packTargets(db: Connector, period: string): Promise<PackTarget[]> {
  return (await topLeaders(db, period)).map(toTarget);
}

/** One pack (for a single pack; a batch uses packContext once and buildPackFrom per region). */
export async function buildPack(db: Connector, req: PackRequest, opts: PackOptions): Promise<PackModel> {
  return buildPackFrom(await packContext(db, req.period, opts), req);
}

/** The leader section: roster facts at the period's end, names masked when asked. */
/** Packs mask like the screens; a pack made for projection (names hidden) masks names too. */
function packProfile(ctx: PackContext): MaskProfile {
  return maskProfile({ projection: ctx.opts.maskNames === true });
}

function leaderOf(ctx: PackContext, t: TopLeaderRow): PackLeader {
  const end = (periodMonths(ctx.period) as { last: number }).last;
  const sinceM = t.postSinceM ?? t.termStart;
  const start = periodOfMonthNumber(t.termStart, ctx.period);
  const year = Math.floor(end / 12);
  return {
    cadreId: t.leaderId,
    name: maskField(packProfile(ctx), 'name', t.leaderName),
    post: t.currentPost ?? t.postTitle,
    birthYm: ymOf(t.birthM),
    age: t.birthM === null ? null : Math.floor((end - t.birthM) / 12),
    since: ymOf(sinceM),
    yearsInPost: Math.round(((end - sinceM) / 12) * 10) / 10,
    tenureStartPeriod: start !== null && ctx.firstPeriod !== null && start >= ctx.firstPeriod ? start : null,
    assessments: (ctx.assessments.get(t.leaderId) ?? []).filter((a) => a.year >= year - 3 && a.year < year + 1).slice(-3),
  };
}

/** Section 8's lists: the region's and the leader's 红黄榜 entries up to the period, newest first. */
function listsOf(ctx: PackContext, levels: readonly LevelData[], code: string, leaderId: string | null): PackListItem[] {
  const items: PackListItem[] = [];
  for (const lv of levels) {
    const timeline = lv.honour?.timeline ?? [];
    for (const h of historyOf(timeline, code)) items.push({ period: h.period, listType: h.listType, subject: 'region', reason: h.reason });
    if (leaderId) for (const h of historyOf(timeline, leaderId)) items.push({ period: h.period, listType: h.listType, subject: 'cadre', reason: h.reason });
  }
  const seen = new Set<string>();
  return items
    .filter((i) => i.period <= ctx.period)
    .filter((i) => {
      const k = `${i.period}|${i.listType}|${i.subject}`;
      return !seen.has(k) && (seen.add(k), true);
    })
    .sort((a, b) => b.period.localeCompare(a.period) || a.subject.localeCompare(b.subject));
}

/** Section 9: definitions, 数据阶段, the cutoff, quality flags on the region's core values, and their sources. */
function appendixOf(ctx: PackContext, lv: LevelData, code: string, rows: readonly PackIndicatorRow[]): PackAppendix {
  const stages = [...new Set(rows.map((r) => ctx.sources.get(`${code}|${r.indicatorId}`)?.dataStage).filter((s): s is string => !!s))];
  const core = new Set(rows.map((r) => r.indicatorId));
  return {
    definitions: ctx.core.map((i) => ({ name: i.name, unit: i.unit, basis: i.basis, direction: i.direction, dimension: i.dimension })),
    dataStage: stages.length ? stages.join('、') : '未标注',
    cutoff: ctx.cutoff,
    quality: lv.quality.flags.filter((f) => f.regionCode === code && core.has(f.indicatorId)).map((f) => ({ indicator: f.indicatorName, text: `${QUALITY_KIND_NAMES[f.kind]}：${f.detail}` })),
    sources: rows
      .filter((r) => r.value !== null)
      .map((r) => {
        const s = ctx.sources.get(`${code}|${r.indicatorId}`);
        const file = s?.file ?? (ctx.opts.demo ? '内置示例数据' : '未记录来源');
        return { indicator: r.name, file, sheet: s?.sheet ?? null, row: s?.row ?? null };
      }),
  };
}

/** The region (and its leader) a request names, from the context's leaders and regions. */
function resolve(ctx: PackContext, req: PackRequest): { code: string; target: TopLeaderRow | null } {
  if (req.period !== ctx.period) throw new Error(`请求的期间 ${req.period} 与批次的期间 ${ctx.period} 不一致`);
  if (req.leaderId) {
    const t = ctx.targets.find((x) => x.leaderId === req.leaderId);
    if (!t) throw new Error(`${req.leaderId} 在 ${packPeriodLabel(ctx.period)}末不是任何地区的一把手`);
    return { code: t.regionCode, target: t };
  }
  if (!req.regionCode) throw new Error('请指定地区或一把手');
  if (!ctx.regions.has(req.regionCode)) throw new Error(`工作区中没有地区 ${req.regionCode}`);
  return { code: req.regionCode, target: ctx.targets.find((x) => x.regionCode === req.regionCode) ?? null };
}

/** One pack from the period's context (see the module comment). */
export async function buildPackFrom(ctx: PackContext, req: PackRequest): Promise<PackModel> {
  const { code, target } = resolve(ctx, req);
  const region = ctx.regions.get(code) as { name: string; level: RegionLevel; parent: string | null };
  const group = target?.group ?? null;
  const level = region.level;
  const lv = await ctx.level(level);
  const sc = await ctx.scope(level, group);
  const rows = indicatorRows(ctx, lv, sc, code, level, group);
  const { strengths, weaknesses } = strengthsAndWeaknesses(rows);
  const names = new Map(ctx.core.map((i) => [i.id, i.name]));
  const warnings: PackWarning[] = ctx.warnings
    .filter((e) => e.regionCode === code && e.status !== '解除')
    .map((e) => ({ level: e.level, ruleId: e.ruleId, ruleName: e.ruleName, message: e.message, status: e.status as '新增' | '持续', since: e.periods[0] ?? e.period, indicatorId: e.indicatorId, indicatorName: names.get(e.indicatorId) ?? e.indicatorName }));
  const composite = compositeOf(sc, code);
  const periodLabel = packPeriodLabel(ctx.period);
  const other = level === 'county' ? 'city' : level === 'city' ? 'county' : null;
  const levels = [lv, ...(other && target ? [await ctx.level(other)] : [])];
  return privacyOf(ctx, target, {
    period: ctx.period,
    periodLabel,
    region: { code, name: region.name, level, group, parentName: target?.parentName ?? (region.parent ? (ctx.regions.get(region.parent)?.name ?? null) : null) },
    title: `${region.name}${periodLabel}发展情况分析`,
    leader: target ? leaderOf(ctx, target) : null,
    findings: buildFindings(ctx.templates, { regionName: region.name, periodLabel, composite, group, rows, strengths, weaknesses, warnings }),
    indicators: rows,
    indicatorSentences: rows.map((r) => indicatorSentence(ctx.templates, r).text),
    trends: trendsOf(ctx, lv, code, target?.termStart ?? null),
    peers: peersOf(ctx, sc, code, level, group),
    composite,
    strengths,
    weaknesses,
    warnings,
    lists: listsOf(ctx, levels, code, target?.leaderId ?? null),
    appendix: appendixOf(ctx, lv, code, rows),
    watermark: ctx.opts.watermark,
    templatesVersion: ctx.templates.version,
  });
}

/**
 * The masking module over the pack's free text (warning messages, list reasons, the post): an ID or phone number
 * someone typed into a reason is masked like everywhere else. With names hidden, the leader's name is masked
 * wherever a text carries it too (a 红黄榜 reason names the 一把手).
 */
function privacyOf(ctx: PackContext, target: TopLeaderRow | null, m: PackModel): PackModel {
  const real = target?.leaderName ?? null;
  const text = (s: string) => {
    const profile = packProfile(ctx);
    const masked = maskField(profile, 'text', s);
    return real ? masked.split(real).join(maskField(profile, 'name', real)) : masked;
  };
  return {
    ...m,
    leader: m.leader ? { ...m.leader, post: m.leader.post === null ? null : text(m.leader.post) } : null,
    findings: m.findings.map((f) => ({ ...f, text: text(f.text) })),
    warnings: m.warnings.map((w) => ({ ...w, message: text(w.message) })),
    lists: m.lists.map((l) => ({ ...l, reason: text(l.reason) })),
  };
}
