/**
 * Everything a quarter's packs share, computed once per period and reused for every region (the batch builds ~115
 * packs): the catalogue and core indicators, the leaders, the warnings evaluation, and, the first time a level or a
 * 考核分组 is asked for, its rankings and trends per core indicator, its honour lists and quality checks, and the
 * group's composite score, robustness and heat map. All of it from the existing analytics modules.
 */
import { heatmap, type HeatmapResult } from '../analytics/heatmap.js';
import { honourLists, type HonourResult } from '../analytics/honour-lists-result.js';
import { annualAssessments, firstPeriod, newestImport, topLeaders, valueSources, type TopLeaderRow, type ValueSource } from '../analytics/pack-queries.js';
import { quality, type QualityResult } from '../analytics/quality.js';
import { ranking, type RankingResult } from '../analytics/ranking.js';
import { robustness, type RobustnessResult } from '../analytics/robustness.js';
import { score, scoringCatalogue, type ScoreParams, type ScoreResult } from '../analytics/score.js';
import { planIndicators } from '../analytics/score-plan.js';
import { trend, type TrendResult } from '../analytics/trend.js';
import type { WarningRule } from '../analytics/warning-rules.js';
import { evaluateWarnings, type WarningEvent } from '../analytics/warnings.js';
import type { Connector } from '../db/connector.js';
import { listIndicators, listRegions, type IndicatorMeta } from '../model/catalog.js';
import { parsePeriod, periodEndDate } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { readTemplatesDocument } from '../workspace/narrative-templates.js';
import { loadRuleSet } from '../workspace/rule-sets.js';
import { readViewSettings } from '../workspace/view-settings.js';
import { findScheme, readWeightSchemes } from '../workspace/weight-schemes.js';
import type { NarrativeTemplates } from './narrative-templates.js';
import type { Watermark } from './pack-types.js';

/** How packs are made: the watermark, the workspace's documents, masking and the knobs of the costly parts. */
export interface PackOptions {
  readonly watermark: Watermark;
  readonly documents?: { readonly rules?: unknown; readonly lists?: unknown; readonly views?: unknown; readonly weights?: unknown; readonly templates?: unknown; readonly maps?: unknown };
  /** Mask people's names (projection with names hidden): 张三丰 → 张**. */
  readonly maskNames?: boolean;
  /** 'YYYY-MM-DD HH:mm' or ISO: the data date printed when nothing was imported (default: the period's end). */
  readonly now?: string;
  /** The workspace is the built-in sample: values without provenance are labelled 内置示例数据. */
  readonly demo?: boolean;
  /** Core indicators at most (default 12) and trend charts at most (default 4). */
  readonly maxIndicators?: number;
  readonly maxTrends?: number;
  /** Robustness draws for the composite rank interval (default 200; 0 skips it). */
  readonly robustnessDraws?: number;
}

/** One core indicator: its catalogue entry and its weight in the composite. */
export interface CoreIndicator extends IndicatorMeta {
  readonly weight: number;
}

/** What one level shares: per core indicator its ranking and its trend over every region of the level. */
export interface LevelData {
  readonly rankings: ReadonlyMap<string, RankingResult>;
  readonly trends: ReadonlyMap<string, TrendResult>;
  readonly honour: HonourResult | null;
  readonly quality: QualityResult;
}

/** What one 考核分组 (or the whole level) shares: the composite, its robustness and the heat map of the core. */
export interface ScopeData {
  readonly score: ScoreResult;
  readonly robust: RobustnessResult | null;
  readonly heat: HeatmapResult;
}

/** The per-period cache buildPackFrom reads (see packContext). */
export interface PackContext {
  readonly db: Connector;
  readonly period: string;
  readonly opts: PackOptions;
  readonly templates: NarrativeTemplates;
  readonly core: readonly CoreIndicator[];
  /** The most weighted core indicators, drawn as trends. */
  readonly trendIds: readonly string[];
  readonly scoreParams: Omit<ScoreParams, 'period' | 'level' | 'group'>;
  readonly targets: readonly TopLeaderRow[];
  readonly regions: ReadonlyMap<string, { readonly name: string; readonly level: RegionLevel; readonly parent: string | null }>;
  readonly rules: readonly WarningRule[];
  /** Warnings of the period in force (not 解除), every region. */
  readonly warnings: readonly WarningEvent[];
  readonly national: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly sources: ReadonlyMap<string, ValueSource>;
  readonly assessments: ReadonlyMap<string, readonly { year: number; result: string }[]>;
  readonly firstPeriod: string | null;
  readonly cutoff: string;
  level(level: RegionLevel): Promise<LevelData>;
  scope(level: RegionLevel, group: string | null): Promise<ScopeData>;
}

