/**
 * The pack's sentence templates as data (DOMAIN.md "Wording of findings"): a versioned, JSON-able object whose texts
 * hold {placeholders}. A workspace may override any of them in its 'templates' document (read and validated by
 * shared/workspace/narrative-templates.ts); every sentence the pack prints names the key of the template it came from.
 */

/** Templates by key, with a version that is printed with the pack. */
export interface NarrativeTemplates {
  readonly version: number;
  readonly templates: Readonly<Record<string, string>>;
}

/** The built-in templates (version 1). Placeholders a key may use are exactly those its default uses. */
export const DEFAULT_TEMPLATES: NarrativeTemplates = {
  version: 1,
  templates: {
    // Level and growth: 地区生产总值完成512.3亿元，同比增长5.5%.
    'level.total': '{name}完成{value}{unit}',
    'level.rate': '{name}为{value}{unit}',
    // A growth-rate indicator (地区生产总值增速, %): its value is growth, said as such.
    'level.growthRate.up': '{subject}同比增长{growth}%',
    'level.growthRate.down': '{subject}同比下降{growth}%',
    'level.growthRate.flat': '{subject}与上年同期持平',
    'growth.up': '同比增长{growth}%',
    'growth.down': '同比下降{growth}%',
    'growth.flat': '与上年同期持平',
    'growth.rate.up': '比上年同期提高{growth}个百分点',
    'growth.rate.down': '比上年同期回落{growth}个百分点',
    // Rank, in the province (the level) or in a 考核分组.
    'rank.province': '居全省第{rank}位',
    // Put before a total's rank when its growth was just said: 「同比增长5.5%，总量居全省第7位」.
    'rank.prefix.total': '总量',
    'rank.province.tied': '并列全省第{rank}位',
    'rank.province.first': '居全省首位',
    'rank.province.last': '居全省末位',
    'rank.group': '在{group}中居第{rank}位',
    'rank.group.tied': '在{group}中并列第{rank}位',
    'rank.group.first': '居{group}首位',
    'rank.group.last': '居{group}末位',
    // Gap against the benchmark: rates in 个百分点, other units in their own.
    'gap.rate.above': '高于{benchmark}水平{gap}个百分点',
    'gap.rate.below': '低于{benchmark}水平{gap}个百分点',
    'gap.total.above': '高出{benchmark}{gap}{unit}',
    'gap.total.below': '低于{benchmark}{gap}{unit}',
    'gap.equal': '与{benchmark}水平持平',
    // Movement against the previous quarter (none in a first period).
    'move.up': '较上季度前进{n}位',
    'move.down': '较上季度后退{n}位',
    'move.flat': '位次持平',
    // Streaks behind the benchmark (direction-aware: for lower-is-better, behind is above).
    'streak.below': '连续{n}个季度低于{benchmark}水平',
    'streak.above': '连续{n}个季度高于{benchmark}水平',
    // Annual target against 时序进度.
    'target.behind': '完成年度目标的{completion}%，低于时序进度{gap}个百分点',
    'target.ahead': '完成年度目标的{completion}%，超时序进度{gap}个百分点',
    'target.on': '完成年度目标的{completion}%，与时序进度持平',
    // Missing: never a zero.
    'missing': '{name}：该指标本期数据暂缺',
    // Findings (pack summary), in DOMAIN.md's order.
    'finding.overall': '{region}{period}综合得分{score}分，{rank}{move}',
    'finding.overall.missing': '{region}{period}综合得分暂缺',
    'finding.strengths': '优势方面，{items}',
    'finding.weaknesses': '短板方面，{items}',
    'finding.warning': '（触发{level}预警“{rule}”）',
    'finding.change': '从位次变化看，{items}',
    'finding.change.flat': '与上季度相比，核心指标位次总体持平',
    'finding.missing': '{items}本期数据暂缺，未纳入比较',
  },
};

/** The {placeholders} a template text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] as string))];
}

/** Fill a template's placeholders; an unknown placeholder stays as written (validation refuses those up front). */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? (values[k] as string) : m));
}
