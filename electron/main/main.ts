/**
 * Electron main process: lifecycle, the single window, protocol, security, IPC and menu. Thin by design: every
 * decision lives in a pure module beside it (app-protocol-core, security, ipc-core, menu-template, ../node).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, screen, session, type OpenDialogOptions } from 'electron';
import { setAsideAutosave } from '../node/autosave.js';
import { createNodeHost, type HostDialogs } from '../node/node-host.js';
import { APP_INDEX_URL } from './app-protocol-core.js';
import { crashMessage, crashPolicy } from './crash-policy.js';
import { registerHostIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { printPdf } from './print-pdf.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { createBlockLog, hardenSession, hardenWebContents } from './security.js';
import { mainWindowOptions } from './window-options.js';

/** Requests the session blockers cancelled since start (帮助 → 离线自检 shows the count). */
const blockLog = createBlockLog();

let mainWindow: BrowserWindow | null = null;

function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home'); // some minimal Linux desktops define no XDG documents folder
  }
}

/** Electron's dialogs, parented to the main window, in the shape node-host expects. */
function electronDialogs(): HostDialogs {
  const toFilters = (filters: readonly { name: string; extensions: readonly string[] }[]) =>
    filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
  return {
    async showOpenDialog({ filters, multiple, title }) {
      const options: OpenDialogOptions = {
        title: title ?? '打开文件',
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: toFilters(filters),
      };
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async showSaveDialog({ suggestedName, filters, title }) {
      const options = { title: title ?? '保存', defaultPath: path.join(documentsDir(), suggestedName), filters: toFilters(filters) };
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}

/** The crash-recovery autosave's folder. */
function autosaveDir(): string {
  return path.join(app.getPath('userData'), 'autosave');
}

function createWindow(): void {
  const preload = path.join(app.getAppPath(), 'dist-electron', 'preload.cjs');
  const win = new BrowserWindow(mainWindowOptions(preload, screen.getPrimaryDisplay().workAreaSize));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('did-fail-load', (_e, errorCode, description, url) => {
    console.error(`[hengjian] failed to load ${url}: ${errorCode} ${description}`);
  });
  const onGone = crashPolicy();
  win.webContents.on('render-process-gone', (_e, details) => {
    console.error(`[hengjian] renderer gone: ${details.reason}`);
    const action = onGone(details.reason);
    if (action === 'ignore' || win.isDestroyed()) return;
    // The reload waits for the message; giving up first sets the autosave aside, so a restart does not load it again.
    void (action === 'give-up' ? setAsideAutosave(autosaveDir()).catch(() => null) : Promise.resolve(null))
      .then((aside) => dialog.showMessageBox(win, { type: 'error', title: '衡鉴', message: crashMessage(details.reason, action, aside) }))
      .then(() => {
        if (action === 'reload' && !win.isDestroyed()) void win.loadURL(APP_INDEX_URL);
      });
  });
  void win.loadURL(APP_INDEX_URL);
}

app.setName('衡鉴');
app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
app.on('session-created', (created) => hardenSession(created, blockLog));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, blockLog);
      handleAppProtocol(path.join(app.getAppPath(), 'dist'));
      registerHostIpc(createNodeHost({ dialogs: electronDialogs(), appVersion: app.getVersion(), autosaveDir: autosaveDir(), printPdf, blockLog }));
      installMenu(!app.isPackaged);
      createWindow();
    })
    .catch((e: unknown) => {
      console.error('[hengjian] start-up failed', e);
      app.exit(1);
    });
}
