/**
 * The pure half of the app:// protocol: URL → file resolution with traversal checks, MIME types and the CSP.
 * No `electron` import, so it is unit-tested in Node and reused by the Vite dev middleware.
 */
import path from 'node:path';

/** The privileged scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The only host of the app scheme. */
export const APP_HOST = 'hengjian';
/** The origin every trusted page has. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content Security Policy of every HTML response. antd's CSS-in-JS needs inline styles; duckdb-wasm needs
 * 'wasm-unsafe-eval' and blob: workers. No 'unsafe-eval', no inline scripts, no network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The CSP sent with every JavaScript response. A browser applies a script response's CSP header only when the
 * script is a worker's own (a dedicated worker gets its policy from its response, not from the page): DuckDB's
 * worker and the parse worker run under this, the page's policy without the directives workers ignore.
 */
export const WORKER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !/^(frame-ancestors|form-action|base-uri) /.test(d))
  .join('; ');

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name (by extension, case-insensitive); unknown types are opaque bytes. */
export function mimeType(fileName: string): string {
  const ext = path.posix.extname(fileName.replace(/\\/g, '/')).toLowerCase();
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

/** Where a request goes: a file under the root, or a refusal with its HTTP status. */
export type Resolution =
  | { readonly ok: true; readonly filePath: string; readonly relative: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

// Segments that could escape the root or name something outside it on some platform: empty ('//'), dot
// segments, backslashes (Windows separators), ':' (drive letters, NTFS streams) and control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const BAD_SEGMENT = /^\.{1,2}$|[\\:\u0000-\u001f]/;

/**
 * Map a URL path (still percent-encoded, e.g. '/assets/%E8%A1%A1.js') to a file under `root`, refusing traversal,
 * absolute paths, backslashes and drive letters. `pathApi` is injectable so Windows rules are tested on Linux.
 */
export function resolveUnderRoot(urlPath: string, root: string, pathApi: path.PlatformPath = path): Resolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (!decoded.startsWith('/')) return { ok: false, status: 400, reason: 'path must start with /' };
  const rel = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || BAD_SEGMENT.test(s))) {
    return { ok: false, status: 403, reason: 'path not allowed' };
  }
  const absRoot = pathApi.resolve(root);
  const filePath = pathApi.join(absRoot, ...segments);
  const back = pathApi.relative(absRoot, filePath);
  if (back === '' || back.startsWith('..') || pathApi.isAbsolute(back)) {
    return { ok: false, status: 403, reason: 'path escapes the root' };
  }
  return { ok: true, filePath, relative: segments.join('/') };
}

/** Resolve a full app:// URL to a file under `root`: scheme and host must be ours; query and hash are ignored. */
export function resolveAppUrl(url: string, root: string, pathApi: path.PlatformPath = path): Resolution {
  // The raw text is checked before URL parsing, which would silently fold '..', '%2e%2e' and '\'.
  const prefix = `${APP_ORIGIN}/`;
  if (!url.startsWith(prefix)) return { ok: false, status: 404, reason: 'not an app:// URL of this app' };
  const rawPath = url.slice(APP_ORIGIN.length).replace(/[?#].*$/s, '');
  return resolveUnderRoot(rawPath, root, pathApi);
}

/** Response headers for a served file: its type, no sniffing, the CSP on HTML documents and on scripts (workers). */
export function responseHeaders(fileName: string): Record<string, string> {
  const type = mimeType(fileName);
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  else if (type.startsWith('text/javascript')) headers['Content-Security-Policy'] = WORKER_CONTENT_SECURITY_POLICY;
  return headers;
}
