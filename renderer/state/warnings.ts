import type { Connector } from '../../shared/db/connector.js';
import { evaluateWarnings, type WarningsParams, type WarningsResult } from '../../shared/analytics/warnings.js';
import { loadRuleSet, type RuleSet } from '../../shared/workspace/rule-sets.js';

export interface WarningsQuery extends WarningsParams {
  /** The workspace's 'rules' document (undefined: the warning_rules table). */
  readonly rulesDocument?: unknown;
}

/** The workspace's rule set and its events (useQuery's function: the document travels in the params). */
export async function warningsQuery(db: Connector, q: WarningsQuery): Promise<WarningsResult & { readonly set: RuleSet }> {
  const { rulesDocument, ...params } = q;
  const set = await loadRuleSet(db, rulesDocument);
  return { ...(await evaluateWarnings(db, set.rules, params)), set };
}
