/**
 * Crash-safe replacement of a file: write a temp file in the same directory, fsync it, rename it over the target,
 * fsync the directory. A kill at any point leaves either the old file or the new one, never a torn one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HengjianError } from '../../shared/contract/errors.js';

/** Injectable pieces, so tests can simulate Windows locking and failures. */
export interface AtomicWriteOptions {
  readonly platform?: NodeJS.Platform;
  readonly rename?: (from: string, to: string) => Promise<void>;
  /** Total time to keep retrying a locked rename on Windows (antivirus, indexer, Explorer preview). */
  readonly retryBudgetMs?: number;
}

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

function code(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function renameWithRetry(from: string, to: string, o: Required<AtomicWriteOptions>): Promise<void> {
  let delay = 10;
  let waited = 0;
  for (;;) {
    try {
      return await o.rename(from, to);
    } catch (e) {
      if (o.platform !== 'win32' || !RETRYABLE.has(code(e)) || waited >= o.retryBudgetMs) throw e;
      const pause = Math.min(delay, o.retryBudgetMs - waited);
      await sleep(pause);
      waited += pause;
      delay *= 2;
    }
  }
}

async function fsyncDir(dir: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return; // directories cannot be opened for fsync on Windows; NTFS journals renames
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems (e.g. network mounts) refuse fsync on a directory; the rename has already happened.
  }
}

/** Atomically replace (or create) `target` with `data`; throws a HengjianError 'save-failed' and cleans up. */
export async function writeFileAtomic(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const o: Required<AtomicWriteOptions> = {
    platform: options.platform ?? process.platform,
    rename: options.rename ?? fs.rename,
    retryBudgetMs: options.retryBudgetMs ?? 1000,
  };
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const mode = await fs.stat(target).then((s) => s.mode & 0o777, () => 0o666);
    const handle = await fs.open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target, o);
    created = false;
    await fsyncDir(dir, o.platform);
  } catch (e) {
    if (created) await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new HengjianError('save-failed', `保存失败：${target}（${code(e) || (e instanceof Error ? e.message : String(e))}）`, {
      path: target,
    });
  }
}
