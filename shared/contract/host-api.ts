/**
 * The host boundary. The Electron main process (through a sandboxed preload) and the browser implement it; the
 * renderer receives a HostApi through React context and never knows which one it has. Every method is async and
 * takes only structured-cloneable arguments, so it can cross IPC unchanged.
 */

export interface FileFilter {
  /** Shown in the dialog, e.g. '表格文件'. */
  readonly name: string;
  /** Extensions without dots, e.g. ['csv', 'xlsx']. */
  readonly extensions: readonly string[];
}

/**
 * An opaque handle to a file the user picked. The renderer never sees or chooses paths: the host issues a token
 * for each file picked in its dialog and reads only those.
 */
export interface FileRef {
  readonly token: string;
  readonly name: string;
  readonly size: number;
}

export interface HostInfo {
  readonly kind: 'electron' | 'browser';
  readonly platform: string;
  readonly appVersion: string;
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly filters: readonly FileFilter[];
}

/** Where a save went, or null when the user cancelled. */
export type SaveResult = { readonly saved: true; readonly location: string } | { readonly saved: false };

export interface HostApi {
  info(): Promise<HostInfo>;
  /** Let the user pick files to import; an empty array when cancelled. */
  openFiles(filters: readonly FileFilter[], multiple: boolean): Promise<FileRef[]>;
  /** Read a file the user picked (by its token). */
  readFile(ref: FileRef): Promise<Uint8Array>;
  /** Save bytes where the user chooses (Electron: atomically; browser: a download). */
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
}

const methods: Record<keyof HostApi, true> = { info: true, openFiles: true, readFile: true, saveFile: true };
/** Every HostApi method name; a method missing here fails to compile. */
export const HOST_METHODS = Object.keys(methods) as (keyof HostApi)[];

/** IPC channel for a method: one `ipcMain.handle` per method. */
export function hostChannel(method: keyof HostApi): string {
  return `hengjian:host:${method}`;
}

/** The name under which the preload exposes the HostApi on `window`. */
export const HOST_GLOBAL = 'hengjianHost';

/** Limits the main process enforces on IPC arguments. */
export const HOST_LIMITS = {
  maxFilters: 16,
  maxExtensions: 32,
  maxNameLength: 255,
  maxSaveBytes: 1024 * 1024 * 1024,
} as const;
