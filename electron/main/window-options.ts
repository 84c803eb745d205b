/** The main window's constructor options, as data (type-only `electron` import) so tests can assert them. */
import type { BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security.js';

/** Background painted before the renderer's first frame (matches the shell's light theme). */
export const WINDOW_BACKGROUND = '#f5f7fa';

/** Options of the one BrowserWindow: 1440×900 (clamped to the work area), min 1024×700, shown when ready. */
export function mainWindowOptions(
  preload: string,
  workArea: { readonly width: number; readonly height: number } = { width: 1440, height: 900 },
): BrowserWindowConstructorOptions {
  return {
    title: '衡鉴',
    width: Math.max(1024, Math.min(1440, workArea.width)),
    height: Math.max(700, Math.min(900, workArea.height)),
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: secureWebPreferences(preload),
  };
}
