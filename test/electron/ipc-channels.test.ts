/**
 * Every IPC channel the main process registers (ipc.ts, against a fake ipcMain) checks its sender frame and its
 * arguments before the host sees the call: enumerated from what was registered, so a new channel is covered or
 * fails the table check below.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, hostChannel, type HostApi } from '../../shared/contract/host-api.js';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => {
  const ipcMain = { handle: (channel: string, f: Handler) => registered.set(channel, f), on: vi.fn() };
  return { ipcMain, default: { ipcMain } };
});

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const bytes = new Uint8Array([80, 75, 3, 4]);
const filters = [{ name: '表格文件', extensions: ['csv'] }];
const print = { html: '<!doctype html><p>x</p>', headerText: '内部资料', footerText: '张三' };

/** Per method: arguments the schema accepts, and arguments it must refuse (wrong type, extra key, extra argument). */
const CASES: Record<keyof HostApi, { valid: unknown[]; bad: unknown[][] }> = {
  info: { valid: [], bad: [[1], ['x']] },
  blockedRequests: { valid: [], bad: [[1], ['all']] },
  openFiles: { valid: [filters, true], bad: [[filters], [filters, 'yes'], [[{ name: 'x', extensions: ['.csv'] }], true], [filters, true, 1]] },
  readFile: { valid: [{ token, name: 'a.csv', size: 1 }], bad: [[{ token: '../../etc/passwd', name: 'a', size: 1 }], [{ token, name: 'a', size: 1, path: '/etc/passwd' }], []] },
  saveFile: { valid: [{ suggestedName: 'a.pdf', bytes, filters }], bad: [[{ suggestedName: '../a.pdf', bytes, filters }], [{ suggestedName: 'a.pdf', bytes: [1], filters }], []] },
  saveWorkspaceAs: { valid: [bytes, '工作区.hjw'], bad: [[bytes, 'a/b.hjw'], ['x', 'a.hjw'], [bytes]] },
  saveWorkspaceTo: { valid: [token, bytes], bad: [['x', bytes], [token, 'bytes'], [token]] },
  openWorkspace: { valid: [], bad: [['/etc/passwd'], [{}]] },
  writeAutosave: { valid: [bytes], bad: [[[1, 2]], [], [bytes, bytes]] },
  readAutosave: { valid: [], bad: [[1]] },
  clearAutosave: { valid: [], bad: [['all']] },
  saveFiles: { valid: [[{ name: 'a.pdf', bytes }], '材料'], bad: [[[{ name: '../a.pdf', bytes }], 'x'], [[], 'x'], [[{ name: 'a.pdf', bytes }], 'a/b']] },
// eslint-disable-next-line no-restricted-syntax -- a foreign address the code under test must refuse
  printPdf: { valid: [print], bad: [[{ ...print, html: '' }], [{ ...print, url: 'https://example.com/' }], [print, print]] },
};

/* eslint-disable no-restricted-syntax -- network addresses are the foreign senders that must be refused */
const FOREIGN = ['https://example.com/', 'http://127.0.0.1:5173/index.html', 'file:///tmp/evil.html', 'app://evil/index.html', 'about:blank', 'about:srcdoc', 'devtools://devtools/x', 'data:text/html,x'];
/* eslint-enable no-restricted-syntax */
const TRUSTED = { senderFrame: { url: 'app://hengjian/index.html' } };

const host = Object.fromEntries(HOST_METHODS.map((m) => [m, vi.fn(async () => `ok:${m}`)])) as unknown as Record<keyof HostApi, ReturnType<typeof vi.fn>>;

beforeAll(async () => {
  const { registerHostIpc } = await import('../../electron/main/ipc.js');
  registerHostIpc(host as unknown as HostApi);
});

describe('registered IPC channels', () => {
  it('are exactly one per HostApi method, and the table covers each', () => {
    expect([...registered.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort());
    expect(Object.keys(CASES).sort()).toEqual([...HOST_METHODS].sort());
  });

  describe.each(HOST_METHODS.map((m) => [m] as const))('%s', (method) => {
    const call = (event: Parameters<Handler>[0], args: unknown[]) => registered.get(hostChannel(method))!(event, ...args);

    it('refuses a foreign or missing sender frame, even with valid arguments, before the host is called', async () => {
      host[method].mockClear();
      for (const url of FOREIGN) await expect(call({ senderFrame: { url } }, CASES[method].valid), url).rejects.toMatchObject({ code: 'untrusted-sender' });
      await expect(call({ senderFrame: null }, CASES[method].valid)).rejects.toMatchObject({ code: 'untrusted-sender' });
      expect(host[method]).not.toHaveBeenCalled();
    });

    it('refuses bad arguments from our own page before the host is called', async () => {
      host[method].mockClear();
      for (const args of CASES[method].bad) await expect(call(TRUSTED, args), JSON.stringify(args)).rejects.toMatchObject({ code: 'invalid-ipc-arguments' });
      expect(host[method]).not.toHaveBeenCalled();
    });

    it('passes valid arguments from our own page through to the host', async () => {
      host[method].mockClear();
      await expect(call(TRUSTED, CASES[method].valid)).resolves.toBe(`ok:${method}`);
      expect(host[method]).toHaveBeenCalledOnce();
      expect(host[method].mock.calls[0]).toEqual(CASES[method].valid);
    });
  });
});
