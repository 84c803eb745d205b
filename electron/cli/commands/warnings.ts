/** `warnings` and `leader`: the warning engine and who led a region, on a workspace, one JSON document out. */
import { leaderOf } from '../../../shared/analytics/leaders.js';
import { evaluateWarnings } from '../../../shared/analytics/warnings.js';
import { normalizeRegionCode } from '../../../shared/model/region-code.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { loadRuleSet } from '../../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../../shared/workspace/view-settings.js';
import { checkPeriod, optionalFlag as optional, periodFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';

/** `warnings --workspace <dir> [--period <p>] [--level 黄线|红线] [--region <code>] [--indicator <id>]`. */
export async function warningsCommand(args: ParsedArgs): Promise<CommandResult> {
  const period = optional(args, 'period');
  if (period !== null) checkPeriod(period);
  const level = optional(args, 'level');
  if (level !== null && level !== '黄线' && level !== '红线') throw new UsageError(`--level 应为 黄线 或 红线：${level}`);
  return onWorkspace(args, async (db, ws, target) => {
    const set = await loadRuleSet(db, ws.documents.rules);
    const r = await evaluateWarnings(db, set.rules, { period, level, regionCode: optional(args, 'region'), indicatorId: optional(args, 'indicator'), national: readViewSettings(ws.documents.views).national });
    const head = `${period ? periodLabelZh(period) : '全部期间'}：红线 ${r.counts.red} 条，黄线 ${r.counts.yellow} 条，解除 ${r.counts.resolved} 条（规则 ${r.rules.length} 条，来自${set.source === 'document' ? '工作区规则集' : '预警规则表'}）`;
    const problems = set.problems.map((p) => `⚠ 规则 ${p.rule} 未启用：${p.message}`);
    const lines = r.events.map((e) => `[${e.level}·${e.status}] ${e.message}${e.leaderName ? `（一把手：${e.leaderName}）` : ''}`);
    return {
      json: { workspace: { path: target.path, name: ws.name }, source: set.source, problems: set.problems, rules: r.rules, periods: r.periods, counts: r.counts, events: r.events },
      text: [`工作区：${ws.name}`, head, ...problems, ...lines].join('\n'),
    };
  });
}

/** `leader --workspace <dir> --region <code> --period <p>`: the 一把手 in office, and every one during the period. */
export async function leaderCommand(args: ParsedArgs): Promise<CommandResult> {
  const region = optional(args, 'region');
  const code = region === null ? null : normalizeRegionCode(region);
  if (!code) throw new UsageError(`--region 应为6位区划代码${region === null ? '' : `：${region}`}`);
  const period = periodFlag(args);
  return onWorkspace(args, async (db, ws, target) => {
    const r = await leaderOf(db, code, period);
    if (r.regionName === null) throw new UsageError(`工作区中没有地区 ${code}`);
    const term = (t: { name: string; postTitle: string; from: string; to: string | null }) => `${t.name}（${t.postTitle}，${t.from}～${t.to ?? '今'}）`;
    const text = [
      `工作区：${ws.name}`,
      `${r.regionName}${periodLabelZh(period)}一把手：${r.leader ? term(r.leader) : '空缺'}`,
      ...(r.during.length > 1 ? [`期内任职：${r.during.map(term).join('；')}`] : []),
    ].join('\n');
    return { json: { workspace: { path: target.path, name: ws.name }, ...r }, text };
  });
}
