import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfMonthSql, monthIndexSql } from '../../shared/analytics/leaders.js';
import { rosterFilterOptions, rosterPage, type RosterParams } from '../../shared/analytics/roster.js';
import type { Connector } from '../../shared/db/connector.js';
import { sql } from '../../shared/db/sql.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { CADRE_FIXTURE } from '../support/cadre-fixture.js';
import { connectorFactories } from '../support/connectors.js';

const DATE = '2025-06-15';

for (const factory of connectorFactories) {
  describe(`roster on ${factory.name} (fixture of test/support/cadre-fixture.ts)`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, CADRE_FIXTURE.read);
    });
    afterAll(() => db.close());
    const ids = async (p: Partial<RosterParams>) => {
      const r = await rosterPage(db, { date: DATE, ...p });
      return { total: r.total, ids: r.rows.texts.cadre_id };
    };

    it('lists everybody by 职务层次 (highest first), then unit, then ID, a window at a time', async () => {
      // 厅局级副职 K6; 县处级正职 K8 (甲市委) before K4 (甲市政府办: 委 sorts before 政); 县处级副职 K3; 乡科级正职 K9
      // (A县人民政府) before K1 (A县委); 乡科级副职 K2; no level: K5 (甲市发展…) before K7 (甲市政府, read from the post).
      expect(await ids({})).toEqual({ total: 9, ids: ['K6', 'K8', 'K4', 'K3', 'K9', 'K1', 'K2', 'K5', 'K7'] });
      expect(await ids({ offset: 2, limit: 3 })).toEqual({ total: 9, ids: ['K4', 'K3', 'K9'] });
      expect(await ids({ offset: 20 })).toEqual({ total: 9, ids: [] });
    });

    it('hands out columns with ages and years in post at the date, ID numbers masked unless asked', async () => {
      const r = await rosterPage(db, { date: DATE, sort: 'id', limit: 3 });
      expect(r.rows.texts.name).toEqual(['王一', '李二', '王三']);
      expect([...(r.rows.numbers.age ?? [])]).toEqual([35, 34, 35]);
      // 11, 36 and 60 months.
      expect([...(r.rows.numbers.post_years ?? [])].map((x) => Math.round(x * 12))).toEqual([11, 36, 60]);
      // A well-formed ID keeps 6 + 4; a malformed one (13 characters) too; none stays none.
      expect(r.rows.texts.id_no).toEqual(['990105********7458', 'AB1234***8901', null]);
      const open = await rosterPage(db, { date: DATE, sort: 'id', limit: 2, unmask: true });
      expect(open.rows.texts.id_no).toEqual(['990105199006157458', 'AB12345678901']);
      // A bare year counts from January: 赵四 (1970) is 55 on 2025-01-01 and 54 the day before.
      const age = async (date: string) => (await rosterPage(db, { date, filters: { search: '赵四' } })).rows.numbers.age?.[0];
      expect([await age('2025-01-01'), await age('2024-12-31')]).toEqual([55, 54]);
    });

    it('filters by every facet and searches names', async () => {
      expect(await ids({ filters: { search: '王' }, sort: 'id' })).toEqual({ total: 3, ids: ['K1', 'K3', 'K7'] });
      expect(await ids({ filters: { search: 'K5' } })).toEqual({ total: 1, ids: ['K5'] });
      expect(await ids({ filters: { genders: ['女'] }, sort: 'id' })).toEqual({ total: 3, ids: ['K2', 'K4', 'K6'] });
      expect(await ids({ filters: { regions: ['990101'], ageBands: ['35–39岁'] }, sort: 'id' })).toEqual({ total: 2, ids: ['K1', 'K3'] });
      expect(await ids({ filters: { units: ['甲市政府办'], postLevels: ['县处级正职'] } })).toEqual({ total: 1, ids: ['K4'] });
      expect(await ids({ filters: { education: ['研究生'] }, sort: 'id' })).toEqual({ total: 3, ids: ['K1', 'K2', 'K8'] });
      expect(await ids({ filters: { ethnicities: ['回族'] } })).toEqual({ total: 1, ids: ['K3'] });
      expect(await ids({ filters: { parties: ['中国民主同盟盟员', '无党派人士'] }, sort: 'id' })).toEqual({ total: 2, ids: ['K4', 'K5'] });
      expect(await ids({ filters: { postBands: ['5年及以上'] }, sort: 'id' })).toEqual({ total: 3, ids: ['K3', 'K6', 'K9'] });
      expect(await ids({ filters: { postLevels: ['未填'] }, sort: 'id' })).toEqual({ total: 2, ids: ['K5', 'K7'] });
      expect(await ids({ filters: { search: "'; DROP TABLE cadres; --" } })).toEqual({ total: 0, ids: [] });
    });

    it('sorts by age, oldest first, unknown last', async () => {
      // 60 K6, 58 K9, 55 K4, 44 K8, 35 K1 K3 (then by level: K3 县处级副职 before K1), 34 K2, 25 K7, unknown K5.
      expect((await ids({ sort: 'age', desc: true })).ids).toEqual(['K6', 'K9', 'K4', 'K8', 'K3', 'K1', 'K2', 'K7', 'K5']);
    });

    it('gives every filter’s options with counts in one go', async () => {
      const o = await rosterFilterOptions(db, { date: DATE });
      expect(o.genders).toEqual([{ value: '男', label: '男', count: 5 }, { value: '女', label: '女', count: 3 }, { value: '未知', label: '未知', count: 1 }]);
      expect(o.regions).toEqual([{ value: '990101', label: 'A县', count: 4 }, { value: '990100', label: '甲市', count: 3 }, { value: '', label: '未知', count: 2 }]);
      expect(o.rankLevels).toEqual([{ value: '未填', label: '未填', count: 9 }]);
    });

    it('reads month numbers and days from every date spelling (the YYYY-MM fast path answers as the general form)', async () => {
      const texts = ['1990-06', '199006', '1990.6', '1990年6月', '19900615', '1990-06-15', '1990', '1990-13', ' 1990-06 ', '', null];
      const r = await db.query(`SELECT t, ${monthIndexSql('t', false)} AS m, ${monthIndexSql('t', true)} AS e, ${dayOfMonthSql('t')} AS d FROM (SELECT unnest([${sql`${texts}`}]) AS t) ORDER BY ALL`);
      const got = Object.fromEntries(r.rows.map((x) => [String(x.t), [x.m, x.e, x.d]]));
      const j = 1990 * 12; // January 1990
      expect(got).toEqual({
        '1990-06': [j + 5, j + 5, null], '199006': [j + 5, j + 5, null], '1990.6': [j + 5, j + 5, null], '1990年6月': [j + 5, j + 5, null],
        '19900615': [j + 5, j + 5, 15], '1990-06-15': [j + 5, j + 5, 15], '1990': [j, j + 11, null], '1990-13': [j, j + 11, null],
        ' 1990-06 ': [j + 5, j + 5, null], '': [null, null, null], null: [null, null, null],
      });
    });
  });
}
