/**
 * The crash-recovery copy of the workspace: <dir>/workspace.hjw, replaced atomically, with the previous copy kept
 * as workspace.hjw.bak (a hard link, or a copy where links are not supported) before the new one is renamed in.
 * At every instant at least one complete copy exists; reading prefers the newest plausible one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HengjianError } from '../../shared/contract/errors.js';
import type { AutosaveData } from '../../shared/contract/host-api.js';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
import { isSealedWorkspace } from '../../shared/workspace/crypto.js';

/** The autosave file name inside its folder. */
export const AUTOSAVE_FILE = 'workspace.hjw';
/** The previous autosave, kept until the next one is safely in place. */
export const AUTOSAVE_BACKUP = `${AUTOSAVE_FILE}.bak`;

/** Temp files of a write that was killed half-way (ours or writeFileAtomic's); harmless, removed on the next write. */
const STALE_TEMP = /^\.workspace\.hjw(\.bak)?\.[0-9a-f]{12}\.tmp$/;

async function removeStaleTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => STALE_TEMP.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await fs.open(dir, 'r').catch(() => null);
  if (!h) return;
  await h.sync().catch(() => undefined);
  await h.close();
}

const EOCD_SPAN = 22 + 0xffff; // the end-of-central-directory record plus the longest zip comment

const zipHead = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** True when `tail` (the end of a file) holds an end-of-central-directory signature where one may be. */
function hasEocd(tail: Uint8Array): boolean {
  for (let p = tail.length - 22; p >= 0; p--) {
    if (tail[p] === 0x50 && tail[p + 1] === 0x4b && tail[p + 2] === 0x05 && tail[p + 3] === 0x06) return true;
  }
  return false;
}

/** True when the bytes start with a zip local header and end with an end-of-central-directory record. */
export function plausibleZip(bytes: Uint8Array): boolean {
  return bytes.length >= 22 && zipHead(bytes) && hasEocd(bytes.subarray(Math.max(0, bytes.length - EOCD_SPAN)));
}

/** A plausible autosave: a whole zip, or an encrypted workspace (its GCM tag is checked when it is opened). */
export function plausibleAutosave(bytes: Uint8Array): boolean {
  return plausibleZip(bytes) || isSealedWorkspace(bytes);
}

/** The same check on a file, reading only its first bytes and its last 64 KiB. */
async function plausibleAutosaveFile(file: string): Promise<boolean> {
  const h = await fs.open(file, 'r').catch(() => null);
  if (!h) return false;
  try {
    const { size } = await h.stat();
    if (size < 22) return false;
    const head = new Uint8Array(10);
    await h.read(head, 0, 10, 0);
    if (isSealedWorkspace(head)) return true;
    const tail = new Uint8Array(Math.min(size, EOCD_SPAN));
    await h.read(tail, 0, tail.length, size - tail.length);
    return zipHead(head) && hasEocd(tail);
  } finally {
    await h.close();
  }
}

/** Point workspace.hjw.bak at the current autosave (same bytes), atomically. */
async function keepBackup(dir: string): Promise<void> {
  const current = path.join(dir, AUTOSAVE_FILE);
  if (!(await plausibleAutosaveFile(current))) return; // never replace a good backup by a damaged copy
  const temp = path.join(dir, `.${AUTOSAVE_BACKUP}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    try {
      await fs.link(current, temp);
    } catch {
      await fs.copyFile(current, temp);
      const h = await fs.open(temp, 'r+');
      await h.sync().finally(() => h.close());
    }
    await fs.rename(temp, path.join(dir, AUTOSAVE_BACKUP));
    await syncDir(dir);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
    throw new HengjianError('autosave.failed', `自动保存失败：无法保留上一份自动保存（${code}）`);
  }
}

/** Replace the autosave with `bytes`, keeping the previous one as the backup until the new one is in place. */
export async function writeAutosaveFile(dir: string, bytes: Uint8Array, atomic?: AtomicWriteOptions): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await removeStaleTemps(dir);
  await keepBackup(dir);
  await writeFileAtomic(path.join(dir, AUTOSAVE_FILE), bytes, atomic);
}

/** The newest plausible autosave (the main copy, else the backup), or null when there is none. */
export async function readAutosaveFile(dir: string, maxBytes: number): Promise<AutosaveData | null> {
  for (const [name, fromBackup] of [
    [AUTOSAVE_FILE, false],
    [AUTOSAVE_BACKUP, true],
  ] as const) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat === null || !stat.isFile() || stat.size > maxBytes) continue;
    const buf = await fs.readFile(file).catch(() => null);
    if (buf === null) continue;
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    if (plausibleAutosave(bytes)) return { bytes, savedAt: stat.mtime.toISOString(), fromBackup };
  }
  return null;
}

/** Remove the autosave, its backup and any leftover temp file. */
export async function clearAutosaveFiles(dir: string): Promise<void> {
  await fs.rm(path.join(dir, AUTOSAVE_FILE), { force: true });
  await fs.rm(path.join(dir, AUTOSAVE_BACKUP), { force: true });
  await removeStaleTemps(dir);
}

/**
 * Move the autosave (and its previous copy) aside as `workspace.crashed-<stamp>.hjw[.bak]`, so a workspace that
 * crashes the window on every load is not reopened at the next start; nothing is deleted. Returns the new path
 * of the newest copy, or null when there was none.
 */
export async function setAsideAutosave(dir: string, now = new Date()): Promise<string | null> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const target = path.join(dir, `workspace.crashed-${stamp}.hjw`);
  let moved: string | null = null;
  for (const [from, to] of [[AUTOSAVE_FILE, target], [AUTOSAVE_BACKUP, `${target}.bak`]] as const) {
    try {
      await fs.rename(path.join(dir, from), to);
      moved ??= to;
    } catch {
      /* not there: nothing to move */
    }
  }
  await syncDir(dir);
  return moved;
}
