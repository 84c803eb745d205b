import fs from 'node:fs';
import { createRequire } from 'node:module';
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

  it("is a valid configuration for the installed electron-builder (its own validateConfiguration), and a typo is not", async () => {
    const require = createRequire(path.join(root, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...structuredClone(config), electronFuses: { ...section('electronFuses'), runAsNod: false } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it("uses only fuse names the installed electron-builder's schema accepts", () => {
    const scheme = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { additionalProperties: boolean; properties: Record<string, { type: string }> } };
    };
    const fuses = scheme.definitions.FuseOptionsV1;
    expect(fuses.additionalProperties).toBe(false);
    for (const key of Object.keys(section('electronFuses'))) expect(fuses.properties[key]?.type, key).toBe('boolean');
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

  it('has no auto-update: no publish provider anywhere, no electron-updater, no autoUpdater in the sources', () => {
    expect(config.publish).toBeNull();
    for (const key of ['win', 'linux', 'nsis', 'portable', 'deb', 'appImage', 'AppImage', 'mac']) expect(config[key] ?? {}, key).not.toHaveProperty('publish');
    expect(JSON.stringify(config)).not.toMatch(/"provider"|github|s3|generic|spaces|keygen|snapStore/i);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const deps of ['dependencies', 'devDependencies', 'optionalDependencies']) expect(pkg[deps] ?? {}, deps).not.toHaveProperty('electron-updater');
    expect(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).not.toContain('"node_modules/electron-updater"');
    const sources = ['electron', 'renderer', 'shared'].flatMap((d) => fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(root, d, f)));
    expect(sources.length).toBeGreaterThan(50);
    const updaters = sources.filter((f) => /electron-updater|autoUpdater/.test(fs.readFileSync(f, 'utf8')));
    expect(updaters).toEqual([]);
  });

  it("docs/offline-build.md names every electron-builder binary the installed version fetches for these targets", () => {
    const lib = (f: string) => fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/out/toolsets', f), 'utf8');
    const doc = fs.readFileSync(path.join(root, 'docs/offline-build.md'), 'utf8');
    const electron = String(config.electronVersion);
    // [file the installed app-builder-lib names, its sha256 there]: the doc must carry both, so an upgrade that
    // changes a binary fails here until the doc (and the carried-in cache) follow.
    const wanted: [string, RegExp][] = [
      ['nsis-3.0.4.1.7z', /getBinFromUrl\)\("nsis-3\.0\.4\.1", "nsis-3\.0\.4\.1\.7z", "([0-9a-f]{64})"\)/],
      ['nsis-resources-3.4.1.7z', /"nsis-resources-3\.4\.1\.7z", "([0-9a-f]{64})"/],
    ];
    const fromLinux: [string, RegExp][] = [
      ['appimage-12.0.1.7z', /"appimage-12\.0\.1\.7z": "([0-9a-f]{64})"/],
      ['fpm-1.17.0-ruby-3.4.3-linux-amd64.7z', /"fpm-1\.17\.0-ruby-3\.4\.3-linux-amd64\.7z": "([0-9a-f]{64})"/],
    ];
    const from7z: [string, RegExp][] = [
      ['7zip-linux-x64.tar.gz', /"7zip-linux-x64\.tar\.gz": "([0-9a-f]{64})"/],
      ['7zip-win-x64.tar.gz', /"7zip-win-x64\.tar\.gz": "([0-9a-f]{64})"/],
    ];
    for (const [src, list] of [['windows.js', wanted], ['linux.js', fromLinux], ['7zip.js', from7z]] as const) {
      for (const [file, re] of list) {
        const sha = re.exec(lib(src))?.[1];
        expect(sha, `${file} in ${src}`).toBeDefined();
        expect(doc, file).toContain(file);
        expect(doc, `${file} sha256`).toContain(sha!);
      }
    }
    expect(lib('linux.js')).toContain('getBinFromUrl)("fpm@2.1.4"');
    expect(lib('7zip.js')).toContain('releaseName: `7zip@1.0.0`');
    for (const zip of ['win32-x64', 'linux-x64', 'linux-arm64']) expect(doc).toContain(`electron-v${electron}-${zip}.zip`);
    expect(doc).toContain('ELECTRON_BUILDER_CACHE');
    expect(doc).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});
