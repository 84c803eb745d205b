import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

/**
 * npm `xlsx` before 0.19.3 (the registry stops at 0.18.5) has CVE-2023-30533 (prototype pollution) and
 * CVE-2024-22363 (ReDoS). `npm audit` does not work here, so the lock file is checked directly.
 */

interface LockEntry { name?: string; version?: string }

/** The package name of a lock entry: its alias target if aliased, else the path after the last node_modules/. */
function packageName(path: string, entry: LockEntry): string {
  if (entry.name) return entry.name;
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? path : path.slice(at + 'node_modules/'.length);
}

/** Negative if a < b for dotted numeric versions (pre-release tags ignored; unparsable counts as oldest). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string): number[] => (/^\d+(\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Lock-file paths of banned packages: `xlsx` below 0.19.3. */
function bannedXlsx(lock: { packages?: Record<string, LockEntry> }): string[] {
  return Object.entries(lock.packages ?? {})
    .filter(([path, e]) => packageName(path, e) === 'xlsx' && compareVersions(e.version ?? '0', '0.19.3') < 0)
    .map(([path, e]) => `${path}@${e.version ?? '?'}`);
}

describe('banned dependencies', () => {
  it('package-lock.json holds no xlsx < 0.19.3 anywhere', () => {
    const lock = JSON.parse(readFileSync(new URL('../../../../package-lock.json', import.meta.url), 'utf8')) as { packages?: Record<string, LockEntry> };
    expect(Object.keys(lock.packages ?? {}).length).toBeGreaterThan(10);
    expect(bannedXlsx(lock)).toEqual([]);
  });

  it('the check finds direct, nested and aliased copies', () => {
    const lock = {
      packages: {
        '': { name: 'hengjian', version: '0.1.0' },
        'node_modules/xlsx': { version: '0.18.5' },
        'node_modules/a/node_modules/xlsx': { version: '0.17.0' },
        'node_modules/sheets': { name: 'xlsx', version: '0.18.5' },
        'node_modules/@e965/xlsx': { version: '0.20.3' },
        'node_modules/b/node_modules/xlsx': { version: '0.20.3' },
        'node_modules/xlsx-style': { version: '0.8.13' },
      },
    };
    expect(bannedXlsx(lock)).toEqual(['node_modules/xlsx@0.18.5', 'node_modules/a/node_modules/xlsx@0.17.0', 'node_modules/sheets@0.18.5']);
    expect(compareVersions('0.19.3', '0.19.3')).toBe(0);
    expect(compareVersions('0.19.2', '0.19.3')).toBeLessThan(0);
    expect(compareVersions('0.20.0', '0.19.3')).toBeGreaterThan(0);
  });
});
