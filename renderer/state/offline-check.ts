import { create } from 'zustand';
import type { HostApi } from '../../shared/contract/host-api.js';
import { assetKind, cssUrls, OFFLINE_MANIFEST, offlineCheck, type BuildManifest, type OfflineReport } from '../../shared/trust/offline-check.js';
import { loadedResources } from './resource-log.js';

/** Whether the self-test dialog is open (帮助 → 离线自检, or the header's button). */
export const useOfflineCheck = create<{ open: boolean; setOpen: (open: boolean) => void }>((set) => ({ open: false, setOpen: (open) => set({ open }) }));

/** `v` resolved against `base`; an unparsable value is kept as it is (and is then not the app's). */
function resolve(v: string, base: string): string {
  try {
    return new URL(v, base).href;
  } catch {
    return v;
  }
}

/** Every URL the loaded document refers to: elements' src/href, style sheets' hrefs, url()s in their rules and in style attributes. */
function documentUrls(): string[] {
  const out: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('[src], [href], object[data], [srcset], [poster]')) {
    for (const attr of ['src', 'href', 'data', 'poster']) {
      const v = el.getAttribute(attr);
      if (v) out.push(resolve(v, document.baseURI));
    }
    for (const part of (el.getAttribute('srcset') ?? '').split(',')) {
      const u = part.trim().split(/\s+/)[0];
      if (u) out.push(resolve(u, document.baseURI));
    }
  }
  for (const sheet of document.styleSheets) {
    if (sheet.href) out.push(sheet.href);
    let rules: CSSRuleList | null = null;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet: its href is already listed, and flagged
    }
    const base = sheet.href ?? document.baseURI;
    for (const rule of rules) for (const u of cssUrls(rule.cssText)) out.push(resolve(u, base));
  }
  for (const el of document.querySelectorAll<HTMLElement>('[style*="url("]')) for (const u of cssUrls(el.getAttribute('style') ?? '')) out.push(resolve(u, document.baseURI));
  return out;
}

async function sha256(url: string): Promise<string | null> {
  try {
    const bytes = await (await fetch(url)).arrayBuffer();
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}

/**
 * Run the self-test: read the build's manifest, hash the wasm, workers and maps of the manifest and the fonts the
 * page loaded, and check the document and the requests since start (shared/trust/offline-check.ts decides).
 */
export async function runOfflineCheck(host: HostApi): Promise<OfflineReport> {
  const base = new URL('./', document.baseURI);
  let manifest: BuildManifest | null = null;
  try {
    const res = await fetch(new URL(OFFLINE_MANIFEST, base));
    if (res.ok) manifest = (await res.json()) as BuildManifest;
  } catch {
    manifest = null;
  }
  // Read the timeline before the hashing below adds its own (local) fetches to it.
  const loaded = loadedResources();
  const loadedPaths = new Set(loaded.map((r) => new URL(r.url).pathname));
  const toHash = (manifest?.files ?? []).filter((f) => {
    const kind = assetKind(f.path);
    return kind === 'wasm' || kind === 'worker' || kind === 'map' || (kind === 'font' && loadedPaths.has(new URL(f.path, base).pathname));
  });
  const loadedHashes: Record<string, string> = {};
  for (const f of toHash) {
    const got = await sha256(new URL(f.path, base).href);
    if (got !== null) loadedHashes[f.path] = got;
  }
  const info = await host.info();
  return offlineCheck({
    appUrl: document.baseURI,
    host: info.kind,
    appVersion: info.appVersion,
    checkedAt: new Date().toISOString(),
    manifest,
    loaded,
    documentUrls: documentUrls(),
    blocked: await host.blockedRequests(),
    loadedHashes,
  });
}
