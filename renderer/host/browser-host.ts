import { zipSync } from 'fflate';
import { HengjianError } from '../../shared/contract/errors.js';
import { hostLabel, type FileFilter, type FileRef, type HostApi, type NamedFile, type SaveFileRequest, type SaveResult } from '../../shared/contract/host-api.js';
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
    /** A browser has no session blocker: the self-test relies on the page's resource timing. */
    async blockedRequests() {
      return null;
    },
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
    async saveFiles(files: readonly NamedFile[], folderName: string): Promise<SaveResult> {
      // A browser writes no folders: one zip whose entries sit in a folder of that name (stored, not deflated:
      // PDF, PPTX, DOCX and XLSX are compressed already).
      const entries: Record<string, Uint8Array> = {};
      for (const f of files) entries[`${folderName}/${f.name}`] = f.bytes;
      const name = `${folderName}.zip`;
      download(zipSync(entries, { level: 0 }), name);
      return { saved: true, location: name };
    },
    async printPdf(): Promise<Uint8Array> {
      throw new HengjianError('pdf-unavailable', '浏览器版不能直接生成PDF：请在桌面版中生成，或导出HTML后用浏览器“打印→另存为PDF”。');
    },
  };

  function registerFile(file: File): FileRef {
    const token = newToken();
    picked.set(token, file);
    return { token, name: file.name, size: file.size };
  }
}
