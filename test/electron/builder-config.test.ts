import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const section = (key: string) => config[key] as Record<string, unknown>;
type Target = { target: string; arch: string[] };

describe('electron-builder.yml', () => {
  it('names the app and never publishes', () => {
    expect(config.appId).toBe('cn.hengjian.workbench');
    expect(config.productName).toBe('衡鉴');
    expect(config).toHaveProperty('publish', null);
    expect(section('directories').output).toBe('release');
  });

  it('pins electronVersion to the installed electron', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    };
    expect(config.electronVersion).toBe(installed.version);
  });

  it('ships only the bundles, in an asar, without maps or node_modules', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'dist-electron/**', 'package.json', '!**/*.map']));
    expect(config.files).toContain('!**/node_modules/**');
  });

  it('sets the security fuses', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('sets every fuse the installed electron-builder knows, so none is left at a default by omission', () => {
    const enumFile = fs.readFileSync(path.join(root, 'node_modules/@electron/fuses/dist/config.d.ts'), 'utf8');
    const known = [...(/enum FuseV1Options \{([^}]*)\}/.exec(enumFile)?.[1] ?? '').matchAll(/(\w+) = \d+/g)].map((m) => m[1]!);
    expect(known.length).toBeGreaterThanOrEqual(8);
    const camel = known.map((k) => k[0]!.toLowerCase() + k.slice(1));
    expect(Object.keys(section('electronFuses')).sort()).toEqual(camel.sort());
  });

  it('targets a supported Electron major (41 went out of support when 44 shipped)', () => {
    expect(Number(String(config.electronVersion).split('.')[0])).toBeGreaterThanOrEqual(44);
  });

  it('builds NSIS + portable for Windows x64', () => {
    const targets = section('win').target as Target[];
    expect(targets.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    for (const t of targets) expect(t.arch).toEqual(['x64']);
    expect(section('nsis')).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, language: '2052' });
    expect(section('nsis').installerLanguages).toEqual(['zh_CN']);
  });

  it('builds deb + AppImage for Linux x64 and arm64', () => {
    const linux = section('linux');
    const targets = linux.target as Target[];
    expect(targets.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    for (const t of targets) expect(t.arch.sort()).toEqual(['arm64', 'x64']);
    expect(linux.category).toBe('Office');
    expect(linux.maintainer).toEqual(expect.any(String));
    expect(linux.executableName).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
