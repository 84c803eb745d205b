import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualAssessments, firstPeriod, newestImport, topLeaders, valueSources } from '../../shared/analytics/pack-queries.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * County A: L0 2021-01..2025-08, L1 from 2025-08 (a handover in 2025Q3; at its last month, 2025-09, only L1 is in
 * office). County B: L2 until 2025-06 only (vacant at 2025Q3's end). County C is not valid at 2025-09-30 (merged).
 * City P: L3 since 2020-05 written 2020.05, with the roster's 任现职时间 2020-06.
 * Values of 2025Q3: A's X came from source 1 (file a.xlsx, sheet 表1, row 7), B's X has no provenance.
 * Imports: batch 1 at 2025-10-01 committed, batch 2 at 2025-11-01 undone: the newest import is batch 1's.
 */
const county = (code: string, name: string, extra: Record<string, string | null> = {}) => ({ region_code: code, name, level: 'county', parent_code: '990100', eval_group: '组一', valid_from: '2020-01-01', ...extra });
const fixture = fixtureWorkspace({
  regions: [
    { region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' },
    county('990101', 'A县'),
    county('990102', 'B县'),
    county('990103', 'C县', { valid_to: '2024-12-31' }),
  ],
  indicators: [{ indicator_id: 'X', name: '指标X', unit: '亿元', direction: 1, basis: '累计', weight: 1 }],
  indicator_values: [
    { region_code: '990101', indicator_id: 'X', period: '2025Q3', value: 10, data_stage: '快报' },
    { region_code: '990102', indicator_id: 'X', period: '2025Q3', value: 12 },
    { region_code: '990101', indicator_id: 'X', period: '2024Q1', value: 8 },
  ],
  cadres: [
    { cadre_id: 'L0', name: '李零', birth_ym: '1968-05' },
    { cadre_id: 'L1', name: '张一', birth_ym: '1975-03', current_post: 'A县委书记', current_post_since: '2025-08' },
    { cadre_id: 'L2', name: '王二' },
    { cadre_id: 'L3', name: '赵三', current_post_since: '2020-06' },
  ],
  appointments: [
    { cadre_id: 'L0', region_code: '990101', post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: '2025-08' },
    { cadre_id: 'L1', region_code: '990101', post_title: '县委书记', is_top_leader: true, start_ym: '2025-08', end_ym: null },
    { cadre_id: 'L2', region_code: '990102', post_title: '县委书记', is_top_leader: true, start_ym: '2022-01', end_ym: '2025-06' },
    { cadre_id: 'L3', region_code: '990100', post_title: '市委书记', is_top_leader: true, start_ym: '2020.05', end_ym: null },
    { cadre_id: 'L2', region_code: '990103', post_title: '县委书记', is_top_leader: true, start_ym: '2025-07', end_ym: null },
  ],
  assessments: [
    { cadre_id: 'L1', year: 2021, result: '称职', kind: '年度' },
    { cadre_id: 'L1', year: 2024, result: '优秀', kind: '年度' },
    { cadre_id: 'L1', year: 2024, result: '好', kind: '专项' },
    { cadre_id: 'L1', year: 2026, result: '优秀', kind: '年度' },
  ],
});

describe.each(connectorFactories)('pack queries ($name)', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadWorkspace(db, fixture.read);
    await db.query(`INSERT INTO import_batches (batch_id, committed_at, status) VALUES (1, '2025-10-01 09:00', 'committed'), (2, '2025-11-01 09:00', 'undone')`);
    await db.query(`INSERT INTO import_sources (src_id, batch_id, file, sheet, target) VALUES (1, 1, 'a.xlsx', '表1', 'indicator_values')`);
    await db.query(`UPDATE indicator_values SET src_id = 1, src_row = 7 WHERE region_code = '990101' AND period = '2025Q3'`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the 一把手 at the period end: the handover goes to the newcomer, vacant and invalid regions are left out', async () => {
    const rows = await topLeaders(db, '2025Q3');
    expect(rows.map((r) => [r.regionCode, r.leaderId])).toEqual([
      ['990100', 'L3'],
      ['990101', 'L1'],
    ]);
    const a = rows[1];
    expect(a).toMatchObject({ regionName: 'A县', level: 'county', group: '组一', parentName: '甲市', leaderName: '张一', currentPost: 'A县委书记', termStart: 2025 * 12 + 7, birthM: 1975 * 12 + 2 });
    expect(rows[0]).toMatchObject({ termStart: 2020 * 12 + 4, postSinceM: 2020 * 12 + 5, birthM: null });
    // In 2024Q1 L0 led A, L2 led B, and C (valid until 2024-12-31) had nobody.
    expect((await topLeaders(db, '2024Q1')).map((r) => [r.regionCode, r.leaderId])).toEqual([
      ['990100', 'L3'],
      ['990101', 'L0'],
      ['990102', 'L2'],
    ]);
  });

  it('annual assessments up to a year, one per year, oldest first', async () => {
    const m = await annualAssessments(db, ['L1', 'L2'], 2025);
    expect(m.get('L1')).toEqual([
      { year: 2021, result: '称职' },
      { year: 2024, result: '优秀' },
    ]);
    expect(m.get('L2')).toBeUndefined();
  });

  it('provenance and 数据阶段 of the period values; the newest import not undone; the first period', async () => {
    const s = await valueSources(db, '2025Q3', ['X']);
    expect(s.get('990101|X')).toEqual({ regionCode: '990101', indicatorId: 'X', file: 'a.xlsx', sheet: '表1', row: 7, dataStage: '快报' });
    expect(s.get('990102|X')).toMatchObject({ file: null, sheet: null, row: null, dataStage: null });
    expect(s.size).toBe(2);
    expect(await newestImport(db)).toBe('2025-10-01 09:00');
    expect(await firstPeriod(db)).toBe('2024Q1');
  });
});
