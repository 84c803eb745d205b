/**
 * The Electron security checklist (docs/security.md maps each item here), on the pure main-process modules with
 * fakes: web preferences of every window this app creates, frame navigation, the session's handlers, and what the
 * sources never do (experimental features, Blink features, webviews, openExternal, file:// pages).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Session, WebContents, WebPreferences } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { printWindowOptions } from '../../electron/main/print-options.js';
import {
  hardenSession,
  hardenWebContents,
  isAllowedFrameNavigation,
  PRESENTER_FRAME,
  secureWebPreferences,
  webPreferenceViolations,
  windowOpenDecision,
} from '../../electron/main/security.js';
import { mainWindowOptions } from '../../electron/main/window-options.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every .ts/.tsx/.html file under the app's source folders, with its text. */
function sources(dirs: readonly string[]): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tsx?|html)$/.test(e.name)) out.push({ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out;
}
const APP_SOURCES = sources(['electron', 'renderer', 'shared']);

const presenter = windowOpenDecision({ url: 'about:blank', frameName: PRESENTER_FRAME });
const WINDOWS: [string, WebPreferences | undefined][] = [
  ['main window', mainWindowOptions('/app/dist-electron/preload.cjs').webPreferences],
  ['presenter notes window', presenter.action === 'allow' ? presenter.overrideBrowserWindowOptions.webPreferences : undefined],
  ['print-to-PDF window', printWindowOptions().webPreferences],
];

describe('every window this app creates', () => {
  it.each(WINDOWS)('%s: isolated, sandboxed, no Node, web security on, no insecure content, no webview', (_name, prefs) => {
    expect(webPreferenceViolations(prefs)).toEqual([]);
  });

  it.each(WINDOWS)('%s: experimentalFeatures off and enableBlinkFeatures never set', (_name, prefs) => {
    expect(prefs?.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs?.disableBlinkFeatures).toBe('Auxclick');
  });

  it('only the main window has a preload; the print window runs no JavaScript at all', () => {
    expect(WINDOWS.map(([, p]) => p?.preload)).toEqual(['/app/dist-electron/preload.cjs', undefined, undefined]);
    expect(WINDOWS.map(([, p]) => p?.javascript)).toEqual([undefined, undefined, false]);
  });

  it('names what is wrong with unsafe preferences', () => {
    const safe = secureWebPreferences('/p.cjs');
    expect(webPreferenceViolations({ ...safe, experimentalFeatures: true })).toEqual(['experimentalFeatures must be false']);
    expect(webPreferenceViolations({ ...safe, enableBlinkFeatures: '' })).toEqual(['enableBlinkFeatures must not be set']);
    expect(webPreferenceViolations({ ...safe, sandbox: undefined, nodeIntegration: true })).toEqual(['sandbox must be true', 'nodeIntegration must be false']);
    expect(webPreferenceViolations({ ...safe, contextIsolation: false, webSecurity: false, allowRunningInsecureContent: true, webviewTag: true })).toEqual([
      'contextIsolation must be true',
      'webSecurity must be true',
      'allowRunningInsecureContent must be false',
      'webviewTag must be false',
    ]);
    expect(webPreferenceViolations(undefined)).toHaveLength(1);
  });

  it('every `new BrowserWindow(` in the sources takes its options from a checked factory', () => {
    const created = APP_SOURCES.flatMap(({ file, text }) => [...text.matchAll(/new BrowserWindow\(([^)]*)/g)].map((m) => `${file}: ${m[1]}`));
    expect(created.sort()).toEqual(['electron/main/main.ts: mainWindowOptions(preload, screen.getPrimaryDisplay(', 'electron/main/print-pdf.ts: printWindowOptions('].sort());
    // Windows opened by the renderer get their options from windowOpenDecision only (setWindowOpenHandler).
    expect(APP_SOURCES.filter(({ text }) => text.includes('setWindowOpenHandler(')).map((s) => s.file)).toEqual(['electron/main/security.ts']);
  });

  it('no source enables experimental or Blink features, uses a webview, allowpopups, openExternal or file:// pages', () => {
    const hits = (re: RegExp) => APP_SOURCES.filter(({ file, text }) => file !== 'electron/main/security.ts' && re.test(text)).map((s) => s.file);
    expect(hits(/enableBlinkFeatures|experimentalFeatures/)).toEqual([]);
    expect(hits(/<webview|allowpopups/i)).toEqual([]);
    expect(hits(/openExternal|shell\.openPath/)).toEqual([]);
    expect(hits(/loadFile\(|loadURL\(\s*['"`]file:/)).toEqual([]);
  });
});

describe('navigation (fake webContents)', () => {
  type Ev = { url: string; isMainFrame?: boolean; preventDefault: () => void };
  const wire = () => {
    const handlers = new Map<string, (e: Ev) => void>();
    hardenWebContents({ on: (n: string, h: (e: Ev) => void) => handlers.set(n, h), setWindowOpenHandler: vi.fn() } as unknown as WebContents);
    const blocked = (event: string, url: string, isMainFrame?: boolean) => {
      const e = { url, isMainFrame, preventDefault: vi.fn() };
      handlers.get(event)!(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    return { handlers, blocked };
  };

  /* eslint-disable no-restricted-syntax -- network addresses are the test inputs that must be refused */
  it('blocks will-navigate and will-redirect away from app://hengjian', () => {
    const { blocked } = wire();
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank', 'javascript:alert(1)']) {
        expect(blocked(event, url), `${event} ${url}`).toBe(true);
      }
      expect(blocked(event, 'app://hengjian/index.html#/trends')).toBe(false);
    }
  });

  it('blocks will-frame-navigate of subframes unless to our pages or the documents our code writes into a frame', () => {
    const { blocked } = wire();
    for (const url of ['https://example.com/', 'http://127.0.0.1/', 'file:///C:/Windows/win.ini', 'app://evil/x.html', 'data:text/html,<script>1</script>', 'javascript:1', 'blob:app://hengjian/x']) {
      expect(blocked('will-frame-navigate', url, false), url).toBe(true);
    }
    for (const url of ['app://hengjian/index.html', 'about:srcdoc', 'about:blank']) expect(blocked('will-frame-navigate', url, false), url).toBe(false);
    // Main-frame navigations are will-navigate's: the frame handler leaves them, will-navigate blocks them.
    expect(blocked('will-frame-navigate', 'https://example.com/', true)).toBe(false);
    expect(blocked('will-navigate', 'https://example.com/', true)).toBe(true);
  });
  /* eslint-enable no-restricted-syntax */

  it('isAllowedFrameNavigation: about:srcdoc and about:blank only in subframes', () => {
    expect(isAllowedFrameNavigation('about:srcdoc', false)).toBe(true);
    expect(isAllowedFrameNavigation('about:srcdoc', true)).toBe(false);
    expect(isAllowedFrameNavigation('about:blank', true)).toBe(false);
    expect(isAllowedFrameNavigation('app://hengjian/index.html', true)).toBe(true);
  });

  it('denies every window.open but the presenter notes, and every webview', () => {
    const { handlers } = wire();
    const webview = { url: '', preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    // eslint-disable-next-line no-restricted-syntax -- a foreign address window.open must be refused
    for (const [url, frameName] of [['https://example.com/', ''], ['app://hengjian/index.html', PRESENTER_FRAME], ['about:blank', '_blank'], ['file:///x', PRESENTER_FRAME]]) {
      expect(windowOpenDecision({ url: url!, frameName: frameName! }), url).toEqual({ action: 'deny' });
    }
  });
});

describe('session (fake)', () => {
  const fakeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
    on: vi.fn(),
  });
  // Every permission Electron names (PermissionRequestHandler / PermissionCheckHandler), and the device kinds.
  const PERMISSIONS = ['clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'deprecated-sync-clipboard-read'];

  it('the permission request handler denies every permission', () => {
    const s = fakeSession();
    hardenSession(s as unknown as Session);
    const request = s.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void;
    for (const p of PERMISSIONS) {
      const cb = vi.fn();
      request({}, p, cb, { requestingUrl: 'app://hengjian/index.html', isMainFrame: true });
      expect(cb, p).toHaveBeenCalledWith(false);
    }
  });

  it('the permission check handler answers false for every permission, from our own origin too', () => {
    const s = fakeSession();
    hardenSession(s as unknown as Session);
    const check = s.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string, origin: string, d: unknown) => boolean;
    for (const p of PERMISSIONS) expect(check(null, p, 'app://hengjian', { requestingUrl: 'app://hengjian/index.html' }), p).toBe(false);
  });

  it('the device permission handler answers false for HID, serial and USB devices', () => {
    const s = fakeSession();
    hardenSession(s as unknown as Session);
    const device = s.setDevicePermissionHandler.mock.calls[0]![0] as (d: unknown) => boolean;
    for (const deviceType of ['hid', 'serial', 'usb']) expect(device({ deviceType, origin: 'app://hengjian', device: {} }), deviceType).toBe(false);
  });

  it('answers every device chooser (HID, serial, USB) with no device, so the request is cancelled', () => {
    const s = fakeSession();
    hardenSession(s as unknown as Session);
    const on = new Map(s.on.mock.calls.map((c) => [c[0] as string, c[1] as (...a: unknown[]) => void]));
    expect([...on.keys()].sort()).toEqual(['select-hid-device', 'select-serial-port', 'select-usb-device']);
    const answers: Record<string, unknown[]> = {};
    for (const [name, handler] of on) {
      const event = { preventDefault: vi.fn() };
      const callback = (...a: unknown[]) => (answers[name] = a);
      if (name === 'select-serial-port') handler(event, [{ portId: 'COM1' }], {}, callback);
      else handler(event, { deviceList: [{ deviceId: 'd1' }] }, callback);
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(answers).toEqual({ 'select-hid-device': [], 'select-serial-port': [''], 'select-usb-device': [] });
  });

  /* eslint-disable no-restricted-syntax -- network addresses are the test inputs that must be refused */
  it('webRequest cancels every request that is not our app:// (or data:/blob:/devtools:)', () => {
    const s = fakeSession();
    hardenSession(s as unknown as Session);
    const onBefore = s.webRequest.onBeforeRequest.mock.calls[0]![0] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const cancel = (url: string) => {
      let r: { cancel: boolean } | undefined;
      onBefore({ url }, (x) => (r = x));
      return r?.cancel;
    };
    for (const url of ['http://127.0.0.1/', 'https://example.com/a.js', 'http://[::1]:80/', 'ws://localhost/', 'wss://x/', 'ftp://x/', 'file:///etc/passwd', 'file://server/share/x', 'app://other/x', 'app://u:p@hengjian/x', 'chrome://settings', 'filesystem:app://hengjian/x', 'smb://x/y', '']) {
      expect(cancel(url), url).toBe(true);
    }
    for (const url of ['app://hengjian/index.html', 'app://hengjian/assets/duckdb-eh.wasm', 'data:image/png;base64,AA==', 'blob:app://hengjian/1']) expect(cancel(url), url).toBe(false);
  });
  /* eslint-enable no-restricted-syntax */
});
