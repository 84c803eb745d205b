import { afterAll, expect } from 'vitest';
import { ImportError } from '../../shared/contract/errors.js';
import type { RawSheet } from '../../shared/ingest/types.js';

/**
 * Hostile-file cases: each must end in rows or a typed ImportError within 2 s of CPU time, grow the heap by less than
 * 512 MB and leave the built-in prototypes untouched. The measured times are printed after the file's tests. The
 * bound is on the process's CPU time, not the wall clock: it is there to catch work that grows out of bounds (a
 * quadratic span, a billion-cell range), and a machine busy with other work stretches the wall clock of a case
 * whose work did not change (a 1.8 s case read 2.3 s at load average 10 on 2 cores).
 */

export const MB = 1024 * 1024;

export interface HostileTiming {
  readonly case: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly heapMB: number;
  readonly outcome: string;
}

function prototypes(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}

/** A runner for one test file's hostile cases, printing their timings under `title` at the end. */
export function hostileCases(title: string): {
  hostile: (label: string, run: () => RawSheet[], expected: string | RegExp) => RawSheet[] | undefined;
  timings: HostileTiming[];
} {
  const timings: HostileTiming[] = [];
  const before = prototypes();
  afterAll(() => {
    console.log(`${title} (${timings.length}):\n` + timings.map((t) => `${String(t.ms).padStart(5)} ms (CPU ${String(t.cpuMs).padStart(5)} ms) ${String(t.heapMB).padStart(4)} MB  ${t.outcome.padEnd(18)} ${t.case}`).join('\n'));
  });
  const hostile = (label: string, run: () => RawSheet[], expected: string | RegExp): RawSheet[] | undefined => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let result: RawSheet[] | undefined;
    let error: unknown;
    try {
      result = run();
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const heap = process.memoryUsage().heapUsed - heap0;
    const outcome = error instanceof ImportError ? error.code : error ? String(error) : 'rows';
    timings.push({ case: label, ms: Math.round(ms), cpuMs: Math.round(cpuMs), heapMB: Math.round(heap / MB), outcome });
    expect(outcome).toMatch(expected);
    if (error) expect(error).toBeInstanceOf(ImportError);
    expect(cpuMs).toBeLessThan(2000);
    expect(heap).toBeLessThan(512 * MB);
    expect(prototypes()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    return result;
  };
  return { hostile, timings };
}
