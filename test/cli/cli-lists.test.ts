import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');

/** Run the CLI as users do; stdout must be exactly one JSON document. */
function cli(...args: string[]): { code: number; json: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

type Entry = { id: string; name: string; basis: string; rank: number | null; reason: string; manual: boolean };
type Lists = Record<'红榜' | '黄榜', { regions: Entry[]; cadres: Entry[] }>;
type Diff = Record<'红榜' | '黄榜', { regions: { entered: Entry[]; left: Entry[]; stayed: Entry[] } }>;

// Two runs on a copy of the sample (each loads it, ~10-30 s on 2 shared cores): publish 2025Q3, then read 2025Q4.
describe('CLI lists (红黄榜, --json)', { timeout: 180_000 }, () => {
  let dir: string;
  let ws: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-cli-lists-'));
    ws = path.join(dir, 'ws');
    cpSync(SAMPLE_DIR, ws, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing period as a usage error', () => {
    expect(cli('lists', '--workspace', ws).code).toBe(2);
  });

  it('publishes a quarter as version 1, then compares the next quarter with it and shows the history', () => {
    const q3 = cli('lists', '--workspace', ws, '--period', '2025Q3', '--publish', '--user', '测试员');
    expect(q3.code).toBe(0);
    expect(q3.json.publishedVersion).toBe(1);
    const lists = q3.json.lists as Lists;
    // Default policy: the top 10 by composite (no 红线 on the composite among them), the bottom 3 and red warnings.
    expect(lists.红榜.regions.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lists.红榜.regions[0]?.basis).toBe('综合得分居全省首位');
    expect(lists.黄榜.regions.length).toBeGreaterThanOrEqual(3);
    expect(lists.黄榜.regions.every((e) => /后三位|红线预警|黄线预警/.test(e.basis))).toBe(true);
    // Every listed region's 一把手 follows it (the sample has one for every region).
    expect(lists.红榜.cadres.length).toBe(10);
    const doc = JSON.parse(readFileSync(path.join(ws, 'lists.json'), 'utf8')) as { published: { period: string; version: number; user: string; entries: unknown[] }[] };
    expect(doc.published.map((v) => [v.period, v.version, v.user, v.entries.length])).toEqual([['2025Q3', 1, '测试员', lists.红榜.regions.length + lists.红榜.cadres.length + lists.黄榜.regions.length + lists.黄榜.cadres.length]]);

    const first = lists.红榜.regions[0] as Entry;
    const q4 = cli('lists', '--workspace', ws, '--period', '2025Q4', '--history', first.id);
    expect(q4.code).toBe(0);
    expect(q4.json.previous).toMatchObject({ period: '2025Q3', source: 'published', version: 1 });
    const diff = q4.json.diff as Diff;
    const q4lists = q4.json.lists as Lists;
    // entered + stayed = this quarter's list; stayed + left = version 1 of last quarter.
    expect([...diff.红榜.regions.entered, ...diff.红榜.regions.stayed].map((e) => e.id).sort()).toEqual(q4lists.红榜.regions.map((e) => e.id).sort());
    expect([...diff.红榜.regions.stayed, ...diff.红榜.regions.left].map((e) => e.id).sort()).toEqual(lists.红榜.regions.map((e) => e.id).sort());
    const history = (q4.json.history as { items: { period: string; listType: string; source: string; version: number | null }[] }).items;
    expect(history).toContainEqual(expect.objectContaining({ period: '2025Q3', listType: '红榜', source: 'published', version: 1 }));
  });
});