/** Compute once per period what every pack of it needs (levels and groups lazily, each once). */
export async function packContext(db: Connector, period: string, opts: PackOptions): Promise<PackContext> {
  if (!parsePeriod(period)) throw new Error(`无法识别的期间：${period}`);
  const docs = opts.documents ?? {};
  const templates = readTemplatesDocument(docs.templates);
  const schemes = readWeightSchemes(docs.weights);
  const scheme = findScheme(schemes, schemes.active);
  const scoreParams = scheme ? { weights: scheme.weights, method: scheme.method, missing: scheme.missing } : {};
  const catalogue = await listIndicators(db);
  const planned = new Map(planIndicators(await scoringCatalogue(db), scoreParams).used.map((u) => [u.id, u.weight]));
  const core: CoreIndicator[] = catalogue.filter((i) => planned.has(i.id)).slice(0, opts.maxIndicators ?? 12).map((i) => ({ ...i, weight: planned.get(i.id) as number }));
  const trendIds = [...core].sort((a, b) => b.weight - a.weight || core.indexOf(a) - core.indexOf(b)).slice(0, opts.maxTrends ?? 4).map((i) => i.id);
  const coreIds = core.map((i) => i.id);
  const national = readViewSettings(docs.views).national;
  const rules = (await loadRuleSet(db, docs.rules)).rules;
  const targets = await topLeaders(db, period);
  const year = parsePeriod(period)?.year ?? 0;
  const warnings = (await evaluateWarnings(db, rules, { period, resolved: false, national })).events;
  const regions = new Map((await listRegions(db, null)).map((r) => [r.code, { name: r.name, level: r.level, parent: r.parent }]));

  const levels = new Map<RegionLevel, Promise<LevelData>>();
  const scopes = new Map<string, Promise<ScopeData>>();
  const levelData = async (level: RegionLevel): Promise<LevelData> => {
    const rankings = new Map<string, RankingResult>();
    const trends = new Map<string, TrendResult>();
    const codes = [...regions].filter(([, r]) => r.level === level).map(([c]) => c);
    for (const id of coreIds) {
      rankings.set(id, await ranking(db, { indicator: id, period, level }));
      if (codes.length) trends.set(id, await trend(db, { indicator: id, regions: codes, minStreak: 1 }));
    }
    const honour = level === 'province' ? null : await honourLists(db, { period, level, document: docs.lists, rules, national });
    return { rankings, trends, honour, quality: await quality(db, { period, level, indicators: coreIds }) };
  };
  const scopeData = async (level: RegionLevel, group: string | null): Promise<ScopeData> => {
    const params = { ...scoreParams, period, level, group };
    const draws = opts.robustnessDraws ?? 200;
    const robust = draws > 0 ? await robustness(db, { ...params, draws, seed: 1 }) : null;
    return { score: robust?.score ?? (await score(db, params)), robust, heat: await heatmap(db, { period, level, group, indicators: coreIds }) };
  };
  return {
    db,
    period,
    opts,
    templates,
    core,
    trendIds,
    scoreParams,
    targets,
    regions,
    rules,
    warnings,
    national,
    sources: await valueSources(db, period, coreIds),
    assessments: await annualAssessments(db, [...new Set(targets.map((t) => t.leaderId))], year),
    firstPeriod: await firstPeriod(db),
    cutoff: (await newestImport(db)) ?? opts.now?.slice(0, 10) ?? periodEndDate(period),
    level(level) {
      let p = levels.get(level);
      if (!p) levels.set(level, (p = levelData(level)));
      return p;
    },
    scope(level, group) {
      const key = `${level}|${group ?? ''}`;
      let p = scopes.get(key);
      if (!p) scopes.set(key, (p = scopeData(level, group)));
      return p;
    },
  };
}
