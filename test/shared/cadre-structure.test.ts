import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreStructure, type StructureResult } from '../../shared/analytics/cadre-structure.js';
import { defaultReferenceDate, parseReferenceDate } from '../../shared/analytics/cadre-facts.js';
import type { Connector } from '../../shared/db/connector.js';
import { writing } from '../../shared/db/derived-state.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { CADRE_FIXTURE } from '../support/cadre-fixture.js';
import { connectorFactories } from '../support/connectors.js';

/** One statistic as { category: count } overall, or for one group. */
const dim = (r: StructureResult, id: string, group?: string) => {
  const d = r.dimensions.find((x) => x.id === id);
  if (!d) throw new Error(id);
  const counts = group === undefined ? d.overall : d.byGroup[r.groups.findIndex((g) => g.key === group)];
  return Object.fromEntries(d.categories.map((c, i) => [c, counts?.[i]]));
};

for (const factory of connectorFactories) {
  describe(`cadre structure on ${factory.name} (fixture of test/support/cadre-fixture.ts, date 2025-06-15)`, () => {
    let db: Connector;
    let r: StructureResult;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, CADRE_FIXTURE.read);
      r = await cadreStructure(db, { date: '2025-06-15', by: 'region' });
    });
    afterAll(() => db.close());

    it('counts the roster at the date, leaving out (and counting) who started work after it', () => {
      // K7 started work 2025-09: 9 − 1 = 8 counted.
      expect(r.excludedNotStarted).toBe(1);
      expect(r.overall.total).toBe(8);
      expect(r.notes.at(-1)).toContain('（1人）');
    });

    it('takes ages in 周岁 with the birthday reached on its day, from the month when only the month is known, January for a bare year', () => {
      // K1 35 (1990-06, month only), K2 34 (19900616, day not reached), K3 35 (born on the day), K4 55 (1970 → Jan),
      // K6 60, K8 44, K9 58; K5 unknown. Known 7, sum 35+34+35+55+60+44+58 = 321.
      expect(r.overall.ageKnown).toBe(7);
      expect(r.overall.averageAge).toBeCloseTo(321 / 7, 9);
      expect(r.overall.under35).toBe(1); // K2 only: K1 and K3 are exactly 35
      expect(r.overall.under40).toBe(3); // K1 K2 K3
      expect(dim(r, 'age')).toEqual({ '30岁以下': 0, '30–34岁': 1, '35–39岁': 2, '40–44岁': 1, '45–49岁': 0, '50–54岁': 0, '55–59岁': 2, '60岁及以上': 1, 未知: 1 });
    });

    it('groups by the region of the open appointment (the latest start), unknown for none', () => {
      // A县 K1 K2 K3 K9; 甲市 K4 (its closed A县委 post does not count) K6 K8 (甲市委 2025-06 beats A县委 2020-01); 未知 K5.
      expect(r.groups.map((g) => [g.key, g.name, g.total])).toEqual([['990101', 'A县', 4], ['990100', '甲市', 3], ['', '未知', 1]]);
      const a = r.groups[0];
      expect(a?.averageAge).toBeCloseTo((35 + 34 + 35 + 58) / 4, 9); // 40.5
      expect([a?.under35, a?.under40]).toEqual([1, 3]);
      expect(r.groups[1]?.averageAge).toBeCloseTo((55 + 60 + 44) / 3, 9); // 53
      expect(r.groups[2]?.averageAge).toBeNull();
      expect(dim(r, 'age', '990100')).toMatchObject({ '40–44岁': 1, '55–59岁': 1, '60岁及以上': 1 });
    });

    it('bands years in post [0,1) [1,3) [3,5) [5,∞), a start after the date or none as unknown', () => {
      // Months: K1 11, K8 0 → <1; K4 24 → 1–3; K2 36 → 3–5; K3 60, K6 125, K9 72 → 5+; K5 2026-01 → 未知.
      expect(dim(r, 'postYears')).toEqual({ 不满1年: 2, '1–3年': 1, '3–5年': 1, '5年及以上': 3, 未知: 1 });
    });

    it('counts 全日制 and 在职 education and degrees, and the highest of both', () => {
      // 全日制: 研究生 K2 K8; 大学 K1 K6 K9; 大专 K3; 中专 K4; none K5.
      expect(dim(r, 'ftEdu')).toEqual({ 研究生: 2, 大学: 3, 大专: 1, 中专及以下: 1, 未知: 1 });
      // 在职: 研究生 K1; 大学 K3 K4; the other five have none.
      expect(dim(r, 'isEdu')).toEqual({ 研究生: 1, 大学: 2, 大专: 0, 中专及以下: 0, 无: 5 });
      // Highest: K1 研究生 (在职), K2 K8 研究生; K3 K4 大学 (在职 above 全日制), K6 K9 大学; K5 unknown.
      expect(dim(r, 'topEdu')).toEqual({ 研究生: 3, 大学: 4, 大专: 0, 中专及以下: 0, 未知: 1 });
      // 全日制学位: 博士 K8, 硕士 K2, 学士 K1 K6 K9 (法学学士); 在职: 硕士 K1, 学士 K3 K4.
      expect(dim(r, 'ftDegree')).toEqual({ 博士: 1, 硕士: 1, 学士: 3, 其他: 0, 无: 3 });
      expect(dim(r, 'isDegree')).toEqual({ 博士: 0, 硕士: 1, 学士: 2, 其他: 0, 无: 5 });
    });

    it('counts gender, ethnicity and party, unknowns kept', () => {
      expect(dim(r, 'gender')).toEqual({ 男: 4, 女: 3, 未知: 1 }); // K1 K3 K8 K9; K2 K4 K6; K5
      expect(dim(r, 'ethnicity')).toEqual({ 汉族: 6, 少数民族: 1, 未知: 1 }); // K3 回族; K5 none
      // 中共党员 K1 K2 (预备) K6 K8 K9; 民盟 K4; 无党派 K5; 群众 K3.
      expect(dim(r, 'party')).toEqual({ 中共党员: 5, 民主党派: 1, 无党派人士: 1, 共青团员: 0, 群众: 1, 其他: 0, 未知: 0 });
    });

    it('counts reaching retirement age within N years under the 2025 reform, with the base age a parameter', async () => {
      // Base 60 for all, reform: K6 (1965-03, +1 month) reached 2025-03 ≤ 2025-06; K9 (1966-08, +5 months) 2027-01,
      // within 5 years; K4 (1970-01, +16 months) 2031-05, after 2030-06; K1 K2 K3 K8 (+36) later still; K5 unknown.
      expect(dim(r, 'retirement')).toEqual({ 已到退休年龄: 1, '5年内到龄': 1, '5年后到龄': 5, 未知: 1 });
      // Within 6 years (to 2031-06) K4 is in.
      const six = await cadreStructure(db, { date: '2025-06-15', by: 'region', retireWithin: 6 });
      expect(dim(six, 'retirement')).toEqual({ 已到退休年龄: 1, '6年内到龄': 2, '6年后到龄': 4, 未知: 1 });
      // Women at 55: K4 (1970-01, +1 month) 2025-02 and K6 (before 1970, no delay) 2020-03 have reached it.
      const f55 = await cadreStructure(db, { date: '2025-06-15', by: 'region', retirement: { male: 60, female: 55, reform: true } });
      expect(dim(f55, 'retirement')).toEqual({ 已到退休年龄: 2, '5年内到龄': 1, '5年后到龄': 4, 未知: 1 });
      expect(f55.notes.join('')).toContain('男60周岁、女55周岁');
      // Without the reform K9 reaches 60 in 2026-08 and K4 in 2030-01 (now inside 2030-06): within 5 years; K6 2025-03.
      const fixed = await cadreStructure(db, { date: '2025-06-15', by: 'region', retirement: { male: 60, female: 60, reform: false } });
      expect(dim(fixed, 'retirement')).toEqual({ 已到退休年龄: 1, '5年内到龄': 2, '5年后到龄': 4, 未知: 1 });
    });

    it('groups by unit: the open appointment’s org, else read from current_post', async () => {
      const u = await cadreStructure(db, { date: '2025-06-15', by: 'unit' });
      const byName = Object.fromEntries(u.groups.map((g) => [g.name, g.total]));
      expect(byName).toEqual({ A县委: 2, A县人民政府: 2, 甲市政府办: 2, 甲市委: 1, 甲市发展和改革委员会: 1 });
      expect(u.groups.slice(0, 3).every((g) => g.total === 2)).toBe(true);
    });

    it('moves with the reference date: a day later K2 turns 35', async () => {
      const later = await cadreStructure(db, { date: '2025-06-16', by: 'region' });
      expect([later.overall.under35, later.overall.under40]).toEqual([0, 3]);
      // 2025-08-31: K7 has still not started (2025-09); on 2025-09-01 they count, aged 25.
      const sept = await cadreStructure(db, { date: '2025-09-01', by: 'region' });
      expect([sept.overall.total, sept.excludedNotStarted, dim(sept, 'age')['30岁以下']]).toEqual([9, 0, 1]);
    });

    it('recounts after a write to the tables (the cached facts belong to a data generation)', async () => {
      const before = (await cadreStructure(db, { date: '2025-06-15', by: 'region' })).overall.total;
      await writing(db, () => db.query(`INSERT INTO cadres (cadre_id, name, birth_ym) VALUES ('K10', '郑十', '1995-01')`));
      const after = await cadreStructure(db, { date: '2025-06-15', by: 'region' });
      expect([before, after.overall.total, after.overall.under35]).toEqual([8, 9, 2]); // 郑十 is 30
      await writing(db, () => db.query(`DELETE FROM cadres WHERE cadre_id = 'K10'`));
    });

    it('refuses a date that is not a real YYYY-MM-DD, and defaults to 12-31 of the roster’s latest year without periods', async () => {
      expect(parseReferenceDate('2025-02-30')).toBeNull();
      await expect(cadreStructure(db, { date: '2025/06/15', by: 'unit' })).rejects.toThrow(/YYYY-MM-DD/);
      // No indicator values: the latest year in current_post_since / work_start_ym is 2026 (K5's 2026-01).
      expect(await defaultReferenceDate(db)).toBe('2026-12-31');
    });
  });
}
