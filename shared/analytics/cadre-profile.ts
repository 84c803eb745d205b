/**
 * 干部档案: one cadre's profile in one call: basic information (age and years in the present post at a reference date
 * the caller gives, education, party; the ID number masked 6+4 by the masking module unless asked otherwise), the
 * appointments timeline, annual assessments by year, 干部记实 records (负面清单, 提醒/函询/诫勉, 一线考核), and for a
 * 一把手 the tenure panels (cadre-tenure.ts), and with a rule set the 红黄榜 history (cadre-lists.ts).
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { maskField, maskProfile } from '../format/mask.js';
import { CADRE_RECORD_KINDS, type CadreRecordKind } from '../model/vocab.js';
import { ymOf } from './cadre-adjustments.js';
import { tenurePanels, type TenureOptions, type TenurePanel } from './cadre-tenure.js';
import { monthIndexSql } from './leaders.js';
import { listsOnProfile, type ListsOnProfile } from './cadre-lists.js';

export type { RankAt, TenureIndicator, TenurePanel, WarningCounts } from './cadre-tenure.js';

/** Serialisable parameters (the renderer passes them through useQuery). */
export interface ProfileParams extends TenureOptions {
  readonly cadreId: string;
  /** Reference date for age and years in post, 'YYYY-MM-DD' or 'YYYY-MM' (the caller's today, or a report date). */
  readonly asOf: string;
  /** Show the full ID number: only after a deliberate action (显示完整证件号, --show-personal). */
  readonly unmask?: boolean;
  /** The workspace's 'lists' document (policy, manual entries, published versions), read with the rules. */
  readonly listsDocument?: unknown;
}

export interface CadreBasics {
  readonly cadreId: string;
  readonly name: string;
  readonly gender: string | null;
  readonly ethnicity: string | null;
  readonly birthYm: string | null;
  /** Whole years at the reference date. */
  readonly age: number | null;
  readonly nativePlace: string | null;
  readonly party: string | null;
  readonly partyJoinYm: string | null;
  readonly workStartYm: string | null;
  readonly ftEdu: string | null;
  readonly ftDegree: string | null;
  readonly isEdu: string | null;
  readonly isDegree: string | null;
  readonly currentPost: string | null;
  readonly postLevel: string | null;
  readonly rankLevel: string | null;
  /** 任现职时间 (YYYY-MM): the roster's, else the start of the latest open appointment. */
  readonly currentPostSince: string | null;
  /** Years in the present post at the reference date, one decimal. */
  readonly yearsInPost: number | null;
  /** Masked 6+4 unless unmask. */
  readonly idNo: string | null;
  readonly idMasked: boolean;
}

export interface TimelineEntry {
  readonly org: string | null;
  readonly title: string | null;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  readonly postLevel: string | null;
  readonly isTopLeader: boolean;
  readonly start: string | null;
  /** null: still held. */
  readonly end: string | null;
}

export interface AssessmentEntry {
  readonly year: number;
  readonly result: string;
  readonly kind: string | null;
}

export interface RecordEntry {
  readonly date: string;
  readonly kind: string;
  readonly category: string | null;
  readonly source: string | null;
  readonly description: string | null;
}

