/**
 * Opens a URL in the user's default browser, where one can be opened: never on a machine without a desktop
 * session (no DISPLAY / WAYLAND_DISPLAY on Linux), never when BROWSER=none (the convention Vite and CRA use).
 */
import { spawn, spawnSync } from 'node:child_process';

/** The command that opens `url` in the default browser on `platform`, or null where none can be opened. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  hasCommand: (name: string) => boolean,
): { command: string; args: string[] } | null {
  const choice = env.BROWSER?.trim();
  if (choice && /^(none|false|0)$/i.test(choice)) return null;
  if (choice) return hasCommand(choice) ? { command: choice, args: [url] } : null;
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return hasCommand('xdg-open') ? { command: 'xdg-open', args: [url] } : null;
}

function onPath(name: string): boolean {
  const probe = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(probe, [name], { stdio: 'ignore' }).status === 0;
}

/** Open `url` in the default browser if possible; true when a browser was asked to open it. */
export function openBrowser(url: string): boolean {
  const cmd = browserCommand(url, process.platform, process.env, onPath);
  if (cmd === null) return false;
  try {
    const child = spawn(cmd.command, cmd.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
