import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp, valueText } from './browser.js';
import { readSampleTable } from '../support/sample-data.js';

/** Counties valid at the end of 2025Q4, and their composite (mean of z × direction over indicators), computed here from the CSVs. */
function expectedComposite(period: string): { code: string; name: string; composite: number }[] {
  const asOf = '2025-12-31';
  const counties = readSampleTable('regions').filter((r) => r.level === 'county' && (!r.valid_from || r.valid_from <= asOf) && (!r.valid_to || r.valid_to >= asOf));
  const codes = new Set(counties.map((c) => c.region_code));
  const dir = new Map(readSampleTable('indicators').map((i) => [i.indicator_id, Number(i.direction)]));
  const byInd = new Map<string, { code: string; v: number }[]>();
  for (const v of readSampleTable('indicator_values'))
    if (v.period === period && v.value !== '' && codes.has(v.region_code ?? '')) {
      const list = byInd.get(v.indicator_id ?? '') ?? [];
      list.push({ code: v.region_code ?? '', v: Number(v.value) });
      byInd.set(v.indicator_id ?? '', list);
    }
  const sums = new Map<string, { s: number; n: number }>();
  for (const [ind, list] of byInd) {
    const mean = list.reduce((a, b) => a + b.v, 0) / list.length;
    const sd = Math.sqrt(list.reduce((a, b) => a + (b.v - mean) ** 2, 0) / list.length);
    for (const x of list) {
      const z = sd === 0 ? 0 : ((x.v - mean) / sd) * (dir.get(ind) ?? 1);
      const e = sums.get(x.code) ?? { s: 0, n: 0 };
      sums.set(x.code, { s: e.s + z, n: e.n + 1 });
    }
  }
  return counties
    .filter((c) => sums.has(c.region_code ?? ''))
    .map((c) => ({ code: c.region_code ?? '', name: c.name ?? '', composite: (sums.get(c.region_code ?? '')?.s ?? 0) / (sums.get(c.region_code ?? '')?.n ?? 1) }))
    .sort((a, b) => b.composite - a.composite);
}

const svgText = async (page: Page, testId: string) => (await page.getByTestId(testId).locator('svg').first().textContent()) ?? '';

async function go(page: Page, menu: RegExp, testId: string) {
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByTestId(testId).waitFor({ timeout: 30_000 });
}

