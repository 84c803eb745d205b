/** The regions and aliases boundary matching needs, read from the workspace (and from regions imported alongside). */
import type { Connector } from '../../db/connector.js';
import { quoteIdent } from '../../db/sql.js';
import type { GeoJsonResult } from '../readers/columnar/columnar-geo.js';
import { matchBoundaries, type BoundaryAlias, type BoundaryContext, type BoundaryRegion } from './boundary-match.js';
import type { BoundaryImport } from './boundary-types.js';

/** Where the regions and aliases live: the canonical tables, or an import's output tables of the same shape. */
export interface BoundaryTables {
  readonly regions?: readonly string[];
  readonly aliases?: readonly string[];
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Read regions (code, name, level, valid_to) and aliases (with valid_to: old names) from the given tables. */
export async function readBoundaryContext(db: Connector, tables: BoundaryTables = {}): Promise<BoundaryContext> {
  // Later tables (regions imported alongside) win over the workspace's rows of the same code.
  const union = (list: readonly string[], cols: string): string => list.map((t, i) => `SELECT ${cols}, ${i} AS src FROM ${quoteIdent(t)}`).join(' UNION ALL ');
  const regionCols = 'region_code, name, level, CAST(valid_to AS VARCHAR) AS valid_to';
  const r = await db.query(`SELECT * FROM (${union(tables.regions ?? ['regions'], regionCols)}) WHERE region_code IS NOT NULL AND name IS NOT NULL ORDER BY region_code, src`);
  const byCode = new Map<string, BoundaryRegion>();
  for (const x of r.rows) byCode.set(String(x.region_code), { code: String(x.region_code), name: String(x.name), level: String(x.level ?? ''), validTo: text(x.valid_to) });
  const regions = [...byCode.values()];
  const aliasCols = 'alias, region_code, CAST(valid_to AS VARCHAR) AS valid_to';
  const a = await db.query(`SELECT * FROM (${union(tables.aliases ?? ['region_aliases'], aliasCols)}) WHERE alias IS NOT NULL AND region_code IS NOT NULL ORDER BY region_code, alias, src`);
  const aliases: BoundaryAlias[] = a.rows.map((x) => ({ name: String(x.alias), code: String(x.region_code), validTo: text(x.valid_to) }));
  return { regions, aliases };
}

/** Match every GeoJSON file read in an import against the workspace's regions (plus those `tables` add). */
export async function matchMaps(
  db: Connector,
  maps: readonly { readonly file: string; readonly result: GeoJsonResult }[],
  tables: BoundaryTables = {},
): Promise<BoundaryImport[]> {
  if (maps.length === 0) return [];
  const ctx = await readBoundaryContext(db, tables);
  return maps.map((m) => matchBoundaries(m.file, m.result, ctx));
}
