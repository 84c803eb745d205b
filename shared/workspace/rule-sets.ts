/**
 * The workspace's warning rules. Once a rule is edited in the app they live in the 'rules' document
 * ({ version: 1, rules: [...], history: [{ at, rule }] }: every earlier version of every rule, newest first); until
 * then the imported warning_rules table is the rule set. The document is user JSON: every rule is validated
 * (warning-rules.ts), and the invalid ones are reported, never used.
 */
import type { Connector } from '../db/connector.js';
import { parseRule, parseRules, ruleFromTableRow, type RuleProblem, type WarningRule, type WarningRuleTableRow } from '../analytics/warning-rules.js';

export const RULES_VERSION = 1;
export const RULE_HISTORY_LIMIT = 200;

export interface RuleHistoryEntry {
  readonly at: string;
  readonly rule: WarningRule;
}

export interface RuleSet {
  /** Where the rules come from: the 'rules' document, or the warning_rules table. */
  readonly source: 'document' | 'table';
  readonly rules: readonly WarningRule[];
  readonly problems: readonly RuleProblem[];
  readonly history: readonly RuleHistoryEntry[];
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The rules of a 'rules' document, or null when there is none (or it holds no rule list). */
export function readRulesDocument(doc: unknown): Omit<RuleSet, 'source'> | null {
  if (!isObj(doc) || !Array.isArray(doc.rules)) return null;
  const { rules, problems } = parseRules(doc.rules);
  const history: RuleHistoryEntry[] = [];
  for (const h of Array.isArray(doc.history) ? doc.history.slice(0, RULE_HISTORY_LIMIT) : []) {
    if (!isObj(h)) continue;
    const r = parseRule(h.rule);
    if ('rule' in r) history.push({ at: typeof h.at === 'string' ? h.at.slice(0, 40) : '', rule: r.rule });
  }
  return { rules, problems, history };
}

/** The workspace's rule set: the 'rules' document when there is one, else the warning_rules table. */
export async function loadRuleSet(db: Connector, rulesDocument: unknown): Promise<RuleSet> {
  const doc = readRulesDocument(rulesDocument);
  if (doc) return { source: 'document', ...doc };
  const r = await db.query('SELECT * FROM warning_rules ORDER BY rule_id');
  const { rules, problems } = parseRules(r.rows.map((x) => ruleFromTableRow(x as unknown as WarningRuleTableRow)));
  return { source: 'table', rules, problems, history: [] };
}

/**
 * The 'rules' document with `rule` saved: a new rule (version 1), or a new version of an existing one (its
 * previous version goes to the history). Throws with the problems when the rule is invalid.
 */
export function withRule(set: RuleSet, candidate: unknown, at: string): { version: number; rules: WarningRule[]; history: RuleHistoryEntry[] } {
  const parsed = parseRule(candidate);
  if ('problems' in parsed) throw new Error(parsed.problems.map((p) => `${p.rule}：${p.message}`).join('；'));
  const old = set.rules.find((r) => r.id === parsed.rule.id);
  const rule: WarningRule = { ...parsed.rule, version: old ? old.version + 1 : 1 };
  const rules = old ? set.rules.map((r) => (r.id === rule.id ? rule : r)) : [...set.rules, rule];
  const check = parseRules(rules);
  if (check.problems.length) throw new Error(check.problems.map((p) => `${p.rule}：${p.message}`).join('；'));
  const history = old ? [{ at, rule: old }, ...set.history].slice(0, RULE_HISTORY_LIMIT) : [...set.history];
  return { version: RULES_VERSION, rules, history };
}

/** The 'rules' document without rule `id` (its last version kept in the history). */
export function withoutRule(set: RuleSet, id: string, at: string): { version: number; rules: WarningRule[]; history: RuleHistoryEntry[] } {
  const old = set.rules.find((r) => r.id === id);
  return { version: RULES_VERSION, rules: set.rules.filter((r) => r.id !== id), history: old ? [{ at, rule: old }, ...set.history].slice(0, RULE_HISTORY_LIMIT) : [...set.history] };
}
