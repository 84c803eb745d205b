import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp, valueText } from './browser.js';
import { expectedTopCounties, readSampleTable } from '../support/sample-data.js';

/** Format as the app does for the unit (亿元: 2 decimals, %: 1), with thousands separators. */
function shown(value: number, unit: string): string {
  const d = unit === '%' ? 1 : unit === '亿元' ? 2 : 2;
  return value.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
}

describe('ranking view in Chromium (npm start)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);
  const indicators = readSampleTable('indicators');
  const unitOf = (id: string) => indicators.find((i) => i.indicator_id === id)?.unit ?? '';
  const nameOf = (id: string) => indicators.find((i) => i.indicator_id === id)?.name ?? '';

  it('opens on the sample workspace and shows the ranking of the default indicator', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['hengjian:engine-ready', 'hengjian:workspace-loaded', 'hengjian:first-chart'].map((m) => [m, Math.round(performance.getEntriesByName(m)[0]?.startTime ?? -1)]),
      ),
    );
    const firstChart = marks['hengjian:first-chart'] ?? -1;
    console.log(`[e2e] page load → DuckDB ready ${marks['hengjian:engine-ready']} ms, sample loaded ${marks['hengjian:workspace-loaded']} ms, first chart ${firstChart} ms`);
    expect(firstChart).toBeGreaterThan(0);

    const expected = expectedTopCounties('A01');
    const top = expected.top[0];
    if (!top) throw new Error('sample has no A01 values');
    const firstRow = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText()).toContain(top.name);
    const cells = await firstRow.locator('td').allInnerTexts();
    expect(cells[0]).toBe('第1位');
    expect(valueText(cells[3])).toBe(shown(top.value, unitOf('A01')));
    expect(cells[4]).toBe(unitOf('A01'));

    const svgText = await page.getByTestId('ranking-chart').locator('svg').textContent();
    expect(svgText).toContain(nameOf('A01'));
    expect(svgText).toContain(`1. ${top.name}`);
    expect(svgText).toContain('平均值');
    await expect.poll(() => page.getByTestId('workspace-name').innerText()).toContain('示例');
    await page.screenshot({ path: `${ARTIFACTS}ranking-a01.png`, fullPage: false });
  });

  it('switches indicator and shows the new ranking', async () => {
    const { page } = session.rec();
    const expected = expectedTopCounties('A02');
    const top = expected.top[0];
    if (!top) throw new Error('sample has no A02 values');
    await page.getByTestId('indicator-select').click();
    await page.keyboard.type(nameOf('A02'));
    await page.keyboard.press('Enter');
    const svg = page.getByTestId('ranking-chart').locator('svg');
    await expect.poll(async () => (await svg.textContent()) ?? '').toContain(`${nameOf('A02')}：`);
    const firstRow = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText()).toContain(top.name);
    const cells = await firstRow.locator('td').allInnerTexts();
    expect(valueText(cells[3])).toBe(shown(top.value, unitOf('A02')));
    await page.screenshot({ path: `${ARTIFACTS}ranking-a02.png`, fullPage: false });
  });

  it('switches to the city level', async () => {
    const { page } = session.rec();
    await page.getByTestId('level-select').getByText('市级').click();
    const rows = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
    const cities = readSampleTable('regions').filter((r) => r.level === 'city').length;
    await expect.poll(() => rows.count()).toBe(cities);
  });

  it('served the app and its workers from 127.0.0.1', () => {
    expect(session.rec().requests.length).toBeGreaterThan(5);
  });
  itStayedOffline(session);
});
