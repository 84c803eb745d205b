import { readViewSettings } from '../../shared/workspace/view-settings.js';
import { honourLists, type HonourResult } from '../../shared/analytics/honour-lists-result.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import type { RegionLevel } from '../../shared/model/region-code.js';
import { withManualEntry, withoutManualEntry, withPolicy, withPublished, type ManualEntry } from '../../shared/workspace/honour-lists.js';
import { loadRuleSet } from '../../shared/workspace/rule-sets.js';
import { useAppStore } from './store.js';
import { workspaceChanged } from './workspace.js';

export interface HonourQuery {
  readonly period: string;
  readonly level: RegionLevel;
  /** The workspace's 'lists' and 'rules' documents (they travel in the params, so a change queries again). */
  readonly listsDocument?: unknown;
  readonly rulesDocument?: unknown;
  /** The 'views' document (national values, for gap rules against 'national'). */
  readonly viewsDocument?: unknown;
}

/** The period's 红黄榜 with the workspace's rule set (useQuery's function). */
export async function honourQuery(db: Connector, q: HonourQuery): Promise<HonourResult> {
  const set = await loadRuleSet(db, q.rulesDocument);
  return honourLists(db, { period: q.period, level: q.level, document: q.listsDocument, rules: set.rules, national: readViewSettings(q.viewsDocument).national });
}

const listsDocument = () => useAppStore.getState().workspace?.documents.lists;

/** 人工列入/移出 with its reason (refused when empty), saved in the workspace's 'lists' document. */
export function addManualEntry(host: HostApi, m: Omit<ManualEntry, 'id' | 'at'>): void {
  workspaceChanged(host, { lists: withManualEntry(listsDocument(), m, new Date().toISOString()) });
}

/** Withdraw a manual entry. */
export function removeManualEntry(host: HostApi, id: string): void {
  workspaceChanged(host, { lists: withoutManualEntry(listsDocument(), id) });
}

/** 发布: the live lists frozen as the period's next version; returns the version number. */
export function publishLists(host: HostApi, r: HonourResult, user: string): number {
  const p = withPublished(listsDocument(), { period: r.period, level: r.level, entries: r.entries, policy: r.policy, user }, new Date().toISOString());
  workspaceChanged(host, { lists: p.document });
  return p.version;
}

/** Save a new list policy (the previous one kept in the document's history). */
export function saveListPolicy(host: HostApi, policy: unknown): void {
  workspaceChanged(host, { lists: withPolicy(listsDocument(), policy, new Date().toISOString()) });
}
