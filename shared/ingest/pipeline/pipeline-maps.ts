/** GeoJSON boundaries read in an import, as the workspace's 'maps' document. */
import type { GeoJsonResult } from '../readers/columnar/columnar-geo.js';

/** Boundaries to keep in the workspace's 'maps' document, by file name: features keyed by adcode. */
export type MapsDocument = Record<string, { readonly type: 'FeatureCollection'; readonly features: readonly unknown[] }>;

/** GeoJSON read in an import as a 'maps' document (features without an adcode are left out). */
export function mapsOf(session: { readonly maps: readonly { readonly file: string; readonly result: GeoJsonResult }[] }): MapsDocument {
  const out: MapsDocument = {};
  for (const m of session.maps) {
    out[m.file] = {
      type: 'FeatureCollection',
      features: m.result.features
        .filter((f) => f.adcode !== null)
        .map((f) => ({ type: 'Feature', properties: { adcode: f.adcode, name: f.name }, geometry: f.geometry })),
    };
  }
  return out;
}

/** Merge newly imported boundaries into an existing 'maps' document (same file name replaces). */
export function mergeMaps(existing: unknown, added: MapsDocument): MapsDocument {
  const base = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as MapsDocument) : {};
  return Object.assign(Object.create(null) as MapsDocument, base, added);
}
