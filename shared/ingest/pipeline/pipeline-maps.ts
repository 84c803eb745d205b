/** GeoJSON boundaries matched in an import, as the workspace's 'maps' document. */
import type { BoundaryImport, StoredFeature } from '../maps/boundary-types.js';

/**
 * The workspace's 'maps' document: by file name, a FeatureCollection of plain GeoJSON features whose
 * properties.adcode is the matched region_code and properties.name the region's name (see StoredFeature).
 */
export type MapsDocument = Record<string, { readonly type: 'FeatureCollection'; readonly features: readonly StoredFeature[] }>;

/** Matched boundaries as a 'maps' document; a file that matched no region adds nothing (its report says why). */
export function mapsOf(boundaries: readonly BoundaryImport[]): MapsDocument {
  const out: MapsDocument = {};
  for (const b of boundaries) if (b.collection.features.length > 0) out[b.file] = b.collection;
  return out;
}

/** Merge newly imported boundaries into an existing 'maps' document (same file name replaces). */
export function mergeMaps(existing: unknown, added: MapsDocument): MapsDocument {
  const base = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as MapsDocument) : {};
  return Object.assign(Object.create(null) as MapsDocument, base, added);
}
