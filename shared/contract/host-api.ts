/**
 * The host boundary. The Electron main process (through a sandboxed preload) and the browser implement it; the
 * renderer receives a HostApi through React context and never knows which one it has. Every method is async and
 * takes only structured-cloneable arguments, so it can cross IPC unchanged.
 */
import type { BlockedRequests } from '../trust/offline-check.js';

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
  /** Who is signed in on this machine, for watermarks (Electron: the OS user name; browser: a neutral label). */
  readonly user?: string;
  /** This machine's name, for watermarks (Electron: the host name; browser: the page's host name). */
  readonly machine?: string;
}

/** A user or machine name as a watermark prints it: control characters dropped, trimmed, at most 64 characters. */
export function hostLabel(x: unknown, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- control characters and non-characters are what is dropped
  const v = typeof x === 'string' ? [...x.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/gu, '').trim()].slice(0, 64).join('') : '';
  return v || fallback;
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly filters: readonly FileFilter[];
}

/** Where a save went, or null when the user cancelled. */
export type SaveResult = { readonly saved: true; readonly location: string } | { readonly saved: false };

/** A workspace file saved or opened: `location` is an opaque token for saveWorkspaceTo, `name` is for display. */
export type WorkspaceSaveResult =
  | { readonly saved: true; readonly location: string; readonly name: string }
  | { readonly saved: false };

/** A .hjw the user opened: its bytes, a display name and a location token to save back to (Ctrl+S). */
export interface OpenedWorkspaceFile {
  readonly token: string;
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The last autosave; `fromBackup` when the main copy was missing or unreadable and the previous one was used. */
export interface AutosaveData {
  readonly bytes: Uint8Array;
  /** ISO 8601 time of the write. */
  readonly savedAt: string;
  readonly fromBackup: boolean;
}

/** One file of a set saved together (a pack, a batch of packs): a plain file name, no directory. */
export interface NamedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** An HTML report to print to PDF: no script runs in it; header and footer are Chromium print templates' text. */
export interface PrintPdfRequest {
  readonly html: string;
  /** Plain text for the top of every page (内部资料 marking), escaped by the printer. */
  readonly headerText: string;
  /** Plain text for the bottom of every page beside the page number (the watermark). */
  readonly footerText: string;
  /** @font-face rules (data: URIs) for the margins' text, which cannot use the page's fonts. */
  readonly marginFontCss?: string;
}

/** The dialog filter for portable workspaces. */
export const WORKSPACE_FILTERS: readonly FileFilter[] = [{ name: '衡鉴工作区', extensions: ['hjw'] }];

export interface HostApi {
  info(): Promise<HostInfo>;
  /** Let the user pick files to import; an empty array when cancelled. */
  openFiles(filters: readonly FileFilter[], multiple: boolean): Promise<FileRef[]>;
  /** Read a file the user picked (by its token). */
  readFile(ref: FileRef): Promise<Uint8Array>;
  /** Save bytes where the user chooses (Electron: atomically; browser: a download). */
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  /** Save a packed workspace (.hjw) where the user chooses (Electron: atomically; browser: a download). */
  saveWorkspaceAs(bytes: Uint8Array, suggestedName: string): Promise<WorkspaceSaveResult>;
  /** Save again to a file saved or opened before (Ctrl+S), named only by its location token. */
  saveWorkspaceTo(location: string, bytes: Uint8Array): Promise<WorkspaceSaveResult>;
  /** Let the user pick a .hjw and read it; null when cancelled. */
  openWorkspace(): Promise<OpenedWorkspaceFile | null>;
  /** Replace the crash-recovery copy of the workspace (the previous one is kept as a backup). */
  writeAutosave(bytes: Uint8Array): Promise<void>;
  /** The crash-recovery copy, or null when there is none. */
  readAutosave(): Promise<AutosaveData | null>;
  /** Forget the crash-recovery copy and its backup (after a clean save or close). */
  clearAutosave(): Promise<void>;
  /**
   * Save a set of files into one new folder the user names (Electron: each file atomically; browser: one .zip
   * download of the folder). `location` is the folder (or the zip's name).
   */
  saveFiles(files: readonly NamedFile[], folderName: string): Promise<SaveResult>;
  /** Print report HTML to an A4 PDF with JavaScript off (Electron: printToPDF; a plain browser cannot: it rejects). */
  printPdf(request: PrintPdfRequest): Promise<Uint8Array>;
  /** Requests the Electron session's blocker cancelled since start (the offline self-test); null in a browser. */
  blockedRequests(): Promise<BlockedRequests | null>;
}

const methods: Record<keyof HostApi, true> = {
  info: true,
  openFiles: true,
  readFile: true,
  saveFile: true,
  saveWorkspaceAs: true,
  saveWorkspaceTo: true,
  openWorkspace: true,
  writeAutosave: true,
  readAutosave: true,
  clearAutosave: true,
  saveFiles: true,
  printPdf: true,
  blockedRequests: true,
};
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
  /** Largest .hjw saved, opened or autosaved. */
  maxWorkspaceBytes: 1024 * 1024 * 1024,
  /** Most files saved together (a batch of packs in four formats plus its index). */
  maxFiles: 4096,
  /** Largest report HTML printed to PDF (fonts and charts inlined). */
  maxHtmlBytes: 64 * 1024 * 1024,
  maxTemplateText: 512,
} as const;
