/** `score` and `robustness`: the composite score modules on a workspace, one JSON document out. */
import { robustness, type RobustnessParams } from '../../../shared/analytics/robustness.js';
import { score, type ScoreParams } from '../../../shared/analytics/score.js';
import { METHOD_NAMES, SCORE_METHODS, type ScoreMethod } from '../../../shared/analytics/score-plan.js';
import { formatMove, formatRank, formatValue } from '../../../shared/format/number.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { findScheme, readWeightSchemes } from '../../../shared/workspace/weight-schemes.js';
import type { WorkspaceDocuments } from '../../../shared/workspace/save.js';
import { levelFlag, optionalFlag as optional, periodFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';

function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = optional(args, name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min}～${max} 的整数：${raw}`);
  return n;
}

/** Parses --period, --level, --group, --method, --missing (the scheme is applied once the workspace is open). */
export function scoreParams(args: ParsedArgs): ScoreParams {
  const period = periodFlag(args);
  const level = levelFlag(args);
  const method = optional(args, 'method');
  if (method !== null && !(SCORE_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method 应为 ${SCORE_METHODS.join('、')} 之一：${method}`);
  const missing = optional(args, 'missing');
  if (missing !== null && missing !== 'reweight' && missing !== 'minimum') throw new UsageError(`--missing 应为 reweight 或 minimum：${missing}`);
  return {
    period,
    level,
    group: optional(args, 'group'),
    ...(method ? { method: method as ScoreMethod } : {}),
    ...(missing ? { missing } : {}),
  };
}

/** The params with `--scheme <name>` applied from the workspace's 'weights' document (flags still win). */
function withScheme(params: ScoreParams, args: ParsedArgs, documents: WorkspaceDocuments): ScoreParams & { scheme: string | null } {
  const name = optional(args, 'scheme');
  if (name === null) return { ...params, scheme: null };
  const all = readWeightSchemes(documents.weights);
  const s = findScheme(all, name);
  if (!s) throw new UsageError(`工作区中没有权重方案「${name}」${all.schemes.length ? `（已有：${all.schemes.map((x) => x.name).join('、')}）` : '（尚未保存任何方案）'}`);
  return { ...params, weights: s.weights, method: params.method ?? s.method, missing: params.missing ?? s.missing, scheme: s.name };
}

/** `score --period <p> [--level] [--group] [--method] [--scheme] [--missing]`: composite, sub-scores, ranks. */
export async function scoreCommand(args: ParsedArgs): Promise<CommandResult> {
  const parsed = scoreParams(args);
  return onWorkspace(args, async (db, ws, target) => {
    const params = withScheme(parsed, args, ws.documents);
    const r = await score(db, params);
    const lines = r.rows.map((x) =>
      [
        formatRank(x.rank).padEnd(6),
        x.name.padEnd(8),
        `综合 ${formatValue(x.composite, null, 'zh-CN', 2)}`,
        ...r.dimensions.map((d, i) => `${d} ${formatValue(x.dimensions[i] ?? null, null, 'zh-CN', 2)}`),
        x.missing ? `缺 ${x.missing} 项` : '',
        `较上期${formatMove(x.movePrevious)}`,
      ].filter(Boolean).join('  '),
    );
    const method = params.method ? METHOD_NAMES[params.method] : '按指标目录的计分方法';
    const head = `${periodLabelZh(params.period)}综合得分：${r.indicators.length} 项指标，${method}；${r.missingPolicyText}${params.scheme ? `；权重方案「${params.scheme}」` : ''}`;
    const out = r.leftOut.map((x) => `未计分：${x.name}（${x.id}）：${x.reason}`);
    return { json: { workspace: { path: target.path, name: ws.name }, scheme: params.scheme, ...r }, text: [`工作区：${ws.name}`, head, ...lines, ...out].join('\n') };
  });
}

/** `robustness --period <p> [--draws 1000] [--seed 1] [--spread 0.2] [--top 10] [--bottom 3]` and the score flags. */
export async function robustnessCommand(args: ParsedArgs): Promise<CommandResult> {
  const parsed = scoreParams(args);
  const spreadRaw = optional(args, 'spread');
  const spread = spreadRaw === null ? undefined : Number(spreadRaw);
  if (spread !== undefined && !(spread > 0 && spread < 1)) throw new UsageError(`--spread 应在 0 与 1 之间：${spreadRaw}`);
  const extra: Partial<RobustnessParams> = {
    draws: intFlag(args, 'draws', 1, 10000),
    seed: intFlag(args, 'seed', 0, 2 ** 31 - 1),
    top: intFlag(args, 'top', 0, 10000),
    bottom: intFlag(args, 'bottom', 0, 10000),
    spread,
  };
  return onWorkspace(args, async (db, ws, target) => {
    const params = withScheme(parsed, args, ws.documents);
    const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    const r = await robustness(db, { ...params, ...defined });
    const lines = r.rows.map((x) =>
      [
        formatRank(x.rank).padEnd(6),
        x.name.padEnd(8),
        x.p5 === null ? '' : `权重浮动下第${x.p5}～${x.p95}位（中位第${x.median}位）`,
        x.methodSpread === null ? '' : `换计分方法相差${x.methodSpread}位`,
        x.fragile.length ? `⚠ 位次不稳：${x.fragile.map((f) => `${f.boundary}（${f.by === 'weights' ? '权重' : '计分方法'}）`).join('、')}` : '',
      ].filter(Boolean).join('  '),
    );
    const head = `${periodLabelZh(params.period)}综合排名稳健性：权重各自浮动 ±${Math.round(r.spread * 100)}%，${r.draws} 次抽样（种子 ${r.seed}），${r.regions} 个地区；检验边界：${r.boundaries.join('、') || '无'}；${r.fragileCount} 个地区位次不稳`;
    return { json: { workspace: { path: target.path, name: ws.name }, scheme: params.scheme, ...r }, text: [`工作区：${ws.name}`, head, ...lines].join('\n') };
  });
}
