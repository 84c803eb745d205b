import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { offlineManifestPlugin } from './electron/dev/offline-manifest-plugin.js';
import { sampleWorkspacePlugin } from './electron/dev/sample-plugin.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The renderer build. `base: './'` keeps every asset URL relative, so the same build runs from app:// in
 * Electron and from http://127.0.0.1 in a browser. The sample workspace is copied in as static files.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), sampleWorkspacePlugin(), offlineManifestPlugin(pkg.version)],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'shared/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
