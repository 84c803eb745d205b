/**
 * Boundary features matched to the workspace's regions, as sheets are: by code first (adcode, code, region_code,
 * 12-digit statistical codes), then by name through the same resolver as sheets (names, short names, full names
 * with the city, aliases, old names). A shape drawn before 撤县设区 carries the old code or name and lands on the
 * region that replaced it. Every feature ends matched or listed with its reason; regions of the matched levels
 * that got no shape are listed too.
 */
import { regionResolver, type NameResolution, type RegionRef } from '../layout/region-match.js';
import type { GeoJsonResult } from '../readers/columnar/columnar-geo.js';
import { checkBoundaryReport, type BoundaryImport, type BoundaryReport, type MatchedFeature, type MatchMethod, type StoredFeature, type UnmatchedFeature } from './boundary-types.js';

/** A region as boundary matching needs it; `validTo` 'YYYY-MM-DD' once abolished. */
export interface BoundaryRegion {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly validTo: string | null;
}

/** Another name of a region; with `validTo` it is an old name (曾用名), without a current alias. */
export interface BoundaryAlias {
  readonly name: string;
  readonly code: string;
  readonly validTo: string | null;
}

/** What matching knows of the workspace; `today` ('YYYY-MM-DD') decides which regions are valid now. */
export interface BoundaryContext {
  readonly regions: readonly BoundaryRegion[];
  readonly aliases: readonly BoundaryAlias[];
  readonly today?: string;
}

type Hit = { readonly region: BoundaryRegion; readonly by: MatchMethod; readonly note: string | null };
type Miss = { readonly reason: string };

const quoted = (s: string): string => `「${s}」`;

/** The matcher of one workspace: resolves a feature's code and name to a region, or says why not. */
function matcher(ctx: BoundaryContext): (code: string | null, rawCode: string | null, name: string | null) => Hit | Miss {
  const today = ctx.today ?? new Date().toISOString().slice(0, 10);
  const valid = (r: BoundaryRegion): boolean => r.validTo === null || r.validTo >= today;
  const byCode = new Map(ctx.regions.map((r) => [r.code, r]));
  const refs: RegionRef[] = ctx.regions.map((r) => ({ code: r.code, name: r.name, level: r.level, validTo: valid(r) ? null : r.validTo }));
  const byName = regionResolver(refs);
  // Aliases resolve as regions of their own over the current ones, so '云岭市凤口县' (city + old name) is found too.
  const parents = refs.filter((r) => r.validTo === null);
  const asRefs = (list: readonly BoundaryAlias[]): RegionRef[] => [...parents, ...list.map((a) => ({ code: a.code, name: a.name }))];
  const byAlias = regionResolver(asRefs(ctx.aliases.filter((a) => a.validTo === null)));
  const byOld = regionResolver(asRefs(ctx.aliases.filter((a) => a.validTo !== null)));
  const found = (res: NameResolution): BoundaryRegion | undefined => (res && 'code' in res ? byCode.get(res.code) : undefined);
  /** The current region an abolished one became, through the old names; null when none is known. */
  const successor = (names: readonly (string | null)[]): BoundaryRegion | null => {
    for (const n of names) {
      const r = n ? (found(byOld(n)) ?? found(byAlias(n))) : undefined;
      if (r && valid(r)) return r;
    }
    return null;
  };
  /** By name: the region's own name, then an alias's or old name's own spelling, then short and full names of either. */
  const viaName = (name: string): Hit | Miss => {
    const direct = byName(name);
    if (direct && 'ambiguous' in direct) return { reason: `名称${quoted(name)}对应多个地区（${direct.ambiguous.join('、')}），无法确定` };
    const other = [[byAlias(name), 'alias'], [byOld(name), 'old-name']] as const;
    const named = (r: BoundaryRegion): Hit => {
      if (valid(r)) return { region: r, by: 'name', note: null };
      const next = successor([name]);
      return next ? { region: next, by: 'old-name', note: `${r.name}（${r.code}）已撤销，对应现行的${next.name}` } : { region: r, by: 'name', note: `${r.name}已撤销，没有找到接替它的现行地区` };
    };
    const r = found(direct);
    if (r && direct && 'exact' in direct && direct.exact) return named(r);
    for (const [res, by] of other) {
      const a = res && 'exact' in res && res.exact ? found(res) : undefined;
      if (a) return { region: a, by, note: null };
    }
    if (r) return named(r);
    for (const [res, by] of other) {
      if (res && 'ambiguous' in res) return { reason: `名称${quoted(name)}按别名对应多个地区（${res.ambiguous.join('、')}），无法确定` };
      const a = found(res);
      if (a) return { region: a, by, note: null };
    }
    return { reason: `名称${quoted(name)}没有对应的地区` };
  };
  return (code, rawCode, name) => {
    const r = code === null ? undefined : byCode.get(code);
    if (r && valid(r)) {
      const other = name ? found(byName(name)) : undefined;
      const note = other && other.code !== r.code ? `文件中的名称${quoted(name as string)}是另一地区${other.name}（${other.code}）的名称，已按代码对应` : null;
      return { region: r, by: 'code', note };
    }
    const codeWhy = rawCode === null ? '没有区划代码' : code === null ? `代码${quoted(rawCode)}不是有效的六位区划代码` : r ? `代码 ${code}（${r.name}）已撤销` : `代码 ${code} 不在地区表中`;
    const hit = name === null ? null : viaName(name);
    if (hit && 'region' in hit && valid(hit.region)) {
      if (rawCode === null || code === hit.region.code) return hit;
      return { ...hit, note: r ? `${codeWhy}，对应现行的${hit.region.name}` : [hit.note, `${codeWhy}，已按名称对应`].filter(Boolean).join('；') };
    }
    if (r) {
      // An abolished region's code: the region that replaced it, known through the old name.
      const next = successor([r.name]);
      return next ? { region: next, by: 'old-name', note: `${codeWhy}，对应现行的${next.name}` } : { region: r, by: 'code', note: `${r.name}已撤销，没有找到接替它的现行地区` };
    }
    if (hit && 'region' in hit) return hit;
    return { reason: hit ? `${codeWhy}，${hit.reason}` : `${codeWhy}，也没有名称` };
  };
}

