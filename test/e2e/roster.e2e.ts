import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, dropIntoImport, itStayedOffline, openApp } from './browser.js';

const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;

/** The roster's head count as the page states it (共 N 人). */
async function total(page: Page): Promise<number> {
  const text = await page.getByTestId('roster-total').innerText();
  return Number(/共 (\d+) 人/.exec(text)?.[1] ?? NaN);
}

/** The drawn rows' cells (virtual: only those on screen), by column index, '…' while their block loads. */
async function cells(page: Page, col: number): Promise<string[]> {
  return page.getByTestId('roster-grid').locator('.ant-table-tbody-virtual-holder .ant-table-row').evaluateAll(
    (rows, c) => rows.map((r) => (r.querySelectorAll('.ant-table-cell')[c] as HTMLElement | undefined)?.innerText.trim() ?? ''),
    col,
  );
}

/** Frame intervals (ms) in the page while `act` runs: rAF timestamps, so a long frame shows as a long interval. */
async function frames(page: Page, act: () => Promise<void>): Promise<{ p50: number; p95: number; max: number; n: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __on: boolean };
    w.__frames = [];
    w.__on = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  const f = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __on: boolean };
    w.__on = false;
    return w.__frames.slice(1);
  });
  const s = [...f].sort((a, b) => a - b);
  const q = (p: number) => Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
  return { p50: q(0.5), p95: q(0.95), max: q(1), n: s.length };
}

/** The drawn rows' keys (row indices) and name cells. */
async function namesByRow(page: Page): Promise<[number, string][]> {
  return page.getByTestId('roster-grid').locator('.ant-table-tbody-virtual-holder .ant-table-row').evaluateAll((rows) =>
    rows.map((r) => [Number(r.getAttribute('data-row-key')), (r.querySelector('.ant-table-cell') as HTMLElement | null)?.innerText.trim() ?? ''] as [number, string]),
  );
}

/** Wheel down through the roster in steps, then jump to the middle: the rows drawn there must fill in. */
async function scrollRoster(page: Page): Promise<{ idle: Awaited<ReturnType<typeof frames>>; wheel: Awaited<ReturnType<typeof frames>>; jumpMs: number }> {
  const grid = page.getByTestId('roster-grid').locator('.ant-table-tbody-virtual-holder');
  const box = await grid.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  // Background work (an import's autosave zips the workspace on the main thread; the derived tables build after a
  // load) runs for a while: measure after it, once a second passes with no frame over 50 ms (at most 2 minutes).
  for (let i = 0; i < 120 && (await frames(page, () => page.waitForTimeout(1000))).max > 50; i++);
  // The same page's frames with nothing happening: the machine's baseline (2 shared cores, software rendering).
  const idle = await frames(page, () => page.waitForTimeout(1000));
  const wheel = await frames(page, async () => {
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(16);
    }
  });
  const n = await total(page);
  const t0 = Date.now();
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  const filled = async () => (await namesByRow(page)).filter(([k, name]) => k > n / 2 - 100 && name !== '' && name !== '…').length;
  await expect.poll(filled, { timeout: 30_000, interval: 20 }).toBeGreaterThan(10);
  return { idle, wheel, jumpMs: Date.now() - t0 };
}

