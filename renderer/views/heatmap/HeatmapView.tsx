import { useMemo, useRef, useState } from 'react';
import { Card, Empty, Flex, Segmented, Select, Space, Spin, Switch, Typography } from 'antd';
import { heatmap, periodHeatmap, sortRows, type HeatMatrix } from '../../../shared/analytics/heatmap.js';
import { heatmapPage } from '../../../shared/analytics/heatmap-page.js';
import { HEAT_VISIBLE_ROWS, heatmapChartHeight, heatmapOption, type HeatColumn } from '../../../shared/charts/heatmap-grid.js';
import { periodLabel, periodLabelZh, periodLabelEn } from '../../../shared/model/period.js';
import { timedOption } from '../../charts/chart-marks.js';
import { ChartWindow, useRevealRow } from '../../charts/ChartWindow.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { IndicatorSelect, LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useIndicatorPeriod } from '../../state/use-indicator-period.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useViewParam } from '../../state/view-param.js';
import { useQuery } from '../../state/use-query.js';
import { useViewSettings } from '../../state/view-settings.js';
import { useQualityAuto, useQualityFlags } from '../../state/quality-flags.js';
import { matrixTable } from './matrix-table.js';
import { QueryError } from '../../components/QueryError.js';

type Mode = 'indicators' | 'periods';
type SortChoice = 'composite' | 'code' | 'column';
/** Above this many drawn cells the grid is drawn on canvas (SVG nodes would cost); below, SVG keeps text crisp. */
const CANVAS_CELLS = 5_000;

