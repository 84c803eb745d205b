import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HengjianError } from '../../shared/contract/errors.js';
import type { WorkspaceReader } from '../../shared/workspace/load.js';

/** A reader over a workspace folder that refuses paths escaping the folder. */
export function workspaceDirReader(root: string): WorkspaceReader {
  const base = path.resolve(root);
  return async (relativePath) => {
    const full = path.resolve(base, relativePath);
    if (full !== base && !full.startsWith(base + path.sep)) {
      throw new HengjianError('workspace.path', `工作区内的路径越界：${relativePath}`);
    }
    try {
      return new Uint8Array(await readFile(full));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new HengjianError('workspace.missing', `工作区缺少文件：${full}`, { file: full });
      throw e;
    }
  };
}
