import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADJUSTMENT_SUMMARY } from '../../data/generator/careers.js';
import { parseArgs } from '../../electron/cli/args.js';
import { adjustmentsCommand, cadreCommand } from '../../electron/cli/commands/cadre.js';
import type { AdjustmentsResult } from '../../shared/analytics/cadre-adjustments.js';
import type { CadreProfile } from '../../shared/analytics/cadre-profile.js';
import { readSampleTable, SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');
/** C00051 杨志春: 九河区 (990202) 区长 2021-07, 区委书记 (一把手) from 2023-06; two 提醒 records in the sample. */
const ID = 'C00051';
const FULL_ID = readSampleTable('cadres').find((c) => c.cadre_id === ID)?.id_no as string;

// One CLI process as users run it (stdout one JSON document), the other calls in-process to keep the suite short.
describe('CLI cadre and adjustments (--json)', { timeout: 120_000 }, () => {
  it('prints the profile with the ID masked 6+4, the timeline, records and the tenure', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'cadre', '--id', ID, '--workspace', SAMPLE_DIR, '--as-of', '2025-12-31', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout) as CadreProfile;
    expect(p.basics.idNo).toBe(`${FULL_ID.slice(0, 6)}********${FULL_ID.slice(-4)}`);
    expect(r.stdout).not.toContain(FULL_ID);
    // 2025-12 − 2023-06 = 30 months = 2.5 years.
    expect(p.basics).toMatchObject({ name: '杨志春', currentPostSince: '2023-06', yearsInPost: 2.5 });
    expect(p.appointments.map((a) => [a.start, a.isTopLeader])).toEqual([['2018-06', false], ['2021-07', false], ['2023-06', true]]);
    expect(p.recordCounts.提醒).toBe(2);
    const t = p.tenures[0];
    // Before the term: 2021Q1..2023Q1 = 9 quarters; in office: 2023Q2..2025Q4 = 11 quarters.
    expect(t).toMatchObject({ regionCode: '990202', basePeriod: '2023Q1', latestPeriod: '2025Q4', baseBeforeStart: true });
    expect([t?.warnings?.before.periods, t?.warnings?.during.periods]).toEqual([9, 11]);
    expect(t?.indicators.length).toBe(8);
    for (const i of t?.indicators ?? []) expect(i.latest?.rank, i.name).not.toBeNull();
    expect(t?.warnings?.events.every((e) => e.regionCode === '990202' && e.leaderId === ID)).toBe(true);
  });

  it('shows the full ID only with --show-personal', async () => {
    const r = await cadreCommand(parseArgs(['cadre', '--id', ID, '--workspace', SAMPLE_DIR, '--as-of', '2025-12-31', '--show-personal', '--json']));
    expect((r.json as CadreProfile).basics).toMatchObject({ idNo: FULL_ID, idMasked: false });
  });

  it('counts 能上能下 by unit with the sentence the departments write', async () => {
    const r = (await adjustmentsCommand(parseArgs(['adjustments', '--workspace', SAMPLE_DIR, '--from', '2021', '--by', 'unit', '--json']))).json as AdjustmentsResult;
    // The generator plants 11 careers: 4 re-used after a 二级调研员 spell, 5 demoted once, 2 demoted twice.
    expect(r.total).toEqual(ADJUSTMENT_SUMMARY);
    expect(r.sentence).toBe('2021年以来调整不适宜担任现职干部11人，其中重新使用4人');
    expect(r.groups.reduce((s, g) => s + g.cases, 0)).toBe(13);
    expect(r.cases.filter((c) => c.kind === '改任非领导职务').every((c) => c.to.title === '二级调研员' && c.reused !== null)).toBe(true);
  });
});
