/**
 * Commands the native menu sends to the page (Electron: main → preload → renderer on one channel). The preload
 * forwards only these names; anything else on the channel is dropped.
 */
export const MENU_COMMANDS = ['open-files', 'save', 'offline-check'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The IPC channel main sends menu commands on. */
export const MENU_COMMAND_CHANNEL = 'hengjian:menu';

/** The name under which the preload exposes `onMenuCommand` on window (a second global beside the HostApi). */
export const MENU_GLOBAL = 'hengjianMenu';

export function isMenuCommand(x: unknown): x is MenuCommand {
  return typeof x === 'string' && (MENU_COMMANDS as readonly string[]).includes(x);
}

/** What the preload exposes under MENU_GLOBAL. */
export interface MenuBridge {
  /** Call `listener` with each menu command; returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
