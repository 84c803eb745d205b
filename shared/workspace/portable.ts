/**
 * The portable workspace file (.hjw): one zip that travels by USB between air-gapped machines. Packing is
 * deterministic (fixed mtime, fixed order); unpacking goes through the bounded zip reader of shared/ingest.
 */
import { zipSync, type Zippable } from 'fflate';
import { HengjianError } from '../contract/errors.js';
import { HOST_LIMITS } from '../contract/host-api.js';
import { unzip } from '../ingest/readers/zip/zip.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../ingest/types.js';
import { isSealedWorkspace } from './crypto.js';

/** The file extension of a portable workspace, without the dot. */
export const WORKSPACE_EXTENSION = 'hjw';

/**
 * Bounds for opening a .hjw. Our CSVs can compress far better than a spreadsheet (columns of NULLs), so the ratio
 * bound is set above deflate's ceiling (~1032:1) and the total inflated size is what stops a zip bomb.
 */
export const WORKSPACE_LIMITS: ReadLimits = {
  ...DEFAULT_LIMITS,
  maxFileBytes: HOST_LIMITS.maxWorkspaceBytes,
  maxInflatedBytes: 2 * 1024 * 1024 * 1024 - 1,
  maxRatio: 1100,
  maxZipEntries: 1000,
};

// A local-time Date, because zip stores local DOS time: the same fields (and bytes) in every time zone.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Pack workspace files into one .hjw (zip, deflate level 6): manifest.json first, the rest by name. */
export function packWorkspace(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const manifest = files.get('manifest.json');
  if (!manifest) throw new HengjianError('workspace.pack.manifest', '无法打包工作区：缺少 manifest.json。');
  const zippable: Zippable = { 'manifest.json': manifest };
  for (const name of [...files.keys()].filter((n) => n !== 'manifest.json').sort()) zippable[name] = files.get(name) as Uint8Array;
  return zipSync(zippable, { level: 6, mtime: FIXED_MTIME });
}

/** Entry names we read: the relative paths the manifest schema allows. Anything else in the zip is ignored. */
function isWorkspaceEntry(name: string): boolean {
  return /^[A-Za-z0-9_./-]{1,128}$/.test(name) && !name.split('/').includes('..') && !name.endsWith('/');
}

/**
 * Unpack a .hjw into its files. A damaged, truncated or foreign file, or one without manifest.json, is a
 * HengjianError with a Chinese message; nothing is loaded here, so a failure leaves the current workspace as is.
 */
export function unpackWorkspace(bytes: Uint8Array, fileName: string, limits: ReadLimits = WORKSPACE_LIMITS): Map<string, Uint8Array> {
  if (bytes.byteLength === 0) throw new HengjianError('workspace.file.empty', `工作区文件 ${fileName} 是空文件，无法打开。`, { file: fileName });
  if (isSealedWorkspace(bytes)) {
    throw new HengjianError('workspace.encrypted', `工作区文件 ${fileName} 已加密：请先输入口令。`, { file: fileName });
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new HengjianError('workspace.file.foreign', `文件 ${fileName} 不是衡鉴工作区（.${WORKSPACE_EXTENSION}）文件，或已严重损坏。`, { file: fileName });
  }
  let entries: { name: string; bytes: Uint8Array }[];
  try {
    entries = unzip(bytes, fileName, limits, isWorkspaceEntry);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new HengjianError('workspace.file.damaged', `工作区文件 ${fileName} 已损坏，无法打开（${reason}）。当前工作区未受影响。`, { file: fileName });
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (files.has(entry.name)) {
      throw new HengjianError('workspace.file.damaged', `工作区文件 ${fileName} 已损坏：其中的 ${entry.name} 出现了两次。`, { file: fileName });
    }
    files.set(entry.name, entry.bytes);
  }
  if (!files.has('manifest.json')) {
    throw new HengjianError('workspace.manifest.missing', `文件 ${fileName} 中没有工作区清单（manifest.json）：不是衡鉴工作区，或文件已损坏。`, {
      file: fileName,
    });
  }
  return files;
}
