import { describe, expect, it } from 'vitest';
import { crashMessage, crashPolicy } from '../../electron/main/crash-policy.js';

describe('renderer crash policy', () => {
  it('reloads three times a minute at most, ignores a clean exit, and starts again after a quiet minute', () => {
    let t = 0;
    const onGone = crashPolicy(() => t);
    expect(onGone('clean-exit')).toBe('ignore');
    expect([onGone('oom'), onGone('crashed'), onGone('oom')]).toEqual(['reload', 'reload', 'reload']);
    t = 59_000;
    expect(onGone('crashed')).toBe('give-up');
    t = 60_001; // the first reload (t = 0) is more than a minute old
    expect(onGone('crashed')).toBe('reload');
  });

  it('explains each action in Chinese', () => {
    expect(crashMessage('oom', 'reload')).toContain('内存不足');
    expect(crashMessage('oom', 'reload')).toContain('恢复自动保存的工作区');
    expect(crashMessage('crashed', 'give-up')).toContain('已停止自动重新载入');
  });
});
