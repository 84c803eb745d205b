import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

/** The README's quick start on a machine without an Electron binary: `npm start` falls back to the browser host. */
describe('npm start without an Electron binary', () => {
  const appUrl = inject('appUrl');
  const log = inject('startLog');
  const session = chromiumSession(appUrl);

  it.skipIf(!inject('startedWithoutElectron'))('says so in one line that points to the README section, and prints the URL', () => {
    const notice = log.split('\n').filter((l) => l.includes('未找到 Electron'));
    expect(notice).toHaveLength(1);
    const section = /README「(.+?)」/.exec(notice[0] ?? '')?.[1];
    expect(section).toBeDefined();
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(`## ${section}`);
    expect(log).toContain(`running at ${appUrl}`);
    expect(log).not.toMatch(/Downloading Electron|fetch failed/);
  });

  it('serves the app on 127.0.0.1 and the ranking view shows on the sample workspace', async () => {
    expect(new URL(appUrl).hostname).toBe('127.0.0.1');
    const { page } = session.rec();
    await openApp(page, appUrl);
    await expect.poll(() => page.getByTestId('workspace-name').innerText()).toContain('示例');
    const rows = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACTS}first-run.png`, fullPage: false });
  });

  itStayedOffline(session);
});
