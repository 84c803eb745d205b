/**
 * What to do when the window's renderer dies (an out-of-memory parse of a huge file, a GPU fault): reload it,
 * so the app reopens the autosaved workspace, unless it keeps dying; then stop and say so. Pure, for the tests.
 */

/** Electron's RenderProcessGoneDetails.reason values. */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export type CrashAction = 'ignore' | 'reload' | 'give-up';

/** Reload at most `maxReloads` times within `windowMs`; a clean exit is not a crash. */
export function crashPolicy(now: () => number = Date.now, maxReloads = 3, windowMs = 60_000): (reason: GoneReason) => CrashAction {
  const reloads: number[] = [];
  return (reason) => {
    if (reason === 'clean-exit') return 'ignore';
    const t = now();
    while (reloads.length && t - (reloads[0] as number) > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) return 'give-up';
    reloads.push(t);
    return 'reload';
  };
}

/** The Chinese message shown for an action (none for 'ignore'). */
export function crashMessage(reason: GoneReason, action: CrashAction): string {
  const why = reason === 'oom' ? '内存不足' : '异常退出';
  if (action === 'reload') return `衡鉴的页面因${why}而关闭（${reason}），将重新载入并恢复自动保存的工作区。若刚才在导入很大的文件，请拆分后再导入。`;
  return `衡鉴的页面在一分钟内多次${why}（${reason}），已停止自动重新载入。请重新启动衡鉴；自动保存的工作区会在启动时恢复。`;
}
