import { col, type RowOf, type TableDef } from './schema.js';

/** 区划: one row per region, GB/T 2260 codes, with validity because codes change (撤县设区). */
export const regions = {
  name: 'regions',
  label: { zh: '行政区划', en: 'Regions' },
  primaryKey: ['region_code'],
  columns: [
    col('region_code', 'VARCHAR', '区划代码', 'Region code', { required: true, aliases: ['行政区划代码', '代码', '地区代码', '区域代码'] }),
    col('name', 'VARCHAR', '名称', 'Name', { required: true, aliases: ['地区', '区划名称', '地区名称', '单位', '县（市、区）'] }),
    col('level', 'VARCHAR', '层级', 'Level', { required: true }),
    col('parent_code', 'VARCHAR', '上级代码', 'Parent code'),
    col('eval_group', 'VARCHAR', '考核分组', 'Evaluation group', { aliases: ['分组', '类别'] }),
    col('valid_from', 'DATE', '启用日期', 'Valid from'),
    col('valid_to', 'DATE', '停用日期', 'Valid to'),
  ],
} as const satisfies TableDef;

/**
 * 区划别名: other names of a region (曾用名 after 撤县设区 or renaming, common short names), so a sheet that
 * names regions the old way still finds the current code. `valid_to` is when the old name went out of use.
 */
export const regionAliases = {
  name: 'region_aliases',
  label: { zh: '区划别名', en: 'Region aliases' },
  primaryKey: ['alias', 'region_code'],
  columns: [
    col('alias', 'VARCHAR', '别名', 'Alias', { required: true, aliases: ['曾用名', '原名称', '旧名称', '地区别名', '区划别名'] }),
    col('region_code', 'VARCHAR', '区划代码', 'Region code', { required: true, aliases: ['现区划代码', '现代码', '行政区划代码'] }),
    col('valid_to', 'DATE', '停用日期', 'Valid to', { aliases: ['变更日期', '撤销日期', '更名日期'] }),
    col('note', 'VARCHAR', '说明', 'Note', { aliases: ['备注', '变更情况', '变更说明'] }),
  ],
} as const satisfies TableDef;

/** 指标目录: the indicator catalogue of one assessment scheme. */
export const indicators = {
  name: 'indicators',
  label: { zh: '指标目录', en: 'Indicators' },
  primaryKey: ['indicator_id'],
  columns: [
    col('indicator_id', 'VARCHAR', '指标代码', 'Indicator code', { required: true, aliases: ['指标编码', '编码'] }),
    col('name', 'VARCHAR', '指标名称', 'Indicator', { required: true, aliases: ['指标'] }),
    col('dimension', 'VARCHAR', '维度', 'Dimension', { aliases: ['类别', '领域'] }),
    col('unit', 'VARCHAR', '单位', 'Unit', { aliases: ['计量单位'] }),
    col('direction', 'INTEGER', '方向', 'Direction', { required: true, aliases: ['指标方向', '正逆向'] }),
    col('basis', 'VARCHAR', '口径', 'Basis', { aliases: ['统计口径'] }),
    col('weight', 'DOUBLE', '权重', 'Weight', { aliases: ['分值'] }),
    col('method', 'VARCHAR', '计分方法', 'Scoring method'),
    col('satisfactory_value', 'DOUBLE', '满意值', 'Satisfactory value'),
    col('disallowed_value', 'DOUBLE', '不允许值', 'Disallowed value'),
    col('target_value', 'DOUBLE', '目标值', 'Target value'),
  ],
} as const satisfies TableDef;

/** 指标数据: long format, one value per region, indicator and period. */
export const indicatorValues = {
  name: 'indicator_values',
  label: { zh: '指标数据', en: 'Indicator values' },
  primaryKey: ['region_code', 'indicator_id', 'period'],
  columns: [
    col('region_code', 'VARCHAR', '区划代码', 'Region code', { required: true, aliases: ['行政区划代码', '代码'] }),
    col('indicator_id', 'VARCHAR', '指标代码', 'Indicator code', { required: true }),
    col('period', 'VARCHAR', '期间', 'Period', { required: true, aliases: ['时期', '报告期', '时间'] }),
    col('value', 'DOUBLE', '数值', 'Value', { aliases: ['本期', '本期值', '累计'] }),
    col('yoy_pct', 'DOUBLE', '同比%', 'YoY %', { aliases: ['同比增长', '增速', '同比增长%', '比上年同期增长'] }),
    col('annual_target', 'DOUBLE', '年度目标', 'Annual target', { aliases: ['目标', '全年目标'] }),
    col('data_stage', 'VARCHAR', '数据阶段', 'Data stage', { aliases: ['数据状态'] }),
  ],
} as const satisfies TableDef;

