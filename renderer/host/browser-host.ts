import type { FileFilter, FileRef, HostApi, SaveFileRequest, SaveResult } from '../../shared/contract/host-api.js';

/**
 * The HostApi in a plain browser: a hidden file input to pick files, File objects held by token in memory,
 * and downloads to save. Nothing leaves the machine.
 */
export function createBrowserHost(): HostApi {
  const picked = new Map<string, File>();
  const newToken = (): string => {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  return {
    async info() {
      return { kind: 'browser', platform: navigator.platform || 'web', appVersion: __APP_VERSION__ };
    },
    openFiles(filters: readonly FileFilter[], multiple: boolean): Promise<FileRef[]> {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
        input.addEventListener('change', () => {
          const files = Array.from(input.files ?? []);
          resolve(files.map((file) => registerFile(file)));
        });
        input.addEventListener('cancel', () => resolve([]));
        input.click();
      });
    },
    async readFile(ref: FileRef): Promise<Uint8Array> {
      const file = picked.get(ref.token);
      if (!file) throw new Error(`未授权读取的文件：${ref.name}`);
      return new Uint8Array(await file.arrayBuffer());
    },
    async saveFile(request: SaveFileRequest): Promise<SaveResult> {
      const blob = new Blob([request.bytes as Uint8Array<ArrayBuffer>]);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = request.suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, location: request.suggestedName };
    },
  };

  function registerFile(file: File): FileRef {
    const token = newToken();
    picked.set(token, file);
    return { token, name: file.name, size: file.size };
  }
}
