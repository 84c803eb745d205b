import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, itStayedOffline, openApp } from './browser.js';

/** The first bytes of the crash-recovery copy (IndexedDB 'hengjian' / 'autosave') as latin1 text; '' before any. */
const autosaveHead = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('hengjian', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('autosave');
        open.onsuccess = () => {
          const get = open.result.transaction('autosave').objectStore('autosave').get('workspace');
          get.onsuccess = () => {
            const bytes = (get.result as { bytes?: Uint8Array } | undefined)?.bytes;
            resolve(bytes ? String.fromCharCode(...bytes.subarray(0, 8)) : '');
          };
          get.onerror = () => resolve('');
        };
        open.onerror = () => resolve('');
      }),
  );

const PASS = '组织部测试口令2026';

describe('workspace encryption and the idle lock (Chromium)', { timeout: 300_000 }, () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('encrypts, saves, asks for the passphrase after a reload (wrong, then right), and locks when idle', async () => {
    const { page } = session.rec();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, appUrl);
    const name = await page.getByTestId('workspace-name').innerText();
    expect(await autosaveHead(page).then((h) => h.slice(0, 2))).toMatch(/^(PK|)$/);

    // 工作区 → 加密与锁定…: turn encryption on.
    await page.getByTestId('workspace-menu').click();
    await page.getByRole('menuitem', { name: '加密与锁定…' }).click();
    expect(await page.getByTestId('crypt-status').innerText()).toContain('未加密');
    await page.getByTestId('crypt-pass').fill(PASS);
    await page.getByTestId('crypt-again').fill(PASS);
    await expect.poll(() => page.getByTestId('crypt-set').isEnabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}crypt-settings.png` });
    await page.getByTestId('crypt-set').click();
    await page.getByText('已启用加密').waitFor();
    await expect.poll(() => autosaveHead(page), { timeout: 30_000 }).toBe('HJWCRYPT');

    // Save (a download in the browser): the file is sealed too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    const saved = readFileSync(await download.path());
    expect(saved.subarray(0, 8).toString('latin1')).toBe('HJWCRYPT');
    expect(saved.includes(Buffer.from(name))).toBe(false);

    // Reload: the autosave is encrypted, so the passphrase is asked for before anything is shown.
    await page.goto(appUrl);
    const input = page.getByTestId('passphrase-input');
    await input.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${ARTIFACTS}crypt-passphrase-dialog.png` });
    await input.fill('不对的口令');
    await page.getByTestId('passphrase-ok').click();
    await expect.poll(() => page.getByTestId('passphrase-error').innerText(), { timeout: 30_000 }).toContain('口令错误或文件已损坏');
    await page.screenshot({ path: `${ARTIFACTS}crypt-passphrase-wrong.png` });
    await input.fill(PASS);
    await page.getByTestId('passphrase-ok').click();
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('workspace-name').innerText()).toBe(name);
    // The switch was recorded through the audit log (it travelled inside the encrypted autosave).
    await page.getByTestId('workspace-menu').click();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await expect.poll(() => page.getByTestId('audit-table').innerText(), { timeout: 30_000 }).toContain('启用加密');
    await page.keyboard.press('Escape');

    // Idle lock: the delay is a setting (seconds in localStorage; the dialog sets minutes); 2 s here.
    await page.evaluate(() => localStorage.setItem('hengjian.idleLockSeconds', '2'));
    await page.getByTestId('lock-screen').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ranking-chart').count()).toBe(0); // the views are unmounted, not just covered
    expect(await page.getByTestId('workspace-name').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}crypt-lock-screen.png` });
    await page.evaluate(() => localStorage.setItem('hengjian.idleLockSeconds', '600'));
    await page.getByTestId('lock-input').fill('不对的口令');
    await page.getByTestId('lock-unlock').click();
    await expect.poll(() => page.getByTestId('lock-error').innerText(), { timeout: 30_000 }).toContain('口令错误或文件已损坏');
    await page.getByTestId('lock-input').fill(PASS);
    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('workspace-name').innerText()).toBe(name);

    // For the record: one PBKDF2-SHA-256 derivation at 600,000 iterations in this Chromium.
    const ms = await page.evaluate(async () => {
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('口令'), 'PBKDF2', false, ['deriveKey']);
      const t0 = performance.now();
      await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 600_000 }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
      return Math.round(performance.now() - t0);
    });
    console.log(`[crypt] PBKDF2-SHA-256 × 600000 in Chromium: ${ms} ms`);
  });

  itStayedOffline(session);
});
