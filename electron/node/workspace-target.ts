import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Connector } from '../../shared/db/connector.js';
import { createTableSql } from '../../shared/model/ddl.js';
import { STORED_TABLES } from '../../shared/model/stored.js';
import { openPortableWorkspace, openWorkspaceInto, portableSnapshot } from '../../shared/workspace/open.js';
import { snapshotWorkspace, type WorkspaceDocuments } from '../../shared/workspace/save.js';
import { appendAudit, manifestAuditHead, type AuditEntry, type AuditHead } from '../../shared/workspace/audit-log.js';
import { writeFileAtomic } from './atomic-write.js';
import { HengjianError } from '../../shared/contract/errors.js';
import { isSealedWorkspace, sealWorkspace, unsealWorkspace, type WorkspaceKey } from '../../shared/workspace/crypto.js';

/** A workspace on disk for the CLI: a folder (manifest.json + tables/) or one portable .hjw file. */
export interface WorkspaceTarget {
  readonly path: string;
  readonly kind: 'dir' | 'hjw';
  /** False when the folder or file does not exist yet (a new workspace is created on save). */
  readonly exists: boolean;
  /** A file holding the passphrase of an encrypted .hjw (--passphrase-file, else HJ_PASSPHRASE_FILE). */
  readonly passphraseFile?: string;
}

/** Keys of the encrypted targets opened, so saveTarget seals them again whatever meta it is given. */
const targetKeys = new WeakMap<WorkspaceTarget, WorkspaceKey>();

/** Classify a --workspace argument; `passphraseFile` defaults to the HJ_PASSPHRASE_FILE environment variable. */
export function workspaceTarget(p: string, passphraseFile: string | null = process.env.HJ_PASSPHRASE_FILE || null): WorkspaceTarget {
  const full = path.resolve(p);
  const exists = existsSync(full);
  const kind = full.toLowerCase().endsWith('.hjw') && (!exists || statSync(full).isFile()) ? 'hjw' : 'dir';
  return { path: full, kind, exists, ...(passphraseFile ? { passphraseFile: path.resolve(passphraseFile) } : {}) };
}

/** The passphrase in the target's passphrase file: its first line (a trailing newline is not part of it). */
async function readPassphrase(t: WorkspaceTarget): Promise<string> {
  const name = path.basename(t.path);
  if (!t.passphraseFile) {
    throw new HengjianError('workspace.encrypted', `工作区文件 ${name} 已加密：请用 --passphrase-file <文件> 或环境变量 HJ_PASSPHRASE_FILE 提供口令文件。`, { file: name });
  }
  const text = await readFile(t.passphraseFile, 'utf8').catch(() => {
    throw new HengjianError('workspace.passphrase-file', `无法读取口令文件：${t.passphraseFile ?? ''}`);
  });
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
}

/** The plain .hjw bytes of a target file, unsealed with the passphrase file when encrypted (the key is kept). */
export async function readHjw(t: WorkspaceTarget): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(t.path));
  if (!isSealedWorkspace(bytes)) return bytes;
  const { plain, key } = await unsealWorkspace(bytes, await readPassphrase(t), path.basename(t.path));
  targetKeys.set(t, key);
  return plain;
}

async function readDir(root: string, rel = ''): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of await readDir(root, r)) files.set(k, v);
    else if (e.isFile()) files.set(r, new Uint8Array(await readFile(path.join(root, r))));
  }
  return files;
}

/** Load the target into the database (an empty workspace when it does not exist yet). */
export async function openTarget(db: Connector, t: WorkspaceTarget): Promise<OpenedTarget> {
  if (!t.exists) {
    for (const def of STORED_TABLES) await db.query(createTableSql(def));
    return { name: path.basename(t.path, '.hjw'), documents: {}, demo: false, audit: undefined, auditHead: null };
  }
  const opened =
    t.kind === 'hjw'
      ? await openPortableWorkspace(db, await readHjw(t), path.basename(t.path))
      : await openWorkspaceInto(db, await readDir(t.path));
  return { name: opened.manifest.name, documents: opened.documents, demo: opened.manifest.demo === true, audit: opened.audit, auditHead: manifestAuditHead(opened.manifest) };
}

/** Write plain .hjw bytes to a target file atomically, sealed with its key when readHjw found it encrypted. */
export async function writeHjw(t: WorkspaceTarget, plain: Uint8Array): Promise<void> {
  const key = targetKeys.get(t);
  await writeFileAtomic(t.path, key ? await sealWorkspace(plain, key) : plain);
}

/** A workspace the CLI opened: its name, documents and audit log (text and the manifest's head). */
export interface OpenedTarget {
  readonly name: string;
  readonly documents: WorkspaceDocuments;
  readonly demo: boolean;
  readonly audit: string | undefined;
  readonly auditHead: AuditHead | null;
}

/** The audit log of an opened target with entries appended, ready for saveTarget's meta. */
export async function withAudit(opened: OpenedTarget, ...entries: AuditEntry[]): Promise<string> {
  return appendAudit(opened.audit ?? '', opened.auditHead, entries);
}

/**
 * Save the database back to the target. A .hjw is written atomically (sealed again with its key when it was opened
 * encrypted); a folder is written complete beside the
 * old one and swapped in by two renames, so a crash leaves the old or the new folder, never a mix.
 */
export async function saveTarget(db: Connector, t: WorkspaceTarget, meta: { name: string; documents: WorkspaceDocuments; audit?: string | undefined }): Promise<void> {
  const audit = meta.audit === undefined ? {} : { audit: meta.audit };
  if (t.kind === 'hjw') {
    await writeHjw(t, await portableSnapshot(db, { name: meta.name, ...meta.documents, ...audit }));
    return;
  }
  const files = await snapshotWorkspace(db, { name: meta.name, ...meta.documents, ...audit });
  const stamp = `${process.pid}-${Date.now()}`;
  const fresh = `${t.path}.new-${stamp}`;
  const old = `${t.path}.old-${stamp}`;
  // Files the workspace format does not produce (notes, boundaries) are carried over unchanged.
  const kept = existsSync(t.path) ? await readDir(t.path) : new Map<string, Uint8Array>();
  for (const [rel, bytes] of kept) if (!files.has(rel) && !rel.startsWith('tables/')) files.set(rel, bytes);
  for (const [rel, bytes] of files) {
    await mkdir(path.dirname(path.join(fresh, rel)), { recursive: true });
    await writeFileAtomic(path.join(fresh, rel), bytes);
  }
  if (existsSync(t.path)) await rename(t.path, old);
  await rename(fresh, t.path);
  await rm(old, { recursive: true, force: true });
}
