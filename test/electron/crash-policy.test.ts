import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashMessage, crashPolicy } from '../../electron/main/crash-policy.js';
import { readAutosaveFile, setAsideAutosave, writeAutosaveFile } from '../../electron/node/autosave.js';

describe('renderer crash policy', () => {
  it('reloads twice, gives up on a third crash before the page has stayed up two minutes, and ignores a clean exit', () => {
    let t = 0;
    const onGone = crashPolicy(() => t);
    expect(onGone('clean-exit')).toBe('ignore');
    expect(onGone('oom')).toBe('reload');
    t = 21_000;
    expect(onGone('crashed')).toBe('reload');
    t = 42_000; // crashes 21 s apart (each time the workspace reopens) do not reload for ever
    expect(onGone('oom')).toBe('give-up');
    t = 300_000;
    expect(onGone('oom')).toBe('give-up'); // once given up, the count stays: the last reload was not followed by health
  });

  it('starts counting again after the page stayed up two minutes', () => {
    let t = 0;
    const onGone = crashPolicy(() => t);
    expect([onGone('oom'), (t = 130_000, onGone('oom')), (t = 260_000, onGone('oom')), (t = 390_000, onGone('oom'))]).toEqual(['reload', 'reload', 'reload', 'reload']);
  });

  it('explains each action in Chinese, naming where the autosave was set aside', () => {
    expect(crashMessage('oom', 'reload')).toContain('内存不足');
    expect(crashMessage('oom', 'reload')).toContain('恢复自动保存的工作区');
    expect(crashMessage('crashed', 'give-up', '/u/autosave/workspace.crashed-20261123-093000.hjw')).toContain('已移到 /u/autosave/workspace.crashed-20261123-093000.hjw（未删除）');
  });
});

describe('setting the autosave aside', () => {
  it('moves the newest copy and its backup out of the way, deletes nothing, and the next start finds no autosave', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-aside-'));
    const zip = (n: number) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(40).fill(n), 0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    await writeAutosaveFile(dir, zip(1));
    await writeAutosaveFile(dir, zip(2));
    const moved = await setAsideAutosave(dir, new Date('2026-11-23T09:30:00Z'));
    expect(moved).toBe(path.join(dir, 'workspace.crashed-20261123-093000.hjw'));
    expect(fs.readdirSync(dir).sort()).toEqual(['workspace.crashed-20261123-093000.hjw', 'workspace.crashed-20261123-093000.hjw.bak']);
    expect(new Uint8Array(fs.readFileSync(moved as string))).toEqual(zip(2));
    expect(await readAutosaveFile(dir, 1 << 20)).toBeNull();
    expect(await setAsideAutosave(dir)).toBeNull(); // nothing left to move
  });
});
