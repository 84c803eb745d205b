/**
 * Runs the real main process modules (main.ts, protocol.ts, ipc.ts, menu.ts) against a fake `electron` module,
 * so the wiring is checked in Node without the Electron binary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, hostChannel } from '../../shared/contract/host-api.js';
import { WORKER_CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol-core.js';

const fake = vi.hoisted(() => {
  const dirs = { app: '' }; // set in beforeAll, before main.ts is imported
  type Fn = (...a: unknown[]) => unknown;
  const calls: Record<string, unknown[][]> = {};
  const record = (name: string) => (...a: unknown[]) => void (calls[name] ??= []).push(a);
  const appEvents = new Map<string, Fn>();
  const windows: { options: Record<string, unknown>; onceHandlers: Map<string, Fn>; show: Fn; url?: string; webContents: { on: ReturnType<typeof vi.fn> } }[] = [];
  class BrowserWindow {
    onceHandlers = new Map<string, Fn>();
    url?: string;
    show = vi.fn();
    isDestroyed = () => false;
    webContents = { on: vi.fn(), send: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on() {}
    once(event: string, f: Fn) {
      this.onceHandlers.set(event, f);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    static getAllWindows = () => windows;
    static getFocusedWindow = () => null;
  }
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
    on: vi.fn(),
  };
  const handlers = { protocol: new Map<string, Fn>(), ipc: new Map<string, Fn>() };
  const electron = {
    app: {
      setName: record('setName'),
      enableSandbox: record('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (e: string, f: Fn) => appEvents.set(e, f),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      isPackaged: false,
      getAppPath: () => dirs.app,
      getVersion: () => '0.1.0',
      getPath: () => dirs.app,
      quit: record('quit'),
      exit: record('exit'),
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
    screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1920, height: 1040 } }) },
    session: { defaultSession: session },
    protocol: {
      registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'),
      handle: (scheme: string, f: Fn) => handlers.protocol.set(scheme, f),
    },
    ipcMain: { handle: (channel: string, f: Fn) => handlers.ipc.set(channel, f) },
    Menu: { buildFromTemplate: (t: unknown) => ({ t }), setApplicationMenu: record('setApplicationMenu') },
  };
  return { dirs, calls, appEvents, windows, session, handlers, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

type Handler = (...a: unknown[]) => Promise<Response>;
const trusted = { senderFrame: { url: 'app://hengjian/index.html' } };

beforeAll(async () => {
  fake.dirs.app = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-app-'));
  fs.mkdirSync(path.join(fake.dirs.app, 'dist', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(fake.dirs.app, 'dist', 'index.html'), '<!doctype html><title>衡鉴</title>');
  fs.writeFileSync(path.join(fake.dirs.app, 'dist', 'assets', 'duckdb-eh.wasm'), new Uint8Array([0, 97, 115, 109]));
  fs.writeFileSync(path.join(fake.dirs.app, 'dist', 'assets', 'duckdb-browser-eh.worker-x1.js'), 'postMessage(1)');
  fs.writeFileSync(path.join(fake.dirs.app, 'package.json'), '{"secret":true}');
  await import('../../electron/main/main.js');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return () => fs.rmSync(fake.dirs.app, { recursive: true, force: true });
});

describe('main process wiring (fake electron)', () => {
  it('names the app, sandboxes, and registers app:// as privileged before ready', () => {
    expect(fake.calls.setName).toEqual([['衡鉴']]);
    expect(fake.calls.enableSandbox).toHaveLength(1);
    expect(fake.calls.registerSchemesAsPrivileged).toEqual([
      [[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]],
    ]);
    for (const e of ['web-contents-created', 'second-instance', 'window-all-closed']) expect(fake.appEvents.has(e), e).toBe(true);
  });

  it('opens one hardened window on app://hengjian/index.html and shows it when ready', () => {
    const [win] = fake.windows;
    expect(win!.url).toBe('app://hengjian/index.html');
    expect(win!.options).toMatchObject({ title: '衡鉴', width: 1440, height: 900, show: false });
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.preload).toBe(path.join(fake.dirs.app, 'dist-electron', 'preload.cjs'));
    win!.onceHandlers.get('ready-to-show')!();
    expect(win!.show).toHaveBeenCalled();
    expect(fake.session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(fake.calls.setApplicationMenu).toHaveLength(1);
  });

  it('reloads the window (and so the autosave) when its renderer dies, and says why in Chinese', async () => {
    const [win] = fake.windows;
    const gone = win!.webContents.on.mock.calls.find((c: unknown[]) => c[0] === 'render-process-gone')?.[1] as (e: unknown, d: { reason: string }) => void;
    win!.url = 'about:blank';
    gone({}, { reason: 'clean-exit' });
    expect(win!.url).toBe('about:blank');
    gone({}, { reason: 'oom' });
    await vi.waitFor(() => expect(win!.url).toBe('app://hengjian/index.html'));
    const box = fake.electron.dialog.showMessageBox.mock.calls.at(-1)?.[1] as { message: string };
    expect(box.message).toContain('内存不足');
  });

  it('serves dist/ over app:// with MIME types and the CSP, refusing escapes', async () => {
    const handle = fake.handlers.protocol.get('app') as Handler;
    const index = await handle(new Request('app://hengjian/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(await index.text()).toContain('衡鉴');
    const wasm = await handle(new Request('app://hengjian/assets/duckdb-eh.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
    const worker = await handle(new Request('app://hengjian/assets/duckdb-browser-eh.worker-x1.js'));
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('content-security-policy')).toBe(WORKER_CONTENT_SECURITY_POLICY);
    expect(await worker.text()).toBe('postMessage(1)');
    for (const url of ['app://hengjian/../package.json', 'app://hengjian/..%2fpackage.json', 'app://hengjian/assets', 'app://hengjian/nope.js']) {
      const r = await handle(new Request(url));
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(await r.text()).not.toContain('secret');
    }
    expect((await handle(new Request('app://hengjian/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('registers one validated, sender-checked IPC handler per HostApi method', async () => {
    expect([...fake.handlers.ipc.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort());
    const info = fake.handlers.ipc.get(hostChannel('info'))!;
    await expect(info(trusted)).resolves.toMatchObject({ kind: 'electron', appVersion: '0.1.0' });
    await expect(info({ senderFrame: { url: 'file:///tmp/evil.html' } })).rejects.toThrow(/调用方不是衡鉴/);
    await expect(info({ senderFrame: null })).rejects.toThrow(/调用方不是衡鉴/);
    const readFile = fake.handlers.ipc.get(hostChannel('readFile'))!;
    await expect(readFile(trusted, { token: '../../etc/passwd', name: 'x', size: 1 })).rejects.toThrow(/参数无效/);
    await expect(readFile(trusted, { token: 'A'.repeat(32), name: 'x', size: 1 })).rejects.toThrow(/not authorised/);
  });

  it('keeps the autosave under userData/autosave, through validated IPC', async () => {
    const write = fake.handlers.ipc.get(hostChannel('writeAutosave'))!;
    await expect(write(trusted, new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(/不是衡鉴工作区文件/);
    await write(trusted, zipSync({ 'manifest.json': new Uint8Array([123, 125]) }));
    expect(fs.existsSync(path.join(fake.dirs.app, 'autosave', 'workspace.hjw'))).toBe(true);
    const read = fake.handlers.ipc.get(hostChannel('readAutosave'))!;
    await expect(read(trusted)).resolves.toMatchObject({ fromBackup: false });
  });
});
