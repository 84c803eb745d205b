/** Installs the native Chinese application menu built by `buildMenuTemplate`. */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/contract/menu-command.js';
import { aboutDetail, buildMenuTemplate } from './menu-template.js';

export { MENU_COMMAND_CHANNEL };

/**
 * Send a menu command to the focused page (the preload forwards it to the renderer). The page handles
 * offline-check; on Windows/Linux the Ctrl+O / Ctrl+S keystrokes reach the page itself.
 */
function sendCommand(command: MenuCommand): void {
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
    offlineCheck: () => sendCommand('offline-check'),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
