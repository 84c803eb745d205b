import type { ReactElement } from 'react';
import type { ViewId } from '../state/store.js';
import { RankingView } from './ranking/RankingView.js';
import { ImportView } from './import/ImportView.js';
import { TrendView } from './trends/TrendView.js';
import { HeatmapView } from './heatmap/HeatmapView.js';
import { MapView } from './map/MapView.js';
import { CompareView } from './compare/CompareView.js';
import { ScoreView } from './scores/ScoreView.js';
import { QualityView } from './quality/QualityView.js';
import { WarningsView } from './warnings/WarningsView.js';
import { ConsoleView } from './console/ConsoleView.js';
import { SavedViewsView } from './saved/SavedViewsView.js';
import { HonourView } from './honour/HonourView.js';
import { RosterView } from './roster/RosterView.js';
import { PacksView } from './packs/PacksView.js';

/** Every view by id: the shell shows the current one, projection shows saved views' analyses as slides. */
export const VIEWS: Partial<Record<ViewId, ReactElement>> = {
  ranking: <RankingView />,
  compare: <CompareView />,
  trends: <TrendView />,
  heatmap: <HeatmapView />,
  map: <MapView />,
  scores: <ScoreView />,
  quality: <QualityView />,
  warnings: <WarningsView />,
  honour: <HonourView />,
  roster: <RosterView />,
  packs: <PacksView />,
  sql: <ConsoleView />,
  saved: <SavedViewsView />,
  import: <ImportView />,
};
