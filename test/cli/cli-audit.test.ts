import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditToTarget, readStoredAudit } from '../../electron/node/workspace-audit.js';
import { packWorkspace } from '../../shared/workspace/portable.js';
import { workspaceTarget } from '../../electron/node/workspace-target.js';
import { parseAuditLog, type AuditEntry } from '../../shared/workspace/audit-log.js';
import { SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');

function cli(...args: string[]): { code: number; json: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

const entry = (i: number): AuditEntry => ({
  at: `2026-0${i + 1}-15T08:00:00.000Z`,
  user: '测试员',
  machine: 'PC-T',
  action: i % 2 ? 'export' : 'import',
  object: `文件${i}.xlsx`,
  result: '成功',
});

/** The sample's manifest as a real workspace's (the demo's actions are not logged). */
const realManifest = (): string => JSON.stringify({ ...(JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as object), demo: false }, null, 2);

describe('CLI audit verify / list', { timeout: 180_000 }, () => {
  let dir: string;
  // Only the manifest: verify and list read the manifest and audit.jsonl, never the tables.
  const logOnly = (name: string): string => {
    const ws = path.join(dir, name);
    mkdirSync(ws);
    writeFileSync(path.join(ws, 'manifest.json'), realManifest());
    return ws;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-cli-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a workspace without a log verifies (0 records, no head)', () => {
    const r = cli('audit', 'verify', '--workspace', logOnly('empty'));
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, records: 0, anchored: false, present: false, firstBad: null });
  });

  it('verifies an intact log, lists it by date, and finds an edited and a cut-off record', async () => {
    const ws = logOnly('chain');
    await appendAuditToTarget(workspaceTarget(ws), [entry(0), entry(1), entry(2), entry(3)]);
    const ok = cli('audit', 'verify', '--workspace', ws);
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, records: 4, anchored: true, firstBad: null });
    expect(String(ok.json.message)).toContain('共 4 条记录');

    const listed = cli('audit', 'list', '--workspace', ws, '--since', '2026-02-01');
    expect(listed.code).toBe(0);
    expect(listed.json).toMatchObject({ total: 4, count: 3 });
    expect((listed.json.records as { object: string }[]).map((r) => r.object)).toEqual(['文件1.xlsx', '文件2.xlsx', '文件3.xlsx']);
    expect(cli('audit', 'list', '--workspace', ws, '--action', 'export').json.count).toBe(2);
    expect(cli('audit', 'list', '--workspace', ws, '--since', '昨天').code).toBe(2);

    const log = path.join(ws, 'audit.jsonl');
    const original = readFileSync(log, 'utf8');
    writeFileSync(log, original.replace('文件2.xlsx', '文件9.xlsx'));
    const edited = cli('audit', 'verify', '--workspace', ws);
    expect(edited.code).toBe(3);
    expect(edited.json).toMatchObject({ ok: false, records: 4, firstBad: { index: 2, kind: 'hash' } });
    expect(String(edited.json.message)).toContain('第 3 条记录');

    writeFileSync(log, original.split('\n').slice(0, 3).join('\n') + '\n');
    const cut = cli('audit', 'verify', '--workspace', ws);
    expect(cut.code).toBe(3);
    expect(cut.json).toMatchObject({ ok: false, records: 3, firstBad: { index: 3, kind: 'truncated' } });

    writeFileSync(log, `${original}{"seq":4,"at":"2026-05`);
    const torn = cli('audit', 'verify', '--workspace', ws);
    expect(torn.code).toBe(4);
    expect(torn.json).toMatchObject({ ok: false, records: 4, firstBad: { index: 4, kind: 'torn' } });
  });

  it('appends to a .hjw (repacked atomically) and verifies it there too', async () => {
    const hjw = path.join(dir, 'logged.hjw');
    writeFileSync(hjw, packWorkspace(new Map([['manifest.json', new TextEncoder().encode(realManifest())]])));
    await appendAuditToTarget(workspaceTarget(hjw), [entry(0), entry(1)]);
    await appendAuditToTarget(workspaceTarget(hjw), [entry(2)]);
    const stored = await readStoredAudit(workspaceTarget(hjw));
    expect(parseAuditLog(stored.text ?? '').records.map((r) => [r.seq, r.object])).toEqual([[0, '文件0.xlsx'], [1, '文件1.xlsx'], [2, '文件2.xlsx']]);
    expect(stored.head).toEqual({ records: 3, head: parseAuditLog(stored.text ?? '').records[2]?.hash });
    expect(cli('audit', 'verify', '--workspace', hjw).json).toMatchObject({ ok: true, records: 3, anchored: true });
  });

  it('roster --show-personal is recorded as an unmask by this OS user, and the log still verifies', () => {
    // The sample itself is the demo, whose actions are not logged (and its files stay as shipped): a copy made a
    // real workspace is.
    const demo = path.join(dir, 'demo');
    cpSync(SAMPLE_DIR, demo, { recursive: true });
    expect(cli('roster', '--workspace', demo, '--limit', '1', '--show-personal').code).toBe(0);
    expect(existsSync(path.join(demo, 'audit.jsonl'))).toBe(false);
    expect(readFileSync(path.join(demo, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(SAMPLE_DIR, 'manifest.json'), 'utf8'));
    const ws = path.join(dir, 'sample');
    cpSync(SAMPLE_DIR, ws, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(ws, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(ws, 'manifest.json'), JSON.stringify({ ...manifest, demo: false }, null, 2));
    const r = cli('roster', '--workspace', ws, '--limit', '1', '--show-personal');
    expect(r.code).toBe(0);
    const records = parseAuditLog(readFileSync(path.join(ws, 'audit.jsonl'), 'utf8')).records;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ seq: 0, action: 'unmask', result: '证件号以明文输出', user: userInfo().username });
    expect(cli('audit', 'verify', '--workspace', ws).json).toMatchObject({ ok: true, records: 1, anchored: true });
    // A masked run records nothing.
    expect(cli('roster', '--workspace', ws, '--limit', '1').code).toBe(0);
    expect(parseAuditLog(readFileSync(path.join(ws, 'audit.jsonl'), 'utf8')).records).toHaveLength(1);
  });
});