describe('the analyses on the sample, linked (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);
  let selectedName = '';

  it('ranks against a national value the user enters, with gaps and movement in words', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByTestId('benchmark-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '全国值' }).click();
    await page.getByTestId('national-missing').waitFor();
    // The derived tables the views read at scale are built in the background once the sample is in.
    const rec = session.rec();
    await expect.poll(() => rec.consoleInfo.join('\n'), { timeout: 30_000 }).toMatch(/derived tables: [1-9]\d* rows in \d+ ms/);
    expect(await page.getByTestId('derived-status').count()).toBe(0);
    await page.getByTestId('national-input').fill('500');
    const table = page.getByTestId('ranking-table');
    await expect.poll(() => table.locator('thead').innerText(), { timeout: 30_000 }).toContain('与全国值差距');
    // rank, region, group, value (⚠ when flagged), unit, gap, gap %, vs previous, vs last year; the header changes
    // before the new gaps arrive.
    const firstRow = () => table.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
    const valueOf = (cell: string | undefined) => Number(valueText(cell).replace(/,/g, ''));
    const gapOk = (cells: string[]) => cells[5] === `+${(valueOf(cells[3]) - 500).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    await expect.poll(async () => gapOk(await firstRow()), { timeout: 30_000 }).toBe(true);
    const moves = await table.locator('tbody tr.ant-table-row td:nth-child(8)').allInnerTexts();
    expect(moves.length).toBeGreaterThan(50);
    for (const m of moves) expect(m.trim()).toMatch(/^(前进\d+位|后退\d+位|持平|—)$/);
    expect(moves.some((m) => /前进|后退/.test(m))).toBe(true);
    expect(await svgText(page, 'ranking-chart')).toContain('全国值 500.00');
    await page.screenshot({ path: `${ARTIFACTS}analyses-ranking-1920.png` });
  });

  it('exports the chart as PNG at twice its size and as SVG, and the table as XLSX and CSV', async () => {
    const { page } = session.rec();
    const saved = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const chartWidth = (await page.getByTestId('ranking-chart').boundingBox())?.width ?? 0;
    const png = await saved('export-png');
    writeFileSync(`${ARTIFACTS}export-ranking.png`, png.bytes);
    expect(png.name).toMatch(/^地区生产总值_\d{4}Q\d_县级排名\.png$/);
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // IHDR width: the chart's on-screen width at pixel ratio 2 (the card's padding aside)
    expect(Math.abs(png.bytes.readUInt32BE(16) - 2 * chartWidth)).toBeLessThan(40);
    const svg = await saved('export-svg');
    expect(svg.bytes.toString('utf8')).toContain('<svg');
    expect(svg.bytes.toString('utf8')).toContain('示例数据（虚构）');
    const csv = (await saved('export-csv')).bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeff排名,区划代码,地区,数值（亿元）,基准（全国值）,差距,差距%,较上期,较上年同期,考核分组');
    expect(csv.split('\r\n')[1]).toMatch(/^第1位,99\d{4},/);
    const xlsx = await saved('export-xlsx');
    expect([...xlsx.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('selects a region in the ranking and highlights it in the heat map', async () => {
    const { page } = session.rec();
    const row = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').nth(4);
    selectedName = (await row.locator('td').nth(1).innerText()).trim();
    await row.click();
    await expect.poll(() => row.getAttribute('class')).toContain('hj-selected-row');
    expect(await svgText(page, 'ranking-chart')).toContain(`▶ 5. ${selectedName}`);
    await go(page, /热力图/, 'heatmap-chart');
    await expect.poll(() => svgText(page, 'heatmap-chart'), { timeout: 30_000 }).toContain(`▶ ${selectedName}`);
    expect(await page.getByTestId('heatmap-hint').innerText()).toContain('绿色较好，红色较差');
    const text = await svgText(page, 'heatmap-chart');
    expect(text).toContain('较好');
    expect(text).toContain('较差');
    await page.screenshot({ path: `${ARTIFACTS}analyses-heatmap-1920.png` });
  });

  it('orders the heat map by the composite computed here, and a cell click opens that region’s trend', async () => {
    const { page } = session.rec();
    // the default period is the newest: 2025Q4 in the sample
    const expected = expectedComposite('2025Q4');
    await page.getByTestId('period-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    const chart = page.getByTestId('heatmap-chart');
    const text = await svgText(page, 'heatmap-chart');
    const firstTwo = expected.slice(0, 2).map((e) => e.name);
    expect(text.indexOf(firstTwo[0] as string)).toBeGreaterThan(-1);
    expect(text.indexOf(firstTwo[0] as string)).toBeLessThan(text.indexOf(firstTwo[1] as string));
    const box = await chart.boundingBox();
    if (!box) throw new Error('no heat map');
    // the top-left cell: along the first row (top 170) from the left until the pointer is over a cell
    let tip = '';
    for (let dx = 120; dx < box.width / 2 && !tip.includes('标准分'); dx += 15) {
      await page.mouse.move(box.x + dx, box.y + 185, { steps: 2 });
      await page.waitForTimeout(200);
      tip = await page.evaluate(() => [...document.querySelectorAll('div')].find((d) => d.innerHTML.includes('标准分') && getComputedStyle(d).position === 'absolute')?.innerHTML ?? '');
    }
    // the tooltip names the cell: the top region by composite, the first indicator
    expect(tip).toContain(expected[0]?.name);
    expect(tip).toContain('地区生产总值：');
    await page.mouse.down();
    await page.mouse.up();
    await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('trend-regions').innerText()).toContain(expected[0]?.name);
    await expect.poll(() => svgText(page, 'trend-chart')).toContain('地区生产总值：数值');
    expect(await page.getByTestId('qoq-note').innerText()).toContain('环比没有意义');
    await page.screenshot({ path: `${ARTIFACTS}analyses-trend-1920.png` });
  });

  it('shows the streaks and 一把手 changes in words beside the trend', async () => {
    const { page } = session.rec();
    const findings = await page.getByTestId('trend-findings').innerText();
    expect(findings).toMatch(/一把手由.+改为|没有连续变差/);
    await page.getByTestId('trend-measure').getByText('年度目标完成').click();
    await expect.poll(() => svgText(page, 'trend-chart')).toContain('时序进度');
  });

  it('drills the multi-indicator table from cities to one city’s counties and back', async () => {
    const { page } = session.rec();
    await go(page, /多指标对比/, 'compare-table');
    const rows = page.getByTestId('compare-table').locator('.ant-table-row');
    const regions = readSampleTable('regions');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(regions.filter((r) => r.level === 'city').length);
    const city = (await rows.first().locator('a').innerText()).trim();
    const code = regions.find((r) => r.level === 'city' && r.name === city)?.region_code;
    await rows.first().locator('a').click();
    await expect.poll(() => page.getByTestId('compare-path').innerText()).toContain(city);
    const counties = regions.filter((r) => r.level === 'county' && r.parent_code === code && !r.valid_to).length;
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(counties);
    await page.screenshot({ path: `${ARTIFACTS}analyses-compare-1920.png` });
    await page.getByTestId('compare-path').getByText('市级').click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(regions.filter((r) => r.level === 'city').length);
  });

  it('draws the map of the sample with the selected region outlined, and lists regions without a shape', async () => {
    const { page } = session.rec();
    await go(page, /地图/, 'map-without-shape');
    await page.getByTestId('map-chart').locator('svg').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('map-without-shape').innerText()).toContain('无');
    // the selected region's shape carries the selection outline
    await expect.poll(() => page.getByTestId('map-chart').locator('svg path[stroke="#b71c1c"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('map-source-note').fill('审图号：GS(示例)001号');
    await page.getByTestId('map-source-note').blur();
    await expect.poll(() => svgText(page, 'map-chart')).toContain('审图号：GS(示例)001号');
    await page.screenshot({ path: `${ARTIFACTS}analyses-map-1920.png` });
  });

  it('fits each view at 1366×768', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [menu, id, shot] of [
      [/区域排名/, 'ranking-chart', 'ranking'],
      [/多指标对比/, 'compare-table', 'compare'],
      [/趋势分析/, 'trend-chart', 'trend'],
      [/热力图/, 'heatmap-chart', 'heatmap'],
      [/地图/, 'map-chart', 'map'],
    ] as const) {
      await go(page, menu, id);
      await page.waitForTimeout(800);
      // nothing wider than the window: no horizontal scroll of the page itself
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: `${ARTIFACTS}analyses-${shot}-1366.png` });
    }
  });

  itStayedOffline(session);
});
