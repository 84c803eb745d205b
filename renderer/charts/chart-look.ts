import { createContext, useContext } from 'react';

/**
 * How charts below are drawn: for the screen, or for a projector (bigger type, Okabe–Ito series, black text), with
 * `scale` the projector's font multiplier (2 at 1920×1080, 4 on a 3840×2160 screen at 100 %).
 */
export type ChartLook = { readonly kind: 'screen' } | { readonly kind: 'projector'; readonly scale: number };

const SCREEN: ChartLook = { kind: 'screen' };

/** Set by projection slides; every <EChart/> below applies projectorOption at the given scale. */
export const ChartLookContext = createContext<ChartLook>(SCREEN);

/** The chart look of the surrounding slide or view. */
export function useChartLook(): ChartLook {
  return useContext(ChartLookContext);
}
