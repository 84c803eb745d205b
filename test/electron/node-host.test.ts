import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileRefSchema } from '../../shared/contract/validate.js';
import { writeFileAtomic } from '../../electron/node/atomic-write.js';
import { FileTokens, newToken } from '../../electron/node/file-tokens.js';
import { createNodeHost, displayName, type HostDialogs } from '../../electron/node/node-host.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-host-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const enc = (s: string) => new TextEncoder().encode(s);
const leftovers = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.tmp'));

function fakeDialogs(open: string[], save: string | null): HostDialogs & { calls: unknown[] } {
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

describe('file tokens', () => {
  it('are 32 base64url characters, unique, and pass the IPC schema', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newToken()));
    expect(seen.size).toBe(200);
    for (const t of seen) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(fileRefSchema.safeParse({ token: [...seen][0], name: 'a.csv', size: 1 }).success).toBe(true);
  });

  it('resolve only what they issued', () => {
    const tokens = new FileTokens();
    const t = tokens.issue('/data/a.csv');
    expect(tokens.resolve(t)).toBe('/data/a.csv');
    expect(() => tokens.resolve(newToken())).toThrow(/not authorised/);
    tokens.revoke(t);
    expect(() => tokens.resolve(t)).toThrow(/文件未授权/);
  });
});

