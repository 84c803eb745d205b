import type { WarningRuleRow } from '../../shared/model/tables.js';

/**
 * The default warning rules, one per practice rule of DOMAIN.md. `condition` is a machine keyword the warning
 * engine dispatches on; `params` is compact JSON. indicator_id null means every applicable indicator.
 *
 * Params:
 * - lag_benchmark: benchmark ('province_avg'), gap_pp (percentage points), unit (only indicators in this unit);
 *   direction-aware (for lower-is-better indicators lagging means above the benchmark).
 * - below_threshold_consecutive: threshold, periods (consecutive periods below it).
 * - consecutive_level: level (the warning level that must repeat), periods.
 * - rank_bottom: n (bottom n of the ranking group), periods (consecutive periods), scope ('eval_group').
 * - rank_drop: places (a fall of at least this many places against the previous period), scope.
 * - rank_last: scope.
 * - schedule_behind: checkpoints (% of the annual year-to-date target due by Q1..Q4); fires when
 *   100 × value / annual_target < checkpoint − gap_pp (2 points of tolerance for the yellow line, 10 for the red).
 * - negative_growth: field ('value' or 'yoy_pct'), threshold (below it fires).
 */
const RULES: readonly Omit<WarningRuleRow, 'enabled' | 'version'>[] = [
  {
    rule_id: 'R01',
    name: '指标落后全省平均10个百分点以上',
    indicator_id: null,
    condition: 'lag_benchmark',
    params: '{"benchmark":"province_avg","gap_pp":10,"unit":"%"}',
    level: '黄线',
    message: '{region}{period}{indicator}为{value}，落后全省平均{benchmark}达{gap}个百分点',
  },
  {
    rule_id: 'R02',
    name: '群众满意度连续两年低于80%',
    indicator_id: 'C08',
    condition: 'below_threshold_consecutive',
    params: '{"threshold":80,"periods":2}',
    level: '黄线',
    message: '{region}{indicator}连续两年低于80%，{period}为{value}',
  },
  {
    rule_id: 'R03',
    name: '连续两期亮黄线升级为红线',
    indicator_id: null,
    condition: 'consecutive_level',
    params: '{"level":"黄线","periods":2}',
    level: '红线',
    message: '{region}{indicator}连续两期亮黄线，{period}升级为红线',
  },
  {
    rule_id: 'R04',
    name: '排名后三位',
    indicator_id: null,
    condition: 'rank_bottom',
    params: '{"n":3,"periods":1,"scope":"eval_group"}',
    level: '黄线',
    message: '{region}{period}{indicator}为{value}，在同组排第{rank}位，处于后三位',
  },
  {
    rule_id: 'R05',
    name: '排名下降3位及以上',
    indicator_id: null,
    condition: 'rank_drop',
    params: '{"places":3,"scope":"eval_group"}',
    level: '黄线',
    message: '{region}{period}{indicator}排名第{rank}位，比上期后退{drop}位',
  },
  {
    rule_id: 'R06',
    name: '排名末位',
    indicator_id: null,
    condition: 'rank_last',
    params: '{"scope":"eval_group"}',
    level: '红线',
    message: '{region}{period}{indicator}为{value}，在同组排名末位',
  },
  {
    rule_id: 'R07',
    name: '连续两个季度排名后三位',
    indicator_id: null,
    condition: 'rank_bottom',
    params: '{"n":3,"periods":2,"scope":"eval_group"}',
    level: '红线',
    message: '{region}{indicator}连续两个季度处于同组后三位，{period}排第{rank}位',
  },
  {
    rule_id: 'R08',
    name: '滞后时序进度',
    indicator_id: null,
    condition: 'schedule_behind',
    params: '{"checkpoints":[25,50,75,100],"gap_pp":2}',
    level: '黄线',
    message: '{region}{period}{indicator}完成年度目标的{value}%，落后时序进度{benchmark}%',
  },
  {
    rule_id: 'R09',
    name: '严重滞后时序进度',
    indicator_id: null,
    condition: 'schedule_behind',
    params: '{"checkpoints":[25,50,75,100],"gap_pp":10}',
    level: '红线',
    message: '{region}{period}{indicator}完成年度目标的{value}%，落后时序进度{benchmark}%达10个百分点以上',
  },
  {
    rule_id: 'R10',
    name: '地区生产总值负增长',
    indicator_id: 'A02',
    condition: 'negative_growth',
    params: '{"field":"value","threshold":0}',
    level: '红线',
    message: '{region}{period}{indicator}为{value}%，出现负增长',
  },
];

export function warningRuleRows(): WarningRuleRow[] {
  return RULES.map((r) => ({ ...r, enabled: true, version: 1 }));
}
