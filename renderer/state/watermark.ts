/**
 * The watermark of what this user writes or projects now: user and machine from the host's info() (the same labels
 * the audit log records), the local time, and the workspace's watermark template (view-settings.ts).
 */
import { hostLabel, type HostApi } from '../../shared/contract/host-api.js';
import { formatTime } from '../../shared/format/time.js';
import { watermarkText, type Watermark } from '../../shared/report/pack-types.js';
import { readViewSettings } from '../../shared/workspace/view-settings.js';
import { useAppStore } from './store.js';

/** The watermark now, with `text` (default: the workspace's template). */
export async function currentWatermark(host: HostApi, text?: string): Promise<Watermark> {
  const info = await host.info().catch(() => ({ user: undefined, machine: undefined }));
  const template = text ?? readViewSettings(useAppStore.getState().workspace?.documents.views).watermark;
  return { user: hostLabel(info.user, '本机用户'), machine: hostLabel(info.machine, '本机'), time: formatTime(new Date().toISOString()), text: template.trim() };
}

/** The watermark's text now (see watermarkText). */
export async function currentWatermarkText(host: HostApi): Promise<string> {
  return watermarkText(await currentWatermark(host));
}
