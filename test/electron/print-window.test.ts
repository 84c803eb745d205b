/**
 * print-pdf.ts against a fake `electron`: reports and packs are printed in a window with JavaScript off, on their
 * own hardened session, whose app:// handler serves only the job's HTML, under PACK_CSP (default-src 'none' plus
 * inline styles, data: fonts and data: images).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PRINT_PARTITION, PRINT_URL } from '../../electron/main/print-options.js';
import { webPreferenceViolations } from '../../electron/main/security.js';
import { PACK_CSP } from '../../shared/report/pack-html.js';

type Fn = (...a: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const served: { url: string; status: number; csp: string | null; type: string | null; body: string }[] = [];
  const state = { handler: undefined as undefined | ((r: Request) => Response | Promise<Response>) };
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
    on: vi.fn(),
    protocol: { handle: vi.fn((_scheme: string, h: (r: Request) => Response) => (state.handler = h)) },
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    events = new Map<string, Fn>();
    destroyed = false;
    webContents = {
      on: (e: string, f: Fn) => this.events.set(e, f),
      setWindowOpenHandler: (f: Fn) => this.events.set('window-open', f),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7')),
    };
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      windows.push(this);
    }
    async loadURL(url: string) {
      // What the window's page would get from its session for the document URL and for a second, foreign one.
      for (const u of [url, 'app://hengjian/index.html']) {
        const r = await state.handler!(new Request(u));
        served.push({ url: u, status: r.status, csp: r.headers.get('content-security-policy'), type: r.headers.get('content-type'), body: await r.text() });
      }
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const fromPartition = vi.fn(() => session);
  return { served, state, session, windows, fromPartition, FakeWindow };
});
vi.mock('electron', () => {
  const e = { BrowserWindow: fake.FakeWindow, session: { fromPartition: fake.fromPartition } };
  return { ...e, default: e };
});

const HTML = '<!doctype html><html><head><meta charset="utf-8"></head><body><h1>一把手分析材料</h1></body></html>';
let pdf: Uint8Array;

beforeAll(async () => {
  const { printPdf } = await import('../../electron/main/print-pdf.js');
  pdf = await printPdf({ html: HTML, headerText: '内部资料', footerText: '张三' });
});

/* eslint-disable no-restricted-syntax -- foreign addresses are the inputs the print window must refuse */
describe('the print-to-PDF window (fake electron)', () => {
  it('prints in one window with JavaScript off, sandboxed, no preload, on the in-memory print session', () => {
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7');
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({ javascript: false, partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.preload).toBeUndefined();
    expect(webPreferenceViolations(prefs)).toEqual([]);
    expect(fake.fromPartition).toHaveBeenCalledWith(PRINT_PARTITION);
    expect(fake.windows[0]!.destroyed).toBe(true);
  });

  it('hardens the print window: navigation, frame navigation, redirects, webviews and window.open', () => {
    const events = [...fake.windows[0]!.events.keys()].sort();
    expect(events).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect', 'window-open'].sort());
    expect((fake.windows[0]!.events.get('window-open') as Fn)({ url: 'https://example.com/', frameName: '' })).toEqual({ action: 'deny' });
  });

  it('hardens the print session: permissions denied, every non-app request cancelled', () => {
    const request = fake.session.setPermissionRequestHandler.mock.calls[0]![0] as Fn;
    const cb = vi.fn();
    request({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect((fake.session.setPermissionCheckHandler.mock.calls[0]![0] as Fn)()).toBe(false);
    const onBefore = fake.session.webRequest.onBeforeRequest.mock.calls[0]![0] as Fn;
    const done = vi.fn();
    onBefore({ url: 'https://example.com/font.woff2' }, done);
    expect(done).toHaveBeenCalledWith({ cancel: true });
  });

  it("serves the job's HTML at the print URL only, with the pack CSP; anything else is 404", () => {
    expect(fake.served).toEqual([
      { url: PRINT_URL, status: 200, csp: PACK_CSP, type: 'text/html; charset=utf-8', body: HTML },
      { url: 'app://hengjian/index.html', status: 404, csp: null, type: null, body: '' },
    ]);
    expect(PACK_CSP.split('; ')).toEqual(["default-src 'none'", "style-src 'unsafe-inline'", 'font-src data:', 'img-src data:']);
  });

  it('serves nothing once the job is done', async () => {
    expect((await fake.state.handler!(new Request(PRINT_URL))).status).toBe(404);
  });
});
/* eslint-enable no-restricted-syntax */
