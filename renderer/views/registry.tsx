import { lazy, type ComponentType, type ReactElement } from 'react';
import type { ViewId } from '../state/store.js';

/**
 * A view loaded when first shown: each view (and what only it uses: import readers, report writers, the SQL
 * console) is a chunk of its own, so start-up fetches and compiles the shell and the first view only.
 */
function view<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactElement {
  const View = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return <View />;
}

/** Every view by id: the shell shows the current one, projection shows saved views' analyses as slides. */
export const VIEWS: Partial<Record<ViewId, ReactElement>> = {
  ranking: view(() => import('./ranking/RankingView.js'), 'RankingView'),
  compare: view(() => import('./compare/CompareView.js'), 'CompareView'),
  trends: view(() => import('./trends/TrendView.js'), 'TrendView'),
  heatmap: view(() => import('./heatmap/HeatmapView.js'), 'HeatmapView'),
  map: view(() => import('./map/MapView.js'), 'MapView'),
  scores: view(() => import('./scores/ScoreView.js'), 'ScoreView'),
  quality: view(() => import('./quality/QualityView.js'), 'QualityView'),
  warnings: view(() => import('./warnings/WarningsView.js'), 'WarningsView'),
  honour: view(() => import('./honour/HonourView.js'), 'HonourView'),
  roster: view(() => import('./roster/RosterView.js'), 'RosterView'),
  packs: view(() => import('./packs/PacksView.js'), 'PacksView'),
  sql: view(() => import('./console/ConsoleView.js'), 'ConsoleView'),
  saved: view(() => import('./saved/SavedViewsView.js'), 'SavedViewsView'),
  import: view(() => import('./import/ImportView.js'), 'ImportView'),
};
