import { describe, expect, it } from 'vitest';
import { HOST_METHODS, hostChannel, hostLabel } from '../../shared/contract/host-api.js';
import { hostArgs } from '../../shared/contract/validate.js';
import { createBrowserHost } from '../../renderer/host/browser-host.js';

describe('host contract', () => {
  it('lists every method once, with one IPC channel and one validator each', () => {
    expect([...HOST_METHODS].sort()).toEqual([
      'blockedRequests',
      'clearAutosave',
      'info',
      'openFiles',
      'openWorkspace',
      'printPdf',
      'readAutosave',
      'readFile',
      'saveFile',
      'saveFiles',
      'saveWorkspaceAs',
      'saveWorkspaceTo',
      'writeAutosave',
    ]);
    expect(new Set(HOST_METHODS.map(hostChannel)).size).toBe(HOST_METHODS.length);
    expect(Object.keys(hostArgs).sort()).toEqual([...HOST_METHODS].sort());
  });

  it('is implemented whole by the browser host, which reads only files the user picked', async () => {
    const host = createBrowserHost();
    expect(Object.keys(host).sort()).toEqual([...HOST_METHODS].sort());
    await expect(host.readFile({ token: 'A'.repeat(32), name: 'x.csv', size: 1 })).rejects.toThrow(/未授权/);
    await expect(host.saveWorkspaceTo('A'.repeat(32), new Uint8Array([0x50, 0x4b, 3, 4]))).rejects.toThrow(/未授权/);
  });

  it('reports a missing IndexedDB as an unavailable autosave, in Chinese, and finds nothing to recover', async () => {
    const host = createBrowserHost();
    await expect(host.writeAutosave(new Uint8Array([0x50, 0x4b, 3, 4]))).rejects.toThrow(/自动保存不可用/);
    await expect(host.readAutosave()).resolves.toBeNull();
  });
});

describe('hostLabel: user and machine names as watermarks print them', () => {
  it('drops control characters and non-characters, trims, cuts to 64, falls back when empty', () => {
    expect(hostLabel('  PC-ZZB-01\n', '本机')).toBe('PC-ZZB-01');
    expect(hostLabel('张\u0000三\uFFFE', '本机')).toBe('张三');
    expect(hostLabel('', '浏览器')).toBe('浏览器');
    expect(hostLabel(42, '浏览器')).toBe('浏览器');
    expect([...hostLabel('名'.repeat(70), '')].length).toBe(64);
  });
});
