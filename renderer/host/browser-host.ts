import { hostLabel, type FileFilter, type FileRef, type HostApi, type SaveFileRequest, type SaveResult } from '../../shared/contract/host-api.js';
import { download, newToken, pickFiles } from './browser-files.js';
import { createBrowserWorkspaceMethods } from './browser-workspace.js';
import type { KeyValueStore } from './idb-store.js';

/**
 * The HostApi in a plain browser: a hidden file input to pick files, File objects held by token in memory,
 * downloads to save, IndexedDB for the autosave. Nothing leaves the machine.
 */
export function createBrowserHost(autosaveStore?: KeyValueStore): HostApi {
  const picked = new Map<string, File>();
  return {
    ...createBrowserWorkspaceMethods(autosaveStore),
    async info() {
      return {
        kind: 'browser',
        platform: navigator.platform || 'web',
        appVersion: __APP_VERSION__,
        user: '本机用户',
        machine: hostLabel(location.hostname, '浏览器'),
      };
    },
    async openFiles(filters: readonly FileFilter[], multiple: boolean): Promise<FileRef[]> {
      const accept = filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
      return (await pickFiles(accept, multiple)).map((file) => registerFile(file));
    },
    async readFile(ref: FileRef): Promise<Uint8Array> {
      const file = picked.get(ref.token);
      if (!file) throw new Error(`未授权读取的文件：${ref.name}`);
      return new Uint8Array(await file.arrayBuffer());
    },
    async saveFile(request: SaveFileRequest): Promise<SaveResult> {
      download(request.bytes, request.suggestedName);
      return { saved: true, location: request.suggestedName };
    },
  };

  function registerFile(file: File): FileRef {
    const token = newToken();
    picked.set(token, file);
    return { token, name: file.name, size: file.size };
  }
}
