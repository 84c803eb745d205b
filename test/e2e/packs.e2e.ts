import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';
import { readSampleTable } from '../support/sample-data.js';

/** 九河区 (990202) and its 一把手 at 2025-12, 杨志春, from the sample CSVs; masked as the projection shows it (first and last character). */
const CODE = '990202';
const REGION = readSampleTable('regions').find((r) => r.region_code === CODE)?.name as string;
const LEADER = '杨志春';
const MASKED = '杨*春';

describe('分析报告 on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('previews one region\'s pack, writes PPTX, DOCX and XLSX into one zip with an index, and says PDF needs the desktop app', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /分析报告/ }).click();
    await page.getByTestId('packs').waitFor({ timeout: 30_000 });
    await page.getByTestId('packs-region').click();
    await page.keyboard.type(REGION);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: `${REGION} · ${LEADER}` }).first().click();
    await expect.poll(() => page.getByTestId('packs-preview').innerText(), { timeout: 90_000 }).toContain(`${REGION}2025年四季度发展情况分析`);
    const findings = await page.getByTestId('packs-findings').locator('li').allInnerTexts();
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(findings[0]).toMatch(/综合得分[\d.]+分/);
    // The browser cannot print PDF: the box is disabled, with the reason on hover.
    await expect.poll(() => page.getByTestId('packs-formats').locator('input[value="pdf"]').isDisabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}packs-view.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('packs-generate').click()]);
    expect(download.suggestedFilename()).toBe(`2025Q4-${REGION}分析报告.zip`);
    const files = unzipSync(readFileSync(await download.path()));
    const names = Object.keys(files).map((n) => n.slice(n.indexOf('/') + 1)).sort();
    const base = `2025Q4-${CODE}-${REGION}-${LEADER}`;
    expect(names).toEqual([`${base}.docx`, `${base}.pptx`, `${base}.xlsx`, '索引.html'].sort());
    const file = (ext: string) => files[Object.keys(files).find((n) => n.endsWith(ext)) as string] as Uint8Array;
    const pptx = unzipSync(file('.pptx'));
    expect(Object.keys(pptx).filter((k) => /^ppt\/charts\/chart\d+\.xml$/.test(k)).length).toBeGreaterThanOrEqual(3);
    // The heat map and the map went in as PNG drawn on the page's canvas.
    expect(Object.keys(pptx).filter((k) => k.startsWith('ppt/media/') && k.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    expect(strFromU8(unzipSync(file('.docx'))['word/document.xml'] as Uint8Array)).toContain(LEADER);
    expect(strFromU8(file('索引.html'))).toContain('共1个地区，已生成1份');
    await expect.poll(() => page.getByTestId('packs-outcome').innerText()).toContain('已保存 1 份');
  }, 240_000);

  it('projects the pack: live charts, keys move, M shows and hides the leader\'s name, Esc returns', async () => {
    const { page } = session.rec();
    await page.getByTestId('packs-project').click();
    const counter = page.getByTestId('projection-counter');
    await expect.poll(() => counter.innerText(), { timeout: 30_000 }).toMatch(/^1 \/ \d+$/);
    const total = Number((await counter.innerText()).split('/')[1]);
    expect(total).toBeGreaterThanOrEqual(10);
    const title = page.getByTestId('pack-slide-title');
    await expect.poll(() => title.innerText()).toContain(MASKED);
    expect(await title.innerText()).not.toContain(LEADER);
    await page.keyboard.press('m');
    await expect.poll(() => title.innerText()).toContain(LEADER);
    await page.keyboard.press('m');
    await expect.poll(() => title.innerText()).toContain(MASKED);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter.innerText()).toBe(`2 / ${total}`);
    await expect.poll(() => page.getByTestId('pack-slide-summary').innerText()).toMatch(/综合得分/);
    // The first chart slide (after title, summary, profile, indicators) draws a live SVG.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter.innerText()).toBe(`5 / ${total}`);
    await expect.poll(() => page.locator('[data-testid^="pack-chart-"] svg path').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACTS}packs-projection-chart.png` });
    await page.keyboard.press('End');
    await expect.poll(() => counter.innerText()).toBe(`${total} / ${total}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('packs').waitFor({ timeout: 30_000 });
  }, 120_000);

  it('edits a wording template: a wrong placeholder is refused naming the key, a right one is versioned and used', async () => {
    const { page } = session.rec();
    await page.getByTestId('packs-templates').click();
    const input = page.getByTestId('template-rank.province');
    await input.fill('居全省第{rnk}位');
    await page.getByTestId('templates-save').click();
    await expect.poll(() => page.getByTestId('templates-error').innerText()).toContain('叙述模板「rank.province」使用了不可用的占位符{rnk}');
    await input.fill('在全省排第{rank}位');
    await page.getByTestId('templates-save').click();
    await page.getByText('模板已保存（版本 2）').waitFor();
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('packs-preview').innerText(), { timeout: 60_000 }).toMatch(/在全省排第\d+位/);
    expect(await page.getByTestId('packs-preview').innerText()).not.toMatch(/居全省第\d+位/);
  }, 120_000);

  it('writes every leader\'s pack with a progress bar, and a cancel keeps what is done with an index of the rest', async () => {
    const { page } = session.rec();
    await page.getByTestId('packs-scope').getByText('全部一把手').click();
    // XLSX only: the quickest format, so the test is about progress and cancel.
    for (const f of ['pptx', 'docx']) await page.getByTestId('packs-formats').locator(`input[value="${f}"]`).uncheck();
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('packs-generate').click();
    await expect.poll(() => page.getByTestId('packs-progress').innerText(), { timeout: 30_000 }).toMatch(/正在生成 ([3-9]|\d{2,})\/115/);
    await page.screenshot({ path: `${ARTIFACTS}packs-progress.png` });
    await page.getByTestId('packs-cancel').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('2025Q4一把手分析报告.zip');
    const files = unzipSync(readFileSync(await download.path()));
    const xlsx = Object.keys(files).filter((n) => n.endsWith('.xlsx'));
    expect(xlsx.length).toBeGreaterThan(0);
    expect(xlsx.length).toBeLessThan(115);
    const index = strFromU8(files[Object.keys(files).find((n) => n.endsWith('索引.html')) as string] as Uint8Array);
    expect(index).toContain(`共115个地区，已生成${xlsx.length}份，未生成${115 - xlsx.length}份`);
    await expect.poll(() => page.getByTestId('packs-outcome').innerText()).toContain(`已取消：保存了已完成的 ${xlsx.length} 份`);
  }, 240_000);

  itStayedOffline(session);
});
