/** `trend` and `heatmap`: the trend and heat-map modules on a workspace, one JSON document out. */
import { heatmap, periodHeatmap, sortRows, type HeatMatrix } from '../../../shared/analytics/heatmap.js';
import { trend, type TrendParams } from '../../../shared/analytics/trend.js';
import { trendFindings } from '../../../shared/charts/trend-line.js';
import { formatGap, formatRank, formatValue } from '../../../shared/format/number.js';
import { translator } from '../../../shared/i18n/messages.js';
import { periodLabel } from '../../../shared/model/period.js';
import { readViewSettings } from '../../../shared/workspace/view-settings.js';
import { checkPeriod, levelFlag, optionalFlag, requireFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';

const optional = optionalFlag;

/** Parses `trend --region <code>[,<code>…] --indicator <id> [--benchmark avg|parent|national] [--window n]`. */
export function trendParams(args: ParsedArgs): TrendParams {
  const indicator = requireFlag(args, 'indicator');
  const regions = requireFlag(args, 'region').split(',').map((s) => s.trim()).filter(Boolean);
  if (regions.length === 0 || regions.length > 8) throw new UsageError('--region 需要 1～8 个区划代码，用逗号分隔');
  const benchmark = optional(args, 'benchmark') ?? 'avg';
  if (benchmark !== 'avg' && benchmark !== 'parent' && benchmark !== 'national') throw new UsageError(`--benchmark 应为 avg、parent 或 national：${benchmark}`);
  const w = optional(args, 'window');
  const window = w === null ? undefined : Number(w);
  if (window !== undefined && !(Number.isInteger(window) && window >= 1 && window <= 24)) throw new UsageError(`--window 应为 1～24 的整数：${w}`);
  return { indicator, regions, benchmark, ...(window ? { window } : {}) };
}

/** `trend`: values, YoY (QoQ only for 当期), moving average, 时序进度, streaks and 一把手 changes per region. */
export async function trendCommand(args: ParsedArgs): Promise<CommandResult> {
  const params = trendParams(args);
  return onWorkspace(args, async (db, ws, target) => {
    const national = readViewSettings(ws.documents.views).national[params.indicator] ?? {};
    const r = await trend(db, params.benchmark === 'national' ? { ...params, national } : params);
    if (r.series.length === 0) throw new Error(`工作区中没有地区 ${r.unknownRegions.join('、')}（请用 info 或 rank 查看区划代码）`);
    const t = translator('zh-CN');
    const unit = r.indicator.unit ?? '';
    const lines = r.series.flatMap((s) => [
      `${s.name}（${s.regionCode}）`,
      ...s.points.map((p) =>
        [
          `  ${periodLabel(p.period, r.indicator.basis)}`.padEnd(24),
          `${formatValue(p.value, unit)} ${unit}`,
          `同比 ${formatGap(p.yoy, '%')}${r.yoyUnit}`,
          r.qoqAllowed ? `环比 ${formatGap(p.qoq, '%')}%` : '',
          p.completion === null ? '' : `完成年度目标 ${formatValue(p.completion, '%')}%（时序进度 ${p.schedule}%）`,
        ].filter(Boolean).join('  '),
      ),
    ]);
    const notes = [r.qoqNote ? `环比：${r.qoqNote}` : '', ...trendFindings(r, t), ...r.unknownRegions.map((c) => `工作区中没有地区 ${c}`)].filter(Boolean);
    return {
      json: { workspace: { path: target.path, name: ws.name }, ...r, findings: trendFindings(r, t) },
      text: [`工作区：${ws.name}`, `${r.indicator.name}，基准为${r.benchmarkName}`, ...lines, ...notes].join('\n'),
    };
  });
}

/** A matrix as JSON rows (NaN → null), in the given row order. */
function matrixJson(m: HeatMatrix, order: readonly number[]) {
  const C = m.cols.length;
  const nn = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : Math.round(x * 1e6) / 1e6);
  return order.map((r) => ({
    regionCode: m.rowCodes[r],
    name: m.rowNames[r],
    composite: nn(m.composite[r]),
    compositeRank: nn(m.compositeRank[r]),
    cells: m.cols.map((col, c) => ({ key: col, value: nn(m.values[r * C + c]), score: nn(m.scores[r * C + c]), rank: nn(m.ranks[r * C + c]) })),
  }));
}

/**
 * `heatmap --period <p> [--level] [--group] [--parent] [--sort composite|code]`: regions × indicators with
 * standardised scores; or `--indicator <id>` without --period for regions × periods of one indicator.
 */
export async function heatmapCommand(args: ParsedArgs): Promise<CommandResult> {
  const period = optional(args, 'period');
  const indicator = optional(args, 'indicator');
  if (!period && !indicator) throw new UsageError('heatmap 需要 --period（地区 × 指标）或 --indicator（地区 × 期间）');
  if (period) checkPeriod(period);
  const sort = optional(args, 'sort') ?? 'composite';
  if (sort !== 'composite' && sort !== 'code') throw new UsageError(`--sort 应为 composite 或 code：${sort}`);
  const scope = { level: levelFlag(args), group: optional(args, 'group'), parent: optional(args, 'parent') };
  return onWorkspace(args, async (db, ws, target) => {
    const r = period
      ? await heatmap(db, { ...scope, period, indicators: indicator ? indicator.split(',') : null })
      : await periodHeatmap(db, { ...scope, indicator: indicator as string });
    const m = r.matrix;
    const order = sortRows(m, sort);
    const columns = 'indicators' in r
      ? r.indicators.map((i) => ({ key: i.id, name: i.name, unit: i.unit, direction: i.direction }))
      : m.cols.map((p) => ({ key: p, name: periodLabel(p, r.indicator.basis), unit: r.indicator.unit, direction: r.indicator.direction }));
    const rows = matrixJson(m, order);
    const head = 'indicators' in r ? `${periodLabel(r.params.period, null)}，${rows.length} 个地区 × ${columns.length} 项指标` : `${r.indicator.name}，${rows.length} 个地区 × ${columns.length} 期`;
    const text = [
      `工作区：${ws.name}`,
      `${head}（标准分 = Z 分数 × 指标方向，越高越好）`,
      ...rows.map((x) => `${formatRank(x.compositeRank)}  ${String(x.name).padEnd(8)} 综合 ${formatGap(x.composite, null, 'zh-CN', 2)}`),
    ].join('\n');
    return { json: { workspace: { path: target.path, name: ws.name }, params: r.params, method: 'z-score × direction', columns, rows }, text };
  });
}
