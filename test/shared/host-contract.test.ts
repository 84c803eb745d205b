import { describe, expect, it } from 'vitest';
import { HOST_METHODS, hostChannel } from '../../shared/contract/host-api.js';
import { hostArgs } from '../../shared/contract/validate.js';
import { createBrowserHost } from '../../renderer/host/browser-host.js';

describe('host contract', () => {
  it('lists every method once, with one IPC channel and one validator each', () => {
    expect([...HOST_METHODS].sort()).toEqual(['info', 'openFiles', 'readFile', 'saveFile']);
    expect(new Set(HOST_METHODS.map(hostChannel)).size).toBe(HOST_METHODS.length);
    expect(Object.keys(hostArgs).sort()).toEqual([...HOST_METHODS].sort());
  });

  it('is implemented whole by the browser host, which reads only files the user picked', async () => {
    const host = createBrowserHost();
    expect(Object.keys(host).sort()).toEqual([...HOST_METHODS].sort());
    await expect(host.readFile({ token: 'A'.repeat(32), name: 'x.csv', size: 1 })).rejects.toThrow(/未授权/);
  });
});