/** 干部名册: one row per cadre. id_no is sensitive and masked by default. */
export const cadres = {
  name: 'cadres',
  label: { zh: '干部名册', en: 'Cadres' },
  primaryKey: ['cadre_id'],
  columns: [
    col('cadre_id', 'VARCHAR', '干部编号', 'Cadre ID', { required: true, aliases: ['编号', '人员编号'] }),
    col('name', 'VARCHAR', '姓名', 'Name', { required: true, aliases: ['干部姓名'] }),
    col('gender', 'VARCHAR', '性别', 'Gender'),
    col('ethnicity', 'VARCHAR', '民族', 'Ethnicity', { aliases: ['族别'] }),
    col('birth_ym', 'VARCHAR', '出生年月', 'Born (year-month)', { aliases: ['出生日期', '出生年月日', '出生时间', '出生年月（年龄）'] }),
    col('native_place', 'VARCHAR', '籍贯', 'Native place'),
    col('party', 'VARCHAR', '政治面貌', 'Party', { aliases: ['党派'] }),
    col('party_join_ym', 'VARCHAR', '入党时间', 'Joined party', { aliases: ['入党年月', '入党日期'] }),
    col('work_start_ym', 'VARCHAR', '参加工作时间', 'Started work', { aliases: ['参工时间', '工作时间', '参加工作年月', '参加工作日期', '参工年月'] }),
    col('ft_edu', 'VARCHAR', '全日制学历', 'Full-time education', { aliases: ['全日制教育学历', '全日制教育'] }),
    col('ft_degree', 'VARCHAR', '全日制学位', 'Full-time degree', { aliases: ['全日制教育学位'] }),
    col('is_edu', 'VARCHAR', '在职学历', 'In-service education', { aliases: ['在职教育学历', '在职教育'] }),
    col('is_degree', 'VARCHAR', '在职学位', 'In-service degree', { aliases: ['在职教育学位'] }),
    col('current_post', 'VARCHAR', '现任职务', 'Current post', { aliases: ['职务', '现职务', '工作单位及职务', '现工作单位及职务', '单位及职务'] }),
    col('post_level', 'VARCHAR', '职务层次', 'Post level', { aliases: ['职务级别', '现职务层次', '职务层级'] }),
    col('rank_level', 'VARCHAR', '职级', 'Rank', { aliases: ['现职级'] }),
    col('current_post_since', 'VARCHAR', '任现职时间', 'In post since', { aliases: ['任现职务时间'] }),
    col('id_no', 'VARCHAR', '身份证号', 'ID number', { sensitive: true, aliases: ['公民身份号码', '身份证号码', '身份证件号码', '身份证', '证件号码'] }),
  ],
} as const satisfies TableDef;

/** 任职经历: links a leader to the region whose indicators they answer for. */
export const appointments = {
  name: 'appointments',
  label: { zh: '任职经历', en: 'Appointments' },
  columns: [
    col('cadre_id', 'VARCHAR', '干部编号', 'Cadre ID', { required: true }),
    col('org_name', 'VARCHAR', '单位', 'Organisation', { aliases: ['任职单位', '工作单位'] }),
    col('region_code', 'VARCHAR', '区划代码', 'Region code'),
    col('post_title', 'VARCHAR', '职务', 'Post', { required: true }),
    col('is_top_leader', 'BOOLEAN', '是否一把手', 'Top leader'),
    col('start_ym', 'VARCHAR', '任职时间', 'From', { required: true, aliases: ['起始时间'] }),
    col('end_ym', 'VARCHAR', '免职时间', 'To', { aliases: ['终止时间'] }),
    // Added in 0.1 (issue 12): the 职务层次 of the post, so that a move down (能上能下) can be read from the history.
    col('post_level', 'VARCHAR', '职务层次', 'Post level', { aliases: ['职务级别', '职务层级'] }),
  ],
} as const satisfies TableDef;

/** 考核结果: annual and other assessments of a cadre. */
export const assessments = {
  name: 'assessments',
  label: { zh: '考核结果', en: 'Assessments' },
  primaryKey: ['cadre_id', 'year', 'kind'],
  columns: [
    col('cadre_id', 'VARCHAR', '干部编号', 'Cadre ID', { required: true }),
    col('year', 'INTEGER', '年度', 'Year', { required: true }),
    col('result', 'VARCHAR', '考核等次', 'Result', { required: true, aliases: ['考核结果', '等次'] }),
    col('kind', 'VARCHAR', '考核类型', 'Kind'),
  ],
} as const satisfies TableDef;

/**
 * 干部记实 (考人考事贯通): what is on record about a cadre besides the annual assessment: 负面清单 items (with a
 * category from CADRE_RECORD_CATEGORIES), 提醒/函询/诫勉, and 一线考核 notes; each with a date, a source and a text.
 */
