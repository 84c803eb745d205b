/**
 * Warning rules: declarative JSON, schema-validated, versioned. A rule has a level (黄线/红线), a scope (which
 * indicators or the composite, one region level, optionally one 考核分组, within which ranks and averages are taken)
 * and one condition, with a message template. Rules come from the workspace's 'rules' document once edited in the
 * app (shared/workspace/rule-sets.ts), else from the imported warning_rules table (a row: rule_id, name,
 * indicator_id, condition = the condition's type, params = the rest as JSON, level, message, enabled, version).
 * Pure: validation, conversion and the wording of messages; the evaluation is warnings.ts.
 */
import { z } from '../contract/zod.js';
import { WARNING_LEVELS, type WarningLevel } from '../model/vocab.js';

/** Every condition type, with its Chinese name (the rule editor's choices). */
export const CONDITION_TYPES = {
  threshold: '绝对阈值',
  gap: '与基准差距',
  rank_bottom: '排名后N位',
  rank_drop: '排名下降',
  negative_growth: '负增长',
  schedule_behind: '滞后时序进度',
  escalation: '连续亮灯升级',
} as const;
export type ConditionType = keyof typeof CONDITION_TYPES;

const periods = z.number().int().min(1).max(40).optional();
const field = z.enum(['value', 'yoy']).optional();

/**
 * The conditions. `periods` (default 1): the condition must hold in that many consecutive periods (the region's
 * own periods of that indicator, without a gap: a missing period breaks the run).
 */
export const conditionSchema = z.discriminatedUnion('type', [
  /** value (or YoY) compared with a fixed threshold, e.g. 满意度 < 80 for 2 years running. */
  z.object({ type: z.literal('threshold'), field, op: z.enum(['<', '<=', '>', '>=']), value: z.number(), periods }),
  /**
   * Lagging a benchmark (the compared regions' average, the parent region's value, the target, the national value
   * entered for the indicator and period (区域排名's 全国值, kept in the workspace; none entered: not evaluated), or
   * a fixed value) by at least `gap`: in the indicator's unit ('diff': 个百分点 for %), or in % of
   * the benchmark ('pct'). Direction-aware: for lower-is-better indicators lagging means above.
   */
  z.object({ type: z.literal('gap'), field, benchmark: z.union([z.enum(['avg', 'parent', 'target', 'national']), z.number()]), measure: z.enum(['diff', 'pct']).optional(), gap: z.number().positive(), periods }),
  /** Among the compared regions' last N (倒数第N位 or worse; tied regions share a place from the bottom). */
  z.object({ type: z.literal('rank_bottom'), n: z.number().int().min(1).max(1000), periods }),
  /** The rank fell by at least `places` against the previous period. */
  z.object({ type: z.literal('rank_drop'), places: z.number().int().min(1).max(1000) }),
  /** YoY (or the value itself, for indicators that are growth rates) below zero; above zero for lower-is-better ones. */
  z.object({ type: z.literal('negative_growth'), field, periods }),
  /**
   * 时序进度: completion of the annual target (累计 value ÷ target) behind the schedule (25/50/75/100% at Q1..Q4,
   * m/12 for months) by more than `gap` percentage points. Higher-is-better indicators with a target only.
   */
  z.object({ type: z.literal('schedule_behind'), gap: z.number().min(0).max(100) }),
  /** 升级: the rules named in `from` (or any rule of the level `fromLevel`) fired in `periods` consecutive periods. */
  z.object({ type: z.literal('escalation'), from: z.array(z.string().min(1).max(40)).max(50).optional(), fromLevel: z.enum(WARNING_LEVELS).optional(), periods: z.number().int().min(2).max(40) }),
]);
export type RuleCondition = z.infer<typeof conditionSchema>;

export const scopeSchema = z.object({
  /** Indicator ids; empty: every indicator the condition applies to. 'composite' scores the 综合得分 (score.ts). */
  indicators: z.array(z.string().min(1).max(64)).max(500).default([]),
  /** Only indicators in this unit (e.g. '%'). */
  unit: z.string().max(20).nullable().default(null),
  level: z.enum(['province', 'city', 'county']).default('county'),
  /** Only regions of this 考核分组: ranks and averages are then taken within it. */
  group: z.string().max(60).nullable().default(null),
  /** Ranks and averages within each region's own 考核分组 (在同组排第N位) rather than over the whole level. */
  byGroup: z.boolean().default(false),
});
export type RuleScope = z.infer<typeof scopeSchema>;

export const ruleSchema = z.object({
  id: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  level: z.enum(WARNING_LEVELS),
  enabled: z.boolean().default(true),
  version: z.number().int().min(1).default(1),
  scope: scopeSchema.default({ indicators: [], unit: null, level: 'county', group: null, byGroup: false }),
  condition: conditionSchema,
  /** Placeholders: {region} {period} {indicator} {value} {benchmark} {gap} {rank} {n} {drop} {periods} {completion} {unit} {leader}. */
  message: z.string().max(300).default(''),
});
export type WarningRule = z.infer<typeof ruleSchema>;

export interface RuleProblem {
  /** The rule (its id, or its position when it has none). */
  readonly rule: string;
  readonly message: string;
}

const FIELD_ZH: Record<string, string> = {
  id: '规则编号', name: '规则名称', level: '预警等级', enabled: '启用', version: '版本', scope: '适用范围', condition: '触发条件',
  message: '提示模板', type: '条件类型', op: '比较符', value: '阈值', periods: '连续期数', benchmark: '基准', measure: '差距口径',
  gap: '差距', n: '名次数', places: '下降位数', from: '来源规则', fromLevel: '来源等级', indicators: '指标', unit: '单位', group: '考核分组', byGroup: '组内比较', field: '比较字段',
};

