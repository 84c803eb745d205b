import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, dropIntoImport, itStayedOffline, openApp } from './browser.js';

/** A unit read from a user's catalogue is data: in a chart tooltip it must show as text, never run. */
const UNIT = '<img src=x onerror="window.__xss=1">';
const CATALOGUE = ['指标代码,指标名称,计量单位,指标方向', `A01,地区生产总值,"${UNIT.replace(/"/g, '""')}",1`].join('\r\n');

describe('tooltips escape every value (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('shows an indicator unit holding markup as text in the ranking tooltip', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    await dropIntoImport(page, { name: '指标目录.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CATALOGUE}\r\n`, 'utf8') });
    await page.getByTestId('sheet-card').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-validate').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '查看区域排名' }).click();
    const chart = page.getByTestId('ranking-chart');
    await expect.poll(async () => (await chart.locator('svg').textContent()) ?? '', { timeout: 30_000 }).toContain(UNIT);
    const box = await chart.locator('svg').boundingBox();
    if (!box) throw new Error('no chart');
    // Sweep across the first bars until ECharts shows its tooltip.
    let tip = '';
    for (let dy = 90; dy < 200 && !tip.includes('第'); dy += 6) {
      await page.mouse.move(box.x + box.width * 0.45, box.y + dy);
      await page.waitForTimeout(120);
      tip = await page.evaluate(() => {
        const el = [...document.querySelectorAll('[data-testid=ranking-chart] div')].find((d) => d.innerHTML.includes('第') && getComputedStyle(d).position === 'absolute');
        return el?.innerHTML ?? '';
      });
    }
    expect(tip).toContain('&lt;img src=x onerror="window.__xss=1"&gt;');
    expect(tip).not.toContain('<img');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: `${ARTIFACTS}tooltip-escape.png` });
  });

  it('shows a region name and an indicator name holding markup as text in every analysis view', async () => {
    const { page } = session.rec();
    const NAME = '<img src=x onerror="window.__xss=2">茂口区';
    const IND = '<img src=x onerror="window.__xss=3">总值';
    const regions = ['区划代码,名称,层级,上级代码', `990102,"${NAME.replace(/"/g, '""')}",county,990100`].join('\r\n');
    const catalogue = ['指标代码,指标名称,计量单位,指标方向', `A01,"${IND.replace(/"/g, '""')}",亿元,1`].join('\r\n');
    for (const [file, body] of [['地区.csv', regions], ['指标目录2.csv', catalogue]] as const) {
      await dropIntoImport(page, { name: file, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${body}\r\n`, 'utf8') });
      await page.getByTestId('sheet-card').waitFor({ timeout: 30_000 });
      await page.getByTestId('import-validate').click();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
      await page.getByTestId('import-done').getByRole('button').nth(1).click();
    }
    const noMarkup = async (where: string) => {
      expect(await page.locator('img[src="x"]').count(), where).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), where).toBeUndefined();
    };
    // ranking: the renamed county is selected and named in the chart as text
    await page.getByRole('menuitem', { name: /区域排名/ }).click();
    await expect.poll(async () => (await page.getByTestId('ranking-chart').locator('svg').textContent()) ?? '', { timeout: 30_000 }).toContain(IND);
    await page.getByTestId('ranking-table').locator('tbody tr', { hasText: '茂口区' }).first().click();
    await noMarkup('ranking');
    // trend: the selected county's line, legend and findings
    await page.getByRole('menuitem', { name: /趋势分析/ }).click();
    await expect.poll(async () => (await page.getByTestId('trend-chart').locator('svg').textContent()) ?? '', { timeout: 30_000 }).toContain(NAME);
    expect(await page.getByTestId('trend-findings').innerText()).toContain(NAME);
    const tb = await page.getByTestId('trend-chart').boundingBox();
    if (!tb) throw new Error('no trend chart');
    await page.mouse.move(tb.x + tb.width * 0.5, tb.y + tb.height * 0.5);
    await page.waitForTimeout(300);
    await noMarkup('trend');
    // heat map: names on the axis as text, and in the tooltip escaped
    await page.getByRole('menuitem', { name: /热力图/ }).click();
    const heat = page.getByTestId('heatmap-chart');
    // column labels are cut to their width: the start of the markup shows as text
    await expect.poll(async () => (await heat.locator('svg').textContent()) ?? '', { timeout: 30_000 }).toContain('<img src=x');
    const hb = await heat.boundingBox();
    if (!hb) throw new Error('no heat map');
    let tip = '';
    // the first row, from the left until the first cell (the grid's left edge moves with the rotated labels)
    for (let dx = 120; dx < hb.width / 2 && !tip.includes('标准分'); dx += 15) {
      await page.mouse.move(hb.x + dx, hb.y + 185, { steps: 2 });
      await page.waitForTimeout(200);
      tip = await page.evaluate(() => [...document.querySelectorAll('div')].find((d) => d.innerHTML.includes('标准分') && getComputedStyle(d).position === 'absolute')?.innerHTML ?? '');
    }
    await page.screenshot({ path: `${ARTIFACTS}markup-heatmap.png` });
    expect(tip).toContain('&lt;img src=x onerror="window.__xss=3"&gt;总值');
    await noMarkup('heat map');
    // the multi-indicator table and the map
    await page.getByRole('menuitem', { name: /多指标对比/ }).click();
    await expect.poll(() => page.getByTestId('compare-table').innerText(), { timeout: 30_000 }).toContain(IND);
    await page.getByRole('menuitem', { name: /地图/ }).click();
    await page.waitForTimeout(1500);
    await noMarkup('map');
    await page.screenshot({ path: `${ARTIFACTS}markup-everywhere.png` });
  });

  itStayedOffline(session);
});
