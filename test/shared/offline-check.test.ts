/* eslint-disable no-restricted-syntax -- remote addresses are the inputs the check must flag */
import { describe, expect, it } from 'vitest';
import { appPath, assetKind, cssUrls, offlineCheck, type OfflineCheckInput } from '../../shared/trust/offline-check.js';
import { offlineReportFiles, offlineReportHtml, offlineReportText } from '../../shared/trust/offline-report.js';
import { buildManifest } from '../../electron/dev/offline-manifest-plugin.js';

const APP = 'http://127.0.0.1:4173/';
const h = (c: string) => c.repeat(64);
const manifest = {
  version: '0.1.0',
  files: [
    { path: 'index.html', bytes: 900, sha256: h('0') },
    { path: 'assets/index-1.js', bytes: 5000, sha256: h('1') },
    { path: 'assets/noto-sans-sc-0-400-normal-a.woff2', bytes: 2048, sha256: h('2') },
    { path: 'assets/duckdb-eh-x.wasm', bytes: 34_000_000, sha256: h('3') },
    { path: 'assets/duckdb-browser-eh.worker-y.js', bytes: 770_000, sha256: h('4') },
    { path: 'assets/parse-worker-z.js', bytes: 520_000, sha256: h('5') },
    { path: 'sample/map.geojson', bytes: 144_527, sha256: h('6') },
  ],
};
const clean: OfflineCheckInput = {
  appUrl: `${APP}index.html`,
  host: 'browser',
  appVersion: '0.1.0',
  checkedAt: '2026-12-07T15:00:00.000Z',
  manifest,
  loaded: [
    { url: `${APP}assets/index-1.js`, initiatorType: 'script' },
    { url: `${APP}assets/noto-sans-sc-0-400-normal-a.woff2`, initiatorType: 'css' },
    { url: `${APP}sample/map.geojson`, initiatorType: 'fetch' },
  ],
  documentUrls: [`${APP}assets/index-1.js`, './icon.svg', 'data:image/png;base64,AA==', 'blob:http://127.0.0.1:4173/1'],
  blocked: null,
  loadedHashes: { 'assets/duckdb-eh-x.wasm': h('3'), 'sample/map.geojson': h('6') },
};

