import { defineConfig } from 'vitest/config';

/** End-to-end suite: the app started by `npm start` (the README's command), driven in Debian's Chromium. */
export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