describe('node host', () => {
  it('reports itself', async () => {
    const host = createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0.1.0', platform: 'linux', user: 'zhangsan', machine: 'PC-ZZB-01' });
    await expect(host.info()).resolves.toEqual({ kind: 'electron', platform: 'linux', appVersion: '0.1.0', user: 'zhangsan', machine: 'PC-ZZB-01' });
  });

  it('reports the OS user and host name for watermarks, cleaned of control characters and cut to 64', async () => {
    const plain = await createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0.1.0' }).info();
    expect(plain.machine).toBe(os.hostname().trim().slice(0, 64) || '本机');
    const odd = await createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0.1.0', user: ' a\u0007b\ufffe ', machine: 'x'.repeat(100) }).info();
    expect(odd.user).toBe('ab');
    expect(odd.machine).toBe('x'.repeat(64));
  });

  it('issues tokens for picked files and reads them back', async () => {
    const a = path.join(dir, '考核结果.csv');
    const b = path.join(dir, 'b.xlsx');
    fs.writeFileSync(a, '地区,得分\n甲,90\n');
    fs.writeFileSync(b, 'PK');
    const dialogs = fakeDialogs([a, b], null);
    const host = createNodeHost({ dialogs, appVersion: '0.1.0' });
    const refs = await host.openFiles([{ name: '表格', extensions: ['csv'] }], true);
    expect(refs.map((r) => [r.name, r.size])).toEqual([
      ['考核结果.csv', fs.statSync(a).size],
      ['b.xlsx', 2],
    ]);
    expect(dialogs.calls[0]).toEqual({ filters: [{ name: '表格', extensions: ['csv'] }], multiple: true });
    for (const r of refs) expect(r.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(refs)).not.toContain(dir);
    const bytes = await host.readFile(refs[0]!);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('地区,得分\n甲,90\n');
    expect(await host.openFiles([], false)).toHaveLength(1);
  });

  it('returns [] when the open dialog is cancelled', async () => {
    const host = createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0.1.0' });
    await expect(host.openFiles([], true)).resolves.toEqual([]);
  });

  it('refuses unknown tokens, vanished files and files over the cap', async () => {
    const f = path.join(dir, 'big.csv');
    fs.writeFileSync(f, 'x'.repeat(100));
    const host = createNodeHost({ dialogs: fakeDialogs([f], null), appVersion: '0.1.0', maxReadBytes: 99 });
    await expect(host.readFile({ token: newToken(), name: 'x.csv', size: 1 })).rejects.toThrow(/not authorised/);
    const [ref] = await host.openFiles([], false);
    await expect(host.readFile(ref!)).rejects.toThrow(/文件过大/);
    fs.rmSync(f);
    await expect(host.readFile(ref!)).rejects.toThrow(/文件已不存在/);
  });

  it('saves atomically where the user chose and leaves no temp file', async () => {
    const target = path.join(dir, '季度报告.pptx');
    const dialogs = fakeDialogs([], target);
    const host = createNodeHost({ dialogs, appVersion: '0.1.0' });
    const result = await host.saveFile({ suggestedName: '季度报告.pptx', bytes: enc('pack'), filters: [] });
    expect(result).toEqual({ saved: true, location: target });
    expect(fs.readFileSync(target, 'utf8')).toBe('pack');
    expect(leftovers(dir)).toEqual([]);
    expect(dialogs.calls[0]).toEqual({ suggestedName: '季度报告.pptx', filters: [] });
  });

  it('returns saved: false when the save dialog is cancelled', async () => {
    const host = createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0.1.0' });
    await expect(host.saveFile({ suggestedName: 'a.txt', bytes: enc('x'), filters: [] })).resolves.toEqual({ saved: false });
  });

  it('saves a set of files into a new folder, atomically, and refuses a folder that is not empty', async () => {
    const target = path.join(dir, '2025年三季度材料');
    const host = createNodeHost({ dialogs: fakeDialogs([], target), appVersion: '0.1.0' });
    const files = [
      { name: '990101-甲县.pdf', bytes: enc('pdf') },
      { name: '索引.html', bytes: enc('<p>index</p>') },
    ];
    await expect(host.saveFiles(files, '2025年三季度材料')).resolves.toEqual({ saved: true, location: target });
    expect(fs.readdirSync(target).sort()).toEqual(['990101-甲县.pdf', '索引.html']);
    expect(fs.readFileSync(path.join(target, '990101-甲县.pdf'), 'utf8')).toBe('pdf');
    // The same folder again: it now holds files, so nothing is written over them.
    await expect(host.saveFiles([{ name: '990101-甲县.pdf', bytes: enc('other') }], 'x')).rejects.toThrow(/不是空的/);
    expect(fs.readFileSync(path.join(target, '990101-甲县.pdf'), 'utf8')).toBe('pdf');
    await expect(createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0' }).saveFiles(files, 'x')).resolves.toEqual({ saved: false });
  });

  it('prints through the injected printer, and says so when there is none', async () => {
    const request = { html: '<p>x</p>', headerText: '内部资料', footerText: 'w' };
    await expect(createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0' }).printPdf(request)).rejects.toThrow(/不能生成PDF/);
    const host = createNodeHost({ dialogs: fakeDialogs([], null), appVersion: '0', printPdf: async (r) => enc(`%PDF ${r.headerText}`) });
    expect(new TextDecoder().decode(await host.printPdf(request))).toBe('%PDF 内部资料');
  });

  it('sanitises display names', () => {
    expect(displayName('/x/a\u0001b.csv')).toBe('a\ufffdb.csv');
    expect(displayName(`/x/${'长'.repeat(300)}`)).toHaveLength(255);
  });
});

describe('atomic write', () => {
  it('replaces an existing file and keeps its mode', async () => {
    const target = path.join(dir, 'w.json');
    fs.writeFileSync(target, 'old', { mode: 0o640 });
    await writeFileAtomic(target, enc('new'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails cleanly when the directory is missing', async () => {
    const target = path.join(dir, 'missing', 'w.json');
    await expect(writeFileAtomic(target, enc('x'))).rejects.toThrow(/保存失败：.*ENOENT/);
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });

  it('leaves the old file intact and removes the temp file when the rename fails', async () => {
    const target = path.join(dir, 'w.json');
    fs.writeFileSync(target, 'old');
    const rename = async () => {
      throw Object.assign(new Error('disk on fire'), { code: 'EIO' });
    };
    await expect(writeFileAtomic(target, enc('new'), { rename })).rejects.toThrow(/保存失败.*EIO/);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(leftovers(dir)).toEqual([]);
  });

  it('retries a locked rename on Windows, and only there', async () => {
    const target = path.join(dir, 'w.json');
    fs.writeFileSync(target, 'old');
    let failures = 0;
    const lockedTwice = async (from: string, to: string) => {
      if (failures++ < 2) throw Object.assign(new Error('locked'), { code: 'EBUSY' });
      fs.renameSync(from, to);
    };
    await writeFileAtomic(target, enc('new'), { platform: 'win32', rename: lockedTwice });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(failures).toBe(3);

    failures = 0;
    await expect(writeFileAtomic(target, enc('newer'), { platform: 'linux', rename: lockedTwice })).rejects.toThrow(/EBUSY/);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(leftovers(dir)).toEqual([]);
  });

  it('gives up on Windows after the retry budget', async () => {
    const target = path.join(dir, 'w.json');
    let attempts = 0;
    const alwaysLocked = async () => {
      attempts++;
      throw Object.assign(new Error('locked'), { code: 'EPERM' });
    };
    const started = Date.now();
    await expect(writeFileAtomic(target, enc('x'), { platform: 'win32', rename: alwaysLocked, retryBudgetMs: 100 })).rejects.toThrow(
      /EPERM/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(attempts).toBeGreaterThan(2);
    expect(leftovers(dir)).toEqual([]);
  });
});
