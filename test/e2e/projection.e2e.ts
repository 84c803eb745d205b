import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';
import { readSampleTable } from '../support/sample-data.js';

async function go(page: Page, menu: RegExp, testId: string) {
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByTestId(testId).waitFor({ timeout: 30_000 });
}

async function saveView(page: Page, name: string) {
  await page.getByTestId('save-view').click();
  await page.getByTestId('save-view-name').fill(name);
  await page.getByTestId('save-view-ok').click();
  await page.getByText(`视图「${name}」已保存到工作区`).waitFor();
}

/**
 * The trend view's default region is the first county by code; its first 一把手 change inside the data's periods is
 * marked on the chart. Computed here from the sample CSVs, with the masked form written out by hand's rule
 * (first character, then *, then the last character from three characters on).
 */
function firstLeaderChange(): { region: string; name: string; masked: string } {
  const county = readSampleTable('regions').filter((r) => r.level === 'county').sort((a, b) => (a.region_code ?? '').localeCompare(b.region_code ?? ''))[0];
  const code = county?.region_code ?? '';
  const names = new Map(readSampleTable('cadres').map((c) => [c.cadre_id, c.name ?? '']));
  const firstPeriod = readSampleTable('indicator_values').filter((v) => v.region_code === code && /^\d{4}Q\d$/.test(v.period ?? '')).map((v) => v.period ?? '').sort()[0] ?? '';
  const firstMonth = `${firstPeriod.slice(0, 4)}-${String(Number(firstPeriod.slice(5)) * 3).padStart(2, '0')}`;
  const terms = readSampleTable('appointments').filter((a) => a.region_code === code && a.is_top_leader === 'true').sort((a, b) => (a.start_ym ?? '').localeCompare(b.start_ym ?? ''));
  const change = terms.slice(1).find((a) => (a.start_ym ?? '') > firstMonth);
  const name = names.get(change?.cadre_id ?? '') ?? '';
  const chars = [...name];
  const masked = chars.length <= 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return { region: county?.name ?? '', name, masked };
}

