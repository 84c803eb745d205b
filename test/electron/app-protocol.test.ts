import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  mimeType,
  WORKER_CONTENT_SECURITY_POLICY,
  resolveAppUrl,
  resolveUnderRoot,
  responseHeaders,
} from '../../electron/main/app-protocol-core.js';

const root = '/opt/hengjian/resources/app.asar/dist';

describe('resolveAppUrl', () => {
  it('serves index.html, nested assets and the root', () => {
    expect(resolveAppUrl(APP_INDEX_URL, root)).toEqual({ ok: true, filePath: `${root}/index.html`, relative: 'index.html' });
    expect(resolveAppUrl('app://hengjian/', root)).toMatchObject({ ok: true, filePath: `${root}/index.html` });
    expect(resolveAppUrl('app://hengjian/assets/index-abc.js?v=1#x', root)).toMatchObject({
      ok: true,
      filePath: `${root}/assets/index-abc.js`,
    });
    expect(resolveAppUrl('app://hengjian/sample/%E6%A0%B7%E4%BE%8B.csv', root)).toMatchObject({
      ok: true,
      filePath: `${root}/sample/样例.csv`,
    });
  });

  it.each([
    'app://hengjian/../package.json',
    'app://hengjian/assets/../../package.json',
    'app://hengjian/%2e%2e/package.json',
    'app://hengjian/%2E%2E%2Fpackage.json',
    'app://hengjian/..%2f..%2fetc/passwd',
    'app://hengjian/..\\package.json',
    'app://hengjian/assets%5C..%5C..%5Cpackage.json',
    'app://hengjian//etc/passwd',
    'app://hengjian/%2Fetc%2Fpasswd',
    'app://hengjian/C:/Windows/win.ini',
    'app://hengjian/index.html%00.js',
    'app://hengjian/./index.html',
  ])('refuses %s', (url) => {
    const r = resolveAppUrl(url, root);
    expect(r.ok).toBe(false);
    expect(resolveAppUrl(url, 'C:\\Program Files\\衡鉴\\resources\\app.asar\\dist', path.win32).ok).toBe(false);
  });

  it('refuses other hosts, schemes and malformed escapes', () => {
    expect(resolveAppUrl('app://other/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppUrl('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppUrl('app://hengjian/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('keeps Windows paths under the root', () => {
    const winRoot = 'C:\\app\\dist';
    expect(resolveUnderRoot('/assets/a.js', winRoot, path.win32)).toMatchObject({ ok: true, filePath: 'C:\\app\\dist\\assets\\a.js' });
    expect(resolveUnderRoot('/D:/secret.txt', winRoot, path.win32).ok).toBe(false);
    expect(resolveUnderRoot('/assets\\..\\..\\x', winRoot, path.win32).ok).toBe(false);
  });
});

describe('MIME types and headers', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['duckdb-eh.wasm', 'application/wasm'],
    ['noto.woff2', 'font/woff2'],
    ['noto.woff', 'font/woff'],
    ['m.json', 'application/json; charset=utf-8'],
    ['map.geojson', 'application/geo+json; charset=utf-8'],
    ['t.CSV', 'text/csv; charset=utf-8'],
    ['i.svg', 'image/svg+xml'],
    ['i.png', 'image/png'],
    ['x.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });

  it('adds the page CSP to HTML, the worker CSP to scripts, and nosniff everywhere', () => {
    expect(responseHeaders('index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const worker of ['assets/duckdb-browser-eh.worker-abc.js', 'assets/parse-worker-x1.js', 'a.mjs']) {
      expect(responseHeaders(worker)['Content-Security-Policy'], worker).toBe(WORKER_CONTENT_SECURITY_POLICY);
    }
    for (const other of ['a.wasm', 'a.css', 'f.woff2', 'm.json', 'i.png']) {
      expect(responseHeaders(other)['Content-Security-Policy'], other).toBeUndefined();
      expect(responseHeaders(other)['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('gives workers the page policy less the directives that only documents use', () => {
    expect(WORKER_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' blob: data:; object-src 'none'",
    );
    expect(WORKER_CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(WORKER_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
