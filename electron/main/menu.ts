/** Installs the native Chinese application menu built by `buildMenuTemplate`. */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { aboutDetail, buildMenuTemplate } from './menu-template.js';

/**
 * Channel on which menu commands are sent to the focused page. Placeholder: the preload exposes only the HostApi
 * today, so nothing listens yet; on Windows/Linux the Ctrl+O / Ctrl+S keystrokes still reach the page itself.
 */
export const MENU_COMMAND_CHANNEL = 'hengjian:menu';

function sendCommand(command: 'open-files' | 'save'): void {
  BrowserWindow.getFocusedWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

async function showAbout(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: '关于衡鉴',
    message: '衡鉴 Hengjian',
    detail: aboutDetail(app.getVersion(), process.versions),
    buttons: ['确定'],
  };
  const win = BrowserWindow.getFocusedWindow();
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** Build and install the application menu for this platform. */
export function installMenu(isDev: boolean): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    isDev,
    appName: '衡鉴',
    openFiles: () => sendCommand('open-files'),
    save: () => sendCommand('save'),
    about: () => void showAbout(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
