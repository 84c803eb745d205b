import { useMemo } from 'react';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { RegionLevel } from '../../shared/model/region-code.js';
import { readSavedViews, withMovedView, withNewSavedView, withRenamedView, withoutSavedView, type SavedView } from '../../shared/workspace/saved-views.js';
import { useAppStore, type ViewId } from './store.js';
import { workspaceChanged } from './workspace.js';

/** The saved views of the workspace, in order. */
export function useSavedViews(): SavedView[] {
  const doc = useAppStore((s) => s.workspace?.documents.views);
  return useMemo(() => readSavedViews(doc), [doc]);
}

const doc = () => useAppStore.getState().workspace?.documents.views;

/** Save the current view (its parameters and the shared selection) under `name`. */
export function saveCurrentView(host: HostApi, name: string): void {
  const s = useAppStore.getState();
  const entry = { name, view: s.view, selection: { ...s.selection }, params: { ...(s.viewParams[s.view] ?? {}) }, savedAt: new Date().toISOString() };
  workspaceChanged(host, { views: withNewSavedView(doc(), entry, `v${Date.now().toString(36)}`) });
}

/** Put a saved view's parameters and selection into the store without switching to it (projection shows it itself). */
export function applySavedView(v: SavedView): void {
  const s = useAppStore.getState();
  s.setViewParams(v.view as ViewId, v.params);
  s.select({ indicator: v.selection.indicator, period: v.selection.period, region: v.selection.region, level: v.selection.level as RegionLevel });
}

/** Reopen a saved view: its analysis, its parameters and its selection. */
export function openSavedView(v: SavedView): void {
  applySavedView(v);
  useAppStore.getState().setView(v.view as ViewId);
}

export const renameSavedView = (host: HostApi, id: string, name: string) => workspaceChanged(host, { views: withRenamedView(doc(), id, name) });
export const moveSavedView = (host: HostApi, id: string, delta: number) => workspaceChanged(host, { views: withMovedView(doc(), id, delta) });
export const deleteSavedView = (host: HostApi, id: string) => workspaceChanged(host, { views: withoutSavedView(doc(), id) });
