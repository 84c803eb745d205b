/**
 * 红黄榜 on the cadre profile: the cadre's own history on the cadres' lists, and for each 一把手 term the region's
 * history on the regions' lists, each entry placed before, during or after the term. One lists computation per
 * region level involved (honour-lists-result.ts reads every period at once), at the newest period of the data.
 */
import type { Connector } from '../db/connector.js';
import type { WarningRule } from './warning-rules.js';
import type { WarningsParams } from './warnings.js';
import type { RegionLevel } from '../model/region-code.js';
import { periodMonths } from './leaders.js';
import { historyOf, honourLists, type HistoryItem, type PeriodSnapshot } from './honour-lists-result.js';

export type TermPhase = 'before' | 'during' | 'after';

export interface RegionListItem extends HistoryItem {
  readonly phase: TermPhase;
}

export interface ListsOnProfile {
  /** The cadre on the cadres' lists, oldest first. */
  readonly cadre: readonly HistoryItem[];
  /** Per term (same order as the tenures): the region on the regions' lists. */
  readonly terms: readonly (readonly RegionListItem[])[];
}

const monthOfYm = (ym: string | null): number | null => {
  const m = ym ? /^(\d{4})-(\d{2})/.exec(ym) : null;
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
};

/** Where a period falls against a term from..to (YYYY-MM; to null: in office): by the period's last month. */
export function phaseOf(period: string, from: string, to: string | null): TermPhase {
  const last = periodMonths(period)?.last ?? 0;
  const s = monthOfYm(from) ?? 0;
  const e = monthOfYm(to);
  if (last < s) return 'before';
  return e !== null && last > e ? 'after' : 'during';
}

/** The lists history for a cadre and their terms (see the module comment). */
export async function listsOnProfile(
  db: Connector,
  p: { cadreId: string; terms: readonly { regionCode: string; level: RegionLevel | null; from: string; to: string | null }[]; document: unknown; rules: readonly WarningRule[]; national?: WarningsParams['national'] },
): Promise<ListsOnProfile> {
  const newest = (await db.query('SELECT max(period) AS p FROM indicator_values WHERE value IS NOT NULL')).rows[0]?.p;
  if (newest === null || newest === undefined) return { cadre: [], terms: p.terms.map(() => []) };
  const levels = [...new Set<RegionLevel>(['county', ...p.terms.flatMap((t) => (t.level && t.level !== 'province' ? [t.level] : []))])];
  const timelines = new Map<RegionLevel, readonly PeriodSnapshot[]>();
  for (const level of levels) timelines.set(level, (await honourLists(db, { period: String(newest), level, document: p.document, rules: p.rules, national: p.national })).timeline);
  const cadre = levels.flatMap((l) => historyOf(timelines.get(l) ?? [], p.cadreId)).sort((a, b) => a.period.localeCompare(b.period));
  const terms = p.terms.map((t) =>
    t.level && timelines.has(t.level) ? historyOf(timelines.get(t.level) ?? [], t.regionCode).map((h) => ({ ...h, phase: phaseOf(h.period, t.from, t.to) })) : [],
  );
  return { cadre, terms };
}
