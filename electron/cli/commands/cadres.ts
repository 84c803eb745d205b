/** `structure` and `roster`: the cadre structure statistics and the roster, on a workspace, one JSON document out. */
import { DEFAULT_RETIREMENT, defaultReferenceDate, parseReferenceDate, type RetirementRule } from '../../../shared/analytics/cadre-facts.js';
import { cadreStructure, sharePct } from '../../../shared/analytics/cadre-structure.js';
import { ROSTER_COLUMNS, ROSTER_SORTS, rosterPage, type RosterFilters, type RosterSort } from '../../../shared/analytics/roster.js';
import { ageSummaryText } from '../../../shared/charts/cadre-structure.js';
import { columnCell, type Connector } from '../../../shared/db/connector.js';
import { optionalFlag as optional, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';
import { appendAuditToTarget, cliAuditEntry } from '../../node/workspace-audit.js';

function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const v = optional(args, name);
  if (v === null) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min}～${max} 之间的整数：${v}`);
  return n;
}

/** --date, checked; absent: the workspace's default reference date (never today). */
async function dateFlag(args: ParsedArgs, db: Connector): Promise<{ date: string; defaulted: boolean }> {
  const given = optional(args, 'date');
  if (given !== null) return { date: given, defaulted: false };
  const date = await defaultReferenceDate(db);
  if (!date) throw new UsageError('工作区中没有可推定基准日期的数据，请用 --date YYYY-MM-DD 指定');
  return { date, defaulted: true };
}

function checkDate(args: ParsedArgs): void {
  const d = optional(args, 'date');
  if (d !== null && !parseReferenceDate(d)) throw new UsageError(`--date 应为 YYYY-MM-DD 格式的有效日期：${d}`);
}

/** --retire-age (both), --retire-age-male, --retire-age-female, --retire-rule reform|fixed. */
function retirementFlags(args: ParsedArgs): RetirementRule {
  const both = intFlag(args, 'retire-age', DEFAULT_RETIREMENT.male, 40, 80);
  const rule = optional(args, 'retire-rule') ?? 'reform';
  if (rule !== 'reform' && rule !== 'fixed') throw new UsageError(`--retire-rule 应为 reform 或 fixed：${rule}`);
  return { male: intFlag(args, 'retire-age-male', both, 40, 80), female: intFlag(args, 'retire-age-female', both, 40, 80), reform: rule === 'reform' };
}

/** `structure --workspace <dir> [--date YYYY-MM-DD] [--by unit|region] [--retire-within N] [--retire-age N] …`. */
export async function structureCommand(args: ParsedArgs): Promise<CommandResult> {
  checkDate(args);
  const by = optional(args, 'by') ?? 'unit';
  if (by !== 'unit' && by !== 'region') throw new UsageError(`--by 应为 unit 或 region：${by}`);
  const retireWithin = intFlag(args, 'retire-within', 5, 1, 40);
  const retirement = retirementFlags(args);
  return onWorkspace(args, async (db, ws, target) => {
    const { date, defaulted } = await dateFlag(args, db);
    const r = await cadreStructure(db, { date, by, retireWithin, retirement });
    const named = (cats: readonly string[], counts: readonly number[]) => Object.fromEntries(cats.map((c, i) => [c, counts[i] ?? 0]));
    const dimensions = r.dimensions.map((d) => ({
      id: d.id,
      label: d.label,
      categories: d.categories,
      overall: named(d.categories, d.overall),
      groups: r.groups.map((g, i) => ({ key: g.key, name: g.name, counts: named(d.categories, d.byGroup[i] ?? []) })),
    }));
    const line = (name: string, total: number, cats: readonly string[], counts: readonly number[]) =>
      `  ${name}（${total}人）：${cats.map((c, i) => `${c} ${counts[i] ?? 0}（${sharePct(counts[i] ?? 0, total)?.toFixed(1) ?? '—'}%）`).join('，')}`;
    const TOP = 10;
    const text = [
      `工作区：${ws.name}`,
      `干部结构：基准日期 ${date}${defaulted ? '（未指定，取工作区最新期间末）' : ''}，${by === 'unit' ? '按单位' : '按地区'}，共 ${r.overall.total} 人；${ageSummaryText(r.overall)}`,
      ...r.dimensions.flatMap((d) => [
        `${d.label}：`,
        line('全部', r.overall.total, d.categories, d.overall),
        ...r.groups.slice(0, TOP).map((g, i) => line(g.name, g.total, d.categories, d.byGroup[i] ?? [])),
        ...(r.groups.length > TOP ? [`  …另有 ${r.groups.length - TOP} 个${by === 'unit' ? '单位' : '地区'}（--json 列出全部）`] : []),
      ]),
      '说明：',
      ...r.notes.map((n) => `  ${n}`),
    ].join('\n');
    return {
      json: { workspace: { path: target.path, name: ws.name }, date, dateDefaulted: defaulted, by, retireWithin, retirement, overall: r.overall, groups: r.groups, dimensions, excludedNotStarted: r.excludedNotStarted, notes: r.notes },
      text,
    };
  });
}

const LIST_FLAGS: Record<string, Exclude<keyof RosterFilters, 'search'>> = {
  unit: 'units',
  region: 'regions',
  'post-level': 'postLevels',
  'rank-level': 'rankLevels',
  'age-band': 'ageBands',
  education: 'education',
  gender: 'genders',
  ethnicity: 'ethnicities',
  party: 'parties',
  'post-years': 'postBands',
};

/** `roster --workspace <dir> [--date …] [--search 名] [--unit a,b] [--gender 女] … [--sort age --desc] [--offset 0] [--limit 50] [--show-personal]`. */
export async function rosterCommand(args: ParsedArgs): Promise<CommandResult> {
  checkDate(args);
  const filters: Record<string, unknown> = { search: optional(args, 'search') ?? undefined };
  for (const [flag, key] of Object.entries(LIST_FLAGS)) {
    const v = optional(args, flag);
    if (v !== null) filters[key] = v.split(/[,，]/).map((x) => x.trim());
  }
  const sort = (optional(args, 'sort') ?? 'level') as RosterSort;
  if (!ROSTER_SORTS.includes(sort)) throw new UsageError(`--sort 应为 ${ROSTER_SORTS.join('、')} 之一：${sort}`);
  const offset = intFlag(args, 'offset', 0, 0, 10_000_000);
  const limit = intFlag(args, 'limit', 50, 1, 5000);
  const unmask = args.flags['show-personal'] === true;
  return onWorkspace(args, async (db, ws, target) => {
    const { date } = await dateFlag(args, db);
    const page = await rosterPage(db, { date, filters: filters as RosterFilters, sort, desc: args.flags.desc === true, offset, limit, unmask });
    if (unmask) await appendAuditToTarget(target, [cliAuditEntry('unmask', `干部名册（${page.total} 人，第 ${offset + 1} 人起 ${page.rows.length} 人）`, '证件号以明文输出')]);
    const rows = Array.from({ length: page.rows.length }, (_x, i) => Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, columnCell(page.rows, c, i)])));
    const text = [
      `工作区：${ws.name}`,
      `干部名册：${page.total} 人，第 ${offset + 1}–${offset + rows.length} 人（年龄按 ${date} 计${unmask ? '，显示完整证件号' : '，证件号已遮蔽'}）`,
      ...rows.map((x) => [x.name, x.gender, x.age === null ? '—' : `${x.age}岁`, x.unit, x.current_post, x.post_level, x.id_no].map((v) => v ?? '—').join('\t')),
    ].join('\n');
    return { json: { workspace: { path: target.path, name: ws.name }, date, total: page.total, offset, masked: !unmask, rows }, text };
  });
}
