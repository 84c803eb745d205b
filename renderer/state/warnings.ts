import { parseRule } from '../../shared/analytics/warning-rules.js';
import { warningsAll, warningsPage, type WarningsPage, type WarningsPageParams } from '../../shared/analytics/warning-events.js';
import { evaluateWarnings, type WarningEvent, type WarningsResult } from '../../shared/analytics/warnings.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadRuleSet, withRule, type RuleSet } from '../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../shared/workspace/view-settings.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';
import { audit } from './audit.js';

export interface WarningsQuery extends Omit<WarningsPageParams, 'national'> {
  /** The workspace's 'rules' document (undefined: the warning_rules table). */
  readonly rulesDocument?: unknown;
  /** The workspace's 'views' document: its national values are the benchmark of gap rules against 'national'. */
  readonly viewsDocument?: unknown;
}

/** The workspace's rule set and one page of a period's events (useQuery's function: the documents travel in the params). */
export async function warningsQuery(db: Connector, q: WarningsQuery): Promise<WarningsPage & { readonly set: RuleSet }> {
  const { rulesDocument, viewsDocument, ...params } = q;
  const set = await loadRuleSet(db, rulesDocument);
  return { ...(await warningsPage(db, set.rules, { ...params, national: readViewSettings(viewsDocument).national })), set };
}

/** Every event matching the view's filters (the view's export). */
export async function warningsExport(db: Connector, q: Omit<WarningsQuery, 'offset' | 'limit' | 'picked'>): Promise<WarningEvent[]> {
  const { rulesDocument, viewsDocument, ...params } = q;
  const set = await loadRuleSet(db, rulesDocument);
  return warningsAll(db, set.rules, { ...params, national: readViewSettings(viewsDocument).national });
}

/** The preview of one candidate rule in a period: what it would flag (the rule editor's live preview). */
export async function previewRule(db: Connector, q: { readonly rule: unknown; readonly period: string; readonly rulesDocument?: unknown; readonly viewsDocument?: unknown }): Promise<{ problems: string[]; events: WarningsResult['events'] }> {
  const parsed = parseRule(q.rule);
  if ('problems' in parsed) return { problems: parsed.problems.map((p) => p.message), events: [] };
  const set = await loadRuleSet(db, q.rulesDocument);
  // An escalation reads its sources: evaluate them with it.
  // Any other rule's events do not change the candidate's, but an escalation's sources are its events' evidence.
  const candidate = { ...parsed.rule, enabled: true };
  const rules = candidate.condition.type === 'escalation' ? [...set.rules.filter((r) => r.id !== candidate.id), candidate] : [candidate];
  const r = await evaluateWarnings(db, rules, { period: q.period, resolved: false, national: readViewSettings(q.viewsDocument).national });
  return { problems: [], events: r.events.filter((e) => e.ruleId === parsed.rule.id) };
}

/** Save a rule (a new version when its id exists) in the workspace's 'rules' document. */
export async function saveRule(host: HostApi, db: Connector, rule: unknown): Promise<void> {
  const set = await loadRuleSet(db, useAppStore.getState().workspace?.documents.rules);
  const id = typeof rule === 'object' && rule !== null && 'id' in rule ? String((rule as { id: unknown }).id) : '';
  const name = typeof rule === 'object' && rule !== null && 'name' in rule ? String((rule as { name: unknown }).name) : '';
  const next = audit.around('rules.save', `预警规则 ${[id, name].filter(Boolean).join(' ')}`, async () => withRule(set, rule, new Date().toISOString()), (d) => `成功：第 ${d.rules.find((r) => r.id === id)?.version ?? 1} 版`);
  workspaceChanged(host, { rules: await next });
}
