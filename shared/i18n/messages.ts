/** UI and chart strings: Simplified Chinese first, English second. A key missing in `en` fails to compile. */
const zh = {
  'app.name': '衡鉴',
  'app.tagline': '组织工作数据分析平台',
  'engine.starting': '正在启动分析引擎…',
  'engine.loadingSample': '正在载入示例工作区…',
  'engine.ready': '数据已就绪',
  'engine.failed': '分析引擎启动失败',
  'status.rows': '{n} 行指标数据',
  'status.regions': '{n} 个地区',
  'status.indicators': '{n} 项指标',
  'nav.ranking': '区域排名',
  'nav.trends': '趋势分析',
  'nav.heatmap': '热力图',
  'nav.map': '地图',
  'nav.scores': '综合评价',
  'nav.warnings': '预警',
  'nav.honour': '红黄榜',
  'nav.roster': '干部名册',
  'nav.packs': '分析报告',
  'nav.import': '数据导入',
  'nav.sql': 'SQL 查询',
  'nav.soon': '后续版本提供',
  'level.province': '省级',
  'level.city': '市级',
  'level.county': '县级',
  'ranking.title': '区域排名',
  'ranking.indicator': '指标',
  'ranking.period': '期间',
  'ranking.level': '层级',
  'ranking.group': '考核分组',
  'ranking.allGroups': '全部分组',
  'ranking.rank': '排名',
  'ranking.region': '地区',
  'ranking.value': '数值',
  'ranking.unit': '单位',
  'ranking.gap': '与平均值差距',
  'ranking.average': '平均值',
  'ranking.compared': '参与比较 {n} 个地区',
  'ranking.missing': '{n} 个地区缺数',
  'ranking.higherBetter': '数值越高越好',
  'ranking.lowerBetter': '数值越低越好',
  'ranking.better': '优于平均',
  'ranking.worse': '低于平均',
  'ranking.empty': '该指标在所选期间没有数据',
  'ranking.chartTitle': '{indicator}（{period}，{level}）',
  'common.error': '出错了',
  'common.language': 'English',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': 'Hengjian',
  'app.tagline': 'Analytics workbench for organization departments',
  'engine.starting': 'Starting the analysis engine…',
  'engine.loadingSample': 'Loading the sample workspace…',
  'engine.ready': 'Data ready',
  'engine.failed': 'The analysis engine failed to start',
  'status.rows': '{n} indicator values',
  'status.regions': '{n} regions',
  'status.indicators': '{n} indicators',
  'nav.ranking': 'Ranking',
  'nav.trends': 'Trends',
  'nav.heatmap': 'Heat map',
  'nav.map': 'Map',
  'nav.scores': 'Scores',
  'nav.warnings': 'Warnings',
  'nav.honour': 'Red/yellow lists',
  'nav.roster': 'Cadre roster',
  'nav.packs': 'Analysis packs',
  'nav.import': 'Import',
  'nav.sql': 'SQL console',
  'nav.soon': 'Coming in a later version',
  'level.province': 'Province',
  'level.city': 'City',
  'level.county': 'County',
  'ranking.title': 'Regional ranking',
  'ranking.indicator': 'Indicator',
  'ranking.period': 'Period',
  'ranking.level': 'Level',
  'ranking.group': 'Group',
  'ranking.allGroups': 'All groups',
  'ranking.rank': 'Rank',
  'ranking.region': 'Region',
  'ranking.value': 'Value',
  'ranking.unit': 'Unit',
  'ranking.gap': 'Gap to average',
  'ranking.average': 'Average',
  'ranking.compared': '{n} regions compared',
  'ranking.missing': '{n} regions missing',
  'ranking.higherBetter': 'Higher is better',
  'ranking.lowerBetter': 'Lower is better',
  'ranking.better': 'Better than average',
  'ranking.worse': 'Worse than average',
  'ranking.empty': 'No data for this indicator in the chosen period',
  'ranking.chartTitle': '{indicator} ({period}, {level})',
  'common.error': 'Something went wrong',
  'common.language': '中文',
};

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** A translator for one locale; `{name}` placeholders are filled from `vars`. */
export function translator(locale: Locale): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const table = tables[locale];
  return (key, vars) => {
    const text = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}

export type Translate = ReturnType<typeof translator>;
