/**
 * Performance marks of the charts, for the Chromium bench (test/bench/chromium-bench.ts) and anyone with DevTools
 * open. They stay in the page: nothing is sent anywhere.
 * - `hj:first-chart`: the first time any chart has finished rendering in this page load.
 * - `hj:chart:<testId>:option`: a measure of the option building of a chart (timedOption).
 * - `hj:chart:<testId>`: a measure from the start of option building (or from setOption when the option was not
 *   built through timedOption) to ECharts' 'finished' event.
 * - `hengjian:background-settled` (SETTLED_MARK): the background work after a data change is over (derived tables
 *   built, and the warnings prefetched where they are); the bench draws its charts after it, not against that work.
 */

/** The mark set once per page load when the first chart has finished rendering. */
export const FIRST_CHART_MARK = 'hj:first-chart';

/** Marked each time the background work after a data change is over (renderer/state/derived.ts). */
export const SETTLED_MARK = 'hengjian:background-settled';

const startName = (id: string) => `hj:chart:${id}:start`;

/** Waiting for the first chart (firstChartDrawn). */
const firstChartWaiters: (() => void)[] = [];

/**
 * Resolves once any chart has finished rendering in this page load, or after `timeoutMs`: start-up work that can
 * wait (the derived tables' build) waits for the first view to be drawn instead of delaying its queries.
 */
export function firstChartDrawn(timeoutMs: number): Promise<void> {
  if (performance.getEntriesByName(FIRST_CHART_MARK, 'mark').length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    firstChartWaiters.push(resolve);
    setTimeout(resolve, timeoutMs);
  });
}

/** Build a chart's option and measure it (`hj:chart:<id>:option`); the render measure then starts from here. */
export function timedOption<T>(id: string, build: () => T): T {
  const start = performance.mark(startName(id));
  const option = build();
  performance.measure(`hj:chart:${id}:option`, { start: start.startTime, end: performance.now() });
  return option;
}

/** Called when a chart's new option is handed to ECharts: starts its render measure unless timedOption did. */
export function renderStarted(id: string | undefined): void {
  if (id !== undefined && performance.getEntriesByName(startName(id), 'mark').length === 0) performance.mark(startName(id));
}

/** Called on ECharts' 'finished' after a new option: the first-chart mark and the chart's measure. */
export function renderFinished(id: string | undefined): void {
  if (performance.getEntriesByName(FIRST_CHART_MARK, 'mark').length === 0) {
    performance.mark(FIRST_CHART_MARK);
    for (const resolve of firstChartWaiters.splice(0)) resolve();
  }
  if (id === undefined) return;
  const start = performance.getEntriesByName(startName(id), 'mark').at(-1);
  if (!start) return;
  performance.measure(`hj:chart:${id}`, { start: start.startTime, end: performance.now() });
  performance.clearMarks(startName(id));
}
