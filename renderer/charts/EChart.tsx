import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts';
import { projectorOption } from '../../shared/charts/projector.js';
import { useChartLook } from './chart-look.js';

/** A chart event as ECharts hands it to handlers (the fields the views read). */
export interface ChartEvent {
  readonly name?: string;
  readonly value?: unknown;
  readonly data?: unknown;
  readonly dataIndex?: number;
  readonly seriesIndex?: number;
  readonly componentType?: string;
}

/**
 * A chart's height on a slide: a chart sized to the window fills the slide below its title (window − 280 px); a long
 * chart (a ranking of 100 counties) grows by half for the doubled type, and the slide scrolls.
 */
export function projectorHeight(height: number, windowHeight: number): number {
  const fit = Math.max(360, windowHeight - 280);
  return height <= windowHeight ? fit : Math.round(height * 1.5);
}

/**
 * The one place that calls echarts.init. SVG by default: text is real text in the bundled font, crisp on a
 * projector at any resolution. Canvas for dense grids (heat maps of thousands of cells), where SVG nodes would cost;
 * it draws at the screen's devicePixelRatio (2 on a 4K projector at 200 %), so it stays sharp too. Inside a projection
 * slide (ChartLookContext 'projector') the option gets the projector look and the height projectorHeight gives.
 */
export function EChart({
  option,
  height,
  testId,
  renderer = 'svg',
  onClick,
}: {
  option: Record<string, unknown>;
  height: number;
  testId?: string;
  renderer?: 'svg' | 'canvas';
  onClick?: (e: ChartEvent) => void;
}) {
  const look = useChartLook();
  const shown = useMemo(() => (look === 'projector' ? projectorOption(option) : option), [look, option]);
  const h = look === 'projector' ? projectorHeight(height, window.innerHeight) : height;
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer, devicePixelRatio: window.devicePixelRatio || 1 });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ChartEvent));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(shown, { notMerge: true });
    c.resize();
    if (!performance.getEntriesByName('hengjian:first-chart').length) performance.mark('hengjian:first-chart');
  }, [shown, h, renderer]);
  return <div ref={el} style={{ width: '100%', height: h }} data-testid={testId} data-look={look} />;
}