export interface CadreProfile {
  readonly asOf: string;
  readonly basics: CadreBasics;
  /** Oldest first. */
  readonly appointments: readonly TimelineEntry[];
  /** By year, oldest first. */
  readonly assessments: readonly AssessmentEntry[];
  /** Newest first, with counts per kind (every kind of the vocabulary, 0 when none). */
  readonly records: readonly RecordEntry[];
  readonly recordCounts: Readonly<Record<CadreRecordKind, number>>;
  /** One panel per 一把手 term, oldest first; empty for other cadres. */
  readonly tenures: readonly TenurePanel[];
  /**
   * 红黄榜: the cadre on the cadres' lists, and per term (tenures' order) the region on the regions' lists before,
   * during and after it; null when no rule set was given (the lists read the warnings).
   */
  readonly lists: ListsOnProfile | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** A reference date as a month number. */
function monthOf(asOf: string): number {
  const m = /^(\d{4})-(\d{1,2})/.exec(asOf);
  if (!m) throw new Error(`参考日期应为 YYYY-MM-DD 或 YYYY-MM：${asOf}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The cadre's profile (see the module comment); null when the workspace has no such cadre. */
export async function cadreProfile(db: Connector, p: ProfileParams): Promise<CadreProfile | null> {
  const ref = monthOf(p.asOf);
  const c = (
    await db.query(
      `SELECT *, ${monthIndexSql('birth_ym', false)} AS bm, ${monthIndexSql('current_post_since', false)} AS sm FROM cadres WHERE ` + sql`cadre_id = ${p.cadreId}`,
    )
  ).rows[0];
  const apps = (
    await db.query(
      `SELECT a.org_name, a.post_title, a.region_code, g.name AS region_name, a.post_level, coalesce(a.is_top_leader, false) AS top,
         ${monthIndexSql('a.start_ym', false)} AS s, ${monthIndexSql('a.end_ym', true)} AS e
       FROM appointments a LEFT JOIN regions g ON g.region_code = a.region_code WHERE ` +
        sql`a.cadre_id = ${p.cadreId}` +
        ' ORDER BY s NULLS FIRST, e NULLS LAST, a.post_title',
    )
  ).rows;
  if (!c && !apps.length) return null;
  const appointments: TimelineEntry[] = apps.map((a) => ({
    org: str(a.org_name),
    title: str(a.post_title),
    regionCode: str(a.region_code),
    regionName: str(a.region_name),
    postLevel: str(a.post_level),
    isTopLeader: a.top === true,
    start: ymOf(a.s === null ? null : Number(a.s)),
    end: ymOf(a.e === null ? null : Number(a.e)),
  }));
  const open = apps.filter((a) => a.e === null && a.s !== null);
  const sinceM = c?.sm != null ? Number(c.sm) : open.length ? Number(open[open.length - 1]?.s) : null;
  const id = str(c?.id_no);
  const profile = maskProfile({ unmasked: p.unmask });
  const basics: CadreBasics = {
    cadreId: p.cadreId,
    name: str(c?.name) ?? p.cadreId,
    gender: str(c?.gender),
    ethnicity: str(c?.ethnicity),
    birthYm: ymOf(c?.bm != null ? Number(c.bm) : null),
    age: c?.bm != null ? Math.floor((ref - Number(c.bm)) / 12) : null,
    nativePlace: str(c?.native_place),
    party: str(c?.party),
    partyJoinYm: str(c?.party_join_ym),
    workStartYm: str(c?.work_start_ym),
    ftEdu: str(c?.ft_edu),
    ftDegree: str(c?.ft_degree),
    isEdu: str(c?.is_edu),
    isDegree: str(c?.is_degree),
    currentPost: str(c?.current_post) ?? (open.map((a) => str(a.post_title)).filter(Boolean).join('、') || null),
    postLevel: str(c?.post_level),
    rankLevel: str(c?.rank_level),
    currentPostSince: ymOf(sinceM),
    yearsInPost: sinceM === null ? null : Math.round(((ref - sinceM) / 12) * 10) / 10,
    idNo: maskField(profile, 'idNo', id),
    idMasked: id !== null && !p.unmask,
  };
  const assessments = (await db.query(sql`SELECT year, result, kind FROM assessments WHERE cadre_id = ${p.cadreId} AND year IS NOT NULL ORDER BY year, kind`)).rows.map((a) => ({
    year: Number(a.year),
    result: String(a.result ?? ''),
    kind: str(a.kind),
  }));
  const records = (
    await db.query(
      sql`SELECT strftime(record_date, '%Y-%m-%d') AS d, kind, category, source, description FROM cadre_records WHERE cadre_id = ${p.cadreId} ORDER BY record_date DESC, kind`,
    )
  ).rows.map((r) => ({ date: String(r.d), kind: String(r.kind), category: str(r.category), source: str(r.source), description: maskField(profile, 'text', str(r.description)) }));
  const recordCounts = Object.fromEntries(CADRE_RECORD_KINDS.map((k) => [k, records.filter((r) => r.kind === k).length])) as Record<CadreRecordKind, number>;
  const tenures = await tenurePanels(db, p.cadreId, { rules: p.rules, maxIndicators: p.maxIndicators, national: p.national });
  return {
    asOf: p.asOf,
    basics,
    appointments,
    assessments,
    records,
    recordCounts,
    tenures,
    lists: p.rules ? await listsOnProfile(db, { cadreId: p.cadreId, terms: tenures, document: p.listsDocument, rules: p.rules, national: p.national }) : null,
  };
}

export interface CadreOption {
  readonly cadreId: string;
  readonly name: string;
  readonly currentPost: string | null;
}

/** Every cadre of the roster with the present post (the profile's picker), by name. */
export async function listCadres(db: Connector): Promise<CadreOption[]> {
  const r = await db.query('SELECT cadre_id, name, current_post FROM cadres WHERE cadre_id IS NOT NULL ORDER BY name, cadre_id');
  return r.rows.map((x) => ({ cadreId: String(x.cadre_id), name: String(x.name ?? x.cadre_id), currentPost: str(x.current_post) }));
}
