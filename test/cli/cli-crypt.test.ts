/**
 * The CLI on an encrypted .hjw: refused without a passphrase file or with a wrong one (the file untouched), opened
 * with --passphrase-file or HJ_PASSPHRASE_FILE, and written back sealed under the same key.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditToTarget } from '../../electron/node/workspace-audit.js';
import { workspaceTarget } from '../../electron/node/workspace-target.js';
import { deriveWorkspaceKey, isSealedWorkspace, sealWorkspace } from '../../shared/workspace/crypto.js';
import { packWorkspace } from '../../shared/workspace/portable.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';
import { SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');
const PASS = '机要 passphrase 2026';

function cli(args: string[], env: Record<string, string> = {}): { code: number; json: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HJ_PASSPHRASE_FILE: '', ...env },
  });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

describe('CLI on an encrypted workspace', { timeout: 180_000 }, () => {
  let dir: string;
  let ws: string;
  let good: string;
  let bad: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-cli-crypt-'));
    ws = path.join(dir, '加密.hjw');
    good = path.join(dir, 'pass.txt');
    bad = path.join(dir, 'wrong.txt');
    writeFileSync(good, `${PASS}\n`); // the trailing newline an editor adds is not part of the passphrase
    writeFileSync(bad, `${PASS}x\n`);
    const plain = packWorkspace(fixtureWorkspace({ cadres: [{ cadre_id: 'C1', name: '张三', gender: '男' }, { cadre_id: 'C2', name: '李四', gender: '女' }] }).files);
    writeFileSync(ws, await sealWorkspace(plain, await deriveWorkspaceKey(PASS)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses without a passphrase file, and with a wrong passphrase, leaving the file as it was', () => {
    const before = readFileSync(ws);
    const none = cli(['info', '--workspace', ws]);
    expect(none.code).toBe(1);
    expect(none.json).toMatchObject({ error: { code: 'workspace.encrypted' } });
    expect(String((none.json.error as { message: string }).message)).toContain('--passphrase-file');
    const wrong = cli(['info', '--workspace', ws, '--passphrase-file', bad]);
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ error: { code: 'workspace.crypt.passphrase', message: '加密.hjw：口令错误或文件已损坏。' } });
    expect(readFileSync(ws).equals(before)).toBe(true);
  });

  it('opens with --passphrase-file: the tables and their rows', () => {
    const r = cli(['info', '--workspace', ws, '--passphrase-file', good]);
    expect(r.code).toBe(0);
    const tables = r.json.tables as { name: string; rows: number }[];
    expect(tables.find((t) => t.name === 'cadres')?.rows).toBe(2);
  });

  it('writes an encrypted workspace back sealed with the same passphrase (HJ_PASSPHRASE_FILE)', async () => {
    await appendAuditToTarget(workspaceTarget(ws, good), [{ at: '2026-12-01T08:00:00.000Z', user: '测试员', machine: 'PC-T', action: 'export', object: '名册.xlsx', result: '成功' }]);
    const bytes = readFileSync(ws);
    expect(isSealedWorkspace(bytes)).toBe(true);
    expect(bytes.includes(Buffer.from('名册.xlsx'))).toBe(false);
    const r = cli(['audit', 'list', '--workspace', ws], { HJ_PASSPHRASE_FILE: good });
    expect(r.code).toBe(0);
    expect((r.json.records as { object: string }[]).map((x) => x.object)).toEqual(['名册.xlsx']);
  });
});
