import { HengjianError } from '../../../shared/contract/errors.js';
import { workspaceTarget, type WorkspaceTarget } from '../../node/workspace-target.js';
import { requireFlag, type ParsedArgs } from '../args.js';

/** The --workspace target, which must exist (a typed Chinese error otherwise). */
export function existingWorkspace(args: ParsedArgs): WorkspaceTarget {
  const target = workspaceTarget(requireFlag(args, 'workspace'));
  if (!target.exists) throw new HengjianError('workspace.missing', `工作区不存在：${target.path}`, { file: target.path });
  return target;
}
