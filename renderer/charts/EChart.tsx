import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/**
 * The one place that calls echarts.init. SVG rendering: text is real text in the bundled font, crisp on a
 * projector at any resolution, and the same option serves reports later.
 */
export function EChart({ option, height, testId }: { option: Record<string, unknown>; height: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option, { notMerge: true });
    c.resize();
    if (!performance.getEntriesByName('hengjian:first-chart').length) performance.mark('hengjian:first-chart');
  }, [option, height]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
