import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

/** Pick a period in the view's period picker by its label (2025年第三季度). */
async function pickPeriod(page: Page, label: string): Promise<void> {
  await page.getByTestId('period-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

const rowsOf = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

// The first computation on a fresh load reads every quarter (~20 s on 2 shared cores): a longer budget.
describe('红黄榜 on the sample (Chromium)', { timeout: 400_000 }, () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('shows both lists with their bases, adds a manual entry with its required reason and publishes version 1', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /红黄榜/ }).click();
    await pickPeriod(page, '2025年第三季度');
    await expect.poll(() => page.getByTestId('honour-summary').innerText(), { timeout: 150_000 }).toMatch(/^红榜 10 · 黄榜 \d+（地区） · 未发布/);
    const red = rowsOf(page, 'honour-red');
    const yellow = rowsOf(page, 'honour-yellow');
    expect(await red.count()).toBe(10);
    expect(await yellow.count()).toBeGreaterThanOrEqual(3);
    // Labelled, not colour alone: the cards say 红榜（表扬） and 黄榜（警示）; every entry carries its basis.
    expect(await page.getByTestId('honour-red').locator('.ant-card-head').innerText()).toContain('红榜（表扬）');
    expect(await page.getByTestId('honour-yellow').locator('.ant-card-head').innerText()).toContain('黄榜（警示）');
    const redBases = await page.getByTestId('honour-red').locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(redBases[0]).toMatch(/^综合得分居全省首位/);
    expect(redBases.every((b) => /^综合得分(居全省首位|居全省第\d+位|并列全省第\d+位)\n.+综合得分[\d.]+分/.test(b))).toBe(true);
    const yellowBases = await page.getByTestId('honour-yellow').locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(yellowBases.every((b) => /后三位|红线预警|黄线预警/.test(b))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}honour-1920.png` });

    // 人工列入红榜: the reason is required.
    await page.getByTestId('honour-manual').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '人工调整榜单' });
    await page.getByTestId('honour-manual-reason').waitFor();
    await page.getByTestId('honour-manual-target').click();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('honour-manual-ok').click();
    await expect.poll(() => dialog.innerText()).toContain('请填写调整理由');
    await page.getByTestId('honour-manual-reason').fill('重大项目攻坚成效突出，经部务会研究列入');
    await page.getByTestId('honour-manual-user').fill('张干事');
    await page.screenshot({ path: `${ARTIFACTS}honour-manual-1920.png` });
    await page.getByTestId('honour-manual-ok').click();
    await expect.poll(() => red.count(), { timeout: 120_000 }).toBe(11);
    const manual = page.getByTestId('honour-red').locator('tbody tr.ant-table-row', { hasText: '人工' });
    expect(await manual.count()).toBe(1);

    // 发布: version 1, and the live lists equal it.
    await page.getByTestId('honour-publish').click();
    await page.getByTestId('honour-publish-ok').click();
    await expect.poll(() => page.getByTestId('honour-summary').innerText(), { timeout: 60_000 }).toContain('已发布第1版，现行结果与之相同');
  });

  it('compares the next quarter with the published version: 新上榜, 连续上榜 and who left', async () => {
    const { page } = session.rec();
    await pickPeriod(page, '2025年第四季度');
    const summary = page.getByTestId('honour-summary');
    await expect.poll(() => summary.innerText(), { timeout: 120_000 }).toContain('与上期（2025年第三季度）已发布的第1版比较');
    const changes = await page.getByTestId('honour-red').locator('tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(changes.every((c) => c === '新上榜' || c === '连续上榜')).toBe(true);
    expect(changes.filter((c) => c === '连续上榜').length).toBeGreaterThan(0);
    // The region added by hand to last quarter's version 1 is not on this quarter's computed list: it left.
    await expect.poll(() => page.getByTestId('honour-left').innerText()).toMatch(/红榜·/);
    await page.screenshot({ path: `${ARTIFACTS}honour-diff-1920.png` });
  });

  it('lists the cadres through their posts, opens a history and the profile, and exports XLSX, CSV and the page', async () => {
    const { page } = session.rec();
    await page.getByTestId('honour-subject').getByText('干部').click();
    await expect.poll(() => page.getByTestId('honour-summary').innerText(), { timeout: 60_000 }).toMatch(/（干部）/);
    const cadreBases = await page.getByTestId('honour-red').locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(cadreBases.length).toBeGreaterThan(5);
    expect(cadreBases.every((b) => b.startsWith('所在地区列入红榜（') && b.includes('一把手'))).toBe(true);
    // The sample's 干部记实 dated 2025-10..12 (data/sample/tables/cadre_records.csv, 一线考核 not counted): 14 cadres,
    // among them 龙伦德 (C01591) with a 负面清单 item (违反民主集中制) dated 2025-11-19, which puts him on the 黄榜.
    expect(await page.getByTestId('honour-records').locator('.ant-card-head').innerText()).toContain('（14人）');
    expect(await page.getByTestId('honour-yellow').innerText()).toContain('龙伦德');
    // A row opens its history on the lists.
    await rowsOf(page, 'honour-red').first().locator('td').nth(2).click();
    const history = page.getByTestId('honour-history');
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toMatch(/上榜记录：[\s\S]*2025年第四季度[\s\S]*红榜（表扬）/);
    await page.screenshot({ path: `${ARTIFACTS}honour-history-1920.png` });
    await history.locator('.ant-drawer-close').click();
    await history.waitFor({ state: 'hidden' });
    // A cadre's name opens the profile drawer.
    await page.getByTestId('honour-cadre-name').first().click();
    await page.getByTestId('cadre-profile').waitFor();
    await page.getByTestId('cadre-profile').locator('.ant-drawer-close').click();

    const saved = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    };
    const xlsx = await saved('export-xlsx');
    expect(xlsx.name).toBe('2025年第四季度红黄榜.xlsx');
    expect([...xlsx.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const csv = (await saved('export-csv')).bytes.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('\ufeff榜单,类别,名次,名称,区划代码/所在地区,依据,事由,人工,与上期比较');
    expect(csv[1]).toMatch(/^红榜（表扬）,地区,1,/);
    const pageHtml = await saved('honour-page');
    const text = pageHtml.bytes.toString('utf8');
    expect(pageHtml.name).toBe('2025年第四季度红黄榜.html');
    expect(text).toContain('<h1>2025年第四季度红黄榜</h1>');
    expect(text).toContain('内部资料');
    expect(text).toContain('<thead>');
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    // The page as printed: open it and look. This machine has no CJK system font (仿宋/黑体): lend it the app's
    // bundled Noto Sans SC, the page's last fallback (written into a document of the app's origin: fonts need CORS).
    const view = await page.context().newPage();
    const cssUrl = new URL(/href="\.?\/?(assets\/index-[^"]+\.css)"/.exec(await (await fetch(appUrl)).text())?.[1] ?? '', appUrl).href;
    await view.goto(cssUrl);
    await view.setContent(text);
    await view.addStyleTag({ content: ((await (await fetch(cssUrl)).text()).match(/@font-face\{[^}]*\}/g) ?? []).join('\n').replaceAll('url(./', `url(${appUrl}assets/`) });
    await view.evaluate(async () => {
      await document.fonts.load('12pt "Noto Sans SC"', document.body.innerText.slice(0, 4000));
      await document.fonts.ready;
    });
    await view.setViewportSize({ width: 900, height: 1200 });
    await view.screenshot({ path: `${ARTIFACTS}honour-page.png` });
    await view.close();
  });

  itStayedOffline(session);
});
