import type { TestProject } from 'vitest/node';
import { startApp } from '../support/serve-app.js';

/**
 * Start the app exactly as the README's quick start does, `npm start`, and hand the URL it prints to the tests.
 * Here no Electron binary exists, so `npm start` serves the browser host; where one exists, the same suite runs
 * against `npm start -- --browser` (the desktop window is the smoke test's business), and says so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = await startApp(process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined);
  project.provide('appUrl', app.url);
  project.provide('startLog', app.log);
  project.provide('startedWithoutElectron', app.withoutElectron);
  return async () => app.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    /** Everything `npm start` printed until the app was served. */
    startLog: string;
    /** True when the suite runs on `npm start`'s no-Electron fallback. */
    startedWithoutElectron: boolean;
  }
}
