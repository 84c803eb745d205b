import { listIndicators, listPeriods, type IndicatorMeta } from '../../shared/model/catalog.js';
import { useAppStore } from './store.js';
import { useQuery } from './use-query.js';

/**
 * The shared indicator and period of the analyses: the selected ones when the workspace has them, else the first
 * indicator of the catalogue and its newest period.
 */
export function useIndicatorPeriod(): {
  catalog: readonly IndicatorMeta[];
  catalogReady: boolean;
  indicator: IndicatorMeta | null;
  periods: readonly string[];
  periodsReady: boolean;
  period: string | null;
} {
  const selection = useAppStore((s) => s.selection);
  const indicators = useQuery(listIndicators, {});
  const catalog = indicators.status === 'ready' ? indicators.data : [];
  const indicator = catalog.find((i) => i.id === selection.indicator) ?? catalog[0] ?? null;
  const periods = useQuery(listPeriods, indicator ? indicator.id : null);
  const list = periods.status === 'ready' ? periods.data : [];
  const period = selection.period && list.includes(selection.period) ? selection.period : (list[0] ?? null);
  return { catalog, catalogReady: indicators.status === 'ready', indicator, periods: list, periodsReady: periods.status === 'ready', period };
}
