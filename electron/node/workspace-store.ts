/**
 * The workspace half of the Electron HostApi: save-as / save / open of .hjw files the user picked (named to the
 * renderer only by opaque location tokens), and the crash-recovery autosave in the app's own folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { HengjianError } from '../../shared/contract/errors.js';
import {
  HOST_LIMITS,
  WORKSPACE_FILTERS,
  type AutosaveData,
  type HostApi,
  type WorkspaceSaveResult,
} from '../../shared/contract/host-api.js';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
import { writeAutosaveFile, readAutosaveFile, clearAutosaveFiles } from './autosave.js';
import { FileTokens } from './file-tokens.js';
import type { HostDialogs } from './host-dialogs.js';

/** Everything the workspace store needs. */
export interface WorkspaceStoreOptions {
  readonly dialogs: HostDialogs;
  /** Folder of the autosave (main.ts: userData/autosave); autosave methods fail clearly without it. */
  readonly autosaveDir?: string;
  /** Location tokens: a separate registry from imported files, so an import's token can never be a save target. */
  readonly tokens?: FileTokens;
  readonly maxBytes?: number;
  readonly atomicWrite?: AtomicWriteOptions;
  /** Display names as the IPC schema accepts them (node-host's displayName). */
  readonly displayName: (filePath: string) => string;
}

type WorkspaceMethods = Pick<
  HostApi,
  'saveWorkspaceAs' | 'saveWorkspaceTo' | 'openWorkspace' | 'writeAutosave' | 'readAutosave' | 'clearAutosave'
>;

/** `name` with the .hjw extension (case-insensitive), added when missing. */
export function withWorkspaceExtension(name: string): string {
  return /\.hjw$/i.test(name) ? name : `${name}.hjw`;
}

/** Build the workspace methods of the Electron HostApi. */
export function createWorkspaceStore(options: WorkspaceStoreOptions): WorkspaceMethods {
  const tokens = options.tokens ?? new FileTokens();
  const maxBytes = options.maxBytes ?? HOST_LIMITS.maxWorkspaceBytes;
  const autosaveDir = (): string => {
    if (!options.autosaveDir) throw new HengjianError('autosave.unavailable', '自动保存不可用：未配置自动保存目录。');
    return options.autosaveDir;
  };
  let autosaveQueue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = autosaveQueue.then(job, job);
    autosaveQueue = run.catch(() => undefined);
    return run;
  };

  const saveTo = async (target: string, token: string, bytes: Uint8Array): Promise<WorkspaceSaveResult> => {
    await writeFileAtomic(target, bytes, options.atomicWrite);
    return { saved: true, location: token, name: options.displayName(target) };
  };

  return {
    async saveWorkspaceAs(bytes, suggestedName) {
      const picked = await options.dialogs.showSaveDialog({
        suggestedName: withWorkspaceExtension(suggestedName),
        filters: WORKSPACE_FILTERS,
        title: '保存工作区',
      });
      if (picked === null) return { saved: false };
      const target = withWorkspaceExtension(picked);
      return saveTo(target, tokens.issue(target), bytes);
    },

    async saveWorkspaceTo(location, bytes) {
      return saveTo(tokens.resolve(location), location, bytes);
    },

    async openWorkspace() {
      const [picked] = await options.dialogs.showOpenDialog({ filters: WORKSPACE_FILTERS, multiple: false, title: '打开工作区' });
      if (picked === undefined) return null;
      const name = options.displayName(picked);
      const stat = await fs.stat(picked).catch(() => null);
      if (stat === null || !stat.isFile()) throw new HengjianError('file-missing', `文件已不存在或无法访问：${name}`, { file: name });
      if (stat.size > maxBytes) {
        throw new HengjianError('file-too-large', `工作区文件过大（${stat.size} 字节，上限 ${maxBytes} 字节）：${name}`, { file: name });
      }
      const buf = await fs.readFile(picked);
      return { token: tokens.issue(path.resolve(picked)), name, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
    },

    writeAutosave(bytes) {
      return serial(() => writeAutosaveFile(autosaveDir(), bytes, options.atomicWrite));
    },

    readAutosave(): Promise<AutosaveData | null> {
      return serial(() => readAutosaveFile(autosaveDir(), maxBytes));
    },

    clearAutosave() {
      return serial(() => clearAutosaveFiles(autosaveDir()));
    },
  };
}
