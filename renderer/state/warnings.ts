import { parseRule } from '../../shared/analytics/warning-rules.js';
import { evaluateWarnings, type WarningsParams, type WarningsResult } from '../../shared/analytics/warnings.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadRuleSet, withRule, type RuleSet } from '../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../shared/workspace/view-settings.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';

export interface WarningsQuery extends WarningsParams {
  /** The workspace's 'rules' document (undefined: the warning_rules table). */
  readonly rulesDocument?: unknown;
  /** The workspace's 'views' document: its national values are the benchmark of gap rules against 'national'. */
  readonly viewsDocument?: unknown;
}

/** The workspace's rule set and its events (useQuery's function: the document travels in the params). */
export async function warningsQuery(db: Connector, q: WarningsQuery): Promise<WarningsResult & { readonly set: RuleSet }> {
  const { rulesDocument, viewsDocument, ...params } = q;
  const set = await loadRuleSet(db, rulesDocument);
  return { ...(await evaluateWarnings(db, set.rules, { ...params, national: readViewSettings(viewsDocument).national })), set };
}

/** The preview of one candidate rule in a period: what it would flag (the rule editor's live preview). */
export async function previewRule(db: Connector, q: { readonly rule: unknown; readonly period: string; readonly rulesDocument?: unknown; readonly viewsDocument?: unknown }): Promise<{ problems: string[]; events: WarningsResult['events'] }> {
  const parsed = parseRule(q.rule);
  if ('problems' in parsed) return { problems: parsed.problems.map((p) => p.message), events: [] };
  const set = await loadRuleSet(db, q.rulesDocument);
  // An escalation reads its sources: evaluate them with it.
  const rules = [...set.rules.filter((r) => r.id !== parsed.rule.id), { ...parsed.rule, enabled: true }];
  const r = await evaluateWarnings(db, rules, { period: q.period, resolved: false, national: readViewSettings(q.viewsDocument).national });
  return { problems: [], events: r.events.filter((e) => e.ruleId === parsed.rule.id) };
}

/** Save a rule (a new version when its id exists) in the workspace's 'rules' document. */
export async function saveRule(host: HostApi, db: Connector, rule: unknown): Promise<void> {
  const set = await loadRuleSet(db, useAppStore.getState().workspace?.documents.rules);
  workspaceChanged(host, { rules: withRule(set, rule, new Date().toISOString()) });
}
