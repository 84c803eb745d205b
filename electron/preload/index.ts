/**
 * Sandboxed preload: exposes exactly the HostApi (one ipcRenderer.invoke per method) and the menu commands (only
 * the known names, see menu-command.ts), nothing else. Bundled to one CJS file that requires only 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { HOST_GLOBAL, HOST_METHODS, hostChannel } from '../../shared/contract/host-api.js';
import { isMenuCommand, MENU_COMMAND_CHANNEL, MENU_GLOBAL, type MenuBridge, type MenuCommand } from '../../shared/contract/menu-command.js';

contextBridge.exposeInMainWorld(
  HOST_GLOBAL,
  Object.fromEntries(HOST_METHODS.map((m) => [m, (...args: unknown[]) => ipcRenderer.invoke(hostChannel(m), ...args)])),
);

const menu: MenuBridge = {
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
  },
};
contextBridge.exposeInMainWorld(MENU_GLOBAL, menu);
