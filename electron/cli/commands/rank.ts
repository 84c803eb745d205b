import { ranking, type Benchmark, type RankingParams } from '../../../shared/analytics/ranking.js';
import { formatGap, formatMove, formatRank, formatValue, gapUnit } from '../../../shared/format/number.js';
import { periodLabel } from '../../../shared/model/period.js';
import { levelFlag, optionalFlag, periodFlag, requireFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';

const BENCHMARK_ZH: Record<string, string> = { avg: '参与比较地区平均值', parent: '上级地区本级值', target: '年度目标' };

const optional = optionalFlag;

/** Parses --level, --group, --parent and --benchmark (avg | parent | target | a number). */
export function rankParams(args: ParsedArgs): RankingParams {
  const indicator = requireFlag(args, 'indicator');
  const period = periodFlag(args);
  const level = levelFlag(args);
  const raw = optional(args, 'benchmark') ?? 'avg';
  let benchmark: Benchmark;
  if (raw === 'avg' || raw === 'parent' || raw === 'target') benchmark = raw;
  else if (/^[-+]?\d+(\.\d+)?$/.test(raw)) benchmark = Number(raw);
  else throw new UsageError(`--benchmark 应为 avg、parent、target 或一个数值：${raw}`);
  return { indicator, period, level, group: optional(args, 'group'), parent: optional(args, 'parent'), benchmark };
}

/** `rank --indicator <id> --period <p> [--level] [--group] [--parent] [--benchmark]`: ranks, gaps and movement. */
export async function rankCommand(args: ParsedArgs): Promise<CommandResult> {
  const params = rankParams(args);
  return onWorkspace(args, async (db, ws, target) => {
    const r = await ranking(db, params);
    const { unit, basis } = r.indicator;
    const b = params.benchmark ?? 'avg';
    const benchName = typeof b === 'number' ? `给定值 ${formatValue(b, unit)}` : BENCHMARK_ZH[b];
    const lines = r.rows.map((x) =>
      [
        formatRank(x.rank).padEnd(6),
        x.name.padEnd(8),
        `${formatValue(x.value, unit)}${unit === '%' ? '%' : ` ${unit ?? ''}`}`.trim(),
        `差距 ${formatGap(x.gap, unit)}${gapUnit(unit)}${x.gapPct === null ? '' : `（${formatGap(x.gapPct, '%')}%）`}`,
        `较上期${formatMove(x.movePrevious)}`,
        `较上年同期${formatMove(x.moveLastYear)}`,
      ].join('  '),
    );
    const head = `${r.indicator.name}：${periodLabel(params.period, basis)}，${r.compared} 个地区参与比较，基准为${benchName}；上期 ${r.previousPeriod}，上年同期 ${r.lastYearPeriod}`;
    return { json: { workspace: { path: target.path, name: ws.name }, ...r }, text: [`工作区：${ws.name}`, head, ...lines].join('\n') };
  });
}
