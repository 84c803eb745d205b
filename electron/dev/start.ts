/**
 * `npm start`: build the app and open it on the embedded sample workspace.
 * - With an Electron binary (installed, in Electron's cache, or ELECTRON_OVERRIDE_DIST_PATH): the desktop window.
 * - Without one (a fresh offline machine): one line saying so, then the same app served with the browser host on
 *   127.0.0.1, its URL printed and the default browser opened where one exists.
 * `npm start -- --browser` (= `npm run web`) always serves the browser host; `npm start -- --desktop` insists on
 * the desktop shell and explains how to add the binary when it is missing. Never downloads anything.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build as viteBuild, preview } from 'vite';
import { buildElectron, REPO_ROOT } from './build-electron.js';
import { electronPackage, electronZipCachePath, findElectronBinary, missingBinaryMessage } from './electron-binary.js';
import { openBrowser } from './open-browser.js';

const CONFIG_FILE = path.join(REPO_ROOT, 'vite.config.ts');
const README_SECTION = 'README「Electron on an air-gapped machine」';

/** The Electron executable, unpacking it from Electron's own cache when the zip was put there (offline, no fetch). */
async function desktopBinary(): Promise<string | null> {
  const found = findElectronBinary(REPO_ROOT);
  if (found !== null) return found;
  const pkg = electronPackage(REPO_ROOT);
  const cached = await electronZipCachePath(REPO_ROOT);
  if (pkg === null || cached === null || !fs.existsSync(cached)) return null;
  console.log(`[start] 从 Electron 缓存解压 ${path.basename(cached)} …`);
  spawnSync(process.execPath, [path.join(pkg.dir, 'install.js')], { stdio: 'inherit', cwd: REPO_ROOT });
  return findElectronBinary(REPO_ROOT);
}

/** The renderer bundle into dist/ (quietly: a newcomer needs the URL, not 400 lines of asset sizes). */
async function buildRenderer(): Promise<void> {
  console.log('[start] 构建应用… (building)');
  // Always the production build: a NODE_ENV inherited from the caller (Vitest sets 'test') made Vite bundle React's
  // development build, 2-3x slower, into the app the end-to-end suite measures.
  process.env.NODE_ENV = 'production';
  await viteBuild({ configFile: CONFIG_FILE, logLevel: 'warn' });
}

async function runDesktop(binary: string): Promise<void> {
  await buildRenderer();
  await buildElectron();
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    console.warn('[start] 以 root 运行时 Chromium 拒绝启动沙箱：请用普通用户运行，或仅在开发时用 npm start -- --no-sandbox (root: use a normal user).');
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const args = process.argv.slice(2).filter((a) => a !== '--desktop');
  const child = spawn(binary, ['.', ...args], { stdio: 'inherit', cwd: REPO_ROOT, env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Build the renderer and serve it on 127.0.0.1 (PORT, else 4173 or the next free port) until interrupted. */
async function runBrowser(): Promise<void> {
  await buildRenderer();
  const explicit = process.env.PORT !== undefined && process.env.PORT !== '';
  const port = explicit ? Number(process.env.PORT) : 4173;
  const server = await preview({ configFile: CONFIG_FILE, preview: { host: '127.0.0.1', port, strictPort: explicit, open: false } });
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
  const opened = openBrowser(url);
  console.log(`[start] 衡鉴已在 ${url} 运行${opened ? '，已在默认浏览器中打开' : '，请在 Chromium 内核浏览器中打开'}（Ctrl+C 停止） · running at ${url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void server.close().finally(() => process.exit(0)));
  }
}

async function main(): Promise<void> {
  process.chdir(REPO_ROOT); // vite.config.ts and the sample plugin resolve paths from the repo root
  const argv = process.argv.slice(2);
  if (argv.includes('--browser')) return runBrowser();
  const binary = await desktopBinary();
  if (binary !== null) return runDesktop(binary);
  const version = electronPackage(REPO_ROOT)?.version ?? 'X.Y.Z';
  if (argv.includes('--desktop')) {
    console.error(missingBinaryMessage(version, await electronZipCachePath(REPO_ROOT)));
    process.exit(1);
  }
  console.log(`[start] 未找到 Electron ${version} 可执行文件，改用浏览器运行同一应用；添加桌面外壳见 ${README_SECTION} (no Electron binary: serving the browser app).`);
  return runBrowser();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