/** A zod issue in Chinese, naming the field by its label. */
function problemText(issue: { path: PropertyKey[]; message: string; code?: string }): string {
  const where = issue.path.filter((p) => typeof p === 'string').map((p) => FIELD_ZH[p as string] ?? String(p)).join(' → ');
  const why = issue.code === 'invalid_type' ? '缺失或类型不对' : issue.code === 'invalid_value' || issue.code === 'invalid_union' ? '取值不在允许范围' : issue.code === 'too_small' ? '太小' : issue.code === 'too_big' ? '太大' : '不合规则';
  return `${where || '规则'}${why}`;
}

/** Validate one rule object; the rule, or the problems in Chinese. */
export function parseRule(x: unknown, position = 0): { rule: WarningRule } | { problems: RuleProblem[] } {
  const r = ruleSchema.safeParse(x);
  const id = x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? (x as { id: string }).id : `第${position + 1}条`;
  if (r.success) {
    const rule = r.data;
    const problems: RuleProblem[] = [];
    if (rule.condition.type === 'escalation' && !rule.condition.from?.length && !rule.condition.fromLevel) problems.push({ rule: id, message: '升级规则须指定来源规则或来源等级' });
    if (rule.condition.type === 'escalation' && rule.condition.from?.includes(rule.id)) problems.push({ rule: id, message: '升级规则不能以自身为来源' });
    return problems.length ? { problems } : { rule };
  }
  return { problems: r.error.issues.map((i) => ({ rule: id, message: problemText(i as { path: PropertyKey[]; message: string; code?: string }) })) };
}

/** Validate a rule set: the valid rules, and the problems of the others (ids must be unique). */
export function parseRules(xs: readonly unknown[]): { rules: WarningRule[]; problems: RuleProblem[] } {
  const rules: WarningRule[] = [];
  const problems: RuleProblem[] = [];
  xs.forEach((x, i) => {
    const r = parseRule(x, i);
    if ('problems' in r) problems.push(...r.problems);
    else if (rules.some((q) => q.id === r.rule.id)) problems.push({ rule: r.rule.id, message: '规则编号重复' });
    else rules.push(r.rule);
  });
  // An escalation's sources must exist.
  for (const r of rules) {
    if (r.condition.type !== 'escalation') continue;
    for (const f of r.condition.from ?? []) if (!rules.some((q) => q.id === f)) problems.push({ rule: r.id, message: `来源规则 ${f} 不存在` });
  }
  return { rules, problems };
}

/** One row of the warning_rules table, as imported. */
export interface WarningRuleTableRow {
  readonly rule_id: unknown;
  readonly name: unknown;
  readonly indicator_id: unknown;
  readonly condition: unknown;
  readonly params: unknown;
  readonly level: unknown;
  readonly message: unknown;
  readonly enabled: unknown;
  readonly version: unknown;
}

const SCOPE_KEYS = ['indicators', 'unit', 'level', 'group', 'byGroup'] as const;

/**
 * A warning_rules row as a rule object (to validate with parseRule): params holds the condition's fields and,
 * optionally, the scope's (indicators, unit, level, group); indicator_id names one indicator or 'composite'.
 */
export function ruleFromTableRow(row: WarningRuleTableRow): unknown {
  let params: Record<string, unknown> = {};
  if (typeof row.params === 'string' && row.params.trim()) {
    try {
      const p = JSON.parse(row.params) as unknown;
      if (p !== null && typeof p === 'object' && !Array.isArray(p)) params = p as Record<string, unknown>;
      else params = { __bad: true };
    } catch {
      params = { __bad: true };
    }
  }
  const scope: Record<string, unknown> = {};
  const condition: Record<string, unknown> = { type: row.condition };
  for (const [k, v] of Object.entries(params)) if ((SCOPE_KEYS as readonly string[]).includes(k)) scope[k] = v;
  else if (k !== '__bad') condition[k] = v;
  if (params.__bad) condition.type = '__参数不是JSON对象';
  const ind = typeof row.indicator_id === 'string' ? row.indicator_id.trim() : '';
  if (ind && ind !== '*') scope.indicators = [ind];
  return {
    id: typeof row.rule_id === 'string' ? row.rule_id : row.rule_id,
    name: row.name,
    level: row.level,
    enabled: row.enabled === null || row.enabled === undefined ? true : row.enabled === true || row.enabled === 'true',
    version: row.version === null || row.version === undefined ? 1 : Number(row.version),
    scope,
    condition,
    message: typeof row.message === 'string' ? row.message : '',
  };
}

/** The rule as a warning_rules row (export, and the sample generator). */
export function ruleToTableRow(r: WarningRule): { rule_id: string; name: string; indicator_id: string | null; condition: string; params: string; level: WarningLevel; message: string; enabled: boolean; version: number } {
  const { type, ...rest } = r.condition;
  const scope: Record<string, unknown> = {};
  if (r.scope.indicators.length > 1) scope.indicators = r.scope.indicators;
  if (r.scope.unit) scope.unit = r.scope.unit;
  if (r.scope.level !== 'county') scope.level = r.scope.level;
  if (r.scope.group) scope.group = r.scope.group;
  if (r.scope.byGroup) scope.byGroup = true;
  return {
    rule_id: r.id,
    name: r.name,
    indicator_id: r.scope.indicators.length === 1 ? (r.scope.indicators[0] as string) : null,
    condition: type,
    params: JSON.stringify({ ...rest, ...scope }),
    level: r.level,
    message: r.message,
    enabled: r.enabled,
    version: r.version,
  };
}

export const isComposite = (r: WarningRule): boolean => r.scope.indicators.includes('composite');

/** Fill a message template; unknown placeholders stay as written. */
export function fillMessage(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? (values[k] as string) : m));
}
