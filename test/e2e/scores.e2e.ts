import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

async function go(page: Page, menu: RegExp, testId: string) {
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByTestId(testId).waitFor({ timeout: 30_000 });
}

const firstRow = (page: Page) => page.getByTestId('score-table').locator('tbody tr.ant-table-row').first();
/** The radar's drawn shapes: they change when the scores do. */
const radarShape = (page: Page) => page.getByTestId('score-radar').locator('svg path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '').join('|'));

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

describe('composite scores, quality, the SQL console and saved views on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('scores the counties, and an edited weight changes the ranking and the radar', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await go(page, /综合评价/, 'score-table');
    await expect.poll(() => page.getByTestId('score-table').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(50);
    await page.getByTestId('score-radar').locator('svg').waitFor();
    expect(await page.getByTestId('score-policy').innerText()).toMatch(/项指标.*缺失值不计分/);
    const before = await firstRow(page).innerText();
    const radarBefore = await radarShape(page);
    await expect.poll(() => page.getByTestId('score-breakdown').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACTS}scores-1920.png` });

    // 地区生产总值增速 (A02) weighted 60 instead of 5: the order and the first county's dimension scores change.
    await page.getByTestId('edit-weights').click();
    const weight = page.locator('[data-testid="weight-A02"] input, input[data-testid="weight-A02"]').first();
    await weight.fill('60');
    await weight.press('Tab');
    await page.getByTestId('scheme-name').fill('重视增速');
    await page.getByTestId('scheme-save').click();
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => firstRow(page).innerText(), { timeout: 30_000 }).not.toBe(before);
    await expect.poll(() => radarShape(page), { timeout: 30_000 }).not.toBe(radarBefore);
    expect(await page.getByTestId('score-scheme').innerText()).toContain('重视增速');
    expect(await page.getByTestId('edit-weights').innerText()).toContain('*');
  });

  it('shows each rank’s interval under random weights, fragile ranks marked', async () => {
    const { page } = session.rec();
    await page.getByTestId('robustness-run').click();
    await page.getByTestId('rank-intervals').locator('svg').waitFor({ timeout: 60_000 });
    const cell = page.locator('[data-testid^="interval-"]').first();
    await cell.waitFor({ timeout: 60_000 });
    expect(await cell.innerText()).toMatch(/^\d+～\d+/);
    await page.screenshot({ path: `${ARTIFACTS}scores-robustness-1920.png`, fullPage: true });
  });

  it('saves the view, and reopens it after a reload with its method and selection', async () => {
    const { page } = session.rec();
    await pick(page, 'score-method', '标准分');
    await expect.poll(() => page.getByTestId('score-method').innerText()).toContain('标准分');
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-name').fill('增速加权的标准分排名');
    await page.getByTestId('save-view-ok').click();
    await page.waitForTimeout(2000); // the autosave is written 0.8 s after the change
    await page.reload();
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
    await go(page, /已存视图/, 'saved-views');
    expect(await page.getByTestId('saved-0').innerText()).toContain('增速加权的标准分排名');
    await page.getByTestId('saved-open-0').click();
    await page.getByTestId('score-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('score-method').innerText()).toContain('标准分');
    expect(await page.getByTestId('score-scheme').innerText()).toContain('重视增速');
    await expect.poll(() => page.getByTestId('score-table').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(50);
  });

  it('lists the data-quality flags of the period', async () => {
    const { page } = session.rec();
    await go(page, /数据质量/, 'quality-table');
    await expect.poll(() => page.getByTestId('quality-table').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}quality-1920.png` });
  });

  it('runs a query in the console, charts it, and refuses a write', async () => {
    const { page } = session.rec();
    await go(page, /SQL 查询/, 'console-input');
    await page.getByTestId('console-input').fill("SELECT r.name, v.value FROM indicator_values v JOIN regions r USING (region_code) WHERE v.indicator_id = 'A01' AND v.period = '2025Q4' AND r.level = 'county' ORDER BY v.value DESC LIMIT 20");
    await page.getByTestId('console-run').click();
    await expect.poll(() => page.getByTestId('console-status').innerText(), { timeout: 60_000 }).toMatch(/^20 行/);
    expect(await page.getByTestId('console-grid').locator('.ant-table-row').count()).toBeGreaterThan(5);
    await page.getByTestId('console-chart').locator('svg').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('console-chart').locator('svg').textContent()).toContain('value');
    await page.screenshot({ path: `${ARTIFACTS}console-1920.png` });
    await page.getByTestId('console-input').fill('DELETE FROM regions');
    await page.getByTestId('console-run').click();
    await expect.poll(() => page.getByTestId('console-error').innerText(), { timeout: 30_000 }).toContain('只允许一条只读查询');
    // Nothing was deleted from the workspace.
    await page.getByTestId('console-input').fill('SELECT count(*) AS n FROM regions');
    await page.getByTestId('console-run').click();
    await expect.poll(() => page.getByTestId('console-grid').innerText(), { timeout: 30_000 }).toMatch(/\b11[0-9]\b/);
  });

  it('fits the new views at 1366×768', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [menu, id, name] of [[/综合评价/, 'score-table', 'scores'], [/数据质量/, 'quality-table', 'quality'], [/SQL 查询/, 'console-input', 'console']] as const) {
      await go(page, menu, id);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ARTIFACTS}${name}-1366.png` });
    }
  });

  itStayedOffline(session);
});
