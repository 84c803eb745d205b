/** Shared chart look: the bundled CJK font, and direction-aware colours that stay distinguishable for colour-blind readers. */
export const CHART_FONT = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** Better / worse than the benchmark: blue and orange (safe for red-green colour blindness), never colour alone. */
export const PALETTE = {
  better: '#2f6db5',
  worse: '#e07b28',
  neutral: '#8c8c8c',
  benchmark: '#595959',
  text: '#262626',
  axis: '#8c8c8c',
} as const;
