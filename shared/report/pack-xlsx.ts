/**
 * The pack as a workbook: every number of the pack as a number (never a formatted string), one sheet per section,
 * so an analyst can check or re-chart any figure. Text cells are neutralised and stripped of XML-invalid characters
 * by table-export; the watermark is printed on the 说明 sheet.
 */
import { tablesXlsx, type ExportTable, type TableCell } from '../format/table-export.js';
import { gapUnit } from '../format/number.js';
import { watermarkText, type PackModel } from './pack-types.js';

/** 越高越好 / 越低越好, as the tables print an indicator's direction. */
export function directionLabel(direction: 1 | -1): string {
  return direction === 1 ? '越高越好' : '越低越好';
}

const yesNo = (b: boolean): string => (b ? '是' : '否');

/** The pack's sections as export tables (one per sheet), in the order the workbook shows them. */
export function packTables(m: PackModel): ExportTable[] {
  const core: ExportTable = {
    sheetName: '核心指标',
    headers: ['指标代码', '指标名称', '维度', '单位', '方向', '口径', '数值', '同比', '对比基准', '基准值', '差距', '差距单位', '位次', '参比地区数', '并列', '较上季度位次变动（前进为正）', '完成年度目标（%）', '时序进度（%）', '标准分（z）', '连续落后季度数', '说明'],
    rows: m.indicators.map((r, i): TableCell[] => [
      r.indicatorId, r.name, r.dimension, r.unit, directionLabel(r.direction), r.basis, r.value, r.yoy, r.benchmarkLabel, r.benchmark, r.gap,
      gapUnit(r.unit), r.rank, r.compared, yesNo(r.tied), r.move, r.completion, r.schedule, r.z, r.behindStreak, m.indicatorSentences[i] ?? null,
    ]),
  };
  const trends: ExportTable = {
    sheetName: '趋势',
    headers: ['指标代码', '指标名称', '序列', '单位', '期间', '本地区', '基准', '任期起点'],
    rows: m.trends.flatMap((t) =>
      t.periods.map((p, i): TableCell[] => [t.indicatorId, t.name, t.series === 'yoy' ? '同比' : '数值', t.unit, p, t.values[i] ?? null, t.benchmark[i] ?? null, t.tenureStartIndex === i ? '是' : null]),
    ),
  };
  const peers: ExportTable = {
    sheetName: '同组比较',
    headers: ['区划代码', '地区', '比较范围', '综合得分', '位次', '本地区'],
    rows: m.peers.regions.map((r): TableCell[] => [r.regionCode, r.name, m.peers.scopeLabel, r.composite, r.rank, r.self ? '是' : null]),
  };
  const heat: ExportTable = {
    sheetName: '热力图',
    headers: ['地区', ...m.peers.heat.indicators],
    rows: m.peers.regions.map((r, i): TableCell[] => [r.name, ...m.peers.heat.indicators.map((_, j) => m.peers.heat.cells[i]?.[j] ?? null)]),
  };
  const c = m.composite;
  const composite: ExportTable = {
    sheetName: '综合得分',
    headers: ['项目', '数值', '同组平均'],
    rows: c
      ? [
          ['综合得分', c.score, null],
          ['位次', c.rank, null],
          ['参比地区数', c.compared, null],
          ['并列', yesNo(c.tied), null],
          ['较上季度位次变动（前进为正）', c.move, null],
          ['位次区间下限（第5百分位）', c.rankLow, null],
          ['位次区间上限（第95百分位）', c.rankHigh, null],
          ...c.dimensions.map((d): TableCell[] => [`维度：${d.name}`, d.score, d.average]),
        ]
      : [['综合得分', '暂缺', null]],
  };
  const warnings: ExportTable = {
    sheetName: '预警',
    headers: ['等级', '规则代码', '规则名称', '内容', '状态', '起始期间'],
    rows: m.warnings.map((w): TableCell[] => [w.level, w.ruleId, w.ruleName, w.message, w.status, w.since]),
  };
  const lists: ExportTable = {
    sheetName: '红黄榜',
    headers: ['期间', '榜单', '对象', '事由'],
    rows: m.lists.map((l): TableCell[] => [l.period, l.listType, l.subject === 'region' ? '地区' : '干部', l.reason]),
  };
  const sources: ExportTable = {
    sheetName: '数据来源',
    headers: ['指标', '文件', '工作表', '行号'],
    rows: m.appendix.sources.map((s): TableCell[] => [s.indicator, s.file, s.sheet, s.row]),
  };
  const L = m.leader;
  const notes: ExportTable = {
    sheetName: '说明',
    headers: ['项目', '内容'],
    rows: [
      ['标题', m.title],
      ['期间', m.periodLabel],
      ['地区', m.region.name],
      ['区划代码', m.region.code],
      ['考核分组', m.region.group],
      ['一把手', L?.name ?? '暂缺'],
      ['现任职务', L?.post ?? null],
      ['出生年月', L?.birthYm ?? null],
      ['年龄（周岁）', L?.age ?? null],
      ['任现职时间', L?.since ?? null],
      ['任现职年限（年）', L?.yearsInPost ?? null],
      ...(L?.assessments ?? []).map((a): TableCell[] => [`${a.year}年度考核`, a.result]),
      ...m.findings.map((f, i): TableCell[] => [`要点${i + 1}`, f.text]),
      ...m.appendix.definitions.map((d): TableCell[] => [`口径：${d.name}`, [d.dimension, d.unit, d.basis, directionLabel(d.direction)].filter(Boolean).join('；')]),
      ...m.appendix.quality.map((q): TableCell[] => [`数据质量：${q.indicator}`, q.text]),
      ['数据阶段', m.appendix.dataStage],
      ['数据截止', m.appendix.cutoff],
      ['文字模板版本', m.templatesVersion],
      ['缺失值', '空白单元格表示暂缺，不以0代替'],
      ['水印', watermarkText(m.watermark)],
    ],
  };
  return [core, trends, peers, heat, composite, warnings, lists, sources, notes];
}

/** XLSX bytes of the pack: the tables of packTables, header rows frozen. */
export function packXlsx(model: PackModel): Uint8Array {
  return tablesXlsx(packTables(model), { watermark: watermarkText(model.watermark) });
}
