/**
 * 红黄榜, the lists of one period from its data (honour-lists.ts) and the policy: regions first, then the manual
 * entries on them, then the cadres through their posts (the 一把手 in office of each listed region) and their own
 * records, then the manual entries on cadres. Every entry carries its basis and a reason sentence in the users'
 * wording (居全省第N位, 并列全省第N位, 居全省首位/末位). Pure: no SQL, the same in Node and the browser.
 */
import { periodLabelZh } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import type { ListType } from '../model/vocab.js';
import type { ListEntry, ListPolicy, ListSubject, ManualEntry } from '../workspace/honour-lists.js';
import type { CadreRecordCount, PeriodData, RegionStanding } from './honour-lists.js';

/** Left off a list although a criterion held, with the reason (shown beside the list). */
export interface ExcludedEntry {
  readonly listType: ListType;
  readonly subject: ListSubject;
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

/** An entry taken off by hand (人工移出), with the reason, who and when. */
export interface RemovedEntry {
  readonly entry: ListEntry;
  readonly reason: string;
  readonly user: string;
  readonly at: string;
}

export interface BuiltLists {
  /** Both lists, regions and cadres: 红榜 best first, 黄榜 worst first, manual additions last. */
  readonly entries: readonly ListEntry[];
  readonly excluded: readonly ExcludedEntry[];
  readonly removed: readonly RemovedEntry[];
  /** Listed regions without a 一把手 in office at the period's end (空缺): no cadre follows them. */
  readonly vacant: readonly { readonly regionCode: string; readonly name: string; readonly listType: ListType }[];
  /** Every cadre with records in the period, counted (entered the 黄榜 or not). */
  readonly records: readonly CadreRecordCount[];
}

const NOUN: Record<RegionLevel, string> = { county: '县（市、区）', city: '市', province: '省' };
const score = (x: number | null) => (x === null ? '—' : x.toFixed(1));
/** 后三位: small counts in Chinese numerals, as the users write them; larger ones in digits. */
const cn = (n: number) => (n >= 1 && n <= 10 ? '一二三四五六七八九十'[n - 1] : String(n));
const quoted = (names: readonly string[]) => [...new Set(names)].map((n) => `「${n}」`).join('');

/** 居全省首位 / 居全省末位 / 并列全省第N位 / 居全省第N位, or within the group (在甲组中居第N位). */
export function rankPhrase(s: RegionStanding, inGroup = false): string {
  if (inGroup && s.group !== null && s.groupRank !== null) {
    return `在${s.group}中${s.groupRank === 1 && s.groupOf > 1 ? '居首位' : `居第${s.groupRank}位`}`;
  }
  if (s.rank === null) return '无综合得分';
  if (s.tied > 1) return `并列全省第${s.rank}位`;
  if (s.rank === 1) return '居全省首位';
  if (s.bottomRank === 1) return '居全省末位';
  return `居全省第${s.rank}位`;
}

const key = (listType: ListType, subject: ListSubject, id: string) => `${listType}|${subject}|${id}`;

/** Whether the region meets a 黄榜 criterion, and its bases and reason sentences. */
function yellowOf(s: RegionStanding, p: ListPolicy): { basis: string[]; reason: string[] } {
  const basis: string[] = [];
  const reason: string[] = [];
  if (s.red.length >= p.redMin) {
    basis.push(`触发红线预警${quoted(s.red)}`);
    reason.push(`触发红线预警${s.red.length}条：${quoted(s.red)}`);
  }
  if (s.yellow.length >= p.yellowMin) {
    basis.push(`黄线预警${s.yellow.length}条`);
    reason.push(`黄线预警${s.yellow.length}条：${quoted(s.yellow)}`);
  }
  if (s.bottomRank !== null && s.bottomRank <= p.bottom) {
    basis.push(`综合得分${rankPhrase(s)}（后${cn(p.bottom)}位）`);
    reason.push(`综合得分${score(s.composite)}分，${rankPhrase(s)}，处于全省后${cn(p.bottom)}位`);
  }
  return { basis, reason };
}

/** The region lists of a period before manual entries (see ListPolicy), with the regions left off 红榜. */
function regionLists(d: PeriodData, p: ListPolicy, level: RegionLevel): { entries: ListEntry[]; excluded: ExcludedEntry[] } {
  const when = periodLabelZh(d.period, '当期');
  const red: ListEntry[] = [];
  const yellow: ListEntry[] = [];
  const excluded: ExcludedEntry[] = [];
  const base = { subject: 'region' as const, regionCode: null, regionName: null, manual: false };
  for (const s of d.standings) {
    if (s.rank === null) continue;
    const y = yellowOf(s, p);
    if (y.basis.length) yellow.push({ ...base, listType: '黄榜', id: s.regionCode, name: s.name, basis: y.basis.join('；'), rank: s.rank, reason: `${s.name}${when}${y.reason.join('；')}` });
    const perGroup = p.perGroup !== null && s.group !== null;
    const top = perGroup ? (s.groupRank ?? Infinity) <= (p.perGroup as number) : s.rank <= p.top;
    if (!top) continue;
    if (y.basis.length) {
      excluded.push({ listType: '红榜', subject: 'region', id: s.regionCode, name: s.name, reason: `综合得分${rankPhrase(s, perGroup)}，但${y.basis.join('；')}，不列入红榜` });
      continue;
    }
    const phrase = rankPhrase(s, perGroup);
    red.push({
      ...base,
      listType: '红榜',
      id: s.regionCode,
      name: s.name,
      basis: `综合得分${phrase}`,
      rank: s.rank,
      reason: `${s.name}${when}综合得分${score(s.composite)}分，${phrase}${perGroup ? '' : `（共${s.of}个${NOUN[level]}）`}`,
    });
  }
  yellow.sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0) || a.id.localeCompare(b.id));
  return { entries: [...red, ...yellow], excluded };
}