const counter = (page: Page) => page.getByTestId('projection-counter').innerText();
const slideSvgText = async (page: Page) => (await page.getByTestId('projection-slide').locator('[data-look="projector"] svg').first().textContent()) ?? '';
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('projection mode over the saved views (Chromium, 1920×1080)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);
  const leader = firstLeaderChange();

  it('saves three views through the UI and starts projecting them from the saved views list', async () => {
    const { page } = session.rec();
    expect(leader.name.length).toBeGreaterThan(1);
    expect(leader.masked).not.toBe(leader.name);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await saveView(page, '县级排名（放映）');
    await go(page, /趋势分析/, 'trend-chart');
    await expect.poll(() => page.getByTestId('trend-regions').innerText(), { timeout: 30_000 }).toContain(leader.region);
    // outside projection the name is shown in full
    await expect.poll(() => page.getByTestId('trend-chart').locator('svg').textContent(), { timeout: 30_000 }).toContain(`${leader.name}任一把手`);
    await saveView(page, '一把手变动趋势');
    await go(page, /热力图/, 'heatmap-chart');
    await saveView(page, '县域热力图');
    await go(page, /已存视图/, 'saved-views');
    expect(await page.getByTestId('saved-views').locator('[data-testid^="saved-open-"]').count()).toBe(3);
    await page.getByTestId('projection-start').click();
    await page.getByTestId('projection').waitFor();
    expect(await counter(page)).toBe('1 / 3');
    expect(await page.getByTestId('projection-title').innerText()).toBe('县级排名（放映）');
    const chart = page.getByTestId('projection-slide').getByTestId('ranking-chart');
    await chart.locator('svg').waitFor({ timeout: 30_000 });
    expect(await chart.getAttribute('data-look')).toBe('projector');
    await expect.poll(async () => (await chart.locator('svg path').count()) > 50, { timeout: 30_000 }).toBe(true);
    // the pickers and the ranking's table are not projected
    expect(await page.getByTestId('projection-slide').locator('.hj-view-toolbar').isVisible()).toBe(false);
    expect(await page.getByTestId('ranking-table').isVisible()).toBe(false);
    // projector type: body 28 px, title larger, chart labels at least 20 px
    expect(await fontPx(page, '[data-testid="projection-slide"]')).toBeGreaterThanOrEqual(28);
    expect(await fontPx(page, '[data-testid="projection-title"]')).toBeGreaterThan(28);
    const labelSizes = await chart.locator('svg text').evaluateAll((ts) => ts.map((t) => [t.textContent ?? '', parseFloat(getComputedStyle(t).fontSize)] as const));
    expect(labelSizes.length).toBeGreaterThan(50);
    expect(labelSizes.filter(([text, px]) => text.trim() && px < 20)).toEqual([]);
    const mark = await page.getByTestId('projection-watermark').innerText();
    expect(mark).toMatch(/^内部资料 本机用户 127\.0\.0\.1 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.screenshot({ path: `${ARTIFACTS}projection-1-ranking-1920.png` });
    // a 4K projector: the chart follows the window (SVG, so its text stays text)
    await page.setViewportSize({ width: 3840, height: 2160 });
    await expect.poll(async () => Number(await chart.locator('svg').first().getAttribute('width')), { timeout: 10_000 }).toBeGreaterThan(3600);
    // …and at 100 % the type grows with it: twice 1920×1080's
    await expect.poll(() => fontPx(page, '[data-testid="projection-slide"]'), { timeout: 10_000 }).toBeGreaterThanOrEqual(56);
    await expect.poll(async () => Math.min(...(await chart.locator('svg text').evaluateAll((ts) => ts.filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize))))), { timeout: 10_000 }).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: `${ARTIFACTS}projection-1-ranking-3840.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => Number(await chart.locator('svg').first().getAttribute('width')), { timeout: 10_000 }).toBeLessThan(1900);
  });

  it('pages with →, ←, End and Home, and masks the 一把手 on the trend slide until M shows it', async () => {
    const { page } = session.rec();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter(page)).toBe('2 / 3');
    expect(await page.getByTestId('projection-title').innerText()).toBe('一把手变动趋势');
    await page.getByTestId('projection-slide').getByTestId('trend-chart').locator('svg').waitFor({ timeout: 30_000 });
    await expect.poll(() => slideSvgText(page), { timeout: 30_000 }).toContain(`${leader.masked}任一把手`);
    expect(await slideSvgText(page)).not.toContain(leader.name);
    const findings = page.getByTestId('projection-slide').getByTestId('trend-findings');
    expect(await findings.innerText()).toContain(`改为${leader.masked}`);
    expect(await findings.innerText()).not.toContain(leader.name);
    expect(await fontPx(page, '[data-testid="projection-slide"] [data-testid="trend-findings"] .ant-typography')).toBeGreaterThanOrEqual(28);
    await page.screenshot({ path: `${ARTIFACTS}projection-2-trend-masked-1920.png` });
    await page.keyboard.press('m');
    await expect.poll(() => slideSvgText(page)).toContain(`${leader.name}任一把手`);
    expect(await findings.innerText()).toContain(`改为${leader.name}`);
    expect(await page.getByTestId('projection-mask').getAttribute('data-on')).toBe('false');
    await page.keyboard.press('M');
    await expect.poll(() => slideSvgText(page)).toContain(`${leader.masked}任一把手`);
    await page.keyboard.press('End');
    await expect.poll(() => counter(page)).toBe('3 / 3');
    await page.getByTestId('projection-slide').getByTestId('heatmap-chart').locator('svg, canvas').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}projection-3-heatmap-1920.png` });
    await page.keyboard.press('ArrowRight'); // already the last
    expect(await counter(page)).toBe('3 / 3');
    await page.keyboard.press('Home');
    await expect.poll(() => counter(page)).toBe('1 / 3');
    await page.keyboard.press('ArrowLeft'); // already the first
    expect(await counter(page)).toBe('1 / 3');
    await page.keyboard.press('PageDown');
    await expect.poll(() => counter(page)).toBe('2 / 3');
    await page.keyboard.press('PageUp');
    await expect.poll(() => counter(page)).toBe('1 / 3');
  });

  it('blacks the screen with B and with ., and back', async () => {
    const { page } = session.rec();
    const black = page.getByTestId('projection-black');
    expect(await black.count()).toBe(0);
    await page.keyboard.press('b');
    await black.waitFor();
    const bg = await black.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(0, 0, 0)');
    await page.keyboard.press('b');
    await expect.poll(() => black.count()).toBe(0);
    await page.keyboard.press('.');
    await black.waitFor();
    await page.keyboard.press('.');
    await expect.poll(() => black.count()).toBe(0);
  });

  it('shows the presenter notes (N): the slide’s name, analysis and settings, in a second window or beside the slide', async () => {
    const { page, context } = session.rec();
    const popup = context.waitForEvent('page', { timeout: 5_000 }).catch(() => null);
    await page.keyboard.press('n');
    const win = await popup;
    const notes = win ? win.getByTestId('presenter-notes') : page.getByTestId('presenter-notes');
    await expect.poll(() => notes.innerText(), { timeout: 10_000 }).toContain('县级排名（放映）');
    const text = await notes.innerText();
    expect(text).toContain('分析：区域排名');
    expect(text).toContain('下一页：一把手变动趋势');
    await page.bringToFront();
    await page.keyboard.press('n');
    if (win) await expect.poll(() => win.isClosed()).toBe(true);
    else await expect.poll(() => page.getByTestId('presenter-notes').count()).toBe(0);
  });

  it('shows the notes beside the slide where a second window is refused (as Electron refuses it)', async () => {
    const { page } = session.rec();
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter(page)).toBe('2 / 3');
    await page.keyboard.press('N');
    const panel = page.locator('.hj-notes-panel');
    await panel.waitFor();
    const text = await panel.innerText();
    expect(text).toContain('未能打开第二个窗口，备注显示在本窗口右侧');
    expect(text).toContain('一把手变动趋势');
    expect(text).toContain('分析：趋势分析');
    expect(text).toContain('下一页：县域热力图');
    await expect.poll(() => slideSvgText(page), { timeout: 30_000 }).toContain(`${leader.masked}任一把手`);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}projection-4-notes-panel-1920.png` });
    await page.keyboard.press('n');
    await expect.poll(() => panel.count()).toBe(0);
    await page.keyboard.press('Home');
    await expect.poll(() => counter(page)).toBe('1 / 3');
  });

  it('exits with Esc back to the saved views list, with names shown again as before', async () => {
    const { page } = session.rec();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('projection').count()).toBe(0);
    await page.getByTestId('saved-views').waitFor();
    expect(await page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    // the trend outside projection shows the name in full again
    await go(page, /趋势分析/, 'trend-chart');
    await expect.poll(() => page.getByTestId('trend-chart').locator('svg').textContent(), { timeout: 30_000 }).toContain(`${leader.name}任一把手`);
  });

  it('starts with F5 too (without reloading the page)', async () => {
    const { page } = session.rec();
    await go(page, /已存视图/, 'saved-views');
    await page.keyboard.press('F5');
    await page.getByTestId('projection').waitFor();
    expect(await counter(page)).toBe('1 / 3');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('projection').count()).toBe(0);
    await page.getByTestId('saved-views').waitFor();
  });

  itStayedOffline(session);
});
