/**
 * Window and session hardening. Only type imports from `electron`: the functions work on the objects they are
 * given, so the decisions (web preferences, allowed URLs) are unit-tested in Node.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
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
  };
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

/** Deny every permission, block every request that is not local, on one session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
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

/** Block navigation away from our pages, new windows (but the presenter notes) and webviews, on one webContents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedSender(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedSender(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => windowOpenDecision(details));
}
