import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaderOf } from '../../shared/analytics/leaders.js';
import { parseRule, parseRules, ruleFromTableRow, ruleToTableRow, type WarningRule } from '../../shared/analytics/warning-rules.js';
import { evaluateWarnings } from '../../shared/analytics/warnings.js';
import { forgetWarningEvents, KEPT_PERIODS, warningEventsOf, warningsAll, warningsPage } from '../../shared/analytics/warning-events.js';
import { buildDerived } from '../../shared/analytics/derived.js';
import type { Connector } from '../../shared/db/connector.js';
import { derivedReady, invalidateDerived } from '../../shared/db/derived-state.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { loadRuleSet, withRule } from '../../shared/workspace/rule-sets.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture: four counties A B C D of one city, quarters 2025Q1..Q4.
 * X (%, +1):  Q1  Q2  Q3  Q4
 *   A         50  55  58  60
 *   B         50  50  40  45
 *   C         70  70  —   70      (C has no Q3 value: a missing period)
 *   D         70  80  80  90
 * Ranks (best first): Q1 C 1 D 1 A 3 B 3; Q2 D 1 C 2 A 3 B 4; Q3 D 1 A 2 B 3; Q4 D 1 C 2 A 3 B 4.
 * Means: Q1 60, Q2 63.75, Q3 59.333, Q4 66.25.
 * T (亿元, +1, 累计, annual target 100), A: 20 45 70 90, B: 30 40 80 99 → completion vs 时序进度 25/50/75/100:
 *   A behind 5 5 5 10; B ahead 5, behind 10, ahead 5, behind 1.
 * G (%, +1, growth rate), Q4 only: A −1.5, B 2.
 * 考核分组: A B 甲组, C D 乙组. X within each group: 甲 Q1 A 1 B 1, Q2..Q4 A 1 B 2, means 50 52.5 49 52.5;
 *   乙 Q1 C 1 D 1, Q2 D 1 C 2, Q3 D 1 (C missing), Q4 D 1 C 2, means 70 75 80 80.
 */
const county = (code: string, name: string, group = '甲组') => ({ region_code: code, name, level: 'county', parent_code: '990100', eval_group: group, valid_from: '2020-01-01', valid_to: null });
const [A, B, C, D] = ['990101', '990102', '990103', '990104'];
const Q = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'];
const series = (ind: string, rows: Record<string, (number | null)[]>, target?: number) =>
  Object.entries(rows).flatMap(([r, vs]) => vs.flatMap((v, i) => (v === null ? [] : [{ region_code: r, indicator_id: ind, period: Q[i] as string, value: v, annual_target: target ?? null }])));
