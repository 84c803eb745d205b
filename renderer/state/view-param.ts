import { useAppStore, type ViewId } from './store.js';

/**
 * A view's own parameter (a method, a benchmark, a group), kept in the store under the view so that saving the view
 * captures it and reopening a saved view restores it. Values must be JSON.
 */
export function useViewParam<T>(view: ViewId, key: string, initial: T): [T, (value: T) => void] {
  const stored = useAppStore((s) => s.viewParams[view]?.[key]);
  const setViewParam = useAppStore((s) => s.setViewParam);
  return [stored === undefined ? initial : (stored as T), (value: T) => setViewParam(view, key, value)];
}
