/**
 * The offline self-test (帮助 → 离线自检): from what the running app can see of itself, decide whether it is
 * offline, and list the bundled fonts, wasm, workers and maps for the reviewer. Pure: the renderer gathers the
 * inputs (the build's offline manifest, the page's resource timing entries, the URLs in the loaded document and
 * its CSS, the Electron session's blocked-request counter) and renders the report this returns.
 */

/** One file of the build, as the build's offline manifest lists it (electron/dev/offline-manifest-plugin.ts). */
export interface ManifestFile {
  /** Path relative to the app's root, forward slashes ('assets/duckdb-eh-1a2b.wasm'). */
  readonly path: string;
  readonly bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  readonly sha256: string;
}

export interface BuildManifest {
  readonly version: string;
  readonly files: readonly ManifestFile[];
}

/** The manifest's file name, at the app's root. */
export const OFFLINE_MANIFEST = 'offline-manifest.json';

/** A resource timing entry of the page since start. */
export interface LoadedResource {
  readonly url: string;
  readonly initiatorType: string;
}

/** The Electron session's blocker: requests it cancelled since start (null in a browser, which has none). */
export interface BlockedRequests {
  readonly count: number;
  /** The first few cancelled URLs. */
  readonly urls: readonly string[];
}

export interface OfflineCheckInput {
  /** The document's URL: its origin and folder are the app's. */
  readonly appUrl: string;
  readonly host: 'electron' | 'browser';
  readonly appVersion: string;
  readonly checkedAt: string;
  readonly manifest: BuildManifest | null;
  readonly loaded: readonly LoadedResource[];
  /** Every URL the loaded document refers to: script src, link href, img src, CSS url()s. */
  readonly documentUrls: readonly string[];
  readonly blocked: BlockedRequests | null;
  /** SHA-256 of loaded app files, by manifest path, as fetched now (files not hashed are absent). */
  readonly loadedHashes: Readonly<Record<string, string>>;
}

export type AssetKind = 'font' | 'wasm' | 'worker' | 'map';
export const ASSET_KINDS: readonly AssetKind[] = ['font', 'wasm', 'worker', 'map'];

export interface AssetRow extends ManifestFile {
  /** Loaded by the page since start (resource timing; files a worker loads are not seen by the page). */
  readonly loaded: boolean;
}

export interface CheckLine {
  readonly id: 'manifest' | 'document' | 'requests' | 'blocked' | 'integrity';
  readonly passed: boolean;
  /** Chinese, one line. */
  readonly detail: string;
}

export interface OfflineReport {
  readonly verdict: '通过' | '未通过';
  readonly host: 'electron' | 'browser';
  readonly appVersion: string;
  readonly checkedAt: string;
  readonly appUrl: string;
  readonly assets: Readonly<Record<AssetKind, readonly AssetRow[]>>;
  readonly checks: readonly CheckLine[];
  /** URLs in the document that are not the app's. */
  readonly remoteInDocument: readonly string[];
  /** Requests since start that were not to the app. */
  readonly remoteRequests: readonly string[];
  readonly blocked: BlockedRequests | null;
  /** Loaded app files whose bytes do not match the manifest (or are missing from it). */
  readonly mismatched: readonly string[];
}

/** The kind of a bundled file by its path, or null for code, styles and data that are none of the four. */
export function assetKind(path: string): AssetKind | null {
  const p = path.toLowerCase();
  if (/\.(woff2?|ttf|otf)$/.test(p)) return 'font';
  if (/\.wasm$/.test(p)) return 'wasm';
  if (/worker[^/]*\.(c?js|mjs)$/.test(p)) return 'worker';
  if (/\.geojson$/.test(p)) return 'map';
  return null;
}

const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);

/** The app's root: scheme, host and the document's folder. */
function appRoot(appUrl: string): URL {
  return new URL('./', appUrl);
}

/**
 * The path of `url` under the app's root, or null when the URL is not the app's (another scheme, host or port, or
 * outside the app's folder). data:, blob: and about: URLs are the page's own and give ''.
 */
export function appPath(url: string, appUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(url, appUrl);
  } catch {
    return null;
  }
  if (LOCAL_PROTOCOLS.has(u.protocol)) return '';
  const root = appRoot(appUrl);
  // Compare scheme and host (with port) rather than .origin, which is 'null' for app:// outside Chromium.
  if (u.protocol !== root.protocol || u.host !== root.host || u.username !== '' || u.password !== '') return null;
  if (!u.pathname.startsWith(root.pathname)) return null;
  return decodeURIComponent(u.pathname.slice(root.pathname.length));
}

