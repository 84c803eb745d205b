/**
 * `npm start`: build the renderer (vite) and the main/preload bundles, then launch Electron on the repo.
 * Offline machines often lack the Electron binary: try its installer once (cache or mirror), else explain.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { buildElectron, REPO_ROOT } from './build-electron.js';
import { electronPackage, electronZipCachePath, findElectronBinary, missingBinaryMessage } from './electron-binary.js';

function ensureBinary(): string | null {
  const found = findElectronBinary(REPO_ROOT);
  if (found !== null) return found;
  const pkg = electronPackage(REPO_ROOT);
  if (pkg !== null && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('[start] Electron 可执行文件缺失，尝试运行其安装脚本（会使用 electron_config_cache / ELECTRON_MIRROR）…');
    spawnSync(process.execPath, [path.join(pkg.dir, 'install.js')], { stdio: 'inherit', cwd: REPO_ROOT });
    return findElectronBinary(REPO_ROOT);
  }
  return null;
}

async function main(): Promise<void> {
  process.chdir(REPO_ROOT); // vite.config.ts and the sample plugin resolve paths from the repo root
  await viteBuild({ configFile: path.join(REPO_ROOT, 'vite.config.ts') });
  await buildElectron();
  const binary = ensureBinary();
  if (binary === null) {
    const version = electronPackage(REPO_ROOT)?.version ?? 'X.Y.Z';
    console.error(`\n${missingBinaryMessage(version, await electronZipCachePath(REPO_ROOT))}`);
    process.exit(1);
  }
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    console.warn('[start] 以 root 运行时 Chromium 拒绝启动沙箱：请用普通用户运行，或仅在开发时用 npm start -- --no-sandbox (root: use a normal user).');
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', cwd: REPO_ROOT, env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
