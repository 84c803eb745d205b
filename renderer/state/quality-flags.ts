import { useMemo } from 'react';
import { quality, qualityIndex, QUALITY_KIND_NAMES, type QualityFlag } from '../../shared/analytics/quality.js';
import type { RegionLevel } from '../../shared/model/region-code.js';
import { useAppStore } from './store.js';
import { useQuery } from './use-query.js';

/**
 * Above this many indicator values, checking every indicator of a period takes seconds (14 s at 24M rows, measured)
 * and would hold the engine: views that mark all indicators then check on request only.
 */
export const QUALITY_AUTO_ROWS = 2_000_000;

/** Whether a view marking every indicator checks quality by itself (small workspaces) or on request. */
export function useQualityAuto(): boolean {
  return useAppStore((s) => (s.engine.status === 'ready' ? (s.engine.counts.find((c) => c.name === 'indicator_values')?.rows ?? 0) <= QUALITY_AUTO_ROWS : false));
}

export interface QualityFlags {
  /** Flags of values by `${regionCode}|${indicatorId}` (missing values are not marked: they show as —). */
  readonly byCell: ReadonlyMap<string, readonly QualityFlag[]>;
  /** The same as text, for chart tooltips. */
  readonly texts: ReadonlyMap<string, readonly string[]>;
}

/** The data-quality flags of a period, for the views that mark the values they use. */
export function useQualityFlags(period: string | null, level: RegionLevel, group: string | null = null, indicators: readonly string[] | null = null, enabled = true): QualityFlags {
  const r = useQuery(quality, period && enabled ? { period, level, group, indicators } : null);
  return useMemo(() => {
    const flags = r.status === 'ready' ? r.data.flags.filter((f) => f.kind !== 'missing') : [];
    const byCell = qualityIndex(flags);
    const texts = new Map([...byCell].map(([k, v]) => [k, v.map((f) => `${QUALITY_KIND_NAMES[f.kind]}：${f.detail}`)]));
    return { byCell, texts };
  }, [r]);
}
