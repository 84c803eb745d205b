import { echarts } from './echarts.js';

const registered = new Map<string, unknown>();

/**
 * Register boundaries with ECharts under a name derived from what they hold, once; returns the name. The same
 * features always get the same name, so switching views does not re-register, and new boundaries get a new one.
 */
export function registerBoundaries(key: string, features: readonly unknown[]): string {
  const name = `hj-${key}-${features.length}`;
  if (registered.get(name) !== features) {
    // ECharts' types want its own GeoJSON type; the features were validated at import.
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.set(name, features);
  }
  return name;
}