const fixture = fixtureWorkspace({
  regions: [{ region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' }, county(A, 'A县'), county(B, 'B县'), county(C, 'C县', '乙组'), county(D, 'D县', '乙组')],
  indicators: [
    { indicator_id: 'X', name: '指标X', dimension: '经济', unit: '%', direction: 1, basis: '当期', weight: 1 },
    { indicator_id: 'T', name: '总量T', dimension: '经济', unit: '亿元', direction: 1, basis: '累计', weight: 1 },
    { indicator_id: 'G', name: '增速G', dimension: '经济', unit: '%', direction: 1, basis: '累计', weight: 1 },
  ],
  indicator_values: [
    ...series('X', { [A]: [50, 55, 58, 60], [B]: [50, 50, 40, 45], [C]: [70, 70, null, 70], [D]: [70, 80, 80, 90] }),
    ...series('T', { [A]: [20, 45, 70, 90], [B]: [30, 40, 80, 99] }, 100),
    ...series('G', { [A]: [null, null, null, -1.5], [B]: [null, null, null, 2] }),
  ],
  cadres: [
    { cadre_id: 'L1', name: '甲一' }, { cadre_id: 'L2', name: '甲二' }, { cadre_id: 'L3', name: '乙一' }, { cadre_id: 'L4', name: '乙二' },
  ],
  appointments: [
    // A: the leader changed in November 2025 (mid-quarter); the one in office at the quarter's end answers for it.
    { cadre_id: 'L1', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2023-01', end_ym: '2025-10' },
    { cadre_id: 'L2', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2025.11', end_ym: null },
    // B: terms overlap from August 2025 (the later start wins); L3's start is a bare year.
    { cadre_id: 'L3', region_code: B, post_title: '县委书记', is_top_leader: true, start_ym: '2020', end_ym: null },
    { cadre_id: 'L4', region_code: B, post_title: '县委书记', is_top_leader: true, start_ym: '202508', end_ym: null },
    // C: a deputy only: vacant.
    { cadre_id: 'L1', region_code: C, post_title: '县长', is_top_leader: false, start_ym: '2020-01', end_ym: null },
  ],
});

const rule = (id: string, level: '黄线' | '红线', condition: unknown, scope: unknown = { indicators: ['X'] }): WarningRule => {
  const r = parseRule({ id, name: id, level, scope, condition, message: '{region}{period}{indicator}{value}' });
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.rule;
};
const RULES = [
  rule('W1', '黄线', { type: 'threshold', op: '<', value: 56, periods: 2 }),
  rule('W2', '红线', { type: 'rank_bottom', n: 1 }),
  rule('W3', '黄线', { type: 'rank_drop', places: 1 }),
  rule('W4', '黄线', { type: 'gap', benchmark: 'avg', measure: 'diff', gap: 10 }),
  rule('W5', '红线', { type: 'escalation', from: ['W4'], periods: 2 }, {}),
  rule('W6', '红线', { type: 'negative_growth', field: 'value' }, { indicators: ['G'] }),
  rule('W7', '黄线', { type: 'schedule_behind', gap: 2 }, { indicators: ['T'] }),
  rule('W8', '红线', { type: 'threshold', op: '>=', value: 70, periods: 2 }),
];

const GROUP_RULES = [
  rule('G1', '红线', { type: 'rank_bottom', n: 1 }, { indicators: ['X'], byGroup: true }),
  rule('G2', '黄线', { type: 'rank_drop', places: 1 }, { indicators: ['X'], byGroup: true }),
  rule('G3', '黄线', { type: 'gap', benchmark: 'avg', measure: 'diff', gap: 5 }, { indicators: ['X'], byGroup: true }),
  rule('G4', '红线', { type: 'rank_bottom', n: 1 }, { indicators: ['X'], group: '乙组' }),
];

const name = { [A]: 'A', [B]: 'B', [C]: 'C', [D]: 'D' } as Record<string, string>;

for (const factory of connectorFactories) {
  describe(`warnings on ${factory.name}`, () => {
    let db: Connector;
    let events: Awaited<ReturnType<typeof evaluateWarnings>>['events'];
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
      events = (await evaluateWarnings(db, RULES)).events;
    });
    afterAll(() => db.close());

    /** One rule's events as 'period region status', oldest first. */
    const of = (id: string) => events.filter((e) => e.ruleId === id).map((e) => `${e.period} ${name[e.regionCode]} ${e.status}`).sort();

    it('fires a threshold only after N consecutive periods, resolves when it no longer holds, and a missing period breaks a run', () => {
      // W1 (< 56, 2 running): A Q1 Q2 → fires Q2, resolved Q3; B Q1..Q4 → fires from Q2.
      expect(of('W1')).toEqual(['2025Q2 A 新增', '2025Q2 B 新增', '2025Q3 A 解除', '2025Q3 B 持续', '2025Q4 B 持续']);
      // W8 (≥ 70, 2 running): C's Q3 is missing, so Q4 starts a new run (no event) and Q3 resolves nothing.
      expect(of('W8')).toEqual(['2025Q2 C 新增', '2025Q2 D 新增', '2025Q3 D 持续', '2025Q4 D 持续']);
      const e = events.find((x) => x.ruleId === 'W1' && x.period === '2025Q2' && x.regionCode === A);
      expect(e).toMatchObject({ value: 55, benchmark: 56, periods: ['2025Q1', '2025Q2'], ruleVersion: 1, level: '黄线' });
    });

    it('takes the bottom N with ties sharing a place from the bottom, and rank drops against the previous period', () => {
      // Q1: A and B tie at rank 3 of 4: both are 倒数第1位.
      expect(of('W2')).toEqual(['2025Q1 A 新增', '2025Q1 B 新增', '2025Q2 A 解除', '2025Q2 B 持续', '2025Q3 B 持续', '2025Q4 B 持续']);
      expect(events.find((x) => x.ruleId === 'W2' && x.period === '2025Q1' && x.regionCode === A)).toMatchObject({ rank: 3, of: 4 });
      // Drops of ≥ 1 place: Q2 B 3→4, C 1→2; Q4 A 2→3, B 3→4; C has no Q3 rank, so no drop and no resolution.
      expect(of('W3')).toEqual(['2025Q2 B 新增', '2025Q2 C 新增', '2025Q3 B 解除', '2025Q4 A 新增', '2025Q4 B 新增']);
      expect(events.find((x) => x.ruleId === 'W3' && x.period === '2025Q4' && x.regionCode === A)).toMatchObject({ rank: 3, previousRank: 2, gap: 1 });
    });

    it('measures the gap to the compared regions’ average, and escalates yellow in 2 running periods to red', () => {
      // Average Q1 60: A and B lag by 10 (fires at exactly 10); Q2 63.75: B −13.75; Q3 59.333: B −19.333; Q4 66.25: B −21.25.
      expect(of('W4')).toEqual(['2025Q1 A 新增', '2025Q1 B 新增', '2025Q2 A 解除', '2025Q2 B 持续', '2025Q3 B 持续', '2025Q4 B 持续']);
      const b3 = events.find((x) => x.ruleId === 'W4' && x.period === '2025Q3' && x.regionCode === B);
      expect(b3?.benchmark).toBeCloseTo(178 / 3, 9);
      expect(b3?.gap).toBeCloseTo(40 - 178 / 3, 9);
      expect(of('W5')).toEqual(['2025Q2 B 新增', '2025Q3 B 持续', '2025Q4 B 持续']);
      expect(events.find((x) => x.ruleId === 'W5' && x.period === '2025Q2')).toMatchObject({ level: '红线', periods: ['2025Q1', '2025Q2'] });
    });

    it('measures the gap to the national value entered for the indicator and period, and leaves periods without one unevaluated', async () => {
      // National X: 2025Q2 60, 2025Q3 65 (none for Q1 and Q4). Gap ≥ 10 behind: Q2 B 50 − 60 = −10 fires (A −5 does
      // not); Q3 B 40 − 65 = −25 持续 (A −7, D +15 do not; C has no value). Q4 has no national value: no 解除.
      const nat = rule('N1', '黄线', { type: 'gap', benchmark: 'national', measure: 'diff', gap: 10 });
      const r = await evaluateWarnings(db, [nat], { national: { X: { '2025Q2': 60, '2025Q3': 65 } } });
      expect(r.events.map((e) => `${e.period} ${name[e.regionCode]} ${e.status} ${e.benchmark} ${e.gap}`).sort()).toEqual(['2025Q2 B 新增 60 -10', '2025Q3 B 持续 65 -25']);
      // Without national values the rule has no benchmark and flags nothing.
      expect((await evaluateWarnings(db, [nat])).events).toEqual([]);
    });

    it('flags negative growth and progress behind 时序进度', () => {
      expect(of('W6')).toEqual(['2025Q4 A 新增']);
      // Behind by more than 2 points: A 5 5 5 10 (every quarter); B only Q2 (10), ahead in Q3: resolved.
      expect(of('W7')).toEqual(['2025Q1 A 新增', '2025Q2 A 持续', '2025Q2 B 新增', '2025Q3 A 持续', '2025Q3 B 解除', '2025Q4 A 持续']);
      expect(events.find((x) => x.ruleId === 'W7' && x.period === '2025Q4' && x.regionCode === A)).toMatchObject({ benchmark: 100, gap: -10 });
    });

    it('names the 一把手 in office at the period’s end: a change mid-quarter, an overlap, a vacancy', async () => {
      const at = (r: string, p: string) => events.find((e) => e.regionCode === r && e.period === p && e.status !== '解除');
      expect(at(A, '2025Q1')?.leaderName).toBe('甲一');
      expect(at(B, '2025Q4')?.leaderName).toBe('乙二');
      expect(at(B, '2025Q2')?.leaderName).toBe('乙一');
      expect(at(C, '2025Q2')?.leaderId).toBeNull();
      const a4 = await leaderOf(db, A, '2025Q4');
      expect(a4.leader?.cadreId).toBe('L2');
      expect(a4.during.map((t) => [t.cadreId, t.from, t.to])).toEqual([['L1', '2023-01', '2025-10'], ['L2', '2025-11', null]]);
      const b3 = await leaderOf(db, B, '2025Q3');
      expect(b3.leader?.cadreId).toBe('L4');
      expect(b3.during.map((t) => t.from)).toEqual(['2020-01', '2025-08']);
      expect((await leaderOf(db, C, '2025Q3')).leader).toBeNull();
    });

    it('gives the same events from the derived tables', async () => {
      await buildDerived(db);
      try {
        expect(derivedReady(db)).toBe(true);
        expect((await evaluateWarnings(db, RULES)).events).toEqual(events);
      } finally {
        invalidateDerived(db);
      }
    });

    it('ranks and averages within each 考核分组 for rules by group or on one group, directly and from the derived tables', async () => {
      for (const fromDerived of [false, true]) {
        if (fromDerived) await buildDerived(db);
        try {
          const r = await evaluateWarnings(db, GROUP_RULES);
          const g = (id: string) => r.events.filter((e) => e.ruleId === id).map((e) => `${e.period} ${name[e.regionCode]} ${e.status}`).sort();
          // Bottom of each group, ties sharing it: Q1 every county (two ties of two); C has no Q3 value (no 解除),
          // and D alone in 乙组 in Q3 is its bottom.
          expect(g('G1')).toEqual([
            '2025Q1 A 新增', '2025Q1 B 新增', '2025Q1 C 新增', '2025Q1 D 新增', '2025Q2 A 解除', '2025Q2 B 持续', '2025Q2 C 持续', '2025Q2 D 解除',
            '2025Q3 B 持续', '2025Q3 D 新增', '2025Q4 B 持续', '2025Q4 C 新增', '2025Q4 D 解除',
          ]);
          expect(r.events.find((e) => e.ruleId === 'G1' && e.period === '2025Q4' && e.regionCode === C)).toMatchObject({ rank: 2, of: 2 });
          // Drops within the group: Q2 B 1→2 and C 1→2; nothing after.
          expect(g('G2')).toEqual(['2025Q2 B 新增', '2025Q2 C 新增', '2025Q3 B 解除']);
          // 5 behind the group's mean: Q2 C 70 − 75; Q3 B 40 − 49; Q4 B 45 − 52.5, C 70 − 80.
          expect(g('G3')).toEqual(['2025Q2 C 新增', '2025Q3 B 新增', '2025Q4 B 持续', '2025Q4 C 新增']);
          expect(r.events.find((e) => e.ruleId === 'G3' && e.period === '2025Q4' && e.regionCode === C)).toMatchObject({ benchmark: 80, gap: -10 });
          // One group only: 乙组's bottom, ranked among its two counties.
          expect(g('G4')).toEqual(['2025Q1 C 新增', '2025Q1 D 新增', '2025Q2 C 持续', '2025Q2 D 解除', '2025Q3 D 新增', '2025Q4 C 新增', '2025Q4 D 解除']);
        } finally {
          invalidateDerived(db);
        }
      }
    });

    it('gives the events of one period, computed from the periods it needs, as the evaluation of every period does', async () => {
      const rules = [...RULES, ...GROUP_RULES];
      for (const fromDerived of [false, true]) {
        if (fromDerived) await buildDerived(db);
        try {
          const all = (await evaluateWarnings(db, rules)).events;
          for (const p of Q) expect((await evaluateWarnings(db, rules, { period: p })).events).toEqual(all.filter((e) => e.period === p));
        } finally {
          invalidateDerived(db);
        }
      }
    });

    it('gives the same events by the one-period plan of the derived tables for every kind of benchmark, the composite and escalations over both', async () => {
      // warnings-period.ts answers one period while the derived tables are current; the plan over every period is
      // the reference. The national values leave Q3 unevaluated; the composite is ranked within the level and within
      // each group; E5 escalates every yellow rule, the composite's included.
      const national = { X: { '2025Q1': 62, '2025Q2': 65, '2025Q4': 66 } };
      const extra = [
        rule('E1', '黄线', { type: 'rank_bottom', n: 2 }, { indicators: ['composite'] }),
        rule('E2', '黄线', { type: 'gap', benchmark: 'national', measure: 'diff', gap: 5 }),
        rule('E3', '黄线', { type: 'gap', benchmark: 'target', measure: 'pct', gap: 10 }, { indicators: ['T'] }),
        rule('E4', '黄线', { type: 'gap', benchmark: 'parent', measure: 'diff', gap: 1 }),
        rule('E5', '红线', { type: 'escalation', fromLevel: '黄线', periods: 2 }, {}),
        rule('E6', '红线', { type: 'rank_bottom', n: 1, periods: 2 }, { indicators: ['composite'], byGroup: true }),
        rule('E7', '黄线', { type: 'threshold', op: '<', value: 100, periods: 3 }, { unit: '亿元' }),
      ];
      const rules = [...RULES, ...GROUP_RULES, ...extra];
      const all = (await evaluateWarnings(db, rules, { national })).events;
      await buildDerived(db);
      // Recorded on the connector itself: the derived tables' state is kept per connector.
      const log: string[] = [];
      const query = db.query.bind(db);
      const target = db as { query: Connector['query'] };
      target.query = (q, o) => (log.push(q), query(q, o));
      try {
        for (const p of Q) expect((await evaluateWarnings(db, rules, { period: p, national })).events).toEqual(all.filter((e) => e.period === p));
        // The plan ran: one pass per region level and composite scope (county indicators, composite, composite by group).
        expect(log.filter((q) => /^(CREATE TEMP TABLE hj_warn_events_\w+ AS|INSERT INTO hj_warn_events_\w+ BY NAME) WITH per AS/.test(q))).toHaveLength(3 * Q.length);
        // Every rule fired somewhere, so each was compared.
        expect(new Set(all.map((e) => e.ruleId))).toEqual(new Set(rules.filter((r) => r.id !== 'E4').map((r) => r.id)));
      } finally {
        target.query = query;
        invalidateDerived(db);
      }
    });

    it('pages a period’s events from a kept table, with the counts and indicators, and builds it again only after a write', async () => {
      const log: string[] = [];
      const spy = Object.assign(Object.create(db) as Connector, {
        query: (q: string) => (log.push(q), db.query(q)),
        queryColumns: (q: string) => (log.push(q), db.queryColumns(q)),
      });
      const builds = () => log.filter((q) => /^CREATE TEMP TABLE hj_warn_kept_/.test(q)).length;
      const q4 = (await evaluateWarnings(db, RULES, { period: '2025Q4' })).events;
      const first = await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'county', resolved: false, offset: 0, limit: 3 });
      // Q4 in force: yellow W1 B, W3 A, W3 B, W4 B, W7 A; red W2 B, W5 B, W6 A, W8 D (as evaluated whole, below).
      expect(first.counts.red).toBe(4);
      expect(first.counts.yellow).toBe(5);
      expect(first.counts.resolved).toBe(q4.filter((e) => e.status === '解除').length);
      expect(first.total).toBe(9);
      expect(first.events).toEqual(q4.filter((e) => e.status !== '解除').slice(0, 3));
      expect(first.indicators).toEqual([['G', '增速G'], ['T', '总量T'], ['X', '指标X']]);
      const next = await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'county', resolved: false, offset: 3, limit: 3, picked: `W6|${A}|G` });
      expect(next.events).toEqual(q4.filter((e) => e.status !== '解除').slice(3, 6));
      expect([next.picked?.ruleId, next.picked?.value, next.picked?.leaderName]).toEqual(['W6', -1.5, '甲二']);
      // The last page holds the 9th event alone; a page past the end holds none, and the total stays 9.
      const last = await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'county', resolved: false, offset: 8, limit: 3 });
      expect([last.total, last.events]).toEqual([9, q4.filter((e) => e.status !== '解除').slice(8)]);
      expect(last.events).toHaveLength(1);
      const past = await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'county', resolved: false, offset: 30, limit: 3 });
      expect([past.total, past.events]).toEqual([9, []]);
      const red = await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'county', level: '红线', indicatorId: 'X' });
      expect(red.events.map((e) => `${e.ruleId} ${name[e.regionCode]} ${e.status}`)).toEqual(q4.filter((e) => e.level === '红线' && e.indicatorId === 'X').map((e) => `${e.ruleId} ${name[e.regionCode]} ${e.status}`));
      expect(await warningsAll(spy, RULES, { period: '2025Q4' })).toEqual(q4);
      // The city level has no rule: nothing counted.
      expect((await warningsPage(spy, RULES, { period: '2025Q4', scopeLevel: 'city' })).total).toBe(0);
      expect(builds()).toBe(1);
      // A write to the stored tables: the kept table is dropped and built again.
      invalidateDerived(spy);
      expect((await warningsPage(spy, RULES, { period: '2025Q4', resolved: false })).total).toBe(9);
      expect(builds()).toBe(2);
      expect(log.filter((q) => /^DROP TABLE IF EXISTS hj_warn_kept_/.test(q))).toHaveLength(1);
      // Other periods push the oldest out (KEPT_PERIODS of them are kept); a changed rule set is a table of its own.
      for (const p of ['2025Q3', '2025Q2']) await warningsPage(spy, RULES, { period: p });
      expect(KEPT_PERIODS).toBe(2);
      expect(builds()).toBe(4);
      await warningsPage(spy, RULES, { period: '2025Q3' });
      expect(builds()).toBe(4);
      await warningsPage(spy, RULES.slice(0, 1), { period: '2025Q3' });
      expect(builds()).toBe(5);
      expect(log.filter((q) => /^DROP TABLE IF EXISTS hj_warn_kept_/.test(q))).toHaveLength(3);
    });

    it('stops a build between two statements when its signal aborts: its tables dropped, engine.cancelled, and the next build whole', async () => {
      const controller = new AbortController();
      const log: string[] = [];
      const spy = Object.assign(Object.create(db) as Connector, {
        query: (q: string) => {
          log.push(q);
          // Abort once the third build statement is asked: it still runs, the fourth is never sent.
          if (log.filter((s) => s.startsWith('CREATE TEMP TABLE')).length === 3) controller.abort();
          return db.query(q);
        },
      });
      await expect(warningEventsOf(spy, RULES, { period: '2025Q3', signal: controller.signal, cancellable: false })).rejects.toMatchObject({ code: 'engine.cancelled' });
      const created = log.filter((s) => s.startsWith('CREATE TEMP TABLE')).map((s) => /^CREATE TEMP TABLE (\S+)/.exec(s)?.[1]);
      expect(created).toHaveLength(3);
      const left = await db.query(`SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'hj_warn_%' AND table_name NOT LIKE 'hj_warn_kept_%'`);
      expect(left.rows).toEqual([]);
      const again = await warningEventsOf(db, RULES, { period: '2025Q3' });
      const page = await warningsPage(db, RULES, { period: '2025Q3' });
      expect(again.table).not.toBeNull();
      expect(page.events).toEqual((await evaluateWarnings(db, RULES, { period: '2025Q3' })).events);
    });

    it('stops the one-period plan between its passes: the events table the first pass created is dropped, and the next build is whole', async () => {
      // Two passes (the county's indicator rules, then the composite's): abort once the first has created the table.
      const rules = [...RULES, rule('E1', '黄线', { type: 'rank_bottom', n: 2 }, { indicators: ['composite'] })];
      await buildDerived(db);
      const controller = new AbortController();
      const log: string[] = [];
      const query = db.query.bind(db);
      const target = db as { query: Connector['query'] };
      target.query = (q, o) => {
        log.push(q);
        const r = query(q, o);
        // Once the first pass's table is there: the next statement is refused.
        return /^CREATE TEMP TABLE hj_warn_kept_\w+ AS WITH per AS/.test(q) ? r.then((v) => (controller.abort(), v)) : r;
      };
      try {
        await expect(warningEventsOf(db, rules, { period: '2025Q4', signal: controller.signal, cancellable: false })).rejects.toMatchObject({ code: 'engine.cancelled' });
        expect(log.filter((q) => /^INSERT INTO hj_warn_kept_/.test(q))).toEqual([]);
        // The table the first pass created is gone (kept tables of the earlier tests stay theirs).
        const made = log.map((q) => /^CREATE TEMP TABLE (hj_warn_kept_\w+) AS WITH per AS/.exec(q)?.[1]).filter(Boolean);
        expect(made).toHaveLength(1);
        const left = await query(`SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'hj_warn_%'`);
        expect(left.rows.map((r) => r.table_name)).not.toContain(made[0]);
        expect(left.rows.filter((r) => !String(r.table_name).startsWith('hj_warn_kept_'))).toEqual([]);
        const page = await warningsPage(db, rules, { period: '2025Q4' });
        expect(page.events).toEqual((await evaluateWarnings(db, rules, { period: '2025Q4' })).events);
        expect(page.events.some((e) => e.ruleId === 'E1')).toBe(true);
      } finally {
        target.query = query;
        await forgetWarningEvents(db);
        invalidateDerived(db);
      }
    });

    it('filters by period, and reads the rules from the warning_rules table until the app saves a rule set', async () => {
      const q4 = await evaluateWarnings(db, RULES, { period: '2025Q4', resolved: false });
      expect(q4.events.every((e) => e.period === '2025Q4' && e.status !== '解除')).toBe(true);
      // Q4 in force: yellow W1 B, W3 A, W3 B, W4 B, W7 A; red W2 B, W5 B, W6 A, W8 D.
      expect(q4.counts).toEqual({ red: 4, yellow: 5, resolved: 0 });
      const red = await evaluateWarnings(db, RULES, { period: '2025Q4', level: '红线' });
      expect(red.events.map((e) => e.ruleId).sort()).toEqual(['W2', 'W5', 'W6', 'W8']);
      const set = await loadRuleSet(db, undefined);
      expect(set).toMatchObject({ source: 'table', rules: [], problems: [] });
      const doc = withRule(set, { ...RULES[0], version: 7 }, '2026-12-04T00:00:00Z');
      const again = withRule({ source: 'document', rules: doc.rules, problems: [], history: doc.history }, { ...RULES[0], name: '改名' }, '2026-12-05T00:00:00Z');
      expect(again.rules.map((r) => [r.id, r.name, r.version])).toEqual([['W1', '改名', 2]]);
      expect(again.history.map((h) => [h.at, h.rule.version])).toEqual([['2026-12-05T00:00:00Z', 1]]);
      const loaded = await loadRuleSet(db, again);
      expect(loaded.source).toBe('document');
    });
  });
}

describe('warning rules', () => {
  it('round-trips through a warning_rules row and reports problems in Chinese', () => {
    for (const r of RULES) expect(parseRule(ruleFromTableRow(ruleToTableRow(r)))).toEqual({ rule: r });
    const bad = parseRules([
      { id: 'X1', name: '坏', level: '橙线', condition: { type: 'threshold', op: '<', value: 1 } },
      { id: 'X2', name: '坏', level: '黄线', condition: { type: 'rank_bottom' } },
      { id: 'X3', name: '升级', level: '红线', condition: { type: 'escalation', from: ['无此规则'], periods: 2 } },
      ruleFromTableRow({ rule_id: 'X4', name: 'x', indicator_id: null, condition: 'threshold', params: '{不是JSON', level: '黄线', message: null, enabled: true, version: 1 }),
    ]);
    expect(bad.problems.map((p) => p.rule)).toEqual(['X1', 'X2', 'X4', 'X3']);
    expect(bad.problems[0]?.message).toContain('预警等级');
    expect(bad.problems[1]?.message).toContain('名次数');
    expect(bad.problems[3]?.message).toBe('来源规则 无此规则 不存在');
  });
});
