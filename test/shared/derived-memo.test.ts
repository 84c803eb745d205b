import { describe, expect, it } from 'vitest';
import { memoWhileDerived } from '../../shared/analytics/derived-memo.js';
import type { Connector } from '../../shared/db/connector.js';
import { derivedGeneration, invalidateDerived, markDerivedReady } from '../../shared/db/derived-state.js';

describe('memoWhileDerived', () => {
  it('asks once per key while the derived tables are current, and again after a write or a failure', async () => {
    const db = {} as Connector; // only its identity keys the derived state and the memo
    let asked = 0;
    const ask = () => Promise.resolve(++asked);
    // No build yet: every call asks.
    expect([await memoWhileDerived(db, 'k', ask), await memoWhileDerived(db, 'k', ask)]).toEqual([1, 2]);
    markDerivedReady(db, derivedGeneration(db));
    expect([await memoWhileDerived(db, 'k', ask), await memoWhileDerived(db, 'k', ask), await memoWhileDerived(db, 'other', ask)]).toEqual([3, 3, 4]);
    // A write: stale until rebuilt (asks every time), then a new generation's answers.
    invalidateDerived(db);
    expect([await memoWhileDerived(db, 'k', ask), await memoWhileDerived(db, 'k', ask)]).toEqual([5, 6]);
    markDerivedReady(db, derivedGeneration(db));
    expect([await memoWhileDerived(db, 'k', ask), await memoWhileDerived(db, 'k', ask)]).toEqual([7, 7]);
    // A failed question is not kept.
    let fail = true;
    const flaky = () => (fail ? Promise.reject(new Error('x')) : Promise.resolve('ok'));
    await expect(memoWhileDerived(db, 'f', flaky)).rejects.toThrow('x');
    fail = false;
    expect(await memoWhileDerived(db, 'f', flaky)).toBe('ok');
  });
});
