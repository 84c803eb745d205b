/**
 * Window and session hardening. Only type imports from `electron`: the functions work on the objects they are
 * given, so the decisions (web preferences, allowed URLs) are unit-tested in Node.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import type { BlockedRequests } from '../../shared/trust/offline-check.js';
import { APP_HOST } from './app-protocol-core.js';

/** The web preferences of every window: isolated, sandboxed, no Node, no webview, only our preload. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    experimentalFeatures: false,
    // Middle-click (auxclick) on a link would ask for a new window; the window-open handler denies it anyway.
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * What is wrong with a window's web preferences against the Electron security checklist (empty when nothing).
 * Tests run it on every window factory (main, presenter notes, print). `enableBlinkFeatures` must never be set at
 * all, not even to an empty string.
 */
export function webPreferenceViolations(prefs: WebPreferences | undefined): string[] {
  if (!prefs) return ['no webPreferences (Electron defaults are not asserted)'];
  const out: string[] = [];
  const must: [keyof WebPreferences, unknown][] = [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
  ];
  for (const [key, value] of must) if (prefs[key] !== value) out.push(`${key} must be ${String(value)}`);
  if ('enableBlinkFeatures' in prefs) out.push('enableBlinkFeatures must not be set');
  return out;
}

function parse(url: string | undefined | null): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of our own pages: app://hengjian/… (the origin every IPC caller and navigation must have). */
export function isTrustedSender(url: string | undefined | null): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'app:' && u.host === APP_HOST && u.username === '' && u.password === '';
}

const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/**
 * Whether a request may leave the renderer: only our app:// files, DevTools, data: and blob: URLs. Everything
 * else (http, https, ws, file, ftp, …) is cancelled: the app makes no network request, ever.
 */
export function isAllowedRequest(url: string): boolean {
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol === 'app:') return isTrustedSender(url);
  return LOCAL_SCHEMES.has(u.protocol);
}

/** The requests the sessions' blockers cancelled since start: a count and the first few URLs (the self-test shows them). */
export interface BlockLog {
  record(url: string): void;
  snapshot(): BlockedRequests;
}

/** A block log keeping the count and the first `keep` URLs (each cut to 300 characters). */
export function createBlockLog(keep = 20): BlockLog {
  let count = 0;
  const urls: string[] = [];
  return {
    record(url) {
      count += 1;
      if (urls.length < keep) urls.push(url.slice(0, 300));
    },
    snapshot: () => ({ count, urls: [...urls] }),
  };
}

/** The decision of the session's request blocker on one request; a cancelled one is recorded in `log`. */
export function blockDecision(url: string, log?: BlockLog): { cancel: boolean } {
  const cancel = !isAllowedRequest(url);
  if (cancel) log?.record(url);
  return { cancel };
}

/** Deny every permission and device, block (and record in `log`) every request that is not local, on one session. */
export function hardenSession(session: Session, log?: BlockLog): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // A device chooser (navigator.hid / serial / usb .requestDevice) is answered with no device: the request is cancelled.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.webRequest.onBeforeRequest((details, callback) => callback(blockDecision(details.url, log)));
}

/** The window name projection mode opens its presenter notes under (renderer/views/projection/PresenterNotes.tsx). */
export const PRESENTER_FRAME = 'hj-presenter';

/**
 * What a window.open may do: only the presenter notes window, an about:blank page the projection writes into (it
 * loads nothing, and navigation away from it is blocked like everywhere), opens, as a plain sandboxed window with
 * no preload (so no host API); everything else is denied.
 */
export function windowOpenDecision(details: { readonly url: string; readonly frameName: string }): { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions: BrowserWindowConstructorOptions } {
  if (details.url !== 'about:blank' || details.frameName !== PRESENTER_FRAME) return { action: 'deny' };
  return {
    action: 'allow',
    overrideBrowserWindowOptions: { title: '演讲者备注', width: 960, height: 720, autoHideMenuBar: true, backgroundColor: '#111111', webPreferences: { ...secureWebPreferences(''), preload: undefined } },
  };
}

const SUBFRAME_DOCUMENTS = new Set(['about:srcdoc', 'about:blank']);

/**
 * Whether a frame may navigate to `url`: any frame to our own pages; a subframe also to about:srcdoc / about:blank,
 * the documents our own code writes into a frame (红黄榜's print frame), which inherit the page's origin and CSP.
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean): boolean {
  return isTrustedSender(url) || (!isMainFrame && SUBFRAME_DOCUMENTS.has(url));
}

/** Block navigation away from our pages, new windows (but the presenter notes) and webviews, on one webContents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedSender(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedSender(event.url)) event.preventDefault();
  });
  // Subframes (iframes) do not emit will-navigate; the main frame is left to will-navigate above.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedFrameNavigation(event.url, false)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => windowOpenDecision(details));
}
