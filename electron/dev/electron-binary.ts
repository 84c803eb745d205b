/**
 * Finds the Electron executable the way `require('electron')` does (node_modules/electron/path.txt + dist/, or
 * ELECTRON_OVERRIDE_DIST_PATH), but returns null instead of throwing when the binary was never downloaded.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The installed `electron` package folder and version, or null when the package is not installed. */
export function electronPackage(fromDir: string = process.cwd()): { dir: string; version: string } | null {
  try {
    const req = createRequire(path.join(fromDir, 'package.json'));
    const pkgJson = req.resolve('electron/package.json');
    const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string };
    return { dir: path.dirname(pkgJson), version };
  } catch {
    return null;
  }
}

/** The executable's path inside an unpacked Electron zip, as Electron's install.js writes it to path.txt. */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** Absolute path of the Electron executable if it exists on disk, else null. */
export function findElectronBinary(fromDir: string = process.cwd()): string | null {
  const pkg = electronPackage(fromDir);
  if (pkg === null) return null;
  const pathTxt = path.join(pkg.dir, 'path.txt');
  const relative = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative ?? platformExecutable(process.platform))
    : relative && path.join(pkg.dir, 'dist', relative);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

interface ElectronGetInternals {
  getArtifactRemoteURL(details: Record<string, unknown>): Promise<string>;
  Cache: new (root?: string) => { getCachePath(url: string, fileName: string): string };
}

/**
 * Exactly where Electron's installer (@electron/get) looks for the zip in its cache: <cache root>/<sha256 of the
 * download folder URL>/<zip>. Honours electron_config_cache and ELECTRON_MIRROR like install.js; null if unknown.
 */
export async function electronZipCachePath(
  fromDir: string = process.cwd(),
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<string | null> {
  const pkg = electronPackage(fromDir);
  if (pkg === null) return null;
  try {
    const dist = path.dirname(createRequire(path.join(pkg.dir, 'package.json')).resolve('@electron/get'));
    const load = async (file: string) => (await import(pathToFileURL(path.join(dist, file)).href)) as Partial<ElectronGetInternals>;
    const { getArtifactRemoteURL } = await load('artifact-utils.js');
    const { Cache } = await load('Cache.js');
    if (!getArtifactRemoteURL || !Cache) return null;
    const version = `v${pkg.version}`;
    const url = await getArtifactRemoteURL({ version, artifactName: 'electron', platform, arch });
    return new Cache(process.env.electron_config_cache || undefined).getCachePath(url, `electron-${version}-${platform}-${arch}.zip`);
  } catch {
    return null;
  }
}

/** Why the binary is missing and how to provide it offline (Chinese, then English). */
export function missingBinaryMessage(version: string, cachePath: string | null): string {
  const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const where = cachePath ?? `<electron 缓存目录>/<下载地址目录的 sha256>/${zip}`;
  return [
    `未找到 Electron ${version} 可执行文件（node_modules/electron/dist 不存在：Electron 在首次使用时才下载，本机离线）。`,
    `离线机器上的办法：把 ${zip} 复制到`,
    `  ${where}`,
    '（可用 electron_config_cache=<目录> 换缓存根目录），然后重新运行 npm start，它会从缓存解压，不联网；',
    '或者把 zip 解压到任意目录，设置 ELECTRON_OVERRIDE_DIST_PATH=<该目录>。',
    '不需要桌面外壳时，npm run web 会在浏览器中打开同一个应用。',
    '',
    `Electron ${version} binary not found (node_modules/electron/dist is missing: Electron downloads it on first use, and this machine is offline).`,
    `Offline: copy ${zip} to the path above (electron_config_cache=<folder> changes the cache root) and run npm start`,
    'again: it unpacks from the cache without any download; or unzip it anywhere and set ELECTRON_OVERRIDE_DIST_PATH=<folder>.',
    'Without the desktop shell, npm run web opens the same app in a browser.',
  ].join('\n');
}
