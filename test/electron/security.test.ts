import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol-core.js';
import { aboutDetail, buildMenuTemplate } from '../../electron/main/menu-template.js';
import {
  createBlockLog,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  isTrustedSender,
  secureWebPreferences,
  PRESENTER_FRAME,
} from '../../electron/main/security.js';
import { mainWindowOptions } from '../../electron/main/window-options.js';
import { PRINT_PARTITION, PRINT_URL, printToPdfOptions, printWindowOptions } from '../../electron/main/print-options.js';
import { PACK_CSP } from '../../shared/report/pack-html.js';

describe('web preferences', () => {
  it('isolates, sandboxes and disables Node everywhere', () => {
    expect(secureWebPreferences('/app/dist-electron/preload.cjs')).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('gives the main window its title, size and background', () => {
    const o = mainWindowOptions('/p.cjs');
    expect(o).toMatchObject({ title: '衡鉴', width: 1440, height: 900, minWidth: 1024, minHeight: 700, show: false });
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(o.webPreferences?.sandbox).toBe(true);
    expect(mainWindowOptions('/p.cjs', { width: 1280, height: 680 })).toMatchObject({ width: 1280, height: 700 });
  });
});

describe('the PDF print window', () => {
  it('runs no script, is sandboxed and isolated, has no preload and its own session', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, partition: PRINT_PARTITION });
    expect(o.webPreferences?.preload).toBeUndefined();
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(isTrustedSender(PRINT_URL)).toBe(true);
  });

  it('prints A4 with the marking and the page numbers, the texts escaped', () => {
    const o = printToPdfOptions({ html: 'x', headerText: '内部资料<script>', footerText: '张三 & PC-1' });
    expect(o).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, preferCSSPageSize: true });
    expect(o.headerTemplate).toContain('内部资料&lt;script&gt;');
    expect(o.headerTemplate).not.toContain('<script>');
    expect(o.footerTemplate).toContain('张三 &amp; PC-1');
    expect(o.footerTemplate).toContain('class="pageNumber"');
    expect(o.footerTemplate).toContain('class="totalPages"');
    expect(PACK_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
  });
});

