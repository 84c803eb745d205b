/**
 * What a boundary import stores and reports. A stored feature is plain GeoJSON whose properties name the matched
 * region (adcode = region_code, name, level) and keep what the file called it (sourceName), so the map view can
 * rely on them; the report accounts for every feature of the file.
 */

/** How a feature found its region. */
export type MatchMethod = 'code' | 'name' | 'alias' | 'old-name';

/** Chinese names of the match methods, in report order. */
export const MATCH_METHOD_ZH: Readonly<Record<MatchMethod, string>> = { code: '按代码', name: '按名称', alias: '按别名', 'old-name': '按旧名称' };

/** The properties every stored feature has (the map view reads `adcode`). */
export interface StoredFeatureProperties {
  /** The matched region's region_code (6 digits). */
  readonly adcode: string;
  /** The region's name as in the regions table. */
  readonly name: string;
  readonly level: string;
  /** The name the file gave the feature, null when it had none. */
  readonly sourceName: string | null;
  readonly matchedBy: MatchMethod;
  /** The label point the file gave, when it gave one. */
  readonly cp?: readonly number[];
}

/** One stored boundary: plain GeoJSON (Polygon, MultiPolygon …; compressed input is decoded). */
export interface StoredFeature {
  readonly type: 'Feature';
  readonly properties: StoredFeatureProperties;
  readonly geometry: unknown;
}

/** A feature that found its region, and how. */
export interface MatchedFeature {
  /** 1-based position in the file. */
  readonly feature: number;
  readonly sourceName: string | null;
  readonly sourceCode: string | null;
  readonly regionCode: string;
  readonly name: string;
  readonly level: string;
  readonly by: MatchMethod;
  /** Worth a look: the code was outdated or unknown and the name decided, the name disagrees with the code … */
  readonly note: string | null;
}

/** A feature not stored, with the reason in Chinese. */
export interface UnmatchedFeature {
  readonly feature: number;
  readonly name: string | null;
  readonly code: string | null;
  readonly reason: string;
}

/** A region valid now, of a level the file covers, that got no shape. */
export interface RegionWithoutShape {
  readonly regionCode: string;
  readonly name: string;
  readonly level: string;
}

/** The report of one GeoJSON file. INVARIANT: features = matched + unmatchedFeatures.length. */
export interface BoundaryReport {
  readonly file: string;
  readonly features: number;
  readonly matched: number;
  readonly matchedBy: Readonly<Record<MatchMethod, number>>;
  readonly matches: readonly MatchedFeature[];
  readonly unmatchedFeatures: readonly UnmatchedFeature[];
  readonly regionsWithoutShape: readonly RegionWithoutShape[];
  /** The levels of the matched regions (province / city / county). */
  readonly levels: readonly string[];
  /** Warnings about features kept (a line, not an area, cannot be coloured …). */
  readonly notes: readonly string[];
}

/** One GeoJSON file matched: the collection to store and its report. */
export interface BoundaryImport {
  readonly file: string;
  readonly collection: { readonly type: 'FeatureCollection'; readonly features: readonly StoredFeature[] };
  readonly report: BoundaryReport;
}

/** Throw when a feature went unaccounted for: a bug, never the user's file. */
export function checkBoundaryReport(r: BoundaryReport): void {
  if (r.features !== r.matched + r.unmatchedFeatures.length || r.matched !== r.matches.length) {
    throw new Error(`边界要素数不平衡（${r.file}）：共 ${r.features} 个 ≠ 匹配 ${r.matched} + 未匹配 ${r.unmatchedFeatures.length}`);
  }
}

/** Chinese names of region levels, for reports. */
export const LEVEL_ZH: Readonly<Record<string, string>> = { province: '省级', city: '市级', county: '县级' };
