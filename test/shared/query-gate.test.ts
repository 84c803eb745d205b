/**
 * The gate in front of duckdb-wasm (shared/db/query-gate.ts), on a fake engine whose statements finish when the test
 * says: plain statements posted at once, a cancellable one alone on the connection, cancel stops only the running
 * one, a trap makes every later statement fail at once with one clear error, reported once.
 */
import { describe, expect, it } from 'vitest';
import type { HengjianError } from '../../shared/contract/errors.js';
import { isEngineCrash, queryGate, type SendingEngine } from '../../shared/db/query-gate.js';
import { offlineEngineError } from '../../shared/db/offline-engine.js';

interface Pending {
  readonly sql: string;
  resolve(v: string): void;
  reject(e: Error): void;
}

/**
 * An engine that records what it was given and finishes each statement when told; sent statements pend on the
 * connection (two at once would be a fault), cancel rejects the sent one as duckdb-wasm does.
 */
function fakeEngine(): SendingEngine<string> & { sent: Pending[]; active: Pending | null; posted: Pending[]; cancels: number } {
  const e = {
    sent: [] as Pending[],
    posted: [] as Pending[],
    active: null as Pending | null,
    cancels: 0,
    query(sql: string) {
      return new Promise<string>((resolve, reject) => {
        if (e.active) throw new Error(`${sql} posted while ${e.active.sql} pends on the connection`);
        e.posted.push({ sql, resolve, reject });
      });
    },
    send(sql: string) {
      return new Promise<string>((resolve, reject) => {
        if (e.active) throw new Error(`two statements at once: ${e.active.sql} and ${sql}`);
        const p: Pending = {
          sql,
          resolve: (v) => {
            e.active = null;
            resolve(v);
          },
          reject: (err) => {
            e.active = null;
            reject(err);
          },
        };
        e.active = p;
        e.sent.push(p);
      });
    },
    async cancelSent() {
      e.cancels++;
      if (!e.active) return false;
      e.active.reject(new Error('query was canceled'));
      return true;
    },
  };
  return e;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('queryGate', () => {
  it('posts plain statements at once; a sent one waits for those posted, and statements asked after it wait for it', async () => {
    const engine = fakeEngine();
    const busy: (number | null)[] = [];
    let clock = 100;
    const gate = queryGate(engine, { onBusy: (s) => busy.push(s) }, () => clock++);
    const p1 = gate.run('P1');
    const p2 = gate.run('P2');
    await tick();
    expect(engine.posted.map((p) => p.sql)).toEqual(['P1', 'P2']); // nothing waits without a sent statement
    const long = gate.run('LONG', { cancellable: true });
    const after = gate.run('AFTER');
    await tick();
    expect(engine.sent).toEqual([]); // LONG waits for P1 and P2
    engine.posted[0]!.resolve('p1');
    engine.posted[1]!.resolve('p2');
    expect([await p1, await p2]).toEqual(['p1', 'p2']);
    await tick();
    expect(engine.sent.map((p) => p.sql)).toEqual(['LONG']);
    expect(engine.posted.map((p) => p.sql)).toEqual(['P1', 'P2']); // AFTER waits for LONG
    engine.active!.resolve('long');
    expect(await long).toBe('long');
    await tick();
    expect(engine.posted.map((p) => p.sql)).toEqual(['P1', 'P2', 'AFTER']);
    engine.posted[2]!.resolve('after');
    expect(await after).toBe('after');
    expect(busy).toEqual([100, null]); // only the cancellable statement shows as busy
  });

  it('cancel stops the running statement with engine.cancelled; the one queued behind it still runs', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const long = gate.run('LONG', { cancellable: true });
    const next = gate.run('NEXT', { cancellable: true });
    await tick();
    expect(await gate.cancel()).toBe(true);
    await expect(long).rejects.toMatchObject({ code: 'engine.cancelled', message: expect.stringContaining('计算已取消') });
    await tick();
    expect(engine.active?.sql).toBe('NEXT');
    engine.active!.resolve('ok');
    expect(await next).toBe('ok');
    // Nothing running: nothing to cancel, and the engine is not asked.
    expect(await gate.cancel()).toBe(false);
    expect(engine.cancels).toBe(1);
  });

  it('an error that only mentions cancel, without a cancel asked, stays the engine’s own error', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const q = gate.run('Q', { cancellable: true });
    await tick();
    engine.active!.reject(new Error('Binder Error: column cancelled_at not found'));
    await expect(q).rejects.toThrow('Binder Error');
  });

  it('a signal takes its statements out of the queue and stops a sent one; a plain one already posted ends as it would', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const background = new AbortController();
    const posted = gate.run('BUILD', { signal: background.signal }); // background work is not sent: posted at once
    await tick();
    expect(engine.posted.map((p) => p.sql)).toEqual(['BUILD']);
    const user = gate.run('USER', { cancellable: true }); // the user's long statement waits for BUILD
    const queued = gate.run('BUILD2', { signal: background.signal }); // and BUILD2 for it
    await tick();
    background.abort();
    await expect(queued).rejects.toMatchObject({ code: 'engine.cancelled' }); // out of the queue, never posted
    engine.posted[0]!.resolve('built');
    expect(await posted).toBe('built'); // posted before the abort: it ran to its end
    await tick();
    expect(engine.active?.sql).toBe('USER');
    engine.active!.resolve('ok');
    expect(await user).toBe('ok');
    expect(engine.posted.map((p) => p.sql)).toEqual(['BUILD']);
    expect(engine.cancels).toBe(0);
    // Asked with a signal already aborted: refused before the engine sees it.
    await expect(gate.run('LATE', { signal: background.signal })).rejects.toMatchObject({ code: 'engine.cancelled' });
    // A sent statement with a signal: the abort cancels it in the engine.
    const other = new AbortController();
    const sent = gate.run('SENT', { cancellable: true, signal: other.signal });
    await tick();
    other.abort();
    await expect(sent).rejects.toMatchObject({ code: 'engine.cancelled' });
    expect(engine.cancels).toBe(1);
    expect(engine.posted).toHaveLength(1);
  });

  it('a statement that starts no longer listens to its signal for the queue: a long background chain leaves no listeners behind', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const background = new AbortController();
    const listeners = new Set<unknown>();
    const { addEventListener, removeEventListener } = background.signal;
    Object.assign(background.signal, {
      addEventListener: (...a: Parameters<AbortSignal['addEventListener']>) => (listeners.add(a[1]), addEventListener.apply(background.signal, a)),
      removeEventListener: (...a: Parameters<AbortSignal['removeEventListener']>) => (listeners.delete(a[1]), removeEventListener.apply(background.signal, a)),
    });
    for (let i = 0; i < 3; i++) {
      const q = gate.run(`BUILD${i}`, { signal: background.signal });
      await tick();
      engine.posted[i]!.resolve(`built ${i}`);
      expect(await q).toBe(`built ${i}`);
    }
    // Each plain statement listened while it waited, and stopped when it started.
    expect(listeners.size).toBe(0);
  });

  it('a wasm trap crashes the gate: every later statement fails at once with engine.crashed, reported once', async () => {
    const engine = fakeEngine();
    const crashes: HengjianError[] = [];
    const gate = queryGate(engine, { onCrash: (e) => crashes.push(e) });
    const q = gate.run('HUGE', { cancellable: true });
    const queued = gate.run('AFTER');
    await tick();
    engine.active!.reject(new Error('memory access out of bounds'));
    await expect(q).rejects.toMatchObject({ code: 'engine.crashed' });
    await expect(queued).rejects.toMatchObject({ code: 'engine.crashed' });
    await expect(gate.run('LATER')).rejects.toMatchObject({ code: 'engine.crashed' });
    await expect(gate.run('LATER', { cancellable: true })).rejects.toMatchObject({ code: 'engine.crashed' });
    expect(engine.sent.map((p) => p.sql)).toEqual(['HUGE']); // nothing more reached the dead engine
    expect(engine.posted).toEqual([]);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]!.message).toContain('重新启动引擎');
    expect(gate.crashed?.detail.engine).toBe('memory access out of bounds');
    expect(await gate.cancel()).toBe(false);
  });

  it('a worker failure ends the statement in flight (which would otherwise never answer) and all later ones', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const q = gate.run('HANGS', { cancellable: true });
    const plain = gate.run('PLAIN');
    await tick();
    gate.fail(new Error('RuntimeError: the DuckDB worker failed: out of memory'));
    await expect(q).rejects.toMatchObject({ code: 'engine.crashed' });
    await expect(plain).rejects.toMatchObject({ code: 'engine.crashed' });
    await expect(gate.run('AFTER')).rejects.toMatchObject({ code: 'engine.crashed' });
  });

  it('DuckDB running out of its own memory is not a crash: that statement fails and the next one runs', async () => {
    const engine = fakeEngine();
    const gate = queryGate(engine);
    const q = gate.run('BIG', { cancellable: true });
    await tick();
    engine.active!.reject(new Error('Out of Memory Error: failed to allocate data of size 2.0 GiB (2.0 GiB/3.1 GiB used)'));
    await expect(q).rejects.toThrow('Out of Memory Error');
    const next = gate.run('SMALL');
    await tick();
    engine.posted[0]!.resolve('42');
    expect(await next).toBe('42');
    expect(gate.crashed).toBeNull();
  });

  it('classifies the errors measured in Chromium (duckdb-wasm 1.32): traps crash, DuckDB OOM does not', () => {
    // Seen after `SELECT length(repeat('x', 3000000000))`, and on the next statement.
    expect(isEngineCrash(new Error('memory access out of bounds'))).toBe(true);
    expect(isEngineCrash(new Error('table index is out of bounds'))).toBe(true);
    expect(isEngineCrash(new Error('Aborted(OOM)'))).toBe(true);
    expect(isEngineCrash(new Error('Out of Memory Error: failed to allocate data of size 2.0 GiB (2.0 GiB/3.1 GiB used)'))).toBe(false);
    expect(isEngineCrash(new Error('Binder Error: Referenced column "x" not found'))).toBe(false);
    // The Node connector has no gate: the offline mapping says the same.
    expect(offlineEngineError(new Error('memory access out of bounds'))?.code).toBe('engine.crashed');
    expect(offlineEngineError(new Error('Out of Memory Error: failed to allocate data of size 2.0 GiB'))?.code).toBe('engine.out-of-memory');
  });
});
