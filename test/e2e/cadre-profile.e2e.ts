import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

const MASKED = /^\d{6}\*{8}[\dX]{4}$/;

describe('cadre profile and 能上能下 on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('opens a 一把手’s profile from the warnings view: ID masked, tenure panel, unmask on purpose, another cadre picked', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /预警/ }).click();
    const leader = page.getByTestId('warnings-leader').first();
    await leader.waitFor({ timeout: 60_000 });
    const name = (await leader.innerText()).trim();
    await leader.click();
    const body = page.getByTestId('profile-body');
    await body.waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('profile-name').innerText()).trim()).toBe(name);
    const id = page.getByTestId('profile-idno');
    expect((await id.innerText()).trim()).toMatch(MASKED);
    // A 一把手: the tenure panel with rank before and now, then the warnings of the term.
    await page.getByTestId('profile-tenure-table').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('profile-tenure-table').first().innerText()).toMatch(/综合得分[\s\S]*第\d+位/);
    await expect.poll(() => page.getByTestId('profile-warnings').first().innerText(), { timeout: 60_000 }).toMatch(/任内\d+期：红线\d+条、黄线\d+条/);
    await page.getByTestId('profile-timeline').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}cadre-profile-leader-1920.png` });
    // Unmasking is a deliberate switch, and switching it off masks again.
    await page.getByTestId('profile-unmask').click();
    await expect.poll(async () => (await id.innerText()).trim(), { timeout: 10_000 }).toMatch(/^\d{17}[\dX]$/);
    await page.getByTestId('profile-unmask').click();
    await expect.poll(async () => (await id.innerText()).trim(), { timeout: 10_000 }).toMatch(MASKED);
    // Another cadre picked at the top: the profile changes.
    const before = await body.getAttribute('data-cadre');
    await page.getByTestId('profile-pick').click();
    await page.keyboard.type('杨志春');
    await page.locator('.ant-select-item-option', { hasText: '杨志春' }).first().click();
    await expect.poll(async () => (await page.getByTestId('profile-name').innerText()).trim(), { timeout: 30_000 }).toBe('杨志春');
    expect(await page.getByTestId('profile-body').getAttribute('data-cadre')).not.toBe(before);
    expect((await page.getByTestId('profile-idno').innerText()).trim()).toMatch(MASKED);
    expect(await page.getByTestId('profile-records').innerText()).toMatch(/提醒2次/);
    await page.getByTestId('profile-tenure-table').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}cadre-profile-picked-1920.png` });
    await expect.poll(() => page.getByTestId('profile-warnings').first().innerText(), { timeout: 60_000 }).toMatch(/任内11期：红线[1-9]\d*条/);
    await page.getByTestId('profile-trend').scrollIntoViewIfNeeded();
    // 红黄榜: 九河区 was on the 红榜 before his term and on no list during it, so he (listed only through the region's
    // lists or his own records, none of which reach a list) is on none himself.
    const regionLists = await page.getByTestId('profile-region-lists').first().innerText();
    expect(regionLists).toMatch(/任职前[\s\S]*红榜（表扬）/);
    expect(regionLists).not.toContain('任职期间');
    expect(await page.getByTestId('profile-lists').innerText()).toContain('未上榜');
    await page.screenshot({ path: `${ARTIFACTS}cadre-profile-tenure-1920.png` });
  });

  it('counts 能上能下 by year and unit, and a name in the list opens the profile', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /干部名册/ }).click();
    await page.getByRole('tab', { name: '能上能下' }).click();
    const sentence = page.getByTestId('adjust-sentence');
    await expect.poll(() => sentence.innerText(), { timeout: 60_000 }).toBe('2021年以来调整不适宜担任现职干部11人，其中重新使用4人');
    expect(await page.getByTestId('adjust-groups').locator('tbody tr.ant-table-row').count()).toBe(5);
    await page.getByTestId('adjust-chart').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}adjustments-year-1920.png` });
    await page.getByTestId('adjust-by').getByText('按单位').click();
    await expect.poll(async () => (await page.getByTestId('adjust-groups').innerText()).includes('人民政府'), { timeout: 30_000 }).toBe(true);
    const first = page.getByTestId('adjust-name').first();
    const name = (await first.innerText()).trim();
    await first.click();
    await expect.poll(async () => (await page.getByTestId('profile-name').innerText()).trim(), { timeout: 30_000 }).toBe(name);
    expect((await page.getByTestId('profile-idno').innerText()).trim()).toMatch(MASKED);
    // The adjustment shows in the timeline: a post with a lower 职务层次 or a 调研员 follows a higher one.
    expect(await page.getByTestId('profile-timeline').innerText()).toMatch(/县处级正职|县处级副职/);
    await page.screenshot({ path: `${ARTIFACTS}adjustments-profile-1920.png` });
  });

  itStayedOffline(session);
});
