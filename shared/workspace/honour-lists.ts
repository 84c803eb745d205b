/**
 * The workspace's 'lists' document (红黄榜): the list policy (with every earlier version), manual entries (人工
 * 列入/移出, each with its required reason, who and when) and the published versions of each period's lists (发布:
 * version k of a period, every earlier one kept, never overwritten). The document is user JSON: read defensively,
 * malformed pieces left out; every writer is a pure function returning a new document (other keys kept).
 */
import { LIST_TYPES, type ListType } from '../model/vocab.js';
import type { RegionLevel } from '../model/region-code.js';

export const LISTS_VERSION = 1;
const POLICY_HISTORY_LIMIT = 50;
const MANUAL_LIMIT = 5000;
const PUBLISHED_LIMIT = 2000;
const ENTRY_LIMIT = 2000;

/**
 * What puts a region on a list. 红榜 (the honour list): the top `top` by composite score of the level (or the top
 * `perGroup` of each 考核分组 when set), leaving out regions with `redMin` or more 红线 warnings in force. 黄榜 (the
 * warning list): regions with `redMin` or more 红线 warnings in force, or `yellowMin` or more 黄线 warnings, or in the
 * bottom `bottom` by composite (ties at the boundary all enter). `warnings` says which warnings count: those on the
 * 综合得分 (default: in a rule set with rules per indicator nearly every region has some 红线), or all. Cadres: the
 * 一把手 in office follows the region; a cadre with a 负面清单 item or 诫勉 in the quarter, or `reminders` or more
 * 提醒/函询, enters the cadres' 黄榜 and leaves their 红榜.
 */
export interface ListPolicy {
  readonly top: number;
  readonly perGroup: number | null;
  readonly bottom: number;
  readonly warnings: 'composite' | 'all';
  readonly redMin: number;
  readonly yellowMin: number;
  readonly reminders: number;
}

export const DEFAULT_POLICY: ListPolicy = { top: 10, perGroup: null, bottom: 3, warnings: 'composite', redMin: 1, yellowMin: 2, reminders: 2 };

export type ListSubject = 'region' | 'cadre';

/** One entry of a list: a region or a cadre, why (basis), its composite rank if any, and the reason sentence. */
export interface ListEntry {
  readonly listType: ListType;
  readonly subject: ListSubject;
  /** region_code or cadre_id. */
  readonly id: string;
  readonly name: string;
  /** Cadres: the region through whose post they are listed (null for records alone). */
  readonly regionCode: string | null;
  readonly regionName: string | null;
  /** The bases, e.g. 综合得分第2位；触发红线预警「…」；人工. */
  readonly basis: string;
  readonly rank: number | null;
  readonly reason: string;
  readonly manual: boolean;
}

/** 人工列入 (add) or 人工移出 (remove) of one region or cadre on one list of a period. */
export interface ManualEntry {
  readonly id: string;
  readonly period: string;
  readonly level: RegionLevel;
  readonly listType: ListType;
  readonly subject: ListSubject;
  readonly target: string;
  readonly name: string;
  readonly action: 'add' | 'remove';
  readonly reason: string;
  readonly user: string;
  readonly at: string;
}

/** A published version: the period's lists (computed and manual) frozen as version k. */
export interface PublishedVersion {
  readonly period: string;
  readonly level: RegionLevel;
  readonly version: number;
  readonly at: string;
  readonly user: string;
  readonly policy: ListPolicy;
  readonly entries: readonly ListEntry[];
}

