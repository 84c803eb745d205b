import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_GLOBAL, HOST_METHODS } from '../../shared/contract/host-api.js';
import { MENU_GLOBAL } from '../../shared/contract/menu-command.js';
import { buildElectron } from '../../electron/dev/build-electron.js';
import { findElectronBinary } from '../../electron/dev/electron-binary.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root);

if (binary === null) {
  console.warn(
    '[electron-smoke] skipped: Electron binary not installed (node_modules/electron/dist missing; offline machine). ' +
      'Run npm start on a machine with the binary.',
  );
}

describe.skipIf(binary === null)('electron smoke (real binary)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
    await buildElectron();
    // Chromium refuses to start its sandbox as root (CI containers); only then is --no-sandbox added.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', '.'] : ['.'];
    app = await _electron.launch({ executablePath: binary!, args, cwd: root, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens one 衡鉴 window on app://hengjian', async () => {
    expect(page.url()).toBe('app://hengjian/index.html');
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(title).toHaveLength(1);
    expect(title[0]).toMatch(/衡鉴/);
  });

  it('exposes exactly the HostApi and no Node', async () => {
    const keys = await page.evaluate((g) => Object.keys((window as unknown as Record<string, object>)[g] ?? {}).sort(), HOST_GLOBAL);
    expect(keys).toEqual([...HOST_METHODS].sort());
    // Beside it only the menu bridge, with its one method.
    expect(await page.evaluate((g) => Object.keys((window as unknown as Record<string, object>)[g] ?? {}), MENU_GLOBAL)).toEqual(['onMenuCommand']);
    expect(await page.evaluate(() => typeof (globalThis as Record<string, unknown>).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as Record<string, unknown>).process)).toBe('undefined');
  });

  it('answers info() over IPC and blocks the network', async () => {
    const info = await page.evaluate((g) => (window as unknown as Record<string, { info(): Promise<unknown> }>)[g]!.info(), HOST_GLOBAL);
    expect(info).toMatchObject({ kind: 'electron' });
    const fetched = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/').then(
        () => 'reached',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
    // The blocker counted it, and the offline self-test reads the count over the validated IPC.
    const blocked = await page.evaluate((g) => (window as unknown as Record<string, { blockedRequests(): Promise<{ count: number; urls: string[] }> }>)[g]!.blockedRequests(), HOST_GLOBAL);
    expect(blocked.count).toBeGreaterThanOrEqual(1);
    expect(blocked.urls).toContain('http://127.0.0.1:9/');
  });
});
