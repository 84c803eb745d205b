import { afterAll, expect } from 'vitest';
import { ImportError } from '../../shared/contract/errors.js';
import type { RawSheet } from '../../shared/ingest/types.js';

/**
 * Hostile-file cases: each must end in rows or a typed ImportError within 2 s, grow the heap by less than
 * 512 MB and leave the built-in prototypes untouched. The measured times are printed after the file's tests.
 */

export const MB = 1024 * 1024;

export interface HostileTiming {
  readonly case: string;
  readonly ms: number;
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
    console.log(`${title} (${timings.length}):\n` + timings.map((t) => `${String(t.ms).padStart(5)} ms ${String(t.heapMB).padStart(4)} MB  ${t.outcome.padEnd(18)} ${t.case}`).join('\n'));
  });
  const hostile = (label: string, run: () => RawSheet[], expected: string | RegExp): RawSheet[] | undefined => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let result: RawSheet[] | undefined;
    let error: unknown;
    try {
      result = run();
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    const heap = process.memoryUsage().heapUsed - heap0;
    const outcome = error instanceof ImportError ? error.code : error ? String(error) : 'rows';
    timings.push({ case: label, ms: Math.round(ms), heapMB: Math.round(heap / MB), outcome });
    expect(outcome).toMatch(expected);
    if (error) expect(error).toBeInstanceOf(ImportError);
    expect(ms).toBeLessThan(2000);
    expect(heap).toBeLessThan(512 * MB);
    expect(prototypes()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    return result;
  };
  return { hostile, timings };
}
