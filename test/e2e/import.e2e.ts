import iconv from 'iconv-lite';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chooseMapping, chromiumSession, dropIntoImport, itStayedOffline, openApp, valueText } from './browser.js';

/**
 * A GBK CSV as saved by Excel on Chinese Windows: a title row naming the period, a two-row header with a merged
 * parent cell, an unrecognisable 'GDP' header the user must map, full-width digits, '—' for missing, a 合计 row.
 */
const CSV = [
  '2026年一季度各县（市、区）主要经济指标,,',
  '地区,主要指标,',
  ',GDP（亿元）,一般公共预算收入（亿元）',
  '蓝浦县,111.1,11.5',
  '莲谷县,222.2,—',
  '鹤坪市,"３３３.3",13.25',
  '合计,666.6,24.75',
].join('\r\n');

describe('import a GBK CSV in Chromium', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('recognises the file, takes a corrected mapping, reports every row and shows the new data', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    await dropIntoImport(page, { name: '一季度指标.csv', mimeType: 'text/csv', buffer: iconv.encode(CSV, 'gb18030') });

    const card = page.getByTestId('sheet-card');
    await card.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('encoding-select').innerText()).toContain('GB18030');
    // A wrong encoding is visible in the preview and can be corrected.
    const preview = page.getByTestId('sheet-preview');
    await page.getByTestId('encoding-select').click();
    await page.getByTitle('UTF-8', { exact: true }).click();
    await expect.poll(() => preview.innerText(), { timeout: 30_000 }).toContain('\uFFFD');
    await page.getByTestId('encoding-select').click();
    await page.getByTitle('GB18030 / GBK（简体中文 Windows）').click();
    await expect.poll(() => preview.innerText(), { timeout: 30_000 }).toContain('蓝浦县');
    expect(await page.getByTestId('period-input').inputValue()).toBe('2026Q1');
    expect(await card.innerText()).toContain('取自第 1 行标题');
    // The two-row header is shown and can be corrected: without row 2 the merged parent 主要指标 is gone, and back.
    const headerRows = page.getByTestId('header-rows-select');
    const mapping = page.getByTestId('mapping-table');
    expect(await headerRows.innerText()).toMatch(/第 2 行[\s\S]*第 3 行/);
    expect(await mapping.innerText()).toContain('主要指标');
    await headerRows.locator('.ant-select-selection-item', { hasText: '第 2 行' }).locator('.ant-select-selection-item-remove').click();
    await expect.poll(() => mapping.innerText(), { timeout: 30_000 }).not.toContain('主要指标');
    await headerRows.click();
    await page.locator('.ant-select-item-option', { hasText: '第 2 行：地区 | 主要指标' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => mapping.innerText(), { timeout: 30_000 }).toContain('主要指标');
    expect(await page.getByTestId('period-input').inputValue()).toBe('2026Q1');
    await page.screenshot({ path: `${ARTIFACTS}import-review.png`, fullPage: true });

    // Fix one mapping: the 'GDP' column is 地区生产总值's value.
    await page.getByTestId('mapping-1').click();
    await page.keyboard.type('地区生产总值（数值）');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('mapping-1').innerText()).toContain('地区生产总值（数值）');
    // More edits of other columns in turn: each holds, and none undoes an earlier one (they used to).
    const choose = (col: number, text: string) => chooseMapping(page, col, text);
    await choose(2, '不导入');
    expect(await page.getByTestId('mapping-1').innerText()).toContain('A01 地区生产总值（数值）');
    await choose(0, '不导入');
    expect(await page.getByTestId('mapping-2').innerText()).toContain('不导入');
    await choose(2, 'A03 一般公共预算收入（数值）');
    await choose(0, '地区名称');
    for (const [col, text] of [[0, '地区名称'], [1, 'A01 地区生产总值（数值）'], [2, 'A03 一般公共预算收入（数值）']] as const) {
      expect(await page.getByTestId(`mapping-${col}`).innerText()).toContain(text);
    }
    const manual = await mapping.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild?.textContent ?? ''));
    expect(manual).toEqual(['手动', '手动', '手动']);
    await page.screenshot({ path: `${ARTIFACTS}import-mapping.png`, fullPage: true });

    await page.getByTestId('import-validate').click();
    const counts = page.getByTestId('report-counts');
    await counts.waitFor({ timeout: 30_000 });
    const stat = async (title: string) =>
      Number(await counts.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').innerText());
    // 4 rows after the header: 3 regions imported, the 合计 row skipped; 5 values (莲谷县 has no 一般公共预算收入).
    expect(await stat('读取行')).toBe(4);
    expect(await stat('导入行')).toBe(3);
    expect(await stat('拒绝行')).toBe(0);
    expect(await stat('跳过行')).toBe(1);
    expect(await stat('数据条数')).toBe(5);
    expect(await page.getByTestId('issues-skipped').innerText()).toContain('合计');
    // 莲谷县's '—' is 缺失, not a correction.
    expect(await page.getByTestId('issues-missing').innerText()).toContain('缺失值标记，按空值处理');
    // Every column is accounted for in the report, with 手动 for the choices made by hand.
    const outcomes = await page.getByTestId('column-outcomes').locator('tbody tr').allInnerTexts();
    expect(outcomes.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['地区', '导入', '地区名称', '手动', '手动'],
      ['主要指标/GDP（亿元）', '导入', '指标 A01 地区生产总值（数值）', '手动', '手动'],
      ['主要指标/一般公共预算收入（亿元）', '导入', '指标 A03 一般公共预算收入（数值）', '手动', '手动'],
    ]);
    await page.screenshot({ path: `${ARTIFACTS}import-report.png`, fullPage: true });

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByRole('button', { name: '查看区域排名' }).click();
    const firstRow = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText(), { timeout: 30_000 }).toContain('鹤坪市');
    expect(valueText((await firstRow.locator('td').allInnerTexts())[3])).toBe('333.30');
    expect(await page.getByTestId('period-select').innerText()).toContain('2026年一季度');
    await page.screenshot({ path: `${ARTIFACTS}import-ranking.png` });
  });

  it('still has the imported data after a reload (autosave)', async () => {
    const { page } = session.rec();
    await page.waitForTimeout(2000); // the autosave is written 0.8 s after the change
    await page.reload();
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
    await page.getByTestId('recovery-notice').waitFor();
    const firstRow = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => firstRow.innerText(), { timeout: 30_000 }).toContain('鹤坪市');
    expect(valueText((await firstRow.locator('td').allInnerTexts())[3])).toBe('333.30');
  });

  itStayedOffline(session);
});
