import type { LoadedResource } from '../../shared/trust/offline-check.js';

const seen: LoadedResource[] = [];
let started = false;

/**
 * Record every resource the page loads from start (the offline self-test's "no external request since start").
 * Called first thing in main.tsx; a buffered observer also delivers the entries from before the call (the HTML,
 * the entry script). Requests a worker makes are in the worker's own timeline, not here: in Electron the
 * session's blocker counts those (host.blockedRequests).
 */
export function startResourceLog(): void {
  if (started || typeof PerformanceObserver === 'undefined') return;
  started = true;
  performance.setResourceTimingBufferSize?.(100_000);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) seen.push({ url: e.name, initiatorType: e.initiatorType });
  }).observe({ type: 'resource', buffered: true });
}

/** The resources loaded since start, the navigation itself first. */
export function loadedResources(): LoadedResource[] {
  const nav = performance.getEntriesByType('navigation')[0];
  return [...(nav ? [{ url: nav.name, initiatorType: 'navigation' }] : []), ...seen];
}
