/**
 * `npm run web`: build the renderer and serve it with `vite preview` on 127.0.0.1:PORT (default 4173), the same
 * app in any browser (with the browser host). Keeps running until interrupted.
 */
import path from 'node:path';
import { build, preview } from 'vite';
import { REPO_ROOT } from './build-electron.js';

async function main(): Promise<void> {
  process.chdir(REPO_ROOT); // vite.config.ts and the sample plugin resolve paths from the repo root
  const configFile = path.join(REPO_ROOT, 'vite.config.ts');
  await build({ configFile });
  const port = Number(process.env.PORT ?? 4173);
  const server = await preview({ configFile, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  server.printUrls();
  console.log(`[web] 衡鉴 is running at http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
