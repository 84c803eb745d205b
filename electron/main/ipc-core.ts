/**
 * The pure half of the IPC bridge: who may call, which arguments are accepted, and the call itself.
 * `ipc.ts` only wires these to `ipcMain.handle`.
 */
import { zhCN as zhCNLocale } from 'zod/locales';
import { HengjianError } from '../../shared/contract/errors.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import { hostArgs, type ValidatedArgs } from '../../shared/contract/validate.js';
import { isTrustedSender } from './security.js';

const zhCN = zhCNLocale().localeError;

/** Validate the raw IPC argument list of one method; throws a HengjianError with a Chinese message on failure. */
export function parseHostArgs<M extends keyof HostApi>(method: M, raw: readonly unknown[]): ValidatedArgs[M] {
  const result = hostArgs[method].safeParse(raw, { error: zhCN });
  if (!result.success) {
    const detail = result.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length > 0 ? `${i.path.join('.')}：${i.message}` : i.message))
      .join('；');
    throw new HengjianError('invalid-ipc-arguments', `调用 ${method} 的参数无效：${detail}`, { method });
  }
  return result.data as ValidatedArgs[M];
}

/**
 * Handle one IPC call: refuse callers that are not our app:// page, validate the arguments, then call the host.
 * `senderUrl` is the URL of the frame that sent the message (null when that frame is gone).
 */
export async function dispatchHostCall<M extends keyof HostApi>(
  host: HostApi,
  method: M,
  senderUrl: string | null | undefined,
  raw: readonly unknown[],
): Promise<Awaited<ReturnType<HostApi[M]>>> {
  if (!isTrustedSender(senderUrl)) {
    throw new HengjianError('untrusted-sender', `拒绝调用 ${method}：调用方不是衡鉴自己的页面`, { method });
  }
  const args = parseHostArgs(method, raw);
  const fn = host[method] as (...a: readonly unknown[]) => Promise<Awaited<ReturnType<HostApi[M]>>>;
  return fn.apply(host, args);
}
