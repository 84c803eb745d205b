import { createContext, useContext } from 'react';

/** How charts below are drawn: for the screen, or for a projector (bigger type, Okabe–Ito series, black text). */
export type ChartLook = 'screen' | 'projector';

/** Set to 'projector' by projection slides; every <EChart/> below applies projectorOption. */
export const ChartLookContext = createContext<ChartLook>('screen');

/** The chart look of the surrounding slide or view. */
export function useChartLook(): ChartLook {
  return useContext(ChartLookContext);
}
