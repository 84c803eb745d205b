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

  itStayedOffline(session);
});
