/** Strings of the cadre side: roster, structure statistics, 能上能下 and the cadre profile. */
export const cadreZh = {
  'cadre.tab.roster': '名册',
  'cadre.tab.structure': '结构分析',
  'cadre.tab.adjustments': '能上能下',
  'cadre.profile': '干部档案',
} as const;

export const cadreEn: Record<keyof typeof cadreZh, string> = {
  'cadre.tab.roster': 'Roster',
  'cadre.tab.structure': 'Structure',
  'cadre.tab.adjustments': 'Adjusted and re-used',
  'cadre.profile': 'Cadre profile',
};
