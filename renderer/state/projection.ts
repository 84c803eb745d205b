import { create } from 'zustand';
import { readSavedViews } from '../../shared/workspace/saved-views.js';
import type { SlideSource } from '../views/projection/types.js';
import { applySavedView } from './saved-views.js';
import { useAppStore, type AppStateSnapshot } from './store.js';

interface ProjectionState {
  /** What is being projected; null: not projecting. */
  readonly source: SlideSource | null;
}

/** Whether projection mode is on, and what it shows. */
export const useProjection = create<ProjectionState>(() => ({ source: null }));

/** The user's working state before projection, restored on exit. */
let before: AppStateSnapshot | null = null;

/**
 * Enter projection: remember the working state (view, selection, parameters, masking), switch name masking on and
 * put the first slide's parameters in place, so the first frame already shows it.
 */
export function startProjection(source: SlideSource): void {
  if (useProjection.getState().source) return;
  const s = useAppStore.getState();
  before = { view: s.view, selection: s.selection, viewParams: s.viewParams, maskNames: s.maskNames };
  useAppStore.setState({ maskNames: true });
  if (source.kind === 'saved') {
    const first = readSavedViews(s.workspace?.documents.views)[0];
    if (first) applySavedView(first);
  } else source.slides[0]?.enter?.();
  useProjection.setState({ source });
}

/** Leave projection and give the user back the view, selection and parameters they had. */
export function stopProjection(): void {
  if (!useProjection.getState().source) return;
  if (before) useAppStore.setState({ ...before });
  before = null;
  useProjection.setState({ source: null });
}
