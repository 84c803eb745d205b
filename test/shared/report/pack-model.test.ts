import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, workspaceTarget } from '../../../electron/node/workspace-target.js';
import type { Connector } from '../../../shared/db/connector.js';
import { maskName } from '../../../shared/format/mask.js';
import { buildPack, buildPackFrom, packContext, packTargets, type PackContext } from '../../../shared/report/pack-model.js';
import type { PackModel } from '../../../shared/report/pack-types.js';
import type { WorkspaceDocuments } from '../../../shared/workspace/save.js';
import { connectorFactories } from '../../support/connectors.js';
import { readSampleTable, SAMPLE_DIR } from '../../support/sample-data.js';

/*
 * The sample workspace's newest quarter, 2025Q4. Expected numbers come from the raw CSVs read in plain JS (the
 * oracle in test/support/sample-data.ts), never from the analytics modules the builder reuses.
 */
const PERIOD = '2025Q4';
const END = '2025-12-31';
const regions = readSampleTable('regions');
const values = readSampleTable('indicator_values');
const appointments = readSampleTable('appointments');
const cadres = readSampleTable('cadres');
const valid = (r: Record<string, string>) => (!r.valid_from || r.valid_from <= END) && (!r.valid_to || r.valid_to >= END);
const valueOf = (code: string, ind: string, period: string) => {
  const v = values.find((x) => x.region_code === code && x.indicator_id === ind && x.period === period);
  return v && v.value !== '' ? Number(v.value) : null;
};
/** Competition rank among the valid regions of the level (higher is better for A01/A03). */
const rankOf = (code: string, ind: string, period: string, level: string) => {
  const mine = valueOf(code, ind, period) as number;
  const others = regions.filter((r) => r.level === level && valid(r)).map((r) => valueOf(r.region_code as string, ind, period)).filter((v): v is number => v !== null);
  return { rank: others.filter((v) => v > mine).length + 1, mean: others.reduce((a, b) => a + b, 0) / others.length, n: others.length };
};
/** The 一把手 in office at 2025-12 per region (latest start wins), from the appointments CSV. */
const leaders = new Map<string, Record<string, string>>();
for (const a of appointments
  .filter((a) => a.is_top_leader === 'true' && a.region_code && a.start_ym && a.start_ym <= '2025-12' && (!a.end_ym || a.end_ym >= '2025-12'))
  .sort((x, y) => (x.start_ym as string).localeCompare(y.start_ym as string)))
  leaders.set(a.region_code as string, a);

const WATERMARK = { user: '张三', time: '2026-12-07 09:30', machine: 'PC-ZZB-01' };

