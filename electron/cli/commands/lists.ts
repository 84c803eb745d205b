/**
 * `lists`: the 红黄榜 of a period (regions and cadres), the diff against the previous quarter, a region's or cadre's
 * history, and 发布 (publish) as the period's next version, saved atomically as undo-import
 * saves.
 */
import { buildDerived } from '../../../shared/analytics/derived.js';
import { historyOf, honourLists, type HonourResult } from '../../../shared/analytics/honour-lists-result.js';
import type { Connector } from '../../../shared/db/connector.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { LIST_TYPES } from '../../../shared/model/vocab.js';
import { withPublished, type ListEntry } from '../../../shared/workspace/honour-lists.js';
import { loadRuleSet } from '../../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../../shared/workspace/view-settings.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { openTarget, saveTarget } from '../../node/workspace-target.js';
import { levelFlag, optionalFlag, periodFlag, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { existingWorkspace } from './open.js';

const brief = (e: ListEntry) => ({ id: e.id, name: e.name, basis: e.basis, rank: e.rank, reason: e.reason, manual: e.manual, ...(e.subject === 'cadre' ? { regionCode: e.regionCode, regionName: e.regionName } : {}) });

/** The result as the JSON document: lists {红榜, 黄榜} × {regions, cadres}, the diff the same way. */
function listsJson(r: HonourResult) {
  const of = (t: (typeof LIST_TYPES)[number], s: 'region' | 'cadre') => r.entries.filter((e) => e.listType === t && e.subject === s).map(brief);
  const diff = (t: (typeof LIST_TYPES)[number], s: 'region' | 'cadre') => {
    const d = r.diff[t][s];
    return { entered: d.entered.map(brief), left: d.left.map(brief), stayed: d.stayed.map(brief) };
  };
  return {
    period: r.period,
    level: r.level,
    hasData: r.hasData,
    policy: r.policy,
    lists: Object.fromEntries(LIST_TYPES.map((t) => [t, { regions: of(t, 'region'), cadres: of(t, 'cadre') }])),
    excluded: r.excluded,
    removed: r.removed.map((x) => ({ ...brief(x.entry), listType: x.entry.listType, subject: x.entry.subject, removedReason: x.reason, user: x.user, at: x.at })),
    vacant: r.vacant,
    records: r.records,
    published: r.published,
    previous: r.previous,
    diff: Object.fromEntries(LIST_TYPES.map((t) => [t, { regions: diff(t, 'region'), cadres: diff(t, 'cadre') }])),
  };
}

function listsText(r: HonourResult): string[] {
  const out = [`${periodLabelZh(r.period, '当期')}红黄榜${r.hasData ? '' : '：本期无数据'}`];
  for (const t of LIST_TYPES) {
    for (const s of ['region', 'cadre'] as const) {
      const xs = r.entries.filter((e) => e.listType === t && e.subject === s);
      const d = r.diff[t][s];
      out.push(`${t}·${s === 'region' ? '地区' : '干部'}（${xs.length}）：新上榜 ${d.entered.length}，连续上榜 ${d.stayed.length}，退出 ${d.left.length}`);
      for (const e of xs) out.push(`  ${e.name}${d.entered.includes(e) ? '〔新上榜〕' : ''}：${e.basis}${e.manual ? '〔人工〕' : ''}`);
    }
  }
  out.push(r.previous.note);
  if (r.published.versions.length) out.push(`已发布 ${r.published.versions.length} 版；现行结果${r.published.same ? '与最新版相同' : '与最新版不同'}`);
  return out;
}

async function compute(db: Connector, documents: Record<string, unknown>, period: string, level: ReturnType<typeof levelFlag>): Promise<HonourResult> {
  // The derived tables make the composite of every period one grouped statement (~2 s to build on the sample,
  // saved several seconds of per-period scoring).
  await buildDerived(db);
  const set = await loadRuleSet(db, documents.rules);
  return honourLists(db, { period, level, document: documents.lists, rules: set.rules, national: readViewSettings(documents.views).national });
}

/** `lists --workspace <dir> --period <p> [--level county|city] [--history <code|id>] [--publish [--user 名称]]`. */
export async function listsCommand(args: ParsedArgs): Promise<CommandResult> {
  const period = periodFlag(args);
  const level = levelFlag(args);
  const history = optionalFlag(args, 'history');
  const publish = args.flags.publish !== undefined;
  const user = typeof args.flags.user === 'string' ? args.flags.user : '命令行';
  const target = existingWorkspace(args);
  const db = await createNodeConnector();
  try {
    const meta = await openTarget(db, target);
    const started = performance.now();
    const r = await compute(db, meta.documents as Record<string, unknown>, period, level);
    const ms = Math.round(performance.now() - started);
    const json: Record<string, unknown> = { workspace: { path: target.path, name: meta.name }, ...listsJson(r), ms };
    const text = [`工作区：${meta.name}`, ...listsText(r)];
    if (history !== null) {
      const h = historyOf(r.timeline, history);
      json.history = { id: history, items: h };
      text.push(`${history} 上榜记录：`, ...(h.length ? h.map((x) => `  ${periodLabelZh(x.period, '当期')} ${x.listType} ${x.basis}（${x.source === 'published' ? `第${x.version}版` : x.source === 'imported' ? '导入' : '未发布'}）`) : ['  无']));
    }
    if (publish) {
      if (!r.hasData) throw new Error(`${periodLabelZh(period, '当期')}无数据，不能发布榜单`);
      const p = withPublished(meta.documents.lists, { period, level, entries: r.entries, policy: r.policy, user }, new Date().toISOString());
      await saveTarget(db, target, { name: meta.name, documents: { ...meta.documents, lists: p.document }, audit: meta.audit });
      json.publishedVersion = p.version;
      text.push(`已发布为${periodLabelZh(period, '当期')}榜单第${p.version}版（${user}）`);
    }
    return { json, text: text.join('\n') };
  } finally {
    await db.close();
  }
}
