/**
 * The audit log of a workspace on disk (a folder or a .hjw), read and appended without loading its tables: what the
 * CLI's `audit` command and its exports use. The app writes the log inside the workspace it saves (save.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hostLabel } from '../../shared/contract/host-api.js';
import { parseManifest } from '../../shared/workspace/load.js';
import { packWorkspace, unpackWorkspace } from '../../shared/workspace/portable.js';
import { AUDIT_FILE, appendAudit, auditHead, manifestAuditHead, type AuditAction, type AuditEntry, type AuditHead } from '../../shared/workspace/audit-log.js';
import { writeFileAtomic } from './atomic-write.js';
import { readHjw, writeHjw, type WorkspaceTarget } from './workspace-target.js';

/** The log's text (undefined: none yet) and the manifest's head (null: none). */
export interface StoredAudit {
  readonly text: string | undefined;
  readonly head: AuditHead | null;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8');

/** Who runs this process: the OS user and the machine, as watermarks name them. */
export function osIdentity(): { user: string; machine: string } {
  let user = '';
  try {
    user = os.userInfo().username;
  } catch {
    // some service accounts have no user entry
  }
  return { user: hostLabel(user, '本机用户'), machine: hostLabel(os.hostname(), '本机') };
}

/** An entry by this process, now. */
export function cliAuditEntry(action: AuditAction, object: string, result: string): AuditEntry {
  return { at: new Date().toISOString(), ...osIdentity(), action, object, result };
}

function fromFiles(files: ReadonlyMap<string, Uint8Array>): StoredAudit {
  const manifest = parseManifest(files.get('manifest.json') ?? new Uint8Array());
  const head = manifestAuditHead(manifest);
  const bytes = files.get(manifest.audit?.file ?? AUDIT_FILE);
  return { text: bytes ? dec.decode(bytes) : head ? '' : undefined, head };
}

async function readFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>([['manifest.json', new Uint8Array(await readFile(path.join(dir, 'manifest.json')))]]);
  const log = path.join(dir, AUDIT_FILE);
  if (existsSync(log)) files.set(AUDIT_FILE, new Uint8Array(await readFile(log)));
  return files;
}

/** Read the log and head of an existing workspace. */
export async function readStoredAudit(t: WorkspaceTarget): Promise<StoredAudit> {
  if (t.kind === 'hjw') return fromFiles(unpackWorkspace(await readHjw(t), path.basename(t.path)));
  return fromFiles(await readFolder(t.path));
}

/**
 * Append entries to an existing workspace's log without touching its tables. A folder: the log is replaced
 * atomically, then the manifest with its new head (a crash in between leaves records beyond the head, which verify
 * accepts). A .hjw: repacked with both and replaced atomically.
 */
export async function appendAuditToTarget(t: WorkspaceTarget, entries: readonly AuditEntry[]): Promise<void> {
  if (t.kind === 'hjw') {
    const files = unpackWorkspace(await readHjw(t), path.basename(t.path));
    if (isDemo(files)) return skipDemo(entries);
    const stored = fromFiles(files);
    const text = await appendAudit(stored.text ?? '', stored.head, entries);
    files.set(AUDIT_FILE, enc.encode(text));
    files.set('manifest.json', withHead(files.get('manifest.json') as Uint8Array, text));
    await writeHjw(t, packWorkspace(files));
    return;
  }
  const files = await readFolder(t.path);
  if (isDemo(files)) return skipDemo(entries);
  const stored = fromFiles(files);
  const text = await appendAudit(stored.text ?? '', stored.head, entries);
  await writeFileAtomic(path.join(t.path, AUDIT_FILE), enc.encode(text));
  await writeFileAtomic(path.join(t.path, 'manifest.json'), withHead(files.get('manifest.json') as Uint8Array, text));
}

/**
 * Whether the workspace is the demo (the embedded sample: fictitious people, shipped inside the app, where a
 * packaged install cannot write). Its actions are not logged: there is no one's personal data to account for, and
 * the shipped files stay as shipped.
 */
function isDemo(files: ReadonlyMap<string, Uint8Array>): boolean {
  const m = files.get('manifest.json');
  if (!m) return false;
  try {
    return (JSON.parse(dec.decode(m)) as { demo?: unknown }).demo === true;
  } catch {
    return false;
  }
}

function skipDemo(entries: readonly AuditEntry[]): void {
  for (const e of entries) process.stderr.write(`[audit] 示例工作区（演示数据）不写审计日志：${e.action} ${e.object}\n`);
}

/** The manifest as it was (checked, not migrated) with the log's new head. */
function withHead(manifestBytes: Uint8Array, text: string): Uint8Array {
  parseManifest(manifestBytes);
  const raw = JSON.parse(dec.decode(manifestBytes)) as Record<string, unknown>;
  return enc.encode(JSON.stringify({ ...raw, audit: { file: AUDIT_FILE, ...auditHead(text) } }, null, 2));
}
