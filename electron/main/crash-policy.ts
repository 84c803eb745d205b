/**
 * What to do when the window's renderer dies (an out-of-memory parse of a huge file, a GPU fault): reload it, so
 * the app reopens the autosaved workspace, unless it keeps dying. Two reloads are allowed until the page has
 * stayed up for two minutes; a third crash before that gives up, and the autosave (which may be what kills the
 * page on every load) is set aside so the next start opens without it. Pure, for the tests.
 */

/** Electron's RenderProcessGoneDetails.reason values. */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export type CrashAction = 'ignore' | 'reload' | 'give-up';

/** Reload at most `maxReloads` times until the page has lived `healthyMs` since its last reload. */
export function crashPolicy(now: () => number = Date.now, maxReloads = 2, healthyMs = 120_000): (reason: GoneReason) => CrashAction {
  let reloads = 0;
  let lastReload = -Infinity;
  let gaveUp = false;
  return (reason) => {
    if (reason === 'clean-exit') return 'ignore';
    const t = now();
    if (t - lastReload >= healthyMs) reloads = 0;
    if (gaveUp || reloads >= maxReloads) {
      gaveUp = true; // the window is left as it is from here on
      return 'give-up';
    }
    reloads++;
    lastReload = t;
    return 'reload';
  };
}

/** The Chinese message shown for an action (none for 'ignore'); `setAside` is where the autosave was moved. */
export function crashMessage(reason: GoneReason, action: CrashAction, setAside: string | null = null): string {
  const why = reason === 'oom' ? '内存不足' : '异常退出';
  if (action === 'reload') return `衡鉴的页面因${why}而关闭（${reason}），将重新载入并恢复自动保存的工作区。若刚才在导入很大的文件，请拆分后再导入。`;
  const aside = setAside ? `自动保存的工作区已移到 ${setAside}（未删除），下次启动将不再自动打开它；需要时可用“工作区 → 打开”打开。` : '';
  return `衡鉴的页面重新载入后仍反复${why}（${reason}），已停止自动重新载入。${aside}请关闭后重新启动衡鉴。`;
}