export const cadreRecords = {
  name: 'cadre_records',
  label: { zh: '干部记实', en: 'Cadre records' },
  primaryKey: ['cadre_id', 'record_date', 'kind', 'description'],
  columns: [
    col('cadre_id', 'VARCHAR', '干部编号', 'Cadre ID', { required: true }),
    col('record_date', 'DATE', '日期', 'Date', { required: true, aliases: ['时间', '发生日期', '处理日期', '记录日期', '认定日期'] }),
    col('kind', 'VARCHAR', '类型', 'Kind', { required: true, aliases: ['记录类型', '处理方式', '方式', '类别'] }),
    col('category', 'VARCHAR', '负面清单类别', 'Category', { aliases: ['问题类别', '问题类型', '清单类别', '情形'] }),
    col('source', 'VARCHAR', '来源', 'Source', { aliases: ['线索来源', '来源单位', '信息来源'] }),
    col('description', 'VARCHAR', '具体情况', 'Description', { aliases: ['情况说明', '主要问题', '内容', '说明', '事由'] }),
  ],
} as const satisfies TableDef;

/** 预警规则: declarative yellow/red rules; params is a JSON object. */
export const warningRules = {
  name: 'warning_rules',
  label: { zh: '预警规则', en: 'Warning rules' },
  primaryKey: ['rule_id'],
  columns: [
    col('rule_id', 'VARCHAR', '规则编号', 'Rule ID', { required: true }),
    col('name', 'VARCHAR', '规则名称', 'Name', { required: true }),
    col('indicator_id', 'VARCHAR', '指标代码', 'Indicator code'),
    col('condition', 'VARCHAR', '触发条件', 'Condition', { required: true }),
    col('params', 'VARCHAR', '参数', 'Parameters'),
    col('level', 'VARCHAR', '预警等级', 'Level', { required: true }),
    col('message', 'VARCHAR', '提示模板', 'Message template'),
    col('enabled', 'BOOLEAN', '启用', 'Enabled'),
    col('version', 'INTEGER', '版本', 'Version'),
  ],
} as const satisfies TableDef;

/** 预警记录: computed warnings with their evidence (JSON). */
export const warningEvents = {
  name: 'warning_events',
  label: { zh: '预警记录', en: 'Warning events' },
  columns: [
    col('rule_id', 'VARCHAR', '规则编号', 'Rule ID', { required: true }),
    col('region_code', 'VARCHAR', '区划代码', 'Region code', { required: true }),
    col('indicator_id', 'VARCHAR', '指标代码', 'Indicator code'),
    col('period', 'VARCHAR', '期间', 'Period', { required: true }),
    col('level', 'VARCHAR', '预警等级', 'Level', { required: true }),
    col('value', 'DOUBLE', '数值', 'Value'),
    col('benchmark', 'DOUBLE', '基准值', 'Benchmark'),
    col('rank', 'INTEGER', '排名', 'Rank'),
    col('status', 'VARCHAR', '状态', 'Status'),
    col('top_leader_id', 'VARCHAR', '一把手编号', 'Top leader ID'),
    col('evidence', 'VARCHAR', '依据', 'Evidence'),
  ],
} as const satisfies TableDef;

/** 红黄榜: quarterly honour (红榜) and warning (黄榜) lists. */
export const honourLists = {
  name: 'honour_lists',
  label: { zh: '红黄榜', en: 'Red/yellow lists' },
  columns: [
    col('period', 'VARCHAR', '期间', 'Period', { required: true }),
    col('list_type', 'VARCHAR', '榜单', 'List', { required: true }),
    col('region_code', 'VARCHAR', '区划代码', 'Region code'),
    col('cadre_id', 'VARCHAR', '干部编号', 'Cadre ID'),
    col('basis', 'VARCHAR', '依据', 'Basis'),
    col('rank', 'INTEGER', '名次', 'Rank'),
    col('reason', 'VARCHAR', '事由', 'Reason'),
  ],
} as const satisfies TableDef;

/** Every canonical table, in load order (referenced tables first). */
export const TABLES = [
  regions,
  regionAliases,
  indicators,
  indicatorValues,
  cadres,
  appointments,
  assessments,
  cadreRecords,
  warningRules,
  warningEvents,
  honourLists,
] as const;

export type CanonicalTable = (typeof TABLES)[number];
export type TableName = CanonicalTable['name'];

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

/** Look a canonical table up by name. */
export function tableDef(name: TableName): CanonicalTable {
  const t = TABLES.find((d) => d.name === name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export type RegionRow = RowOf<typeof regions>;
export type RegionAliasRow = RowOf<typeof regionAliases>;
export type IndicatorRow = RowOf<typeof indicators>;
export type IndicatorValueRow = RowOf<typeof indicatorValues>;
export type CadreRow = RowOf<typeof cadres>;
export type AppointmentRow = RowOf<typeof appointments>;
export type AssessmentRow = RowOf<typeof assessments>;
export type CadreRecordRow = RowOf<typeof cadreRecords>;
export type WarningRuleRow = RowOf<typeof warningRules>;
export type WarningEventRow = RowOf<typeof warningEvents>;
export type HonourListRow = RowOf<typeof honourLists>;