describe.each(connectorFactories)('the pack model on the sample workspace ($name)', (factory) => {
  let db: Connector;
  let documents: WorkspaceDocuments;
  let ctx: PackContext;
  // A county of the 经济强县组 (first in code order) and its pack.
  const county = regions.filter((r) => r.level === 'county' && r.eval_group === '经济强县组' && valid(r)).sort((a, b) => (a.region_code as string).localeCompare(b.region_code as string))[0] as Record<string, string>;
  const code = county.region_code as string;
  let pack: PackModel;

  beforeAll(async () => {
    db = await factory.create();
    documents = (await openTarget(db, workspaceTarget(SAMPLE_DIR))).documents;
    ctx = await packContext(db, PERIOD, { watermark: WATERMARK, documents, demo: true });
    pack = await buildPackFrom(ctx, { period: PERIOD, regionCode: code });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('lists every region with a 一把手 at the period end, as the appointments say', async () => {
    const targets = await packTargets(db, PERIOD);
    const expected = [...leaders.keys()].filter((c) => regions.some((r) => r.region_code === c && valid(r))).sort();
    expect(targets.map((t) => t.regionCode).sort()).toEqual(expected);
    expect(targets.length).toBeGreaterThan(100);
    const t = targets.find((x) => x.regionCode === code);
    const cadre = cadres.find((c) => c.cadre_id === leaders.get(code)?.cadre_id);
    expect(t?.leaderName).toBe(cadre?.name);
  });

  it("the region's value, rank, gap and movement on 地区生产总值 match the raw values", () => {
    const row = pack.indicators.find((r) => r.indicatorId === 'A01');
    const now = rankOf(code, 'A01', PERIOD, 'county');
    const before = rankOf(code, 'A01', '2025Q3', 'county');
    expect(row?.value).toBe(valueOf(code, 'A01', PERIOD));
    expect(row?.rank).toBe(now.rank);
    expect(row?.compared).toBe(now.n);
    expect(row?.benchmark).toBeCloseTo(now.mean, 6);
    expect(row?.gap).toBeCloseTo((valueOf(code, 'A01', PERIOD) as number) - now.mean, 6);
    expect(row?.move).toBe(before.rank - now.rank);
    const yoy = values.find((x) => x.region_code === code && x.indicator_id === 'A01' && x.period === PERIOD)?.yoy_pct;
    expect(row?.yoy).toBe(Number(yoy));
  });

  it('rows in = rows out: 12 core indicators in catalogue order, one sentence each; peers are the group', () => {
    const catalogue = readSampleTable('indicators').filter((i) => Number(i.weight) > 0).map((i) => i.indicator_id);
    expect(pack.indicators.map((r) => r.indicatorId)).toEqual(catalogue.slice(0, 12));
    expect(pack.indicatorSentences).toHaveLength(12);
    const group = regions.filter((r) => r.level === 'county' && r.eval_group === '经济强县组' && valid(r)).map((r) => r.region_code).sort();
    expect(pack.peers.regions.map((r) => r.regionCode).sort()).toEqual(group);
    expect(pack.peers.regions.filter((r) => r.self).map((r) => r.regionCode)).toEqual([code]);
    expect(pack.peers.heat.cells).toHaveLength(group.length);
    expect(pack.peers.heat.cells.every((c) => c.length === 12)).toBe(true);
    expect(pack.peers.scopeLabel).toBe('经济强县组');
    expect(pack.region).toMatchObject({ code, name: county.name, level: 'county', group: '经济强县组' });
  });

  it('a value the quarter does not have stays null and is said as 暂缺 (B01 is annual)', () => {
    expect(valueOf(code, 'B01', PERIOD)).toBeNull();
    const i = pack.indicators.findIndex((r) => r.indicatorId === 'B01');
    expect(pack.indicators[i]).toMatchObject({ value: null, yoy: null, rank: null, gap: null, z: null });
    expect(pack.indicatorSentences[i]).toBe('研究与试验发展经费投入强度：该指标本期数据暂缺。');
  });

  it('the leader: name, birth and assessments from the roster', () => {
    const a = leaders.get(code) as Record<string, string>;
    const c = cadres.find((x) => x.cadre_id === a.cadre_id) as Record<string, string>;
    expect(pack.leader).toMatchObject({ cadreId: a.cadre_id, name: c.name, birthYm: c.birth_ym });
    const [by, bm] = (c.birth_ym as string).split('-').map(Number) as [number, number];
    expect(pack.leader?.age).toBe(Math.floor((2025 * 12 + 11 - (by * 12 + bm - 1)) / 12));
    const years = readSampleTable('assessments').filter((x) => x.cadre_id === a.cadre_id && x.kind === '年度' && Number(x.year) <= 2025).map((x) => Number(x.year)).sort();
    expect(pack.leader?.assessments.map((x) => x.year)).toEqual(years.slice(-3));
  });

  it('trends: the 4 most weighted, 8 quarters ending at the period; year-to-date totals plot 同比 as delivered', () => {
    expect(pack.trends.map((t) => t.indicatorId)).toEqual(['A01', 'A02', 'A03', 'A04']);
    const a01 = pack.trends[0];
    expect(a01?.periods).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(a01?.series).toBe('yoy');
    const yoys = a01?.periods.map((p) => values.find((x) => x.region_code === code && x.indicator_id === 'A01' && x.period === p)?.yoy_pct);
    expect(a01?.values).toEqual(yoys?.map((y) => (y === '' || y === undefined ? null : Number(y))));
  });

  it('a leader who took office inside the window is marked on the trends', async () => {
    const recent = [...leaders.values()].find((a) => (a.start_ym as string) > '2024-03' && regions.some((r) => r.region_code === a.region_code && r.level === 'county' && valid(r)));
    expect(recent).toBeDefined();
    const r = recent as Record<string, string>;
    const m = Number((r.start_ym as string).slice(5, 7));
    const q = `${(r.start_ym as string).slice(0, 4)}Q${Math.ceil(m / 3)}`;
    const p = await buildPackFrom(ctx, { period: PERIOD, leaderId: r.cadre_id });
    expect(p.region.code).toBe(r.region_code);
    expect(p.leader?.tenureStartPeriod).toBe(q);
    expect(p.trends[0]?.tenureStartIndex).toBe(p.trends[0]?.periods.indexOf(q));
  });

  it('warnings are the region’s, in force; the composite is ranked in the group; sources say 内置示例数据', () => {
    expect(pack.warnings.every((w) => w.status === '新增' || w.status === '持续')).toBe(true);
    expect(pack.composite?.compared).toBe(pack.peers.regions.filter((r) => r.rank !== null).length);
    expect(pack.composite?.rank).toBe(pack.peers.regions.find((r) => r.self)?.rank);
    expect(pack.appendix.sources.length).toBe(pack.indicators.filter((r) => r.value !== null).length);
    expect(pack.appendix.sources.every((s) => s.file === '内置示例数据')).toBe(true);
    expect(pack.findings.length).toBeGreaterThanOrEqual(3);
    expect(pack.findings.length).toBeLessThanOrEqual(5);
    expect(pack.findings[0]?.kind).toBe('overall');
    expect(pack.watermark).toEqual(WATERMARK);
  });

  it('every target builds, province and cities included', async () => {
    const targets = await packTargets(db, PERIOD);
    const t0 = performance.now();
    for (const t of targets) {
      const p = await buildPackFrom(ctx, { period: PERIOD, regionCode: t.regionCode });
      expect(p.indicators).toHaveLength(12);
      expect(p.leader?.name).toBe(t.leaderName);
    }
    const ms = performance.now() - t0;
    console.log(`${targets.length} packs from one context in ${ms.toFixed(0)} ms (${(ms / targets.length).toFixed(1)} ms a pack)`);
  }, 120_000);

  it('smoke: buildPack for one region with names masked and a template overridden', async () => {
    const p = await buildPack(db, { period: PERIOD, regionCode: code }, { watermark: WATERMARK, documents: { ...documents, templates: { version: 2, templates: { 'move.flat': '位次与上季度相同' } } }, maskNames: true, robustnessDraws: 0 });
    console.log([p.title, ...p.findings.map((f) => f.text), ...p.indicatorSentences.slice(0, 3)].join('\n'));
    expect(p.title).toBe(`${county.name}2025年四季度发展情况分析`);
    expect(p.templatesVersion).toBe(2);
    // Masked through the one masking module (the same as projection's 金明 → 金*).
    expect(p.leader?.name).toBe(maskName(cadres.find((c) => c.cadre_id === leaders.get(code)?.cadre_id)?.name as string));
    expect(p.leader?.name).toContain('*');
    // Nowhere else either: 红黄榜 reasons and warning messages that name the 一把手 are masked too.
    expect(JSON.stringify(p)).not.toContain(cadres.find((c) => c.cadre_id === leaders.get(code)?.cadre_id)?.name as string);
    expect(p.composite?.rankLow).toBeNull();
    const flat = p.indicators.findIndex((r) => r.move === 0);
    if (flat >= 0) expect(p.indicatorSentences[flat]).toContain('位次与上季度相同');
  }, 120_000);

  // Last: it takes the 一把手 out of the data.
  it('a region without a 一把手 at the period\'s end still gets its pack, with the leader left out, nothing invented', async () => {
    await db.query("DELETE FROM appointments WHERE region_code = '990202' AND is_top_leader");
    const vacantCtx = await packContext(db, PERIOD, { watermark: WATERMARK, documents, demo: true, robustnessDraws: 0 });
    expect((await packTargets(db, PERIOD)).some((t) => t.regionCode === '990202')).toBe(false);
    const p = await buildPackFrom(vacantCtx, { period: PERIOD, regionCode: '990202' });
    expect(p.leader).toBeNull();
    expect(p.title).toBe(`${regions.find((r) => r.region_code === '990202')?.name}2025年四季度发展情况分析`);
    expect(p.indicators.length).toBe(12);
    expect(p.findings.length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