describe('干部名册 on the sample (Chromium)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('lists the roster masked, filters, searches, scrolls, opens a profile and unmasks on purpose', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    await page.getByRole('menuitem', { name: /干部名册/ }).click();
    await expect.poll(() => total(page), { timeout: 60_000 }).toBe(3378);
    // Highest 职务层次 first: 林宁鑫 (省部级正职, C00001), ID 990105196509267458 masked 6+4.
    await expect.poll(() => cells(page, 0), { timeout: 30_000 }).toContain('林宁鑫');
    const ids = (await cells(page, 18)).filter((x) => x !== '…');
    expect(ids).toContain('990105********7458');
    expect(ids.every((x) => MASKED.test(x)), ids.join(' ')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}roster-1920.png` });

    await page.getByTestId('roster-filter-genders').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '女' }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => total(page), { timeout: 30_000 }).toBe(971);
    await expect.poll(async () => (await cells(page, 1)).filter((x) => x !== '…').every((x) => x === '女'), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => total(page), { timeout: 30_000 }).toBe(3378);

    const sample = await scrollRoster(page);
    console.info(`[roster e2e] sample 3378 rows: idle frames ${JSON.stringify(sample.idle)}, wheel frames ${JSON.stringify(sample.wheel)}, jump to the middle filled in ${sample.jumpMs} ms`);

    await page.getByTestId('roster-search').locator('input').fill('林宁鑫');
    await page.getByTestId('roster-search').locator('input').press('Enter');
    await expect.poll(() => total(page), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => cells(page, 18), { timeout: 30_000 }).toEqual(['990105********7458']);
    await page.getByTestId('roster-unmask').click();
    await expect.poll(() => cells(page, 18), { timeout: 30_000 }).toEqual(['990105196509267458']);
    await page.getByTestId('roster-unmask').click();
    await expect.poll(() => cells(page, 18), { timeout: 30_000 }).toEqual(['990105********7458']);
    await page.getByTestId('roster-name').first().click();
    await expect.poll(() => page.getByTestId('profile-body').getAttribute('data-cadre'), { timeout: 30_000 }).toBe('C00001');
    await expect.poll(() => page.getByTestId('profile-name').innerText(), { timeout: 30_000 }).toBe('林宁鑫');
    await page.locator('.ant-drawer-close').click();
  });

  it('shows the structure at a reference date, and the numbers move with the date', async () => {
    const { page } = session.rec();
    await page.getByRole('tab', { name: '结构分析' }).click();
    const summary = page.getByTestId('structure-summary');
    // Default date: the end of the newest period (2025Q4).
    await expect.poll(() => page.getByTestId('structure-date').inputValue(), { timeout: 60_000 }).toBe('2025-12-31');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/统计人数\s*3,?378/);
    await page.getByTestId('structure-by').getByText('按地区').click();
    await expect.poll(() => page.getByTestId('structure-table').locator('tbody tr.ant-table-row').first().innerText(), { timeout: 60_000 }).toMatch(/^全部\s+3378/);
    const before = await summary.innerText();
    await page.screenshot({ path: `${ARTIFACTS}roster-structure-2025.png`, fullPage: true });
    await page.getByTestId('structure-date').fill('2021-06-30');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).not.toBe(before);
    const after = await summary.innerText();
    const avg = (s: string) => Number(/平均年龄\s*([\d.]+)/.exec(s)?.[1]);
    // Four and a half years earlier everybody is younger (some had not started work yet and are left out).
    expect(avg(after)).toBeLessThan(avg(before));
    await page.getByTestId('structure-dim').getByText('到龄退休').click();
    await page.getByTestId('structure-group-chart').locator('svg').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}roster-structure-2021.png`, fullPage: true });
  });

  itStayedOffline(session);
});

describe.skipIf(!process.env.ROSTER_100K)('干部名册 with 100k cadres (Chromium; ROSTER_100K=1)', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('scrolls 100k imported cadres smoothly, fetching windows', { timeout: 900_000 }, async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, appUrl);
    const n = 100_000;
    const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
    const lines = ['干部编号,姓名,性别,民族,出生年月,政治面貌,参加工作时间,全日制学历,全日制学位,现任职务,职务层次,任现职时间,身份证号'];
    for (let i = 0; i < n; i++) {
      const y = 1965 + (i % 30);
      const m = String(1 + (i % 12)).padStart(2, '0');
      lines.push(`G${String(i).padStart(6, '0')},${surnames[i % 20]}${String.fromCharCode(0x4e00 + (i % 500))}${String.fromCharCode(0x4e00 + ((i * 7) % 800))},${i % 3 ? '男' : '女'},汉族,${y}-${m},中共党员,${y + 22}-07,大学,学士,第${i % 400}乡党委副书记,乡科级副职,${2015 + (i % 10)}-03,990105${y}${m}15${String(i % 1000).padStart(3, '0')}1`);
    }
    await dropIntoImport(page, { name: '干部名册10万.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8') });
    await page.getByTestId('import-validate').click({ timeout: 120_000 });
    await page.getByTestId('import-commit').click({ timeout: 300_000 });
    await page.getByTestId('import-done').waitFor({ timeout: 300_000 });
    await page.getByRole('menuitem', { name: /干部名册/ }).click();
    const t0 = Date.now();
    await expect.poll(() => total(page), { timeout: 120_000, interval: 50 }).toBe(n + 3378);
    const firstMs = Date.now() - t0;
    const cdp = process.env.ROSTER_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const big = await scrollRoster(page);
    if (cdp) {
      type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((x) => [x.id, x]));
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)?.callFrame;
        const k = `${f?.functionName || '(anon)'} ${f?.url.split('/').pop()}:${f?.lineNumber}`;
        self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.info([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${Math.round(v)} ms ${k}`).join('\n'));
    }
    console.info(`[roster e2e] ${n + 3378} rows: first window in ${firstMs} ms; idle frames ${JSON.stringify(big.idle)}; wheel frames ${JSON.stringify(big.wheel)}; jump to the middle filled in ${big.jumpMs} ms`);
    await page.screenshot({ path: `${ARTIFACTS}roster-100k.png` });
    // A measurement first (printed above); the gate only catches a regression to seconds-long frames. Frame times
    // swing with the machine's load (2 shared cores): measured p95 67–333 ms with load averages of 8–14.
    expect(big.wheel.p50).toBeLessThan(50);
    expect(big.wheel.max).toBeLessThan(2000);
  });
});
