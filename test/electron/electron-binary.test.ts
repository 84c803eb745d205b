import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  electronPackage,
  electronZipCachePath,
  findElectronBinary,
  missingBinaryMessage,
  platformExecutable,
} from '../../electron/dev/electron-binary.js';
import { browserCommand } from '../../electron/dev/open-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
afterEach(() => vi.unstubAllEnvs());

describe('electron binary lookup (npm start, smoke test)', () => {
  it('finds the installed electron package', () => {
    expect(electronPackage(root)?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH when the executable is there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-electron-'));
    try {
      const exe = process.platform === 'win32' ? 'electron.exe' : 'electron';
      vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dir);
      expect(findElectronBinary(root)).toBeNull();
      fs.writeFileSync(path.join(dir, exe), '');
      expect(findElectronBinary(root)).toBe(path.join(dir, exe));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('computes the exact cache path install.js reads, under electron_config_cache', async () => {
    vi.stubEnv('electron_config_cache', '/media/usb/electron-cache');
    const p = await electronZipCachePath(root, 'linux', 'x64');
    const version = electronPackage(root)!.version;
    expect(p).toMatch(new RegExp(`^/media/usb/electron-cache/[0-9a-f]{64}/electron-v${version.replace(/\./g, '\\.')}-linux-x64\\.zip$`));
  });

  it('explains the offline fix in Chinese and English', () => {
    const m = missingBinaryMessage('45.5.0', null);
    for (const s of ['未找到 Electron 45.5.0', 'electron_config_cache', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm run web', 'binary not found', '不联网']) {
      expect(m).toContain(s);
    }
  });
});

describe('the executable inside an unpacked Electron zip', () => {
  it('is where install.js would point path.txt on each platform', () => {
    expect(platformExecutable('linux')).toBe('electron');
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('opening the default browser (npm start without Electron)', () => {
  const url = 'http://127.0.0.1:4173/';
  const all = () => true;
  it('uses the platform opener', () => {
    expect(browserCommand(url, 'win32', {}, all)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(browserCommand(url, 'darwin', {}, all)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, all)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, all)).toEqual({ command: 'xdg-open', args: [url] });
  });
  it('opens nothing without a desktop session, without xdg-open, or with BROWSER=none', () => {
    expect(browserCommand(url, 'linux', {}, all)).toBeNull();
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, () => false)).toBeNull();
    expect(browserCommand(url, 'win32', { BROWSER: 'none' }, all)).toBeNull();
    expect(browserCommand(url, 'linux', { DISPLAY: ':0', BROWSER: 'NONE' }, all)).toBeNull();
  });
  it('honours BROWSER naming a program on PATH', () => {
    expect(browserCommand(url, 'linux', { BROWSER: 'chromium' }, (n) => n === 'chromium')).toEqual({ command: 'chromium', args: [url] });
    expect(browserCommand(url, 'linux', { BROWSER: 'nosuch' }, () => false)).toBeNull();
  });
});
