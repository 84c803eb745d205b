import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORKSPACE_FILTERS } from '../../shared/contract/host-api.js';
import { packWorkspace } from '../../shared/workspace/portable.js';
import { AUTOSAVE_BACKUP, AUTOSAVE_FILE, plausibleZip } from '../../electron/node/autosave.js';
import { createNodeHost, displayName, type HostDialogs } from '../../electron/node/node-host.js';
import { createWorkspaceStore, withWorkspaceExtension } from '../../electron/node/workspace-store.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-ws-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const enc = new TextEncoder();
/** A tiny but real .hjw whose manifest carries `marker`. */
const hjw = (marker: string) => packWorkspace(new Map([['manifest.json', enc.encode(JSON.stringify({ marker }))]]));
const marker = (bytes: Uint8Array) => (JSON.parse(new TextDecoder().decode(unzipSync(bytes)['manifest.json'])) as { marker: string }).marker;
const temps = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.tmp'));

function dialogs(open: string[], save: string | null): HostDialogs & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async showOpenDialog(o) {
      calls.push(o);
      return open;
    },
    async showSaveDialog(o) {
      calls.push(o);
      return save;
    },
  };
}

describe('workspace files in the Electron host', () => {
  it('save-as writes atomically, adds .hjw, and answers with an opaque location token', async () => {
    const d = dialogs([], path.join(dir, '三季度'));
    const host = createNodeHost({ dialogs: d, appVersion: '0.1.0' });
    const result = await host.saveWorkspaceAs(hjw('A'), '三季度');
    expect(d.calls[0]).toEqual({ suggestedName: '三季度.hjw', filters: WORKSPACE_FILTERS, title: '保存工作区' });
    expect(result).toEqual({ saved: true, location: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), name: '三季度.hjw' });
    expect(JSON.stringify(result)).not.toContain(dir);
    expect(marker(fs.readFileSync(path.join(dir, '三季度.hjw')))).toBe('A');
    expect(temps(dir)).toEqual([]);
    if (!result.saved) throw new Error('not saved');
    await expect(host.saveWorkspaceTo(result.location, hjw('B'))).resolves.toEqual(result);
    expect(marker(fs.readFileSync(path.join(dir, '三季度.hjw')))).toBe('B');
    expect(fs.readdirSync(dir)).toEqual(['三季度.hjw']);
  });

  it('save-as cancelled saves nothing', async () => {
    const host = createNodeHost({ dialogs: dialogs([], null), appVersion: '0.1.0' });
    await expect(host.saveWorkspaceAs(hjw('A'), 'x.hjw')).resolves.toEqual({ saved: false });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('open reads the picked .hjw and its token saves back to it, and only to it', async () => {
    const file = path.join(dir, '带回来的.HJW');
    const source = path.join(dir, '源数据.csv');
    fs.writeFileSync(file, hjw('U'));
    fs.writeFileSync(source, 'a,b\n');
    const d = dialogs([file], null);
    const host = createNodeHost({ dialogs: d, appVersion: '0.1.0' });
    const opened = await host.openWorkspace();
    expect(d.calls[0]).toEqual({ filters: WORKSPACE_FILTERS, multiple: false, title: '打开工作区' });
    expect(opened).toMatchObject({ name: '带回来的.HJW', token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect(marker(opened!.bytes)).toBe('U');
    await host.saveWorkspaceTo(opened!.token, hjw('V'));
    expect(marker(fs.readFileSync(file))).toBe('V');
    // A token for an imported file authorises reading it, never saving over it.
    const [ref] = await createNodeHost({ dialogs: dialogs([source], null), appVersion: '0.1.0' }).openFiles([], false);
    await expect(host.saveWorkspaceTo(ref!.token, hjw('X'))).rejects.toThrow(/文件未授权/);
    await expect(host.saveWorkspaceTo('A'.repeat(32), hjw('X'))).rejects.toThrow(/文件未授权/);
    expect(fs.readFileSync(source, 'utf8')).toBe('a,b\n');
  });

  it('open: null when cancelled, clear errors for a vanished or oversized file', async () => {
    await expect(createNodeHost({ dialogs: dialogs([], null), appVersion: '0.1.0' }).openWorkspace()).resolves.toBeNull();
    const gone = createNodeHost({ dialogs: dialogs([path.join(dir, 'gone.hjw')], null), appVersion: '0.1.0' });
    await expect(gone.openWorkspace()).rejects.toThrow(/文件已不存在或无法访问：gone\.hjw/);
    const big = path.join(dir, 'big.hjw');
    fs.writeFileSync(big, hjw('B'));
    const store = createWorkspaceStore({ dialogs: dialogs([big], null), maxBytes: 10, displayName });
    await expect(store.openWorkspace()).rejects.toThrow(/工作区文件过大/);
  });

  it('names workspace files with .hjw once', () => {
    expect(withWorkspaceExtension('a')).toBe('a.hjw');
    expect(withWorkspaceExtension('a.HJW')).toBe('a.HJW');
    expect(withWorkspaceExtension('a.hjw.csv')).toBe('a.hjw.csv.hjw');
  });
});

describe('autosave', () => {
  const autosave = () => path.join(dir, 'userData', 'autosave');
  const host = () => createNodeHost({ dialogs: dialogs([], null), appVersion: '0.1.0', autosaveDir: autosave() });
  const onDisk = (name: string) => {
    const f = path.join(autosave(), name);
    return fs.existsSync(f) ? marker(fs.readFileSync(f)) : undefined;
  };

  it('keeps the previous autosave as .bak, reads the newest, and clears both', async () => {
    const h = host();
    await expect(h.readAutosave()).resolves.toBeNull();
    await h.writeAutosave(hjw('A'));
    expect([onDisk(AUTOSAVE_FILE), onDisk(AUTOSAVE_BACKUP)]).toEqual(['A', undefined]);
    await h.writeAutosave(hjw('B'));
    expect([onDisk(AUTOSAVE_FILE), onDisk(AUTOSAVE_BACKUP)]).toEqual(['B', 'A']);
    await h.writeAutosave(hjw('C'));
    expect([onDisk(AUTOSAVE_FILE), onDisk(AUTOSAVE_BACKUP)]).toEqual(['C', 'B']);
    const read = await h.readAutosave();
    expect(read).toMatchObject({ fromBackup: false, savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(marker(read!.bytes)).toBe('C');
    expect(temps(autosave())).toEqual([]);
    await h.clearAutosave();
    expect(fs.readdirSync(autosave())).toEqual([]);
    await expect(h.readAutosave()).resolves.toBeNull();
  });

  it('falls back to the backup when the main copy is damaged, and never backs up a damaged copy', async () => {
    const h = host();
    await h.writeAutosave(hjw('A'));
    await h.writeAutosave(hjw('B'));
    fs.truncateSync(path.join(autosave(), AUTOSAVE_FILE), 10);
    const read = await h.readAutosave();
    expect(read?.fromBackup).toBe(true);
    expect(marker(read!.bytes)).toBe('A');
    await h.writeAutosave(hjw('C'));
    expect([onDisk(AUTOSAVE_FILE), onDisk(AUTOSAVE_BACKUP)]).toEqual(['C', 'A']);
  });

  it('removes temp files left by a killed write, and serialises concurrent writes', async () => {
    const h = host();
    await h.writeAutosave(hjw('A'));
    for (const t of ['.workspace.hjw.0123456789ab.tmp', '.workspace.hjw.bak.ba9876543210.tmp']) fs.writeFileSync(path.join(autosave(), t), 'x');
    fs.writeFileSync(path.join(autosave(), 'keep.txt'), 'not ours');
    await Promise.all(['B', 'C', 'D'].map((m) => h.writeAutosave(hjw(m))));
    expect(fs.readdirSync(autosave()).sort()).toEqual([AUTOSAVE_FILE, AUTOSAVE_BACKUP, 'keep.txt'].sort());
    expect([onDisk(AUTOSAVE_FILE), onDisk(AUTOSAVE_BACKUP)]).toEqual(['D', 'C']);
  });

  it('is a clear error when no autosave folder was configured', async () => {
    const h = createNodeHost({ dialogs: dialogs([], null), appVersion: '0.1.0' });
    await expect(h.writeAutosave(hjw('A'))).rejects.toThrow(/自动保存不可用/);
  });

  it('recognises a zip by its head and its end-of-central-directory record', () => {
    const good = hjw('A');
    expect(plausibleZip(good)).toBe(true);
    expect(plausibleZip(good.subarray(0, good.length - 10))).toBe(false);
    expect(plausibleZip(new Uint8Array(100))).toBe(false);
  });
});
