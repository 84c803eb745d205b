import { useEffect, useMemo, useRef } from 'react';
import { echarts } from './echarts.js';
import { projectorOption } from '../../shared/charts/projector.js';
import { renderFinished, renderStarted } from './chart-marks.js';
import { useChartLook } from './chart-look.js';
import { usePixelRatio } from './use-pixel-ratio.js';

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
 * A chart's height on a slide: a chart sized to the window fills the slide below its title (window − 280 px at
 * 1920×1080, `k` times that on larger screens); a long chart (a ranking of 100 counties) grows with its type, and the
 * slide scrolls.
 */
export function projectorHeight(height: number, windowHeight: number, k = 1): number {
  const fit = Math.max(360, windowHeight - 280 * k);
  return height <= windowHeight ? fit : Math.round(height * 1.5 * k);
}

/**
 * The one place that calls echarts.init. SVG by default: text is real text in the bundled font, crisp on a
 * projector at any resolution. Canvas for dense grids (heat maps of thousands of cells), where SVG nodes would cost;
 * it draws at the screen's devicePixelRatio (2 on a 4K projector at 200 %), again when that changes, so it stays sharp too. Inside a projection
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
  const scale = look.kind === 'projector' ? look.scale : 0;
  const shown = useMemo(() => (scale ? projectorOption(option, { scale }) : option), [scale, option]);
  const h = scale ? projectorHeight(height, window.innerHeight, scale / 2) : height;
  const ratio = usePixelRatio();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  // A new option is being drawn: the next 'finished' closes its performance measure (see chart-marks.ts).
  const drawing = useRef(false);
  const id = useRef(testId);
  id.current = testId;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer, devicePixelRatio: ratio });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ChartEvent));
    c.on('finished', () => {
      if (!drawing.current) return;
      drawing.current = false;
      renderFinished(id.current);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer, ratio]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    renderStarted(testId);
    drawing.current = true;
    c.setOption(shown, { notMerge: true });
    c.resize();
    if (!performance.getEntriesByName('hengjian:first-chart').length) performance.mark('hengjian:first-chart');
  }, [shown, h, renderer, ratio, testId]);
  return <div ref={el} style={{ width: '100%', height: h }} data-testid={testId} data-look={look.kind} />;
}