export interface ListsDocument {
  readonly policy: ListPolicy;
  /** Earlier policies, newest first. */
  readonly policyHistory: readonly { readonly at: string; readonly policy: ListPolicy }[];
  readonly manual: readonly ManualEntry[];
  readonly published: readonly PublishedVersion[];
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const text = (x: unknown, max: number): string | null => (typeof x === 'string' && x.trim() ? x.trim().slice(0, max) : null);
const int = (x: unknown, min: number, max: number, fallback: number): number => (typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : fallback);
const isListType = (x: unknown): x is ListType => typeof x === 'string' && (LIST_TYPES as readonly string[]).includes(x);
const isLevel = (x: unknown): x is RegionLevel => x === 'county' || x === 'city' || x === 'province';
const isSubject = (x: unknown): x is ListSubject => x === 'region' || x === 'cadre';
const PERIOD = /^\d{4}(Q[1-4]|-\d{2})?$/;

/** A policy from user JSON: each field checked on its own, the default where it is missing or out of range. */
export function readPolicy(x: unknown): ListPolicy {
  const p = isObj(x) ? x : {};
  const d = DEFAULT_POLICY;
  return {
    top: int(p.top, 1, 500, d.top),
    perGroup: p.perGroup === null || p.perGroup === undefined ? null : int(p.perGroup, 1, 100, 3),
    bottom: int(p.bottom, 0, 500, d.bottom),
    warnings: p.warnings === 'all' ? 'all' : 'composite',
    redMin: int(p.redMin, 1, 1000, d.redMin),
    yellowMin: int(p.yellowMin, 1, 1000, d.yellowMin),
    reminders: int(p.reminders, 1, 100, d.reminders),
  };
}

function readEntry(x: unknown): ListEntry | null {
  if (!isObj(x) || !isListType(x.listType) || !isSubject(x.subject)) return null;
  const id = text(x.id, 64);
  if (!id) return null;
  return {
    listType: x.listType,
    subject: x.subject,
    id,
    name: text(x.name, 100) ?? id,
    regionCode: text(x.regionCode, 64),
    regionName: text(x.regionName, 100),
    basis: text(x.basis, 500) ?? '',
    rank: typeof x.rank === 'number' && Number.isInteger(x.rank) && x.rank > 0 ? x.rank : null,
    reason: text(x.reason, 1000) ?? '',
    manual: x.manual === true,
  };
}

function readManual(x: unknown): ManualEntry | null {
  if (!isObj(x) || !isListType(x.listType) || !isSubject(x.subject) || !isLevel(x.level)) return null;
  const period = text(x.period, 16);
  const target = text(x.target, 64);
  const reason = text(x.reason, 1000);
  const id = text(x.id, 40);
  if (!period || !PERIOD.test(period) || !target || !reason || !id || (x.action !== 'add' && x.action !== 'remove')) return null;
  return { id, period, level: x.level, listType: x.listType, subject: x.subject, target, name: text(x.name, 100) ?? target, action: x.action, reason, user: text(x.user, 60) ?? '', at: text(x.at, 40) ?? '' };
}

function readPublished(x: unknown): PublishedVersion | null {
  if (!isObj(x) || !isLevel(x.level)) return null;
  const period = text(x.period, 16);
  if (!period || !PERIOD.test(period) || typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1) return null;
  const entries = (Array.isArray(x.entries) ? x.entries.slice(0, ENTRY_LIMIT) : []).map(readEntry).filter((e): e is ListEntry => e !== null);
  return { period, level: x.level, version: x.version, at: text(x.at, 40) ?? '', user: text(x.user, 60) ?? '', policy: readPolicy(x.policy), entries };
}

/** The 'lists' document (anything malformed left out; a period's versions are unique, the first kept). */
export function readListsDocument(doc: unknown): ListsDocument {
  const d = isObj(doc) ? doc : {};
  const arr = (x: unknown, limit: number) => (Array.isArray(x) ? x.slice(0, limit) : []);
  const seen = new Set<string>();
  const published: PublishedVersion[] = [];
  for (const v of arr(d.published, PUBLISHED_LIMIT).map(readPublished)) {
    const key = v && `${v.period}|${v.level}|${v.version}`;
    if (!v || !key || seen.has(key)) continue;
    seen.add(key);
    published.push(v);
  }
  const policyHistory = arr(d.policyHistory, POLICY_HISTORY_LIMIT)
    .filter(isObj)
    .map((h) => ({ at: text(h.at, 40) ?? '', policy: readPolicy(h.policy) }));
  return { policy: readPolicy(d.policy), policyHistory, manual: arr(d.manual, MANUAL_LIMIT).map(readManual).filter((m): m is ManualEntry => m !== null), published };
}

const out = (doc: unknown, d: ListsDocument): Record<string, unknown> => ({ ...(isObj(doc) ? doc : {}), version: LISTS_VERSION, ...d });

/** The document with a new policy (the previous one to the history, newest first). */
export function withPolicy(doc: unknown, policy: unknown, at: string): Record<string, unknown> {
  const d = readListsDocument(doc);
  const next = readPolicy(policy);
  return out(doc, { ...d, policy: next, policyHistory: [{ at, policy: d.policy }, ...d.policyHistory].slice(0, POLICY_HISTORY_LIMIT) });
}

/**
 * The document with one manual entry added. The reason is required: an empty or blank reason is refused (throws),
 * as is a malformed period, list or target.
 */
export function withManualEntry(doc: unknown, m: Omit<ManualEntry, 'id' | 'at'>, at: string): Record<string, unknown> {
  if (!m.reason.trim()) throw new Error('人工调整须填写理由');
  const d = readListsDocument(doc);
  const id = `m${d.manual.reduce((n, x) => Math.max(n, Number(x.id.slice(1)) || 0), 0) + 1}`;
  const entry = readManual({ ...m, id, at });
  if (!entry) throw new Error('人工调整的期间、榜单或对象无效');
  return out(doc, { ...d, manual: [...d.manual, entry] });
}

/** The document without manual entry `id` (an adjustment withdrawn). */
export function withoutManualEntry(doc: unknown, id: string): Record<string, unknown> {
  const d = readListsDocument(doc);
  return out(doc, { ...d, manual: d.manual.filter((m) => m.id !== id) });
}

/** The manual entries of one period and level, oldest first. */
export function manualEntriesOf(d: ListsDocument, period: string, level: RegionLevel): ManualEntry[] {
  return d.manual.filter((m) => m.period === period && m.level === level);
}

/** The published versions of one period and level, oldest first. */
export function versionsOf(d: ListsDocument, period: string, level: RegionLevel): PublishedVersion[] {
  return d.published.filter((v) => v.period === period && v.level === level).sort((a, b) => a.version - b.version);
}

/** 发布: the document with the period's lists frozen as the next version (1 for the first; earlier ones kept). */
export function withPublished(doc: unknown, p: { period: string; level: RegionLevel; entries: readonly ListEntry[]; policy: ListPolicy; user: string }, at: string): { document: Record<string, unknown>; version: number } {
  const d = readListsDocument(doc);
  const version = versionsOf(d, p.period, p.level).reduce((n, v) => Math.max(n, v.version), 0) + 1;
  const v = readPublished({ ...p, version, at });
  if (!v) throw new Error(`无法发布：期间 ${p.period} 无效`);
  return { document: out(doc, { ...d, published: [...d.published, v] }), version };
}
