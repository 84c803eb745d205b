/** `audit verify|list --workspace <dir|.hjw>`: check the workspace's hash-chained audit log, or list its records. */
import { formatTime } from '../../../shared/format/time.js';
import { translator } from '../../../shared/i18n/messages.js';
import { auditActionKey, AUDIT_ACTIONS, filterAudit, isAuditDate, parseAuditLog, verifyAuditLog, type AuditAction } from '../../../shared/workspace/audit-log.js';
import { readStoredAudit } from '../../node/workspace-audit.js';
import { optionalFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { existingWorkspace } from './open.js';

/** Exit code of `audit verify` when the chain is broken (tampering); an interrupted last write exits 4. */
export const EXIT_TAMPERED = 3;
export const EXIT_TORN = 4;

const zh = translator('zh-CN');

export async function auditCommand(args: ParsedArgs): Promise<CommandResult> {
  const sub = args.positional[0];
  if (sub === 'verify') return verify(args);
  if (sub === 'list') return list(args);
  throw new UsageError(`audit 的子命令应为 verify 或 list：${sub ?? '（缺少）'}`);
}

async function verify(args: ParsedArgs): Promise<CommandResult> {
  const target = existingWorkspace(args);
  const stored = await readStoredAudit(target);
  const v = await verifyAuditLog(stored.text ?? '', stored.head);
  const message = v.problem
    ? `审计日志校验失败：${v.problem.message}`
    : `审计日志完整：共 ${v.records} 条记录，哈希链无断裂${v.anchored ? '，与工作区清单记载的末条一致' : '（工作区清单未记载末条，无法发现末尾被删的记录）'}${v.beyondHead ? `；另有 ${v.beyondHead} 条在清单记载之后追加` : ''}。`;
  const json = {
    workspace: target.path,
    ok: v.ok,
    records: v.records,
    anchored: v.anchored,
    beyondHead: v.beyondHead,
    present: stored.text !== undefined,
    head: stored.head,
    firstBad: v.problem ? { index: v.problem.index, kind: v.problem.kind, message: v.problem.message } : null,
    message,
  };
  return { json, text: message, exitCode: v.problem === null ? 0 : v.problem.kind === 'torn' ? EXIT_TORN : EXIT_TAMPERED };
}

async function list(args: ParsedArgs): Promise<CommandResult> {
  const target = existingWorkspace(args);
  const since = optionalFlag(args, 'since');
  const until = optionalFlag(args, 'until');
  for (const [flag, value] of [['since', since], ['until', until]] as const) {
    if (value !== null && !isAuditDate(value)) throw new UsageError(`--${flag} 应为日期，如 2026-06-01：${value}`);
  }
  const action = optionalFlag(args, 'action');
  const actions = action === null ? null : action.split(',');
  for (const a of actions ?? []) if (!(AUDIT_ACTIONS as readonly string[]).includes(a)) throw new UsageError(`--action 应为 ${AUDIT_ACTIONS.join('、')} 之一：${a}`);
  const stored = await readStoredAudit(target);
  const all = parseAuditLog(stored.text ?? '').records;
  const records = filterAudit(all, { since, until, actions: actions as AuditAction[] | null });
  const text = records.length
    ? records.map((r) => `${r.seq}\t${formatTime(r.at)}\t${r.user}@${r.machine}\t${zh(auditActionKey(r.action))}\t${r.object}\t${r.result}`).join('\n')
    : '没有符合条件的审计记录。';
  return { json: { workspace: target.path, total: all.length, count: records.length, records }, text };
}
