import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreAdjustments, NON_LEADING } from '../../shared/analytics/cadre-adjustments.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-made careers (levels: 4 县处级正职, 5 县处级副职, 6 乡科级正职, 职级 = non-leading):
 *   P1 甲县县长 (正处) 2018-01..2022-05 → 甲县政协副主席 (副处) 2022-06..        drop in 职务层次, 2022-06, not re-used
 *   P2 乙县委书记 (正处, 一把手) 2017-03..2021-08 → 二级调研员 (职级) 2021-09..2023-12
 *      → 丙县副县长 (副处) 2024-01..                                           leading → 职级, 2021-09, re-used 2024-01
 *   P3 丁局局长 (正处) 2019-01..2023-06, nothing after                          retirement: not an adjustment
 *   P4 戊县县长 (written 「正处」) 2019-01..2022-02 → 市统计局局长 (县处级正职)     same level: not an adjustment
 *   P5 甲市财政局局长 (正处) 2016-01..2021-12 → 副局长 (副处) 2022-01..2023-12
 *      → 某镇党委书记 (正科) 2024-01..                                          adjusted twice: 2022-01 and 2024-01
 *   P6 县委副书记 (副处) 2019-01.. with a concurrent 镇党委书记 (正科) 2020-01..2021-12  concurrent lower post: nothing
 *   P7 县处级正职 2016-01..2020-12 → 科长 (no post_level, not a 职级) 2021-01..    unplaceable post left out: nothing
 *   P8 副县长 (副处) 2015-01..2019-12 → 三级调研员 (职级) 2020-01..               adjusted 2020-01 (before 2021)
 * 2021–2025: cases P2 2021-09, P5 2022-01, P1 2022-06, P5 2024-01 = 4; people P1 P2 P5 = 3; re-used P2 = 1.
 * By year: 2021 1/1/1, 2022 2/2/0, 2024 1/1/0. By unit (post left): 甲市财政局 2 cases 1 person, 甲县人民政府 1, 乙县委 1 (re-used).
 * All years: + P8 → 4 people, 5 cases.
 */
const ap = (cadre: string, org: string, title: string, level: string | null, start: string, end: string | null, top = false) => ({
  cadre_id: cadre, org_name: org, region_code: '990101', post_title: title, is_top_leader: top, start_ym: start, end_ym: end, post_level: level,
});
const fixture = fixtureWorkspace({
  cadres: ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'].map((id, i) => ({ cadre_id: id, name: `干部${'一二三四五六七八'[i]}` })),
  appointments: [
    ap('P1', '甲县人民政府', '县长', '县处级正职', '2018-01', '2022-05'),
    ap('P1', '甲县政协', '副主席', '县处级副职', '2022-06', null),
    ap('P2', '乙县委', '县委书记', '县处级正职', '2017-03', '2021-08', true),
    ap('P2', '乙市委组织部', '二级调研员', null, '2021-09', '2023-12'),
    ap('P2', '丙县人民政府', '副县长', '县处级副职', '2024-01', null),
    ap('P3', '丁局', '局长', '县处级正职', '2019-01', '2023-06'),
    ap('P4', '戊县人民政府', '县长', '正处', '2019-01', '2022-02'),
    ap('P4', '甲市统计局', '局长', '县处级正职', '2022-03', null),
    ap('P5', '甲市财政局', '局长', '县处级正职', '2016-01', '2021-12'),
    ap('P5', '甲市财政局', '副局长', '县处级副职', '2022-01', '2023-12'),
    ap('P5', '某镇党委', '党委书记', '乡科级正职', '2024-01', null),
    ap('P6', '己县委', '县委副书记', '县处级副职', '2019-01', null),
    ap('P6', '某镇党委', '党委书记', '乡科级正职', '2020-01', '2021-12'),
    ap('P7', '庚县人民政府', '县长', '县处级正职', '2016-01', '2020-12'),
    ap('P7', '庚县某局', '科长', null, '2021-01', null),
    ap('P8', '辛县人民政府', '副县长', '县处级副职', '2015-01', '2019-12'),
    ap('P8', '辛县人大常委会', '三级调研员', null, '2020-01', null),
  ],
});

for (const factory of connectorFactories) {
  describe(`能上能下 on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('finds drops in 职务层次 and leading posts left for a 职级, not retirement, same-level moves or concurrent posts', async () => {
      const r = await cadreAdjustments(db, { from: 2021, to: 2025 });
      expect(r.cases.map((c) => [c.cadreId, c.date, c.kind])).toEqual([
        ['P5', '2024-01', '职务层次下降'],
        ['P1', '2022-06', '职务层次下降'],
        ['P5', '2022-01', '职务层次下降'],
        ['P2', '2021-09', '改任非领导职务'],
      ]);
      expect(r.total).toEqual({ people: 3, reused: 1, cases: 4 });
      expect(r.sentence).toBe('2021年至2025年，调整不适宜担任现职干部3人，其中重新使用1人');
    });

    it('gives the evidence: the post left, the post taken, the later re-use', async () => {
      const r = await cadreAdjustments(db, { from: 2021 });
      const p2 = r.cases.find((c) => c.cadreId === 'P2');
      expect(p2).toMatchObject({
        name: '干部二',
        year: 2021,
        from: { org: '乙县委', title: '县委书记', postLevel: '县处级正职', level: 4, start: '2017-03', end: '2021-08' },
        to: { org: '乙市委组织部', title: '二级调研员', postLevel: null, level: NON_LEADING, start: '2021-09', end: '2023-12' },
        reused: { org: '丙县人民政府', title: '副县长', level: 5, start: '2024-01', end: null },
      });
      // P5's first adjustment (to 副处) is not re-used: the next post (正科) is lower still.
      expect(r.cases.filter((c) => c.cadreId === 'P5').map((c) => c.reused)).toEqual([null, null]);
      expect(r.sentence).toBe('2021年以来调整不适宜担任现职干部3人，其中重新使用1人');
    });

    it('counts by year and by the unit left, each group its own people', async () => {
      const byYear = await cadreAdjustments(db, { from: 2021, to: 2025, by: 'year' });
      expect(byYear.groups).toEqual([
        { key: '2021', cases: 1, people: 1, reused: 1 },
        { key: '2022', cases: 2, people: 2, reused: 0 },
        { key: '2024', cases: 1, people: 1, reused: 0 },
      ]);
      const byUnit = await cadreAdjustments(db, { from: 2021, to: 2025, by: 'unit' });
      expect(byUnit.groups).toEqual([
        { key: '甲市财政局', cases: 2, people: 1, reused: 0 },
        { key: '甲县人民政府', cases: 1, people: 1, reused: 0 },
        { key: '乙县委', cases: 1, people: 1, reused: 1 },
      ]);
    });

    it('counts every year when no range is given (P8 in 2020)', async () => {
      const r = await cadreAdjustments(db);
      expect(r.total).toEqual({ people: 4, reused: 1, cases: 5 });
      expect(r.cases.at(-1)).toMatchObject({ cadreId: 'P8', date: '2020-01', kind: '改任非领导职务' });
      expect(r.sentence).toBe('调整不适宜担任现职干部4人，其中重新使用1人');
    });
  });
}
