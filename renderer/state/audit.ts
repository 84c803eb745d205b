/**
 * The one entry point the UI records audit events through: audit.record(action, object, result). Records are
 * chained onto the current workspace's log (shared/workspace/audit-log.ts), which travels inside the workspace
 * (audit.jsonl, head in the manifest) and reaches disk with the crash-recovery autosave and every save.
 */
import { errorMessage } from '../../shared/contract/errors.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import { hostLabel } from '../../shared/contract/host-api.js';
import { appendAudit, auditHead, type AuditAction } from '../../shared/workspace/audit-log.js';
import { useAppStore } from './store.js';

let host: HostApi | null = null;
let changed: (() => void) | null = null;
let identity: Promise<{ user: string; machine: string }> | null = null;
let queue: Promise<void> = Promise.resolve();

/** The host whose user and machine are recorded, and what writes the log out (the autosave); set once at start. */
export function setAuditHost(h: HostApi, onChange: () => void): void {
  host = h;
  changed = onChange;
  identity = null;
}

function who(): Promise<{ user: string; machine: string }> {
  identity ??= (host ? host.info() : Promise.resolve({ user: undefined, machine: undefined }))
    .then((i) => ({ user: hostLabel(i.user, '本机用户'), machine: hostLabel(i.machine, '本机') }))
    .catch(() => ({ user: '本机用户', machine: '本机' }));
  return identity;
}

/** Append one record to the current workspace's log; resolves once it is in the workspace (never rejects). */
function record(action: AuditAction, object: string, result = '成功'): Promise<void> {
  const at = new Date().toISOString();
  queue = queue.then(async () => {
    const id = await who();
    // Hashing is async: if the log changed meanwhile (another workspace opened), chain again onto what is there now.
    for (let tries = 0; tries < 5; tries++) {
      const ws = useAppStore.getState().workspace;
      if (!ws) return;
      const text = await appendAudit(ws.audit ?? '', ws.auditHead ?? null, [{ at, ...id, action, object, result }]);
      if (useAppStore.getState().workspace?.audit !== ws.audit) continue;
      // An open is recorded without making the workspace "unsaved"; every other event is a change to be saved.
      const open = action === 'workspace.open';
      useAppStore.getState().patchWorkspace({ audit: text, auditHead: auditHead(text), ...(open ? {} : { dirty: true }) });
      // An open does not start an autosave of its own: the autosave writes the whole workspace on the main thread
      // (a 87k-row sample stalled the page ~350 ms just after it opened); its record reaches disk with the next
      // autosave or save, which every change starts.
      if (!open) changed?.();
      return;
    }
  }).catch((e: unknown) => console.error('[hengjian] audit record failed', e));
  return queue;
}

/** The result of an action that may fail or be cancelled, in the log's words. */
function outcome(saved: boolean): string {
  return saved ? '成功' : '已取消';
}

/** Record `action` on `object` around `run`: its failure is recorded (and rethrown). */
async function around<T>(action: AuditAction, object: string, run: () => Promise<T>, result: (value: T) => string): Promise<T> {
  try {
    const value = await run();
    void record(action, object, result(value));
    return value;
  } catch (e) {
    void record(action, object, `失败：${errorMessage(e)}`);
    throw e;
  }
}

export const audit = { record, around, outcome };
