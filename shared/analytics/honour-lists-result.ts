/**
 * 红黄榜 of a period as the view, the CLI and packs read it: the live lists (computed by the policy, with the manual
 * entries), whether they differ from the last published version, the diff against the previous period (新上榜 /
 * 连续上榜 / 退出: against its last published version, else the imported list, else its live computation, else
 * nothing, said which), and every period's authoritative list for the history of a region or cadre.
 */
import type { Connector } from '../db/connector.js';
import { periodLabelZh, previousPeriod } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { LIST_TYPES, type ListType } from '../model/vocab.js';
import { manualEntriesOf, readListsDocument, versionsOf, type ListEntry, type ListPolicy, type ListSubject, type ListsDocument, type ManualEntry } from '../workspace/honour-lists.js';
import { buildLists, type BuiltLists } from './honour-lists-build.js';
import { honourData, type HonourData } from './honour-lists.js';
import type { WarningRule } from './warning-rules.js';
import type { WarningsParams } from './warnings.js';

/** Where a period's list comes from: a version published in Hengjian, the imported honour_lists, or computed now. */
export type ListSource = 'published' | 'imported' | 'live' | 'none';

export interface PeriodSnapshot {
  readonly period: string;
  readonly source: ListSource;
  /** The published version (source 'published'). */
  readonly version: number | null;
  readonly entries: readonly ListEntry[];
}

export interface DiffPart {
  readonly entered: readonly ListEntry[];
  /** Entries of the previous list (as they were then). */
  readonly left: readonly ListEntry[];
  readonly stayed: readonly ListEntry[];
}

export type ListsDiff = Record<ListType, Record<ListSubject, DiffPart>>;

export interface HonourResult extends BuiltLists {
  readonly period: string;
  readonly level: RegionLevel;
  readonly policy: ListPolicy;
  readonly hasData: boolean;
  readonly published: {
    readonly versions: readonly { readonly version: number; readonly at: string; readonly user: string }[];
    /** Whether the live lists equal the last published version (membership and bases); null: none published. */
    readonly same: boolean | null;
  };
  readonly previous: { readonly period: string; readonly source: ListSource; readonly version: number | null; readonly note: string };
  readonly diff: ListsDiff;
  /** Every period's authoritative list, oldest first (the history reads it). */
  readonly timeline: readonly PeriodSnapshot[];
  /** The manual entries of the period and level, oldest first. */
  readonly manual: readonly ManualEntry[];
  /** Who can be listed by hand: the level's regions of the period and their 一把手 (best composite first). */
  readonly candidates: {
    readonly regions: readonly { readonly id: string; readonly name: string }[];
    readonly cadres: readonly { readonly id: string; readonly name: string; readonly regionName: string }[];
  };
}

const entryKey = (e: ListEntry) => `${e.listType}|${e.subject}|${e.id}`;

/** entered / left / stayed per list and subject: current against previous (null: no previous list, all entered). */
export function diffLists(current: readonly ListEntry[], previous: readonly ListEntry[] | null): ListsDiff {
  const prev = new Map((previous ?? []).map((e) => [entryKey(e), e]));
  const cur = new Set(current.map(entryKey));
  const part = (t: ListType, s: ListSubject): DiffPart => {
    const mine = current.filter((e) => e.listType === t && e.subject === s);
    return {
      entered: mine.filter((e) => !prev.has(entryKey(e))),
      stayed: mine.filter((e) => prev.has(entryKey(e))),
      left: [...prev.values()].filter((e) => e.listType === t && e.subject === s && !cur.has(entryKey(e))),
    };
  };
  return { 红榜: { region: part('红榜', 'region'), cadre: part('红榜', 'cadre') }, 黄榜: { region: part('黄榜', 'region'), cadre: part('黄榜', 'cadre') } };
}

/** Whether two lists hold the same entries with the same bases. */
export function sameLists(a: readonly ListEntry[], b: readonly ListEntry[]): boolean {
  const sig = (xs: readonly ListEntry[]) => xs.map((e) => `${entryKey(e)}|${e.basis}`).sort().join('\n');
  return sig(a) === sig(b);
}

