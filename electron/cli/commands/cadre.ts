/** `cadre` (干部档案) and `adjustments` (能上能下): the cadre profile and adjustments down with re-use, one JSON document out. */
import { readViewSettings } from '../../../shared/workspace/view-settings.js';
import { cadreAdjustments, levelName, type PostRef } from '../../../shared/analytics/cadre-adjustments.js';
import { cadreProfile } from '../../../shared/analytics/cadre-profile.js';
import { formatMove, formatRank } from '../../../shared/format/number.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { loadRuleSet } from '../../../shared/workspace/rule-sets.js';
import { optionalFlag as optional, requireFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';
import { appendAuditToTarget, cliAuditEntry } from '../../node/workspace-audit.js';

const today = () => new Date().toISOString().slice(0, 10);

/** `cadre --id <cadre_id> --workspace <dir> [--as-of 2025-09-30] [--show-personal]`: the profile; the ID masked unless --show-personal. */
export async function cadreCommand(args: ParsedArgs): Promise<CommandResult> {
  const id = requireFlag(args, 'id');
  const asOf = optional(args, 'as-of') ?? today();
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(asOf)) throw new UsageError(`--as-of 应为 YYYY-MM-DD：${asOf}`);
  return onWorkspace(args, async (db, ws, target) => {
    const set = await loadRuleSet(db, ws.documents.rules);
    const p = await cadreProfile(db, { cadreId: id, asOf, unmask: args.flags['show-personal'] === true, rules: set.rules, listsDocument: ws.documents.lists, national: readViewSettings(ws.documents.views).national });
    if (!p) throw new UsageError(`工作区中没有干部 ${id}`);
    if (args.flags['show-personal'] === true) await appendAuditToTarget(target, [cliAuditEntry('unmask', `干部档案 ${id}`, '身份证号以明文输出')]);
    const b = p.basics;
    const lines = [
      `工作区：${ws.name}`,
      `${b.name}，${b.gender ?? ''}，${b.birthYm ?? '出生年月不详'}生（${b.age ?? '—'}岁），${b.party ?? ''}，身份证号 ${b.idNo ?? '—'}`,
      `现任 ${b.currentPost ?? '—'}（${b.postLevel ?? '—'}），任现职 ${b.currentPostSince ?? '—'}（${b.yearsInPost ?? '—'}年）`,
      '任职经历：',
      ...p.appointments.map((a) => `  ${a.start ?? '?'}～${a.end ?? '今'} ${a.org ?? ''}${a.title ?? ''}${a.isTopLeader ? '（一把手）' : ''}`),
      `年度考核：${p.assessments.map((a) => `${a.year}年${a.result}`).join('，') || '—'}`,
      `干部记实：${Object.entries(p.recordCounts).map(([k, n]) => `${k}${n}`).join('，')}`,
      ...p.tenures.flatMap((t) => [
        `任${t.regionName}${t.postTitle ?? '一把手'}（${t.from}～${t.to ?? '今'}）：${t.basePeriod ? periodLabelZh(t.basePeriod) : '—'} → ${t.latestPeriod ? periodLabelZh(t.latestPeriod) : '—'}`,
        ...[t.composite, ...t.indicators].filter((i) => i !== null).map((i) => `  ${i.name}：${formatRank(i.base?.rank)} → ${formatRank(i.latest?.rank)}，${formatMove(i.movement)}`),
        t.warnings
          ? `  预警：任前 红线${t.warnings.before.red} 黄线${t.warnings.before.yellow}（${t.warnings.before.periods}期）；任内 红线${t.warnings.during.red} 黄线${t.warnings.during.yellow}（${t.warnings.during.periods}期）`
          : '  预警：未计算',
      ]),
    ];
    return { json: { workspace: { path: target.path, name: ws.name }, ...p }, text: lines.join('\n') };
  });
}

const year = (args: ParsedArgs, name: string): number | null => {
  const v = optional(args, name);
  if (v === null) return null;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--${name} 应为四位年份：${v}`);
  return Number(v);
};

const post = (p: PostRef) => `${p.org ?? ''}${p.title ?? ''}（${p.postLevel ?? levelName(p.level)}）`;

/** `adjustments --workspace <dir> [--from 2021] [--to 2025] [--by year|unit]`: 能上能下 counts, the sentence and the cases. */
export async function adjustmentsCommand(args: ParsedArgs): Promise<CommandResult> {
  const from = year(args, 'from');
  const to = year(args, 'to');
  const by = optional(args, 'by') ?? 'year';
  if (by !== 'year' && by !== 'unit') throw new UsageError(`--by 应为 year 或 unit：${by}`);
  return onWorkspace(args, async (db, ws, target) => {
    const r = await cadreAdjustments(db, { from, to, by });
    const lines = [
      `工作区：${ws.name}`,
      r.sentence,
      ...r.groups.map((g) => `  ${by === 'year' ? `${g.key}年` : g.key}：调整${g.people}人（${g.cases}次），其中重新使用${g.reused}人`),
      ...r.cases.map((c) => `${c.date} ${c.name}：${post(c.from)} → ${post(c.to)}${c.reused ? `；${c.reused.start} 重新使用为 ${post(c.reused)}` : ''}`),
    ];
    return { json: { workspace: { path: target.path, name: ws.name }, ...r }, text: lines.join('\n') };
  });
}
