/**
 * Vite plugin that writes the build's offline manifest (offline-manifest.json at the app's root): every file the
 * build emits (code, styles, fonts, wasm, workers, the sample workspace and its map) with its size and SHA-256.
 * The offline self-test (shared/trust/offline-check.ts) lists the bundled assets from it and checks what the page
 * loaded against it.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { OFFLINE_MANIFEST, type BuildManifest } from '../../shared/trust/offline-check.js';

/** The manifest of a set of files (path → bytes), sorted by path. */
export function buildManifest(version: string, files: Iterable<[string, Uint8Array | string]>): BuildManifest {
  const list = [...files].map(([path, content]) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return { version, files: list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** Emit offline-manifest.json after every other plugin has emitted its files. */
export function offlineManifestPlugin(version: string): Plugin {
  return {
    name: 'hengjian-offline-manifest',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = Object.values(bundle)
          .filter((o) => o.fileName !== OFFLINE_MANIFEST)
          .map((o): [string, Uint8Array | string] => [o.fileName, o.type === 'chunk' ? o.code : o.source]);
        this.emitFile({ type: 'asset', fileName: OFFLINE_MANIFEST, source: `${JSON.stringify(buildManifest(version, files), null, 1)}\n` });
      },
    },
  };
}
