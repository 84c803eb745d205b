/** The app:// protocol: serves the built renderer (dist/) with MIME types and the CSP; refuses traversal. */
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppUrl, responseHeaders } from './app-protocol-core.js';

/** Must run before `app` is ready: app:// behaves like https (standard, secure, fetch, streaming). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serve files under `root` (the renderer build) at app://hengjian/…, after `app` is ready. */
export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const target = resolveAppUrl(request.url, root);
    if (!target.ok) return new Response(target.reason, { status: target.status });
    try {
      // Electron's fs reads inside app.asar transparently.
      const stat = await fs.stat(target.filePath);
      if (!stat.isFile()) return new Response('not found', { status: 404 });
      const body = request.method === 'HEAD' ? null : await fs.readFile(target.filePath);
      const headers = { ...responseHeaders(target.filePath), 'Content-Length': String(stat.size) };
      return new Response(body, { status: 200, headers });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
