import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Connector } from '../../shared/db/connector.js';
import { createTableSql } from '../../shared/model/ddl.js';
import { STORED_TABLES } from '../../shared/model/stored.js';
import { openPortableWorkspace, openWorkspaceInto, portableSnapshot } from '../../shared/workspace/open.js';
import { snapshotWorkspace, type WorkspaceDocuments } from '../../shared/workspace/save.js';
import { writeFileAtomic } from './atomic-write.js';

/** A workspace on disk for the CLI: a folder (manifest.json + tables/) or one portable .hjw file. */
export interface WorkspaceTarget {
  readonly path: string;
  readonly kind: 'dir' | 'hjw';
  /** False when the folder or file does not exist yet (a new workspace is created on save). */
  readonly exists: boolean;
}

/** Classify a --workspace argument. */
export function workspaceTarget(p: string): WorkspaceTarget {
  const full = path.resolve(p);
  const exists = existsSync(full);
  const kind = full.toLowerCase().endsWith('.hjw') && (!exists || statSync(full).isFile()) ? 'hjw' : 'dir';
  return { path: full, kind, exists };
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
export async function openTarget(db: Connector, t: WorkspaceTarget): Promise<{ name: string; documents: WorkspaceDocuments; demo: boolean }> {
  if (!t.exists) {
    for (const def of STORED_TABLES) await db.query(createTableSql(def));
    return { name: path.basename(t.path, '.hjw'), documents: {}, demo: false };
  }
  const opened =
    t.kind === 'hjw'
      ? await openPortableWorkspace(db, new Uint8Array(await readFile(t.path)), path.basename(t.path))
      : await openWorkspaceInto(db, await readDir(t.path));
  return { name: opened.manifest.name, documents: opened.documents, demo: opened.manifest.demo === true };
}

/**
 * Save the database back to the target. A .hjw is written atomically; a folder is written complete beside the
 * old one and swapped in by two renames, so a crash leaves the old or the new folder, never a mix.
 */
export async function saveTarget(db: Connector, t: WorkspaceTarget, meta: { name: string; documents: WorkspaceDocuments }): Promise<void> {
  if (t.kind === 'hjw') {
    await writeFileAtomic(t.path, await portableSnapshot(db, { name: meta.name, ...meta.documents }));
    return;
  }
  const files = await snapshotWorkspace(db, { name: meta.name, ...meta.documents });
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
