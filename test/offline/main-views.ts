/** The sample workspace's main views: the menu label and what shows once the view has its data. */
export const MAIN_VIEWS: readonly { readonly label: string; readonly ready: string }[] = [
  { label: '区域排名', ready: '[data-testid="ranking-chart"] svg' },
  { label: '多指标对比', ready: '[data-testid="compare-table"]' },
  { label: '趋势分析', ready: '[data-testid="trend-regions"]' },
  { label: '热力图', ready: '[data-testid="heatmap-mode"]' },
  { label: '地图', ready: '[data-testid="map-source-note"]' },
  { label: '综合评价', ready: '[data-testid="score-view"]' },
  { label: '数据质量', ready: '[data-testid="quality-view"]' },
  { label: '预警', ready: '[data-testid="warnings-view"]' },
  { label: '红黄榜', ready: '[data-testid="honour-view"]' },
  { label: '干部名册', ready: '[data-testid="roster-view"]' },
  { label: '分析报告', ready: '[data-testid="packs"]' },
  { label: 'SQL 查询', ready: '[data-testid="console-view"]' },
];