/** A period's authoritative list: its last published version, else the imported list, else the live one. */
function snapshot(doc: ListsDocument, data: HonourData, period: string, live: () => BuiltLists | null): PeriodSnapshot {
  const versions = versionsOf(doc, period, data.level);
  const last = versions[versions.length - 1];
  if (last) return { period, source: 'published', version: last.version, entries: last.entries };
  const imported = data.imported.get(period);
  if (imported?.length) return { period, source: 'imported', version: null, entries: imported };
  const built = live();
  return built ? { period, source: 'live', version: null, entries: built.entries } : { period, source: 'none', version: null, entries: [] };
}

/** The result for `period` from data already read (honourData over the period, its previous one and any others). */
export function honourResultOf(data: HonourData, document: unknown, period: string): HonourResult {
  const doc = readListsDocument(document);
  const lists = (p: string) => {
    const d = data.periods.get(p);
    return d?.hasData ? buildLists(d, doc.policy, manualEntriesOf(doc, p, data.level), data.level) : null;
  };
  const current = lists(period);
  const built: BuiltLists = current ?? { entries: [], excluded: [], removed: [], vacant: [], records: data.periods.get(period)?.records ?? [] };
  const versions = versionsOf(doc, period, data.level);
  const last = versions[versions.length - 1];
  const prevPeriod = previousPeriod(period);
  const prev = snapshot(doc, data, prevPeriod, () => lists(prevPeriod));
  const label = periodLabelZh(prevPeriod, '当期');
  const note = {
    published: `与上期（${label}）已发布的第${prev.version ?? ''}版比较`,
    imported: `与上期（${label}）导入的榜单比较`,
    live: `上期（${label}）榜单尚未发布，与其按现行规则计算的结果比较`,
    none: `上期（${label}）无数据，本期上榜者均记为新上榜`,
  }[prev.source];
  const standings = data.periods.get(period)?.standings ?? [];
  const periods = [...new Set([...data.periods.keys(), ...data.imported.keys(), ...doc.published.filter((v) => v.level === data.level).map((v) => v.period)])].sort();
  return {
    period,
    level: data.level,
    policy: doc.policy,
    hasData: current !== null,
    ...built,
    published: { versions: versions.map((v) => ({ version: v.version, at: v.at, user: v.user })), same: last ? sameLists(built.entries, last.entries) : null },
    previous: { period: prevPeriod, source: prev.source, version: prev.version, note },
    diff: diffLists(built.entries, prev.source === 'none' ? null : prev.entries),
    manual: manualEntriesOf(doc, period, data.level),
    candidates: {
      regions: standings.map((s) => ({ id: s.regionCode, name: s.name })),
      cadres: standings.flatMap((s) => (s.leaderId ? [{ id: s.leaderId, name: s.leaderName ?? s.leaderId, regionName: s.name }] : [])),
    },
    timeline: periods.map((p) => (p === period && current ? snapshot(doc, data, p, () => current) : snapshot(doc, data, p, () => lists(p)))).filter((s) => s.source !== 'none'),
  };
}

/** The lists of `period` (see the module comment): reads every period once, so the history comes with them. */
export async function honourLists(
  db: Connector,
  p: { period: string; level: RegionLevel; document?: unknown; rules: readonly WarningRule[]; periods?: readonly string[]; national?: WarningsParams['national'] },
): Promise<HonourResult> {
  const policy = readListsDocument(p.document).policy;
  const all = p.periods ?? (await db.query('SELECT DISTINCT period FROM indicator_values WHERE period IS NOT NULL')).rows.map((x) => String(x.period));
  const data = await honourData(db, { level: p.level, periods: [...all, p.period, previousPeriod(p.period)], policy, rules: p.rules, national: p.national });
  return honourResultOf(data, p.document, p.period);
}

export interface HistoryItem {
  readonly period: string;
  readonly listType: ListType;
  readonly source: ListSource;
  readonly version: number | null;
  readonly basis: string;
  readonly rank: number | null;
  readonly reason: string;
}

/** A region's or cadre's history on the lists: every period it was on one, oldest first. */
export function historyOf(timeline: readonly PeriodSnapshot[], id: string): HistoryItem[] {
  return timeline.flatMap((s) =>
    s.entries
      .filter((e) => e.id === id)
      .sort((a, b) => LIST_TYPES.indexOf(a.listType) - LIST_TYPES.indexOf(b.listType))
      .map((e) => ({ period: s.period, listType: e.listType, source: s.source, version: s.version, basis: e.basis, rank: e.rank, reason: e.reason })),
  );
}
