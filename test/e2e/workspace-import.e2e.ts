import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chooseMapping, chromiumSession, itStayedOffline, openApp, type ImportFile } from './browser.js';

/**
 * The walk, as a new user with a province's real files: from the sample, start a new workspace when the
 * app asks; import regions and a catalogue holding similar names; import a quarterly wide sheet (GB18030, title
 * row, two-row header of names and units, 合计 row, footnote); each column lands on its own indicator; three
 * mapping edits in turn all hold; commit; undo the batch; the workspace is as it was before it.
 */
const csv = (name: string, lines: string[], gbk = false): ImportFile => ({
  name,
  mimeType: 'text/csv',
  buffer: gbk ? iconv.encode(lines.join('\r\n'), 'gb18030') : Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
});
const REGIONS = csv('区划.csv', ['区划代码,名称', '330100,杭州市', '330102,上城区', '330105,拱墅区', '330106,西湖区']);
const CATALOGUE = csv('指标目录.csv', [
  '指标代码,指标名称,计量单位,指标方向',
  'ZJ01,地区生产总值,亿元,1',
  'ZJ02,地区生产总值增速,%,1',
  'ZJ03,一般公共预算收入,亿元,1',
  'ZJ04,一般公共预算收入增速,%,1',
  'ZJ05,居民人均可支配收入,元,1',
  'ZJ06,农村居民人均可支配收入,元,1',
]);
const WIDE = csv(
  '2025年前三季度各区主要指标.csv',
  [
    '2025年前三季度各区主要经济指标,,,,,,',
    '地区,地区生产总值,地区生产总值增速,一般公共预算收入,一般公共预算收入增速,居民人均可支配收入,农村居民人均可支配收入',
    ',亿元,%,亿元,%,元,元',
    '上城区,"1,725.1",5.5,123.4,3.1,"68,210",—',
    '拱墅区,1414.2,6.1,98.7,-2.4,"64,900",—',
    '西湖区,1650.3,7.2,150.2,4.8,"70,115","45,620"',
    '合计,"4,789.6",,372.3,,,',
    '注：数据为快报数。,,,,,,',
  ],
  true,
);
const COLUMNS = ['ZJ01 地区生产总值', 'ZJ02 地区生产总值增速', 'ZJ03 一般公共预算收入', 'ZJ04 一般公共预算收入增速', 'ZJ05 居民人均可支配收入', 'ZJ06 农村居民人均可支配收入'];

async function status(page: Page): Promise<string> {
  return page.getByTestId('engine-status').innerText();
}

async function drop(page: Page, files: ImportFile[]): Promise<void> {
  await page.getByTestId('import-view').locator('input[type=file]').setInputFiles(files);
}

/** The ranking table's value column by region, for one indicator chosen as a user does. */
async function rankedValues(page: Page, indicator: string): Promise<Record<string, string>> {
  await page.getByRole('menuitem', { name: /区域排名/ }).click();
  await page.getByTestId('indicator-select').click();
  await page.keyboard.type(indicator);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: indicator }).first().click();
  const table = page.getByTestId('ranking-table');
  await expect.poll(async () => (await page.getByTestId('ranking-chart').locator('svg').textContent()) ?? '', { timeout: 30_000 }).toContain(`${indicator}：`);
  const rows = await table.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return Object.fromEntries(rows.map((r) => [r[1], r[3]]));
}

