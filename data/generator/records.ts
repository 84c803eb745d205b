import type { AppointmentRow, CadreRecordRow, CadreRow } from '../../shared/model/tables.js';
import { CADRE_RECORD_CATEGORIES, type CadreRecordKind } from '../../shared/model/vocab.js';
import { monthOf } from './periods.js';
import { rngFor } from './rng.js';
import { month } from './roster.js';
import type { Anomaly } from './values.js';

/**
 * 干部记实 (cadre_records) of the sample: 150 records over 2021–2025, mostly 提醒 and 函询, some 诫勉, 负面清单 items
 * with one of the 14 categories, and 一线考核 notes. Cadres holding a leading post are the ones recorded; the
 * 一把手 of regions with planted bad indicators are three times as likely as other 一把手, who are twice as likely
 * as other leaders, and their records fall in their term. Its own stream (rngFor('cadre-records')).
 */

export const RECORD_COUNT = 150;

const KINDS: readonly (readonly [CadreRecordKind, number])[] = [
  ['提醒', 45],
  ['函询', 27],
  ['诫勉', 10],
  ['负面清单', 12],
  ['一线考核', 6],
];

const SOURCES: Record<CadreRecordKind, readonly string[]> = {
  提醒: ['组织部日常监督', '巡察反馈', '信访举报', '审计反馈'],
  函询: ['信访举报', '纪委监委转办'],
  诫勉: ['纪委监委', '组织部'],
  负面清单: ['巡察反馈', '督查检查', '审计反馈', '年度考核'],
  一线考核: ['一线考核组'],
};

const TEXTS: Record<Exclude<CadreRecordKind, '负面清单'>, readonly string[]> = {
  提醒: ['落实重点任务进度滞后', '会议纪律执行不严', '班子沟通协调不够', '调查研究不深入', '信访事项办理不及时', '整改跟踪不到位'],
  函询: ['反映亲属经商办企业问题，经函询予以了结', '反映违规收受礼品问题，经函询予以澄清', '反映工程项目干预问题，经函询予以了结'],
  诫勉: ['履行管理监督职责不力', '违规发放津补贴', '项目建设把关不严造成损失'],
  一线考核: ['防汛救灾一线表现突出', '项目攻坚一线担当作为', '疫情防控一线表现突出', '乡村振兴驻村工作成效明显', '信访维稳一线作用发挥不够'],
};

const CATEGORY_TEXTS: Partial<Record<string, string>> = {
  管理松软: '班子管理松散，工作推进不力',
  失职失责: '安全监管缺位，造成不良影响',
  不担当不作为: '重点项目推进慢，遇到矛盾绕着走',
  形式主义官僚主义: '督查检查过多过频，基层负担重',
};

/** The sample's cadre records, ordered by date and cadre. */
export function cadreRecordRows(cadres: readonly CadreRow[], appointments: readonly AppointmentRow[], anomalies: readonly Anomaly[]): CadreRecordRow[] {
  const rng = rngFor('cadre-records');
  const bad = new Set(anomalies.filter((a) => a.kind !== 'missing_value' && a.kind !== 'missing_row').map((a) => a.region_code));
  const first = month(2021, 1);
  const last = month(2025, 12);
  // Per cadre: the span of their leading posts within 2021–2025, and a weight.
  const pool: { id: string; from: number; to: number; weight: number }[] = [];
  const byCadre = new Map<string, AppointmentRow[]>();
  for (const a of appointments) byCadre.set(a.cadre_id, [...(byCadre.get(a.cadre_id) ?? []), a]);
  for (const c of cadres) {
    const spans = (byCadre.get(c.cadre_id) ?? [])
      .filter((a) => a.post_level !== null && a.start_ym !== null)
      .map((a) => ({ a, s: Math.max(first, monthOf(a.start_ym as string)), e: Math.min(last, a.end_ym === null ? last : monthOf(a.end_ym)) }))
      .filter((x) => x.s <= x.e);
    if (!spans.length) continue;
    const top = spans.filter((x) => x.a.is_top_leader);
    const badTop = top.filter((x) => bad.has(x.a.region_code ?? ''));
    const span = badTop[0] ?? top[0] ?? spans[0];
    if (!span) continue;
    pool.push({ id: c.cadre_id, from: span.s, to: span.e, weight: badTop.length ? 6 : top.length ? 2 : 1 });
  }
  const total = pool.reduce((s, p) => s + p.weight, 0);
  const rows = new Map<string, CadreRecordRow>();
  while (rows.size < RECORD_COUNT) {
    let u = rng.next() * total;
    const who = pool.find((p) => (u -= p.weight) < 0) ?? (pool[pool.length - 1] as (typeof pool)[number]);
    const kind = rng.weighted(KINDS);
    const m = rng.int(who.from, who.to);
    const date = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const category = kind === '负面清单' ? rng.pick(CADRE_RECORD_CATEGORIES) : null;
    const description = category ? (CATEGORY_TEXTS[category] ?? `存在${category}情形`) : rng.pick(TEXTS[kind as Exclude<CadreRecordKind, '负面清单'>]);
    const row: CadreRecordRow = { cadre_id: who.id, record_date: date, kind, category, source: rng.pick(SOURCES[kind]), description };
    rows.set(`${who.id}|${date}|${kind}|${description}`, row);
  }
  return [...rows.values()].sort((a, b) => (a.record_date < b.record_date ? -1 : a.record_date > b.record_date ? 1 : a.cadre_id < b.cadre_id ? -1 : a.cadre_id > b.cadre_id ? 1 : 0));
}
