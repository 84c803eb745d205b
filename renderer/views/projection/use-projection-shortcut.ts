import { useEffect } from 'react';
import { readSavedViews } from '../../../shared/workspace/saved-views.js';
import { startProjection, useProjection } from '../../state/projection.js';
import { useAppStore } from '../../state/store.js';

/** F5 starts projecting the saved views (as in PowerPoint), when there are some; the page is not reloaded then. */
export function useProjectionShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F5' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || useProjection.getState().source) return;
      const s = useAppStore.getState();
      if (s.engine.status !== 'ready' || readSavedViews(s.workspace?.documents.views).length === 0) return;
      e.preventDefault();
      startProjection({ kind: 'saved' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
