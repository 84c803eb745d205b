/**
 * The boundary file a workspace manifest names (`"geojson": "map.geojson"`, as the sample does), read and matched to
 * the regions just loaded, so the workspace comes with its map in the 'maps' document under that file's name.
 */
import { HengjianError, errorMessage } from '../contract/errors.js';
import type { WorkspaceManifest } from '../contract/workspace.js';
import type { Connector } from '../db/connector.js';
import { readBoundaryContext } from '../ingest/maps/boundary-regions.js';
import { matchBoundaries } from '../ingest/maps/boundary-match.js';
import type { BoundaryReport } from '../ingest/maps/boundary-types.js';
import { mapsOf, type MapsDocument } from '../ingest/pipeline/pipeline-maps.js';
import { readGeoJson } from '../ingest/readers/columnar/columnar-geo.js';

/** The manifest's boundaries as a 'maps' document and their match report; null when the manifest names none. */
export async function loadManifestMap(
  db: Connector,
  read: (relativePath: string) => Promise<Uint8Array>,
  manifest: WorkspaceManifest,
  tablePrefix = '',
): Promise<{ readonly maps: MapsDocument; readonly report: BoundaryReport } | null> {
  const file = manifest.geojson;
  if (file === undefined) return null;
  const bytes = await read(file);
  try {
    const ctx = await readBoundaryContext(db, { regions: [`${tablePrefix}regions`], aliases: [`${tablePrefix}region_aliases`] });
    const matched = matchBoundaries(file, readGeoJson({ name: file, bytes }), ctx);
    return { maps: mapsOf([matched]), report: matched.report };
  } catch (e) {
    throw new HengjianError('workspace.map.unreadable', `工作区的边界文件 ${file} 无法读取：${errorMessage(e)}`, { file });
  }
}
