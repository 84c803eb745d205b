/** The bench's summary statistics: times rounded to 0.01 ms, the median and the 95th percentile of a run's times. */
export const round = (x: number) => Math.round(x * 100) / 100;
export const median = (t: readonly number[]) => round([...t].sort((a, b) => a - b)[Math.floor((t.length - 1) / 2)] as number);
export const p95 = (t: readonly number[]) => round([...t].sort((a, b) => a - b)[Math.ceil(0.95 * t.length) - 1] as number);
