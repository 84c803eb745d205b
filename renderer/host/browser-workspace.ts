/**
 * The workspace methods of the browser HostApi: save-as and save are downloads of the .hjw, open is a file input,
 * and the crash-recovery autosave lives in IndexedDB (one record, replaced in one transaction, so never torn).
 */
import { HengjianError } from '../../shared/contract/errors.js';
import { HOST_LIMITS, type AutosaveData, type HostApi, type WorkspaceSaveResult } from '../../shared/contract/host-api.js';
import { download, newToken, pickFiles } from './browser-files.js';
import { openKeyValueStore, type KeyValueStore } from './idb-store.js';

type WorkspaceMethods = Pick<
  HostApi,
  'saveWorkspaceAs' | 'saveWorkspaceTo' | 'openWorkspace' | 'writeAutosave' | 'readAutosave' | 'clearAutosave'
>;

const AUTOSAVE_KEY = 'workspace';

interface AutosaveRecord {
  readonly bytes: Uint8Array;
  readonly savedAt: string;
}

const withExtension = (name: string): string => (/\.hjw$/i.test(name) ? name : `${name}.hjw`);

/** Build the browser's workspace methods over `store` (default: IndexedDB database 'hengjian', store 'autosave'). */
export function createBrowserWorkspaceMethods(store: KeyValueStore = openKeyValueStore('hengjian', 'autosave')): WorkspaceMethods {
  const locations = new Map<string, string>(); // token → file name; a browser cannot write back to a path
  const unavailable = (e: unknown): HengjianError =>
    new HengjianError('autosave.unavailable', `自动保存不可用：浏览器本地存储（IndexedDB）无法使用（${e instanceof Error ? e.message : String(e)}）`);
  const save = (token: string, name: string, bytes: Uint8Array): WorkspaceSaveResult => {
    download(bytes, name);
    return { saved: true, location: token, name };
  };
  return {
    async saveWorkspaceAs(bytes, suggestedName) {
      const name = withExtension(suggestedName);
      const token = newToken();
      locations.set(token, name);
      return save(token, name, bytes);
    },
    async saveWorkspaceTo(location, bytes) {
      const name = locations.get(location);
      if (name === undefined) throw new HengjianError('file-not-authorised', '文件未授权：请用“另存为”重新选择保存位置。');
      return save(location, name, bytes);
    },
    async openWorkspace() {
      const [file] = await pickFiles('.hjw', false);
      if (!file) return null;
      if (file.size > HOST_LIMITS.maxWorkspaceBytes) {
        throw new HengjianError('file-too-large', `工作区文件过大（${file.size} 字节，上限 ${HOST_LIMITS.maxWorkspaceBytes} 字节）：${file.name}`);
      }
      const token = newToken();
      locations.set(token, file.name);
      return { token, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    },
    async writeAutosave(bytes) {
      const record: AutosaveRecord = { bytes, savedAt: new Date().toISOString() };
      await store.put(AUTOSAVE_KEY, record).catch((e: unknown) => {
        throw unavailable(e);
      });
    },
    async readAutosave(): Promise<AutosaveData | null> {
      const record = await store.get<AutosaveRecord>(AUTOSAVE_KEY).catch(() => undefined);
      if (!record || !(record.bytes instanceof Uint8Array)) return null;
      return { bytes: record.bytes, savedAt: record.savedAt, fromBackup: false };
    },
    async clearAutosave() {
      await store.delete(AUTOSAVE_KEY).catch((e: unknown) => {
        throw unavailable(e);
      });
    },
  };
}
