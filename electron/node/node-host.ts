/**
 * The HostApi over the file system. Dialogs are injected (main.ts passes Electron's, tests pass fakes), so the
 * whole host runs in plain Node.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HengjianError } from '../../shared/contract/errors.js';
import { HOST_LIMITS, hostLabel, type FileRef, type HostApi, type PrintPdfRequest, type SaveResult } from '../../shared/contract/host-api.js';
import type { BlockedRequests } from '../../shared/trust/offline-check.js';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
import { FileTokens } from './file-tokens.js';
import type { HostDialogs } from './host-dialogs.js';
import { createWorkspaceStore } from './workspace-store.js';

export type { HostDialogs } from './host-dialogs.js';


/** Largest file readFile returns: Node's fs.readFile stops at 2 GiB - 1 anyway, and IPC copies the bytes. */
export const MAX_READ_BYTES = 2 ** 31 - 1;

/** Everything createNodeHost needs. */
export interface NodeHostOptions {
  readonly dialogs: HostDialogs;
  readonly appVersion: string;
  readonly platform?: string;
  readonly tokens?: FileTokens;
  readonly maxReadBytes?: number;
  readonly atomicWrite?: AtomicWriteOptions;
  /** Folder of the crash-recovery autosave (main.ts: userData/autosave). */
  readonly autosaveDir?: string;
  /** Location tokens of workspace files, kept apart from the tokens of imported files. */
  readonly workspaceTokens?: FileTokens;
  /** Prints report HTML to PDF (main.ts: a hidden, script-less window's printToPDF); without it printPdf rejects. */
  readonly printPdf?: (request: PrintPdfRequest) => Promise<Uint8Array>;
  /** Watermark fields (tests pass fixed ones); default: os.userInfo().username and os.hostname(). */
  readonly user?: string;
  readonly machine?: string;
  /** The session blockers' log (main.ts); blockedRequests answers from it, null without one. */
  readonly blockLog?: { snapshot(): BlockedRequests };
}

/** The OS user name; '' where the account has none (userInfo throws for some service accounts). */
function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** A display name that passes the IPC name schema: no control characters, at most maxNameLength. */
export function displayName(filePath: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const base = path.basename(filePath).replace(/[\u0000-\u001f]/g, '\ufffd');
  return (base === '' ? '未命名' : base).slice(0, HOST_LIMITS.maxNameLength);
}

/** Build the Electron HostApi over the file system. */
export function createNodeHost(options: NodeHostOptions): HostApi {
  const tokens = options.tokens ?? new FileTokens();
  const maxRead = options.maxReadBytes ?? MAX_READ_BYTES;
  const workspaces = createWorkspaceStore({
    dialogs: options.dialogs,
    autosaveDir: options.autosaveDir,
    tokens: options.workspaceTokens,
    atomicWrite: options.atomicWrite,
    displayName,
  });

  return {
    ...workspaces,

    async blockedRequests() {
      return options.blockLog?.snapshot() ?? null;
    },

    async info() {
      return {
        kind: 'electron',
        platform: options.platform ?? process.platform,
        appVersion: options.appVersion,
        user: hostLabel(options.user ?? osUser(), '本机用户'),
        machine: hostLabel(options.machine ?? os.hostname(), '本机'),
      };
    },

    async openFiles(filters, multiple) {
      const picked = await options.dialogs.showOpenDialog({ filters, multiple });
      const refs: FileRef[] = [];
      for (const filePath of multiple ? picked : picked.slice(0, 1)) {
        const stat = await fs.stat(filePath);
        if (!stat.isFile()) continue;
        refs.push({ token: tokens.issue(filePath), name: displayName(filePath), size: stat.size });
      }
      return refs;
    },

    async readFile(ref) {
      const filePath = tokens.resolve(ref.token);
      const stat = await fs.stat(filePath).catch(() => null);
      if (stat === null || !stat.isFile()) {
        throw new HengjianError('file-missing', `文件已不存在或无法访问：${ref.name}`, { file: ref.name });
      }
      if (stat.size > maxRead) {
        throw new HengjianError('file-too-large', `文件过大（${stat.size} 字节，上限 ${maxRead} 字节）：${ref.name}`, {
          file: ref.name,
          size: stat.size,
        });
      }
      const buf = await fs.readFile(filePath);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },

    async saveFile(request): Promise<SaveResult> {
      const target = await options.dialogs.showSaveDialog({ suggestedName: request.suggestedName, filters: request.filters });
      if (target === null) return { saved: false };
      await writeFileAtomic(target, request.bytes, options.atomicWrite);
      return { saved: true, location: target };
    },

    async saveFiles(files, folderName): Promise<SaveResult> {
      const target = await options.dialogs.showSaveDialog({ suggestedName: folderName, filters: [], title: '保存到新文件夹' });
      if (target === null) return { saved: false };
      // The folder is new or empty: a batch never mixes with, or overwrites, files it did not write.
      await fs.mkdir(target, { recursive: true });
      const existing = await fs.readdir(target);
      if (existing.length > 0) {
        throw new HengjianError('folder-not-empty', `所选文件夹不是空的：${displayName(target)}（请换一个新文件夹名）`, { folder: displayName(target) });
      }
      for (const f of files) {
        // Names were validated (no separators, no '.'/'..'); resolve once more so nothing escapes the folder.
        const file = path.resolve(target, f.name);
        if (path.dirname(file) !== path.resolve(target)) throw new HengjianError('invalid-file-name', `文件名无效：${f.name}`, { file: f.name });
        await writeFileAtomic(file, f.bytes, options.atomicWrite);
      }
      return { saved: true, location: target };
    },

    async printPdf(request): Promise<Uint8Array> {
      if (!options.printPdf) throw new HengjianError('pdf-unavailable', '此环境不能生成PDF。');
      return options.printPdf(request);
    },
  };
}