describe('request and sender policy', () => {
  /* eslint-disable no-restricted-syntax -- network addresses are the test inputs that must be refused */
  it.each([
    ['http://127.0.0.1:4173/index.html', false],
    ['https://example.com/', false],
    ['http://localhost/', false],
    ['ws://127.0.0.1:9222/devtools', false],
    ['wss://example.com/', false],
    ['ftp://example.com/x', false],
    ['file:///etc/passwd', false],
    ['app://evil/x.js', false],
    ['not a url', false],
    ['app://hengjian/x.js', true],
    ['app://hengjian/assets/duckdb-eh.wasm', true],
    ['data:text/plain,hi', true],
    ['blob:app://hengjian/6f1c2c1e-0000-4000-8000-000000000000', true],
    ['devtools://devtools/bundled/inspector.html', true],
  ])('isAllowedRequest(%s) = %s', (url, allowed) => {
    expect(isAllowedRequest(url)).toBe(allowed);
  });

  it('trusts only app://hengjian pages as IPC senders', () => {
    expect(isTrustedSender('app://hengjian/index.html')).toBe(true);
    expect(isTrustedSender('app://hengjian/index.html#/trends')).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:4173/index.html')).toBe(false);
    expect(isTrustedSender('https://hengjian/index.html')).toBe(false);
    expect(isTrustedSender('app://user@hengjian/')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender('about:srcdoc')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
  /* eslint-enable no-restricted-syntax */
});

describe('session and webContents hardening (fakes)', () => {
  it('denies every permission and cancels non-local requests', () => {
    const s = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
      on: vi.fn(),
    };
    hardenSession(s as unknown as Session);
    const grant = vi.fn();
    s.setPermissionRequestHandler.mock.calls[0]![0](null, 'media', grant);
    expect(grant).toHaveBeenCalledWith(false);
    expect(s.setPermissionCheckHandler.mock.calls[0]![0]()).toBe(false);
    expect(s.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false);
    const onBefore = s.webRequest.onBeforeRequest.mock.calls[0]![0] as (d: { url: string }, cb: (r: unknown) => void) => void;
    const cb = vi.fn();
    onBefore({ url: 'file:///etc/passwd' }, cb);
    onBefore({ url: 'app://hengjian/index.html' }, cb);
    expect(cb.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });

  it('counts the requests it cancels, keeping the first URLs (the offline self-test shows them)', () => {
    const s = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      on: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    const log = createBlockLog(2);
    hardenSession(s as unknown as Session, log);
    const onBefore = s.webRequest.onBeforeRequest.mock.calls[0]![0] as (d: { url: string }, cb: (r: unknown) => void) => void;
    expect(log.snapshot()).toEqual({ count: 0, urls: [] });
    // eslint-disable-next-line no-restricted-syntax -- network addresses are the inputs that must be refused
    for (const url of ['app://hengjian/index.html', 'https://a.example/x', 'data:text/plain,hi', 'file:///etc/passwd', 'http://127.0.0.1:9/y']) onBefore({ url }, () => undefined);
    // eslint-disable-next-line no-restricted-syntax -- as above
    expect(log.snapshot()).toEqual({ count: 3, urls: ['https://a.example/x', 'file:///etc/passwd'] });
  });

  it('blocks navigation away, new windows and webviews', () => {
    const handlers = new Map<string, (e: { url?: string; preventDefault: () => void }) => void>();
    let openHandler: ((d: { url: string; frameName: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, h: (e: { url?: string; preventDefault: () => void }) => void) => handlers.set(name, h),
      setWindowOpenHandler: (h: (d: { url: string; frameName: string }) => unknown) => (openHandler = h),
    };
    hardenWebContents(contents as unknown as WebContents);
    const navigate = (url: string) => {
      const e = { url, preventDefault: vi.fn() };
      handlers.get('will-navigate')!(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://hengjian/index.html')).toBe(false);
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(handlers.has('will-redirect')).toBe(true);
    expect(openHandler?.({ url: 'app://hengjian/index.html', frameName: '' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'about:blank', frameName: 'other' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'about:blank#x', frameName: PRESENTER_FRAME })).toEqual({ action: 'deny' });
    // The presenter notes: about:blank under its name only, sandboxed, isolated, no Node, no preload (no host API).
    const presenter = openHandler?.({ url: 'about:blank', frameName: PRESENTER_FRAME }) as { action: string; overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> } };
    expect(presenter.action).toBe('allow');
    expect(presenter.overrideBrowserWindowOptions.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, preload: undefined });
    expect(presenter.overrideBrowserWindowOptions.webPreferences.experimentalFeatures).toBe(false);
    expect(presenter.overrideBrowserWindowOptions.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('CSP', () => {
  it('allows wasm but no eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});

describe('menu template', () => {
  const ctx = { isDev: false, appName: '衡鉴', openFiles: vi.fn(), save: vi.fn(), about: vi.fn(), offlineCheck: vi.fn() };
  const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
  const byLabel = (items: MenuItemConstructorOptions[], label: string) => flat(items).find((i) => i.label === label);

  it('has the Chinese top-level menus on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const t = buildMenuTemplate({ ...ctx, platform });
      expect(t.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    }
  });

  it('uses the usual accelerators', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'win32' });
    const expected: Record<string, string> = {
      '打开文件…': 'CmdOrCtrl+O',
      保存: 'CmdOrCtrl+S',
      撤销: 'CmdOrCtrl+Z',
      重做: 'Ctrl+Y',
      剪切: 'CmdOrCtrl+X',
      复制: 'CmdOrCtrl+C',
      粘贴: 'CmdOrCtrl+V',
      全选: 'CmdOrCtrl+A',
      实际大小: 'CmdOrCtrl+0',
      放大: 'CmdOrCtrl+Plus',
      缩小: 'CmdOrCtrl+-',
      全屏: 'F11',
    };
    for (const [label, accelerator] of Object.entries(expected)) expect(byLabel(t, label)?.accelerator, label).toBe(accelerator);
    expect(byLabel(t, '退出')?.role).toBe('quit');
    expect(byLabel(t, '粘贴')?.role).toBe('paste');
  });

  it('shows 重新加载 only in dev, and wires the custom items', () => {
    expect(byLabel(buildMenuTemplate({ ...ctx, platform: 'linux' }), '重新加载')).toBeUndefined();
    const dev = buildMenuTemplate({ ...ctx, platform: 'linux', isDev: true });
    expect(byLabel(dev, '重新加载')?.accelerator).toBe('CmdOrCtrl+R');
    (byLabel(dev, '打开文件…')?.click as () => void)();
    (byLabel(dev, '关于衡鉴')?.click as () => void)();
    expect(ctx.openFiles).toHaveBeenCalledOnce();
    expect(ctx.about).toHaveBeenCalledOnce();
  });

  it('has 帮助 → 离线自检 on every platform, wired to the self-test', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const help = buildMenuTemplate({ ...ctx, platform }).find((m) => m.label === '帮助');
      const first = (help?.submenu as MenuItemConstructorOptions[])[0];
      expect(first?.label, platform).toBe('离线自检');
      (first?.click as () => void)();
    }
    expect(ctx.offlineCheck).toHaveBeenCalledTimes(3);
  });

  it('puts the app menu first on macOS', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'darwin' });
    expect(t[0]?.label).toBe('衡鉴');
    expect(byLabel(t, '退出衡鉴')?.accelerator).toBe('Cmd+Q');
    expect(byLabel(t, '全屏')?.accelerator).toBe('Ctrl+Cmd+F');
    expect(byLabel(t, '退出')).toBeUndefined();
  });

  it('states the version in the about dialog', () => {
    expect(aboutDetail('0.1.0', { electron: '45.5.0', node: '22.0.0' })).toMatch(/^版本 0\.1\.0\nElectron 45\.5\.0 · Node 22\.0\.0\n/);
  });
});