/** Heat maps: regions × indicators in one period, or regions × periods of one indicator; a cell opens the trend. */
export function HeatmapView() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const setView = useAppStore((s) => s.setView);
  const engine = useAppStore((s) => s.engine);
  const settings = useViewSettings();
  const [mode, setMode] = useViewParam<Mode>('heatmap', 'mode', 'indicators');
  const [sort, setSort] = useViewParam<SortChoice>('heatmap', 'sort', 'composite');
  const [sortKey, setSortKey] = useViewParam<string | null>('heatmap', 'sortKey', null);
  const [colorblind, setColorblind] = useViewParam<boolean>('heatmap', 'colorblind', false);
  const chartBox = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState(0);

  const { catalog, indicator, periods: periodList, period } = useIndicatorPeriod();
  const level = selection.level;
  // Regions × indicators: every row's order, the cells of the 40 rows in view only (a new page on scroll or sort).
  const sortSpec = sort === 'column' ? { col: sortKey ?? indicator?.id ?? '' } : sort;
  const byIndicator = useQuery(heatmapPage, mode === 'indicators' && period ? { period, level, sort: sortSpec, start, count: HEAT_VISIBLE_ROWS } : null);
  const byPeriod = useQuery(periodHeatmap, mode === 'periods' && indicator ? { indicator: indicator.id, level } : null);
  const state = mode === 'indicators' ? byIndicator : byPeriod;
  const qualityAuto = useQualityAuto();
  const [qualityAsked, setQualityAsked] = useViewParam<boolean>('heatmap', 'quality', false);
  const flags = useQualityFlags(mode === 'indicators' ? period : null, level, null, null, qualityAuto || qualityAsked);
  const loaded = state.status === 'ready' ? state.data : state.status === 'loading' ? state.previous : undefined;

  const view = useMemo(() => {
    if (!loaded) return null;
    const m: HeatMatrix = loaded.matrix;
    const columns: HeatColumn[] =
      'indicators' in loaded
        ? loaded.indicators.map((i) => ({ key: i.id, label: i.name, unit: i.unit }))
        : m.cols.map((p) => ({ key: p, label: locale === 'zh-CN' ? periodLabelZh(p, loaded.indicator.basis ?? '累计') : periodLabelEn(p), unit: loaded.indicator.unit }));
    // the column clicked last, else the selected indicator (or period)
    const sortCol = Math.max(0, m.cols.indexOf(sortKey ?? (mode === 'indicators' ? (indicator?.id ?? '') : (period ?? ''))));
    const paged = 'order' in loaded;
    const order = paged ? loaded.order : sortRows(m, sort === 'column' ? { col: sortCol } : sort);
    // Only a window of rows is drawn; the wheel and the slider move it (3,000 rows stay as fast as 40).
    const first = paged ? loaded.first : Math.max(0, Math.min(start, order.length - HEAT_VISIBLE_ROWS));
    const visible = order.slice(first, first + HEAT_VISIBLE_ROWS);
    const levelText = t(`level.${level}`);
    const title = 'indicators' in loaded
      ? t('heatmap.titleIndicators', { level: levelText, period: locale === 'zh-CN' ? `${periodLabelZh(loaded.params.period, '当期')}（各指标按各自口径）` : periodLabelEn(loaded.params.period) })
      : t('heatmap.titlePeriods', { indicator: loaded.indicator.name, level: levelText });
    const option = timedOption('heatmap-chart', () => heatmapOption(m, { locale, t, title, columns, order: visible, palette: colorblind ? 'colorblind' : 'default', selected: selection.region, demo, sourceNote: settings.sourceNote, flags: 'indicators' in loaded ? flags.texts : undefined }));
    return { m, columns, order, visible, first, option, title, complete: !paged || loaded.complete };
  }, [loaded, locale, t, mode, sort, sortKey, indicator?.id, period, level, colorblind, selection.region, demo, settings.sourceNote, start, flags]);

  // A region selected elsewhere scrolls into the window.
  const selectedIndex = view && selection.region ? view.order.findIndex((r) => view.m.rowCodes[r] === selection.region) : -1;
  useRevealRow(selectedIndex, HEAT_VISIBLE_ROWS, setStart);
  const empty = state.status === 'ready' && (!view || view.m.cols.length === 0);
  const height = view ? heatmapChartHeight(view.order.length) : 400;

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <Space>
            <Typography.Text strong>{t('heatmap.mode')}</Typography.Text>
            <Segmented data-testid="heatmap-mode" value={mode} onChange={(v) => setMode(v as Mode)}
              options={[{ value: 'indicators', label: t('heatmap.byIndicator') }, { value: 'periods', label: t('heatmap.byPeriod') }]} />
          </Space>
          {mode === 'indicators' ? (
            <PeriodSelect periods={periodList} value={period} label={(p) => periodLabel(p, indicator?.basis ?? null, locale)} onChange={(v) => select({ period: v })} />
          ) : (
            <IndicatorSelect catalog={catalog} value={indicator?.id} onChange={(v) => select({ indicator: v })} />
          )}
          <LevelSelect value={level} onChange={(l) => select({ level: l })} />
          <Space>
            <Typography.Text strong>{t('heatmap.sort')}</Typography.Text>
            <Select data-testid="heatmap-sort" style={{ width: 140 }} value={sort} onChange={(v: SortChoice) => setSort(v)}
              options={[{ value: 'composite', label: t('heatmap.sortComposite') }, { value: 'code', label: t('heatmap.sortCode') }, { value: 'column', label: t('heatmap.sortColumn') }]} />
          </Space>
          {!qualityAuto && mode === 'indicators' && (
            <Space>
              <Switch data-testid="heatmap-quality" size="small" checked={qualityAsked} onChange={setQualityAsked} />
              <Typography.Text>{t('quality.mark')}</Typography.Text>
            </Space>
          )}
          <Space>
            <Switch data-testid="heatmap-colorblind" size="small" checked={colorblind} onChange={setColorblind} />
            <Typography.Text>{t('heatmap.palette')}</Typography.Text>
          </Space>
          <ExportButtons
            source={{
              baseName: view ? view.title : 'heatmap',
              chart: () => (view ? { option: view.option, width: chartBox.current?.clientWidth ?? 1200, height } : null),
              table: async () => {
                if (!view) return null;
                if (view.complete || engine.status !== 'ready' || !period) return matrixTable(view.m, view.columns, view.order, locale);
                // The page holds the rows in view only: the export computes the whole matrix, in the same order.
                const full = (await heatmap(engine.db, { period, level })).matrix;
                const col = full.cols.indexOf(typeof sortSpec === 'object' ? sortSpec.col : '');
                return matrixTable(full, view.columns, sortRows(full, typeof sortSpec === 'object' ? (col >= 0 ? { col } : 'composite') : sortSpec), locale);
              },
            }}
          />
        </Space>
      </Card>
      <Typography.Text type="secondary" data-testid="heatmap-hint">{colorblind ? t('heatmap.hintCb') : t('heatmap.hint')}</Typography.Text>
      <QueryError result={state} />
      <Card size="small" style={{ flex: 1, minHeight: 0 }} styles={{ body: { padding: 8 } }}>
        <ChartWindow
          first={view?.first ?? 0}
          total={view?.order.length ?? 0}
          visible={HEAT_VISIBLE_ROWS}
          height={height}
          gutter={{ top: 170, bottom: 30 }}
          setStart={setStart}
          testId="heatmap-scroll"
          boxRef={chartBox}
        >
          <Spin spinning={state.status === 'loading'}>
            {view && !empty ? (
              <EChart
                option={view.option}
                height={height}
                renderer={view.visible.length * view.m.cols.length > CANVAS_CELLS ? 'canvas' : 'svg'}
                testId="heatmap-chart"
                onClick={(e) => {
                  if (e.componentType === 'xAxis') {
                    const key = view.columns.find((c) => c.label === e.value)?.key ?? null;
                    if (key) { setSortKey(key); setSort('column'); }
                    return;
                  }
                  const v = e.value as [number, number, number] | undefined;
                  if (!v || !view) return;
                  const region = view.m.rowCodes[view.visible[v[1]] as number] ?? null;
                  const key = view.columns[v[0]]?.key ?? null;
                  select(mode === 'indicators' ? { region, indicator: key } : { region, period: key });
                  setView('trends');
                }}
              />
            ) : empty ? (
              <Empty description={t('heatmap.empty')} data-testid="heatmap-empty" />
            ) : (
              <div style={{ height: 400 }} />
            )}
          </Spin>
        </ChartWindow>
      </Card>
    </Flex>
  );
}
