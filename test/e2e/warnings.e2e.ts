import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

describe('warnings on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('lists the period’s warnings with level, status and 一把手, and a click shows the evidence and leads to the trend', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /预警/ }).click();
    const rows = page.getByTestId('warnings-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(10);
    const summary = await page.getByTestId('warnings-summary').innerText();
    expect(summary).toMatch(/红线 \d+ 条 · 黄线 \d+ 条 · 解除 \d+ 条 · 规则来自导入的预警规则表（11 条）/);
    // Only red ones: every row's level tag reads 红线.
    await page.getByTestId('warnings-level').getByText(/^红线/).click();
    await expect.poll(async () => (await page.getByTestId('warnings-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).every((x) => x.trim() === '红线'), { timeout: 30_000 }).toBe(true);
    const red = Number(/红线 (\d+) 条/.exec(summary)?.[1]);
    expect(await rows.count()).toBe(Math.min(red, 50));
    // The table reads one page of the period's events at a time; the pager counts them all.
    const pager = page.getByTestId('warnings-view').locator('.ant-pagination');
    expect(await pager.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${red} 条`);
    const firstOfPage1 = await rows.first().innerText();
    await pager.getByTitle('2', { exact: true }).click();
    await expect.poll(() => rows.first().innerText(), { timeout: 30_000 }).not.toBe(firstOfPage1);
    expect(await rows.count()).toBe(Math.min(red - 50, 50));
    await pager.getByTitle('1', { exact: true }).click();
    await expect.poll(() => rows.first().innerText(), { timeout: 30_000 }).toBe(firstOfPage1);
    const region = (await rows.first().locator('td').nth(2).innerText()).trim();
    await rows.first().click();
    const evidence = page.getByTestId('warnings-evidence');
    await expect.poll(() => evidence.innerText(), { timeout: 10_000 }).toMatch(/规则[\s\S]*第1版，红线[\s\S]*一把手/);
    await page.screenshot({ path: `${ARTIFACTS}warnings-1920.png` });
    // The evidence leads to the region's trend on the indicator.
    await page.getByTestId('warnings-trend').click();
    await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('trend-regions').innerText(), { timeout: 30_000 }).toContain(region);
  });

  it('edits a rule with a live preview, saves it as version 2, and the warnings follow', async () => {
    const { page } = session.rec();
    await page.getByRole('menuitem', { name: /预警/ }).click();
    await page.getByTestId('warnings-level').getByText('全部等级').click();
    const summary = page.getByTestId('warnings-summary');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/规则来自导入的预警规则表/);
    await page.getByTestId('warnings-rules').click();
    await page.getByTestId('rule-edit-R06').click();
    const count = page.getByTestId('rule-preview-count');
    await expect.poll(() => count.innerText(), { timeout: 30_000 }).toMatch(/本期将触发 \d+ 条/);
    const last = Number(/(\d+)/.exec(await count.innerText())?.[1]);
    // 同组排名末位 → 同组后2位: it flags more.
    const n = page.locator('[data-testid="rule-n"] input, input[data-testid="rule-n"]').first();
    await n.fill('2');
    await n.press('Tab');
    await expect.poll(async () => Number(/(\d+)/.exec(await count.innerText())?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThan(last);
    const two = Number(/(\d+)/.exec(await count.innerText())?.[1]);
    expect(await page.getByTestId('rule-preview').innerText()).toMatch(/同组排名末位|在同组/);
    await page.screenshot({ path: `${ARTIFACTS}warnings-rule-editor-1920.png` });
    // A rule that cannot be valid is refused before saving.
    await n.fill('0');
    await n.press('Tab');
    await page.getByTestId('rule-problems').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rule-save').isDisabled()).toBe(true);
    await n.fill('2');
    await n.press('Tab');
    await expect.poll(() => page.getByTestId('rule-save').isDisabled(), { timeout: 30_000 }).toBe(false);
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-list').waitFor();
    await expect.poll(() => page.getByTestId('rule-list').locator('tr', { hasText: 'R06' }).innerText(), { timeout: 60_000 }).toMatch(/\t2\t编辑/);
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/规则来自工作区规则集（11 条）/);
    // The view now counts R06's new events.
    await page.getByTestId('warnings-indicator').click();
    await page.keyboard.press('Escape');
    const r06 = await page.evaluate(() => document.querySelectorAll('[data-testid="warnings-table"] tbody tr.ant-table-row').length);
    expect(r06).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(last);
  });

  itStayedOffline(session);
});