/** Match the features of one GeoJSON file to regions: the features to store, and the report of every one. */
export function matchBoundaries(file: string, result: GeoJsonResult, ctx: BoundaryContext): BoundaryImport {
  const today = ctx.today ?? new Date().toISOString().slice(0, 10);
  const match = matcher({ ...ctx, today });
  const stored: StoredFeature[] = [];
  const matches: MatchedFeature[] = [];
  const unmatched: UnmatchedFeature[] = result.skipped.map((s) => ({ feature: s.feature, name: s.name, code: s.code, reason: s.reason }));
  const taken = new Map<string, number>();
  for (const f of result.features) {
    const m = match(f.adcode, f.rawCode, f.name);
    if ('reason' in m) {
      unmatched.push({ feature: f.feature, name: f.name, code: f.rawCode, reason: m.reason });
      continue;
    }
    const { region, by, note } = m;
    const first = taken.get(region.code);
    if (first !== undefined) {
      unmatched.push({ feature: f.feature, name: f.name, code: f.rawCode, reason: `与第 ${first} 个要素对应同一地区${region.name}（${region.code}），已跳过` });
      continue;
    }
    taken.set(region.code, f.feature);
    matches.push({ feature: f.feature, sourceName: f.name, sourceCode: f.rawCode, regionCode: region.code, name: region.name, level: region.level, by, note });
    const properties = { adcode: region.code, name: region.name, level: region.level, sourceName: f.name, matchedBy: by, ...(f.cp ? { cp: [...f.cp] } : {}) };
    stored.push({ type: 'Feature', properties, geometry: f.geometry });
  }
  unmatched.sort((a, b) => a.feature - b.feature);
  const levels = [...new Set(matches.map((m) => m.level))];
  const regionsWithoutShape = ctx.regions
    .filter((r) => levels.includes(r.level) && (r.validTo === null || r.validTo >= today) && !taken.has(r.code))
    .map((r) => ({ regionCode: r.code, name: r.name, level: r.level }))
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0));
  const matchedBy: Record<MatchMethod, number> = { code: 0, name: 0, alias: 0, 'old-name': 0 };
  const kept = new Set(matches.map((m) => m.feature));
  for (const m of matches) matchedBy[m.by] += 1;
  const report: BoundaryReport = {
    file,
    features: result.features.length + result.skipped.length,
    matched: matches.length,
    matchedBy,
    matches,
    unmatchedFeatures: unmatched,
    regionsWithoutShape,
    levels,
    // Warnings about the features kept (those left out say why in their own line).
    notes: [...new Set(result.issues.filter((i) => i.severity === 'warning' && kept.has(i.feature)).map((i) => `第 ${i.feature} 个要素${i.value ? `（${i.value}）` : ''}：${i.reason}`))],
  };
  checkBoundaryReport(report);
  return { file, collection: { type: 'FeatureCollection', features: stored }, report };
}