describe('a real province in a new workspace: import, edit the mapping, commit, undo (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('offers the three ways in at first start and a new workspace before importing into the sample', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor();
    expect(await welcome.innerText()).toMatch(/新建工作区[\s\S]*打开工作区[\s\S]*先看看示例（演示数据）/);
    expect(await page.getByTestId('demo-tag').innerText()).toContain('演示数据');
    expect(await page.getByTestId('ranking-chart').locator('svg').textContent()).toContain('示例数据（虚构）');
    await page.screenshot({ path: `${ARTIFACTS}first-start.png` });

    await page.getByRole('menuitem', { name: /数据导入/ }).click();
    await page.getByTestId('demo-guard').waitFor();
    await page.getByTestId('demo-guard-new').click();
    await page.getByTestId('new-workspace-name').fill('浙江省杭州市2025年三季度');
    await page.getByTestId('new-workspace-ok').click();
    await expect.poll(() => page.getByTestId('workspace-name').innerText()).toContain('浙江省杭州市2025年三季度');
    await expect.poll(() => status(page)).toContain('0 个地区 · 0 项指标 · 0 行指标数据');
    expect(await page.getByTestId('demo-tag').count()).toBe(0);
    expect(await page.getByTestId('welcome').count()).toBe(0);
    expect(await page.getByTestId('demo-guard').count()).toBe(0);
  });

  it('imports regions and a catalogue of similar names, then the wide sheet: every column on its own indicator; three edits in turn all hold', async () => {
    const { page } = session.rec();
    await drop(page, [REGIONS, CATALOGUE]);
    await expect.poll(() => page.getByTestId('sheet-card').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('import-validate').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await expect.poll(() => status(page)).toContain('4 个地区 · 6 项指标 · 0 行指标数据');

    await page.getByRole('button', { name: '继续导入' }).click();
    await drop(page, [WIDE]);
    const mapping = page.getByTestId('mapping-table');
    await mapping.waitFor({ timeout: 30_000 });
    for (const [i, name] of COLUMNS.entries()) expect(await page.getByTestId(`mapping-${i + 1}`).innerText()).toContain(`${name}（数值）`);
    expect(await page.getByTestId('period-input').inputValue()).toBe('2025Q3');
    // The period is read with its basis spelled out (the catalogue gives no basis: year-to-date).
    expect(await page.getByTestId('period-label').innerText()).toBe('2025年前三季度（1-9月累计）');

    const choose = (col: number, text: string) => chooseMapping(page, col, text);
    // Three edits in turn (and one back): none undoes another.
    await choose(6, '不导入');
    await choose(4, '不导入');
    expect(await page.getByTestId('mapping-6').innerText()).toContain('不导入');
    await choose(6, 'ZJ06 农村居民人均可支配收入（数值）');
    expect(await page.getByTestId('mapping-4').innerText()).toContain('不导入');
    await choose(4, 'ZJ04 一般公共预算收入增速（数值）');
    for (const [i, name] of COLUMNS.entries()) expect(await page.getByTestId(`mapping-${i + 1}`).innerText()).toContain(`${name}（数值）`);
    const how = await mapping.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild?.textContent ?? ''));
    expect([how[4], how[6]]).toEqual(['手动', '手动']);
    expect(how[2]).toMatch(/100%|精确/);
    await page.screenshot({ path: `${ARTIFACTS}workspace-import-mapping.png`, fullPage: true });

    await page.getByTestId('import-validate').click();
    const counts = page.getByTestId('report-counts');
    await counts.waitFor({ timeout: 30_000 });
    const stat = async (title: string) => Number(await counts.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').innerText());
    // Units row read as units (not a rejected row); 3 counties imported; 合计 and the footnote skipped.
    expect([await stat('读取行'), await stat('导入行'), await stat('拒绝行'), await stat('跳过行'), await stat('数据条数')]).toEqual([5, 3, 0, 2, 16]);
    expect(await page.getByTestId('issues-missing').innerText()).toMatch(/缺失值标记，按空值处理：2 处/);
    expect(await page.getByTestId('issues-skipped').innerText()).toContain('合计');
    expect(await page.getByTestId('report-replaces').count()).toBe(0); // nothing there yet to replace
    await page.screenshot({ path: `${ARTIFACTS}workspace-import-report.png`, fullPage: true });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await expect.poll(() => status(page)).toContain('4 个地区 · 6 项指标 · 16 行指标数据');
    await expect.poll(() => page.getByTestId('import-history').innerText()).toContain('导入记录（2 批）');
    await page.screenshot({ path: `${ARTIFACTS}workspace-import-history.png`, fullPage: true });

    expect(await rankedValues(page, '地区生产总值增速')).toEqual({ 西湖区: '7.2', 拱墅区: '6.1', 上城区: '5.5' });
    expect(await rankedValues(page, '地区生产总值')).toEqual({ 上城区: '1,725.10', 西湖区: '1,650.30', 拱墅区: '1,414.20' });
  });

  it('undoes the wide sheet’s batch from the import history: the workspace is as before it', async () => {
    const { page } = session.rec();
    await page.getByRole('menuitem', { name: /数据导入/ }).click();
    await page.getByTestId('undo-batch-2').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销导入' }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toContain('4 个地区 · 6 项指标 · 0 行指标数据');
    await expect.poll(() => page.getByTestId('import-history').innerText()).toContain('已撤销');
    expect(await page.getByTestId('undo-batch-1').count()).toBe(1);
    expect(await page.getByTestId('undo-batch-2').count()).toBe(0);
    await page.getByRole('menuitem', { name: /区域排名/ }).click();
    await expect.poll(() => page.getByTestId('ranking-empty').innerText(), { timeout: 30_000 }).toContain('该指标还没有数据');
  });

  itStayedOffline(session);
});
