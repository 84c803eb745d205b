import { Suspense, useMemo } from 'react';
import { Empty, Spin } from 'antd';
import type { MessageKey, Translate } from '../../../shared/i18n/messages.js';
import { listIndicators, listRegions } from '../../../shared/model/catalog.js';
import { savedViewNotes } from '../../../shared/workspace/saved-view-notes.js';
import type { SavedView } from '../../../shared/workspace/saved-views.js';
import { useT } from '../../i18n/use-t.js';
import { applySavedView, useSavedViews } from '../../state/saved-views.js';
import type { ViewId } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { VIEWS } from '../registry.js';
import type { ProjectionSlide } from './types.js';

/** A saved view's analysis, live (its own queries, charts with tooltips), as the body of a slide. */
function SavedViewSlide({ view }: { view: string }) {
  const t = useT();
  const element = VIEWS[view as ViewId];
  return element ? (
    <div className="hj-slide-view" data-view={view}>
      <Suspense fallback={<Spin />}>{element}</Suspense>
    </div>
  ) : (
    <Empty description={t('projection.empty')} />
  );
}

const LINE_KEYS = { view: 'projection.notes.view', indicator: 'projection.notes.indicator', period: 'projection.notes.period', region: 'projection.notes.region', level: 'projection.notes.level', params: 'projection.notes.params', savedAt: 'projection.notes.savedAt' } as const;

/** One slide per saved view, in the saved order; entering a slide puts the view's parameters into the store. */
export function savedViewSlides(views: readonly SavedView[], t: Translate, names: { indicators: ReadonlyMap<string, string>; regions: ReadonlyMap<string, string> }): ProjectionSlide[] {
  return views.map((v) => ({
    key: v.id,
    title: v.name,
    notes: savedViewNotes(v, {
      view: t(`nav.${v.view}` as MessageKey),
      indicator: v.selection.indicator ? names.indicators.get(v.selection.indicator) : null,
      region: v.selection.region ? names.regions.get(v.selection.region) : null,
      level: ['province', 'city', 'county'].includes(v.selection.level) ? t(`level.${v.selection.level}` as MessageKey) : null,
      line: (key, value) => t(LINE_KEYS[key], { value, view: value }),
      unset: t('projection.notes.default'),
    }).join('\n'),
    enter: () => applySavedView(v),
    render: () => <SavedViewSlide view={v.view} />,
  }));
}

/** The workspace's saved views as slides, with indicator and region names for the notes. */
export function useSavedViewSlides(): ProjectionSlide[] {
  const t = useT();
  const views = useSavedViews();
  const indicators = useQuery(listIndicators, 'all');
  const regions = useQuery(listRegions, null);
  const indicatorNames = indicators.status === 'ready' ? indicators.data : null;
  const regionNames = regions.status === 'ready' ? regions.data : null;
  return useMemo(
    () =>
      savedViewSlides(views, t, {
        indicators: new Map((indicatorNames ?? []).map((i) => [i.id, i.name])),
        regions: new Map((regionNames ?? []).map((r) => [r.code, r.name])),
      }),
    [views, t, indicatorNames, regionNames],
  );
}
