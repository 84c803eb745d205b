import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, dropIntoImport, itStayedOffline, openApp, valueText } from './browser.js';

/**
 * A Parquet export of a statistics system: long rows of A01 (地区生产总值) for 2026Q2. Rows: 茂口区 900.5,
 * 溪安区 800, 尚田区 700.25, and 990199 (no such region) → 4 read = 3 imported + 1 rejected.
 */
const PARQUET = Buffer.from(
  parquetWriteBuffer({
    columnData: [
      { name: '区划代码', data: ['990102', '990103', '990104', '990199'] },
      { name: '指标代码', data: ['A01', 'A01', 'A01', 'A01'] },
      { name: '期间', data: ['2026Q2', '2026Q2', '2026Q2', '2026Q2'] },
      { name: '数值', data: [900.5, 800, 700.25, 1] },
    ],
    schema: [
      { name: 'root', num_children: 4 },
      { name: '区划代码', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: '指标代码', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: '期间', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: '数值', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    ],
  }),
);

/**
 * A JSON export naming regions without codes: 凤口县 is the old name of 凤口区 (990106, a region alias of the
 * sample), its value a text with a thousands separator; 澄源区 (990105) 456. 2 read = 2 imported.
 */
const JSON_ROWS = Buffer.from(
  JSON.stringify([
    { 地区: '凤口县', 指标: '地区生产总值', 期间: '2026年二季度', 数值: '1,234.5' },
    { 地区: '澄源区', 指标: '地区生产总值', 期间: '2026年二季度', 数值: 456 },
  ]),
);

describe('import Parquet and JSON in Chromium', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('reads both files, resolves the old region name, reports every row and ranks the new quarter', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    await dropIntoImport(page, [
      { name: '2026Q2-GDP.parquet', mimeType: 'application/octet-stream', buffer: PARQUET },
      { name: '各县GDP.json', mimeType: 'application/json', buffer: JSON_ROWS },
    ]);
    await expect.poll(() => page.getByTestId('sheet-card').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('import-validate').click();
    const counts = page.getByTestId('report-counts');
    await expect.poll(() => counts.count(), { timeout: 30_000 }).toBe(2);
    const stat = async (i: number, title: string) =>
      Number(await counts.nth(i).locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').innerText());
    expect([await stat(0, '读取行'), await stat(0, '导入行'), await stat(0, '拒绝行')]).toEqual([4, 3, 1]);
    expect([await stat(1, '读取行'), await stat(1, '导入行'), await stat(1, '拒绝行')]).toEqual([2, 2, 0]);
    const issues = await page.getByTestId('issue-groups').innerText();
    expect(await page.getByTestId('issues-rejected').innerText()).toContain('990199');
    // A routine correction is summarised by reason, with the cell as its example.
    expect(issues).toContain('地区「…」按「…」（…）匹配');
    expect(issues).toContain('凤口县');
    await page.screenshot({ path: `${ARTIFACTS}import-columnar-report.png` });

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '查看区域排名' }).click();
    await expect.poll(() => page.getByTestId('period-select').innerText(), { timeout: 30_000 }).toContain('2026年上半年'); // A01 is cumulative (累计): Q2 reads 上半年
    const rows = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.first().locator('td').allInnerTexts())[1] ?? '', { timeout: 30_000 }).toContain('凤口区');
    const top = [];
    for (let i = 0; i < 6; i++) top.push((await rows.nth(i).locator('td').allInnerTexts()).slice(1, 4).map(valueText));
    await page.screenshot({ path: `${ARTIFACTS}import-columnar-ranking.png` });
    expect(top.slice(0, 5).map((r) => [r[0], r[2]])).toEqual([
      ['凤口区', '1,234.50'],
      ['茂口区', '900.50'],
      ['溪安区', '800.00'],
      ['尚田区', '700.25'],
      ['澄源区', '456.00'],
    ]);
    expect(top[5]?.[2]).not.toMatch(/[0-9]/); // the other counties have no value for 2026Q2
  });

  itStayedOffline(session);
});
