import { cadreAdjustments, type AdjustmentParams, type AdjustmentsResult } from '../../shared/analytics/cadre-adjustments.js';
import { cadreProfile, type CadreProfile } from '../../shared/analytics/cadre-profile.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadRuleSet } from '../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../shared/workspace/view-settings.js';

export interface ProfileQuery {
  readonly cadreId: string;
  readonly asOf: string;
  readonly unmask: boolean;
  /** Evaluate the workspace's rule set for the tenure's warnings (seconds on a large workspace: asked for second). */
  readonly warnings: boolean;
  /** The workspace's 'rules' document (undefined: the warning_rules table). */
  readonly rulesDocument?: unknown;
  /** The workspace's 'lists' document (红黄榜 policy and versions), read with the warnings. */
  readonly listsDocument?: unknown;
  /** The 'views' document (national values, for gap rules against 'national'). */
  readonly viewsDocument?: unknown;
}

/** The cadre profile (useQuery's function): the rule set is read only when the warnings are asked for. */
export async function profileQuery(db: Connector, q: ProfileQuery): Promise<CadreProfile | null> {
  const rules = q.warnings ? (await loadRuleSet(db, q.rulesDocument)).rules : undefined;
  return cadreProfile(db, { cadreId: q.cadreId, asOf: q.asOf, unmask: q.unmask, rules, listsDocument: q.listsDocument, national: readViewSettings(q.viewsDocument).national });
}

/** 能上能下 counts and cases (useQuery's function). */
export function adjustmentsQuery(db: Connector, p: AdjustmentParams): Promise<AdjustmentsResult> {
  return cadreAdjustments(db, p);
}
