import { ruleSchema, ruleToTableRow, type WarningRule } from '../../shared/analytics/warning-rules.js';
import type { WarningRuleRow } from '../../shared/model/tables.js';

/**
 * The default warning rules: the practice rules of DOMAIN.md, and every condition type of the engine
 * (shared/analytics/warning-rules.ts). Stored as warning_rules rows: condition = the type, params = the condition's
 * other fields and the scope as JSON.
 */
const RULES: readonly unknown[] = [
  {
    id: 'R01', name: '指标落后全省平均10个百分点以上', level: '黄线',
    scope: { unit: '%' },
    condition: { type: 'gap', benchmark: 'avg', measure: 'diff', gap: 10 },
    message: '{region}{period}{indicator}为{value}%，落后全省平均（{benchmark}%）{gap}个百分点',
  },
  {
    id: 'R02', name: '群众满意度连续两年低于80%', level: '黄线',
    scope: { indicators: ['C08'] },
    condition: { type: 'threshold', op: '<', value: 80, periods: 2 },
    message: '{region}{indicator}连续{periods}年低于80%，{period}为{value}%',
  },
  {
    id: 'R03', name: '连续两期亮黄线升级为红线', level: '红线',
    condition: { type: 'escalation', fromLevel: '黄线', periods: 2 },
    message: '{region}{indicator}连续{periods}期亮黄线，{period}升级为红线',
  },
  {
    id: 'R04', name: '同组排名后三位', level: '黄线',
    scope: { byGroup: true },
    condition: { type: 'rank_bottom', n: 3 },
    message: '{region}{period}{indicator}为{value}{unit}，在同组{n}个县（市、区）中排第{rank}位，处于后三位',
  },
  {
    id: 'R05', name: '同组排名下降3位及以上', level: '黄线',
    scope: { byGroup: true },
    condition: { type: 'rank_drop', places: 3 },
    message: '{region}{period}{indicator}在同组排第{rank}位，比上期后退{drop}位',
  },
  {
    id: 'R06', name: '同组排名末位', level: '红线',
    scope: { byGroup: true },
    condition: { type: 'rank_bottom', n: 1 },
    message: '{region}{period}{indicator}为{value}{unit}，在同组排名末位',
  },
  {
    id: 'R07', name: '连续两个季度同组排名后三位', level: '红线',
    scope: { byGroup: true },
    condition: { type: 'rank_bottom', n: 3, periods: 2 },
    message: '{region}{indicator}连续{periods}个季度处于同组后三位，{period}排第{rank}位',
  },
  {
    id: 'R08', name: '滞后时序进度', level: '黄线',
    condition: { type: 'schedule_behind', gap: 2 },
    message: '{region}{period}{indicator}完成年度目标的{completion}%，落后时序进度（{benchmark}%）{gap}个百分点',
  },
  {
    id: 'R09', name: '严重滞后时序进度', level: '红线',
    condition: { type: 'schedule_behind', gap: 10 },
    message: '{region}{period}{indicator}落后时序进度（{benchmark}%）{gap}个百分点，超过10个百分点',
  },
  {
    id: 'R10', name: '地区生产总值负增长', level: '红线',
    scope: { indicators: ['A02'] },
    condition: { type: 'negative_growth', field: 'value' },
    message: '{region}{period}{indicator}为{value}%，出现负增长',
  },
  {
    id: 'R11', name: '综合得分全省后三位', level: '黄线',
    scope: { indicators: ['composite'] },
    condition: { type: 'rank_bottom', n: 3 },
    message: '{region}{period}综合得分{value}分，在全省{n}个县（市、区）中排第{rank}位',
  },
];

export function defaultWarningRules(): WarningRule[] {
  return RULES.map((r) => ruleSchema.parse(r));
}

export function warningRuleRows(): WarningRuleRow[] {
  return defaultWarningRules().map(ruleToTableRow);
}