/** Manual entries applied in order (the later wins): additions marked 人工, removals kept with their reason. */
function applyManual(entries: ListEntry[], manual: readonly ManualEntry[], subject: ListSubject, removed: RemovedEntry[], rankOf: (id: string) => number | null): ListEntry[] {
  let out = entries;
  for (const m of manual) {
    if (m.subject !== subject) continue;
    const k = key(m.listType, subject, m.target);
    const at = out.findIndex((e) => key(e.listType, e.subject, e.id) === k);
    if (m.action === 'remove') {
      const old = out[at];
      if (old) {
        removed.push({ entry: old, reason: m.reason, user: m.user, at: m.at });
        out = out.filter((_, i) => i !== at);
      }
    } else if (at >= 0) {
      out = out.map((e, i) => (i === at ? { ...e, manual: true, basis: `${e.basis}；人工`, reason: `${e.reason}；人工确认：${m.reason}` } : e));
    } else {
      out = [...out, { listType: m.listType, subject, id: m.target, name: m.name, regionCode: null, regionName: null, basis: '人工', rank: rankOf(m.target), reason: m.reason, manual: true }];
    }
  }
  return out;
}

/** The cadres' lists: each listed region's 一把手 with the region's basis, then cadres on their own records. */
function cadreLists(regions: readonly ListEntry[], d: PeriodData, p: ListPolicy, vacant: BuiltLists['vacant'][number][], excluded: ExcludedEntry[]): ListEntry[] {
  const when = periodLabelZh(d.period, '当期');
  const standing = new Map(d.standings.map((s) => [s.regionCode, s]));
  const records = new Map(d.records.map((r) => [r.cadreId, r]));
  const out = new Map<string, ListEntry>();
  const add = (e: ListEntry) => {
    const k = key(e.listType, 'cadre', e.id);
    const old = out.get(k);
    out.set(k, old ? { ...old, basis: `${old.basis}；${e.basis}`, reason: `${old.reason}；${e.reason}` } : e);
  };
  const serious = (r: CadreRecordCount | undefined) => !!r && (r.negative > 0 || r.admonitions > 0);
  for (const e of regions) {
    const s = standing.get(e.id);
    if (!s?.leaderId) {
      vacant.push({ regionCode: e.id, name: e.name, listType: e.listType });
      continue;
    }
    const leader = { id: s.leaderId, name: s.leaderName ?? s.leaderId };
    if (e.listType === '红榜' && serious(records.get(leader.id))) {
      excluded.push({ listType: '红榜', subject: 'cadre', id: leader.id, name: leader.name, reason: `所在地区${e.name}列入红榜，但本期有负面清单事项或诫勉，不列入红榜` });
      continue;
    }
    add({ listType: e.listType, subject: 'cadre', id: leader.id, name: leader.name, regionCode: e.id, regionName: e.name, basis: `所在地区列入${e.listType}（${e.basis}）`, rank: e.rank, reason: `${leader.name}任${e.name}一把手，${e.reason}`, manual: false });
  }
  for (const r of d.records) {
    const parts: string[] = [];
    if (r.negative > 0) parts.push(`负面清单${r.negative}项${r.categories.length ? `（${r.categories.join('、')}）` : ''}`);
    if (r.admonitions > 0) parts.push(`诫勉${r.admonitions}次`);
    if (r.reminders + r.inquiries >= p.reminders) parts.push(`提醒${r.reminders}次、函询${r.inquiries}次`);
    if (!parts.length) continue;
    add({ listType: '黄榜', subject: 'cadre', id: r.cadreId, name: r.name, regionCode: null, regionName: null, basis: parts.join('；'), rank: null, reason: `${r.name}${when}有${parts.join('、')}`, manual: false });
  }
  return [...out.values()];
}

/** The lists of one period: computed by the policy, then the manual entries of the period applied. */
export function buildLists(d: PeriodData, p: ListPolicy, manual: readonly ManualEntry[], level: RegionLevel): BuiltLists {
  const removed: RemovedEntry[] = [];
  const vacant: BuiltLists['vacant'][number][] = [];
  const computed = regionLists(d, p, level);
  const rank = new Map(d.standings.map((s) => [s.regionCode, s.rank]));
  const regions = applyManual(computed.entries, manual, 'region', removed, (id) => rank.get(id) ?? null);
  const excluded = [...computed.excluded];
  const cadres = applyManual(cadreLists(regions, d, p, vacant, excluded), manual, 'cadre', removed, () => null);
  return { entries: [...regions, ...cadres], excluded, removed, vacant, records: d.records };
}