/** The url(…) references of a CSS text, unquoted. */
export function cssUrls(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)) {
    const v = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (v !== '') out.push(v);
  }
  return out;
}

const unique = (xs: readonly string[]) => [...new Set(xs)];

/** The report for the reviewer: the asset lists and the verdict. */
export function offlineCheck(input: OfflineCheckInput): OfflineReport {
  const files = input.manifest?.files ?? [];
  const loadedPaths = new Set(input.loaded.map((r) => appPath(r.url, input.appUrl)).filter((p): p is string => p !== null && p !== ''));
  const assets = Object.fromEntries(ASSET_KINDS.map((k) => [k, [] as AssetRow[]])) as Record<AssetKind, AssetRow[]>;
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const kind = assetKind(f.path);
    if (kind) assets[kind].push({ ...f, loaded: loadedPaths.has(f.path) });
  }
  const remoteInDocument = unique(input.documentUrls.filter((u) => appPath(u, input.appUrl) === null));
  const remoteRequests = unique(input.loaded.map((r) => r.url).filter((u) => appPath(u, input.appUrl) === null));
  const byPath = new Map(files.map((f) => [f.path, f.sha256]));
  const mismatched = Object.entries(input.loadedHashes)
    .filter(([p, h]) => byPath.get(p) !== h)
    .map(([p]) => p)
    .sort();
  const emptyKinds = (['font', 'wasm', 'worker'] as const).filter((k) => assets[k].length === 0);
  const checks: CheckLine[] = [
    {
      id: 'manifest',
      passed: input.manifest !== null && emptyKinds.length === 0,
      detail:
        input.manifest === null
          ? '未找到构建清单（offline-manifest.json）'
          : emptyKinds.length > 0
            ? `构建清单中缺少：${emptyKinds.map((k) => KIND_LABELS[k]).join('、')}`
            : `构建清单共 ${files.length} 个文件：字体 ${assets.font.length}、wasm ${assets.wasm.length}、工作线程 ${assets.worker.length}、地图 ${assets.map.length}`,
    },
    {
      id: 'document',
      passed: remoteInDocument.length === 0,
      detail: remoteInDocument.length === 0 ? `页面引用的 ${unique(input.documentUrls).length} 个地址均为本应用文件` : `页面引用了 ${remoteInDocument.length} 个外部地址`,
    },
    {
      id: 'requests',
      passed: remoteRequests.length === 0,
      detail: remoteRequests.length === 0 ? `启动以来页面共请求 ${input.loaded.length} 次，全部为本应用文件` : `启动以来有 ${remoteRequests.length} 个外部请求`,
    },
    {
      id: 'blocked',
      passed: input.blocked === null || input.blocked.count === 0,
      detail: input.blocked === null ? '浏览器宿主：无桌面会话拦截器（外部请求由上一项检查）' : input.blocked.count === 0 ? '桌面会话拦截器：启动以来拦截外部请求 0 次' : `桌面会话拦截器：启动以来拦截外部请求 ${input.blocked.count} 次`,
    },
    {
      id: 'integrity',
      passed: mismatched.length === 0,
      detail: mismatched.length === 0 ? `已核对 ${Object.keys(input.loadedHashes).length} 个已加载文件的 SHA-256，与构建清单一致` : `${mismatched.length} 个已加载文件与构建清单不符`,
    },
  ];
  return {
    verdict: checks.every((c) => c.passed) ? '通过' : '未通过',
    host: input.host,
    appVersion: input.appVersion,
    checkedAt: input.checkedAt,
    appUrl: input.appUrl,
    assets,
    checks,
    remoteInDocument,
    remoteRequests,
    blocked: input.blocked,
    mismatched,
  };
}

/** Chinese names of the asset kinds. */
export const KIND_LABELS: Readonly<Record<AssetKind, string>> = { font: '字体', wasm: 'WebAssembly', worker: '工作线程', map: '地图' };

/** Chinese names of the checks. */
export const CHECK_LABELS: Readonly<Record<CheckLine['id'], string>> = {
  manifest: '随附文件',
  document: '页面无远程地址',
  requests: '启动以来无外部请求',
  blocked: '会话拦截计数',
  integrity: '文件完整性',
};
