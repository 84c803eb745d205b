import { readFileSync, readdirSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { chromiumSession, dropIntoImport, itStayedOffline, openApp } from './browser.js';

/** Seven fictional 干部任免审批表 (UTF-8, GB18030, BOM, problems) in one zip, as they usually arrive. */
const DIR = new URL('../fixtures/lrmx/', import.meta.url);
const ZIP = zipSync(Object.fromEntries(readdirSync(DIR).map((n) => [`任免审批表/${n}`, new Uint8Array(readFileSync(new URL(n, DIR)))])));

describe('import a zip of .lrmx forms in Chromium', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('reads every form into cadres, appointments and assessments, and commits them', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    const before = Number((await page.getByTestId('engine-status').innerText()).match(/([\d,]+) 行指标数据/)?.[1]?.replace(/,/g, ''));
    expect(before).toBe(87_180);
    await dropIntoImport(page, { name: '任免审批表.zip', mimeType: 'application/zip', buffer: Buffer.from(ZIP) });
    await page.getByText('任免审批表 7 份').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-validate').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    // 7 forms: 7 cadres, 26 appointments from the 简历 lines, 15 assessments from the 年度考核结果 texts.
    expect(await report.innerText()).toContain('任免审批表 7 份：导入 7，失败 0；干部 7 人，任职经历 26 条，考核结果 15 条');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    const done = await page.getByTestId('import-done').innerText();
    expect(done).toContain('干部名册');
    expect(done).toContain('考核结果');
    // Indicator data untouched.
    const after = Number((await page.getByTestId('engine-status').innerText()).match(/([\d,]+) 行指标数据/)?.[1]?.replace(/,/g, ''));
    expect(after).toBe(before);
  });

  itStayedOffline(session);
});
