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
      grantFileProtocolExtraPrivileges: false,
    });
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
