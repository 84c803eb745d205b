/**
 * Header words of region × indicator sheets beyond the model's labels and aliases: how other offices title
 * their region, indicator, period and measure columns. Kept here (not in shared/model) because they describe
 * sheet layouts, not canonical columns.
 */
import { indicatorValues, indicators, regions } from '../../model/tables.js';
import type { Candidate } from './headers.js';
import type { RoleKind } from './layout-types.js';

const names = (col: { label: { zh: string }; aliases?: readonly string[] }): string[] => [col.label.zh, ...(col.aliases ?? [])];
const colOf = <T extends { name: string }>(cols: readonly T[], name: string): T => cols.find((c) => c.name === name) as T;

const ROLE_WORDS: Partial<Record<RoleKind, readonly string[]>> = {
  region_code: [...names(colOf(regions.columns, 'region_code')), '统计用区划代码', '区划编码', '行政代码', '地区编码', 'adcode'],
  region_name: [
    ...names(colOf(regions.columns, 'name')),
    '县(市、区)', '县市区', '县(市)', '区县', '县区', '市县', '县市', '市州', '市(州)', '地市', '设区市', '地级市', '城市',
    '行政区划', '行政区', '区域', '地区名', '单位名称', '乡镇', '乡镇(街道)', '街道', '各县(市、区)', '各市', '区域名称',
  ],
  indicator_id: [...names(colOf(indicators.columns, 'indicator_id')), '指标编号', '指标ID'],
  indicator_name: [...names(colOf(indicators.columns, 'name')), '指标项', '指标名', '评价指标', '考核指标', '指标项目', '项目'],
  period: [...names(colOf(indicatorValues.columns, 'period')), '统计期', '统计时间', '数据期', '期别', '年度', '年份', '月份', '季度', '日期'],
  unit: ['单位', '计量单位'],
  value: [
    ...names(colOf(indicatorValues.columns, 'value')), '值', '指标值', '绝对值', '总量', '数量', '金额', '总额', '完成值', '完成',
    '实际值', '实绩', '本年累计', '本期数', '本年', '数据', '规模', '完成数',
  ],
  yoy: [
    ...names(colOf(indicatorValues.columns, 'yoy_pct')), '同比', '增长', '同比增速', '比上年增长', '比去年同期增长', '增幅', '增长率',
    '增减', '同比±', '比上年同期±', '比上年±', '同比增减', '增速(%)',
  ],
  target: [...names(colOf(indicatorValues.columns, 'annual_target')), '计划', '目标值', '任务', '年度任务', '全年计划', '全年任务'],
  stage: names(colOf(indicatorValues.columns, 'data_stage')),
  ignore: ['序号', '排名', '位次', '名次', '排序', '备注', '说明', '位次变化', '增速排名', '同比排名', '增速位次', '进位', '属性'],
};

/** Role candidates for matchHeader. */
export function roleCandidates(kinds: readonly RoleKind[]): Candidate<RoleKind>[] {
  return kinds.map((k) => ({ target: k, label: ROLE_LABELS[k], names: ROLE_WORDS[k] ?? [] }));
}

/** Chinese labels of the roles, for the UI. */
export const ROLE_LABELS: Record<RoleKind, string> = {
  ignore: '不导入',
  region_code: '区划代码',
  region_name: '地区名称',
  indicator_id: '指标代码',
  indicator_name: '指标名称',
  period: '期间',
  unit: '计量单位',
  value: '数值',
  yoy: '同比%',
  target: '年度目标',
  stage: '数据阶段',
  column: '字段',
};

/** Measure words that end a header naming an indicator ('地区生产总值增速' → yoy of 地区生产总值). */
export const MEASURE_SUFFIXES: readonly (readonly [string, 'value' | 'yoy' | 'target'])[] = [
  ['同比增长', 'yoy'], ['比上年增长', 'yoy'], ['比上年同期增长', 'yoy'], ['同比增速', 'yoy'], ['增速', 'yoy'], ['增幅', 'yoy'],
  ['增长率', 'yoy'], ['同比', 'yoy'], ['年度目标', 'target'], ['全年目标', 'target'], ['目标值', 'target'], ['目标', 'target'],
  ['绝对值', 'value'], ['总量', 'value'], ['完成值', 'value'], ['本年累计', 'value'], ['累计', 'value'],
];