describe('offline check helpers', () => {
  it('classifies bundled files', () => {
    expect(['a.woff2', 'a.WOFF', 'x.ttf', 'd.wasm', 'assets/duckdb-browser-eh.worker-1.js', 'assets/parse-worker-2.js', 'sample/map.geojson', 'assets/index.js', 'sample/manifest.json', 'workers/x.css'].map(assetKind)).toEqual([
      'font', 'font', 'font', 'wasm', 'worker', 'worker', 'map', null, null, null,
    ]);
  });
  it('gives the path under the app root, or null for anything not the app', () => {
    expect(appPath(`${APP}assets/a.js?v=1`, `${APP}index.html`)).toBe('assets/a.js');
    expect(appPath('./sample/%E5%9C%B0.geojson', `${APP}index.html`)).toBe('sample/地.geojson');
    expect(appPath('app://hengjian/assets/a.js', 'app://hengjian/index.html')).toBe('assets/a.js');
    expect(appPath('data:font/woff2;base64,AA', `${APP}index.html`)).toBe('');
    expect(appPath('http://127.0.0.1:4174/a.js', `${APP}index.html`)).toBeNull();
    expect(appPath('https://127.0.0.1:4173/a.js', `${APP}index.html`)).toBeNull();
    expect(appPath('http://localhost:4173/a.js', `${APP}index.html`)).toBeNull();
    expect(appPath('//cdn.example/a.js', `${APP}index.html`)).toBeNull();
    expect(appPath('app://evil/a.js', 'app://hengjian/index.html')).toBeNull();
    expect(appPath('http://127.0.0.1:4173/other/a.js', 'http://127.0.0.1:4173/app/index.html')).toBeNull();
  });
  it('finds the url()s of CSS text', () => {
    expect(cssUrls(`@font-face{src:url(./a.woff2) format("woff2"),url( "b.woff" )}.x{background:url('https://cdn.example/i.png')}.y{background:url()}`)).toEqual([
      './a.woff2',
      'b.woff',
      'https://cdn.example/i.png',
    ]);
  });
  it('lists the manifest of files with their SHA-256', () => {
    // SHA-256 of "abc" (FIPS 180-2 test vector) and of the empty string.
    expect(buildManifest('1', [['b.txt', 'abc'], ['a.bin', new Uint8Array()]])).toEqual({
      version: '1',
      files: [
        { path: 'a.bin', bytes: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        { path: 'b.txt', bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
      ],
    });
  });
});

describe('offlineCheck', () => {
  it('passes a clean run and lists the assets by kind', () => {
    const r = offlineCheck(clean);
    expect(r.verdict).toBe('通过');
    expect(r.checks.map((c) => [c.id, c.passed])).toEqual([
      ['manifest', true],
      ['document', true],
      ['requests', true],
      ['blocked', true],
      ['integrity', true],
    ]);
    expect(r.assets.font.map((a) => [a.path, a.loaded])).toEqual([['assets/noto-sans-sc-0-400-normal-a.woff2', true]]);
    expect(r.assets.wasm.map((a) => [a.path, a.bytes, a.loaded])).toEqual([['assets/duckdb-eh-x.wasm', 34_000_000, false]]);
    expect(r.assets.worker.map((a) => a.path)).toEqual(['assets/duckdb-browser-eh.worker-y.js', 'assets/parse-worker-z.js']);
    expect(r.assets.map.map((a) => [a.path, a.sha256])).toEqual([['sample/map.geojson', h('6')]]);
    expect(r.checks[0]?.detail).toBe('构建清单共 7 个文件：字体 1、wasm 1、工作线程 2、地图 1');
    expect(r.checks[2]?.detail).toBe('启动以来页面共请求 3 次，全部为本应用文件');
  });

  it('fails on a remote URL in the document, a remote request, a blocked request, a changed file or no manifest', () => {
    const fails = (patch: Partial<OfflineCheckInput>) => {
      const r = offlineCheck({ ...clean, ...patch });
      return [r.verdict, r.checks.filter((c) => !c.passed).map((c) => c.id)];
    };
    expect(fails({ documentUrls: [...clean.documentUrls, 'https://cdn.example/x.css'] })).toEqual(['未通过', ['document']]);
    expect(fails({ loaded: [...clean.loaded, { url: 'http://10.0.0.1/t.gif', initiatorType: 'img' }] })).toEqual(['未通过', ['requests']]);
    expect(fails({ host: 'electron', blocked: { count: 1, urls: ['https://x.example/'] } })).toEqual(['未通过', ['blocked']]);
    expect(fails({ host: 'electron', blocked: { count: 0, urls: [] } })).toEqual(['通过', []]);
    expect(fails({ loadedHashes: { 'sample/map.geojson': h('7'), 'assets/extra.js': h('1') } })).toEqual(['未通过', ['integrity']]);
    expect(offlineCheck({ ...clean, loadedHashes: { 'sample/map.geojson': h('7'), 'assets/extra.js': h('1') } }).mismatched).toEqual(['assets/extra.js', 'sample/map.geojson']);
    expect(fails({ manifest: null, loadedHashes: {} })).toEqual(['未通过', ['manifest']]);
    expect(fails({ manifest: { version: '0', files: manifest.files.filter((f) => !f.path.endsWith('.wasm')) } })).toEqual(['未通过', ['manifest', 'integrity']]);
    const r = offlineCheck({ ...clean, documentUrls: ['https://cdn.example/x.css', 'https://cdn.example/x.css'] });
    expect(r.remoteInDocument).toEqual(['https://cdn.example/x.css']);
  });

  it('writes the report as JSON, text and script-less HTML with the data escaped', () => {
    const r = offlineCheck({ ...clean, documentUrls: ['https://cdn.example/<script>.js'] });
    const text = offlineReportText(r);
    expect(text.split('\n').slice(0, 2)).toEqual(['衡鉴 离线自检报告', '结论：未通过']);
    expect(text).toContain('  [未通过] 页面无远程地址：页面引用了 1 个外部地址');
    expect(text).toContain(`  sample/map.geojson\u3000141.1 KB\u3000SHA-256 ${h('6')}\u3000已加载`);
    expect(text).toContain('  assets/duckdb-eh-x.wasm\u300032.4 MB\u3000SHA-256 ');
    const page = offlineReportHtml(r);
    expect(page).toContain('&lt;script&gt;.js');
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/(src|href)=/);
    const files = offlineReportFiles(r);
    expect(files.map((f) => f.name)).toEqual(['离线自检.json', '离线自检.txt', '离线自检.html']);
    expect(JSON.parse(new TextDecoder().decode(files[0]!.bytes))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
