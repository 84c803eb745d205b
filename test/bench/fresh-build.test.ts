import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distFreshness } from './fresh-build.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A repository with dist/index.html and one source file, their modification times in seconds. */
function repo(distAt: number | null, sourceAt: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hj-fresh-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'renderer', 'views'), { recursive: true });
  const src = path.join(root, 'renderer', 'views', 'a.tsx');
  writeFileSync(src, 'x');
  utimesSync(src, sourceAt, sourceAt);
  if (distAt !== null) {
    mkdirSync(path.join(root, 'dist'));
    writeFileSync(path.join(root, 'dist', 'index.html'), '<!doctype html>');
    utimesSync(path.join(root, 'dist', 'index.html'), distAt, distAt);
  }
  return root;
}

describe('dist freshness (--quick reuses an up-to-date build)', () => {
  it('is fresh when dist/ is newer than every build input', () => {
    expect(distFreshness(repo(2_000_000, 1_000_000)).fresh).toBe(true);
  });

  it('is stale when a source is newer, and names it', () => {
    expect(distFreshness(repo(1_000_000, 2_000_000))).toEqual({ fresh: false, reason: `${path.join('renderer', 'views', 'a.tsx')} is newer than dist/` });
  });

  it('is stale when there is no build', () => {
    expect(distFreshness(repo(null, 1_000_000))).toEqual({ fresh: false, reason: 'no dist/index.html' });
  });
});
