import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

const rows = (page: Page) => page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
/** The table's rows as [time, user, action, object, result] texts, newest first. */
const cells = async (page: Page): Promise<string[][]> =>
  Promise.all((await rows(page).all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((s) => s.trim())));

/** When the crash-recovery copy (IndexedDB 'hengjian' / 'autosave') was last written; null before the first. */
const autosavedAt = (page: Page): Promise<string | null> =>
  page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const open = indexedDB.open('hengjian', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('autosave');
        open.onsuccess = () => {
          const get = open.result.transaction('autosave').objectStore('autosave').get('workspace');
          get.onsuccess = () => resolve((get.result as { savedAt?: string } | undefined)?.savedAt ?? null);
          get.onerror = () => resolve(null);
        };
        open.onerror = () => resolve(null);
      }),
  );

async function openAudit(page: Page): Promise<void> {
  await page.getByTestId('workspace-menu').click();
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByTestId('audit-drawer').waitFor();
}

describe('审计日志 on the sample (Chromium)', { timeout: 300_000 }, () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('records the open and an export, shows them in the drawer, filters by action, and keeps them across a reload', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1600, height: 900 });
    await openApp(page, appUrl);
    // The open is recorded but starts no autosave of its own; the export's autosave carries both records.
    const beforeExport = await autosavedAt(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const exported = download.suggestedFilename();
    expect([...readFileSync(await download.path()).subarray(0, 2)]).toEqual([0x50, 0x4b]);

    await openAudit(page);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(2);
    const [exportRow, openRow] = await cells(page);
    expect(exportRow?.slice(1)).toEqual([expect.stringMatching(/^本机用户@/), '导出', exported, '成功']);
    expect(exportRow?.[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(openRow?.slice(2)).toEqual(['打开工作区', expect.stringContaining('（示例工作区）'), '成功']);
    await expect.poll(() => page.getByTestId('audit-verdict').innerText()).toContain('哈希链完整：2 条记录');
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: `${ARTIFACTS}audit-drawer-1600.png` });

    // Filter: only exports.
    await page.getByTestId('audit-filter-action').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^导出$/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await page.getByTestId('audit-count').innerText()).toBe('共 2 条，显示 1 条');

    // The log travels with the workspace's recovery copy: after a reload the records are there, plus the reopening.
    await expect.poll(async () => { const at = await autosavedAt(page); return at !== null && at !== beforeExport; }, { timeout: 60_000 }).toBe(true);
    await openApp(page, appUrl);
    await openAudit(page);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(3);
    const after = await cells(page);
    expect(after.map((r) => [r[2], r[3]])).toEqual([
      ['打开工作区', expect.stringContaining('（恢复上次的工作状态）')],
      ['导出', exported],
      ['打开工作区', expect.stringContaining('（示例工作区）')],
    ]);
    await expect.poll(() => page.getByTestId('audit-verdict').innerText()).toContain('哈希链完整：3 条记录');
  });

  itStayedOffline(session);
});
