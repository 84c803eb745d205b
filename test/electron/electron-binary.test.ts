import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  electronPackage,
  electronZipCachePath,
  findElectronBinary,
  missingBinaryMessage,
} from '../../electron/dev/electron-binary.js';

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
    const m = missingBinaryMessage('41.10.7', null);
    for (const s of ['未找到 Electron', 'electron_config_cache', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm run web', 'Electron binary not found']) {
      expect(m).toContain(s);
    }
  });
});
