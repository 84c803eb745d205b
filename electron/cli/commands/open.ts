import { HengjianError } from '../../../shared/contract/errors.js';
import type { Connector } from '../../../shared/db/connector.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { openTarget, workspaceTarget, type WorkspaceTarget } from '../../node/workspace-target.js';
import { optionalFlag, requireFlag, type ParsedArgs } from '../args.js';

/**
 * Open the --workspace target (which must exist) in a new engine, run `fn` on it, and close the engine: what every
 * read-only command does.
 */
export async function onWorkspace<T>(args: ParsedArgs, fn: (db: Connector, ws: OpenedTarget, target: WorkspaceTarget) => Promise<T>): Promise<T> {
  const target = existingWorkspace(args);
  const db = await createNodeConnector();
  try {
    return await fn(db, await openTarget(db, target), target);
  } finally {
    await db.close();
  }
}

type OpenedTarget = Awaited<ReturnType<typeof openTarget>>;

/** The --workspace target, which must exist (a typed Chinese error otherwise). */
export function existingWorkspace(args: ParsedArgs): WorkspaceTarget {
  const target = workspaceTarget(requireFlag(args, 'workspace'), passphraseFileFlag(args));
  if (!target.exists) throw new HengjianError('workspace.missing', `工作区不存在：${target.path}`, { file: target.path });
  return target;
}

/** --passphrase-file (a passphrase is never taken on the command line), else the HJ_PASSPHRASE_FILE variable. */
export function passphraseFileFlag(args: ParsedArgs): string | null {
  return optionalFlag(args, 'passphrase-file') ?? (process.env.HJ_PASSPHRASE_FILE || null);
}
