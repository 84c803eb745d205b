import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, readListsDocument, withManualEntry, withoutManualEntry, withPolicy, withPublished } from '../../shared/workspace/honour-lists.js';

describe("the 'lists' document", () => {
  it('reads an absent or malformed document as the defaults', () => {
    for (const d of [undefined, null, 3, 'x', [], { policy: 'x', manual: {}, published: 7 }]) {
      expect(readListsDocument(d)).toEqual({ policy: DEFAULT_POLICY, policyHistory: [], manual: [], published: [] });
    }
  });

  it('keeps the valid pieces and leaves the malformed ones out', () => {
    const entry = { listType: '红榜', subject: 'region', id: '990101', name: 'A县', basis: '综合得分居全省首位', rank: 1, reason: '…', manual: false };
    const d = readListsDocument({
      policy: { top: 5, bottom: -1, perGroup: 3, warnings: 'everything', redMin: 2.5, yellowMin: 4, reminders: '2' },
      policyHistory: [{ at: '2026-01-01', policy: { top: 8 } }, 'x'],
      manual: [
        { id: 'm1', period: '2025Q3', level: 'county', listType: '黄榜', subject: 'region', target: '990102', name: 'B县', action: 'add', reason: '经研究列入', user: '张', at: 't' },
        { id: 'm2', period: '2025Q3', level: 'county', listType: '黄榜', subject: 'region', target: '990103', action: 'add', reason: '' },
        { id: 'm3', period: '2025年', level: 'county', listType: '黄榜', subject: 'region', target: '990103', action: 'add', reason: 'x' },
        { id: 'm4', period: '2025Q3', level: 'county', listType: '蓝榜', subject: 'region', target: '990103', action: 'add', reason: 'x' },
        { id: 'm5', period: '2025Q3', level: 'county', listType: '红榜', subject: 'region', target: '990103', action: 'delete', reason: 'x' },
      ],
      published: [
        { period: '2025Q3', level: 'county', version: 1, at: 'a', user: 'u', entries: [entry, { ...entry, listType: '绿榜' }, { ...entry, id: '' }] },
        { period: '2025Q3', level: 'county', version: 1, at: 'dup', entries: [] },
        { period: '2025Q3', level: 'county', version: 0, entries: [] },
        { period: '2025Q3', level: 'nation', version: 2, entries: [] },
      ],
    });
    // Each field on its own: out-of-range or mistyped values fall back to the default.
    expect(d.policy).toEqual({ top: 5, perGroup: 3, bottom: 3, warnings: 'composite', redMin: 1, yellowMin: 4, reminders: 2 });
    expect(d.policyHistory).toEqual([{ at: '2026-01-01', policy: { ...DEFAULT_POLICY, top: 8 } }]);
    expect(d.manual.map((m) => m.id)).toEqual(['m1']);
    expect(d.published).toHaveLength(1);
    expect(d.published[0]).toMatchObject({ version: 1, at: 'a', entries: [entry] });
  });

  it('writes new documents: policy history, manual entries numbered and withdrawn, versions counted per period and level', () => {
    const p = withPolicy({ other: 1 }, { top: 3 }, 't1');
    expect(p.other).toBe(1);
    const p2 = withPolicy(p, { top: 4 }, 't2');
    expect(readListsDocument(p2).policyHistory.map((h) => [h.at, h.policy.top])).toEqual([['t2', 3], ['t1', 10]]);
    const m = { period: '2025Q3', level: 'county' as const, listType: '红榜' as const, subject: 'cadre' as const, target: 'L1', name: '甲', action: 'add' as const, reason: '表现突出', user: '张' };
    const d1 = withManualEntry(p2, m, 't3');
    const d2 = withManualEntry(d1, { ...m, target: 'L2' }, 't4');
    expect(readListsDocument(d2).manual.map((x) => [x.id, x.target, x.at])).toEqual([['m1', 'L1', 't3'], ['m2', 'L2', 't4']]);
    expect(readListsDocument(withoutManualEntry(d2, 'm1')).manual.map((x) => x.id)).toEqual(['m2']);
    expect(() => withManualEntry(d2, { ...m, reason: '' }, 't')).toThrow('人工调整须填写理由');
    const a = withPublished(d2, { period: '2025Q3', level: 'county', entries: [], policy: DEFAULT_POLICY, user: '张' }, 't5');
    const b = withPublished(a.document, { period: '2025Q3', level: 'city', entries: [], policy: DEFAULT_POLICY, user: '张' }, 't6');
    const c = withPublished(b.document, { period: '2025Q3', level: 'county', entries: [], policy: DEFAULT_POLICY, user: '张' }, 't7');
    expect([a.version, b.version, c.version]).toEqual([1, 1, 2]);
    expect(readListsDocument(c.document).published.map((v) => [v.level, v.version, v.at])).toEqual([['county', 1, 't5'], ['city', 1, 't6'], ['county', 2, 't7']]);
  });
});
