import { useMemo, useRef, useState } from 'react';
import { Card, Empty, Flex, Input, Space, Spin, Switch, Tag, Typography } from 'antd';
import { ranking } from '../../../shared/analytics/ranking.js';
import { choroplethOption, mapCoverage } from '../../../shared/charts/choropleth.js';
import { periodLabel } from '../../../shared/model/period.js';
import { EChart } from '../../charts/EChart.js';
import { useChartHeight } from '../../charts/use-chart-height.js';
import { registerBoundaries } from '../../charts/register-map.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { IndicatorSelect, LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useIndicatorPeriod } from '../../state/use-indicator-period.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { setSourceNote, useViewSettings } from '../../state/view-settings.js';
import { QueryError } from '../../components/QueryError.js';


/** A choropleth of one indicator and period from the workspace's own boundaries; regions missing are listed. */
export function MapView() {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const maps = useAppStore((s) => s.workspace?.documents.maps);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const settings = useViewSettings();
  const [colorblind, setColorblind] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const chartBox = useRef<HTMLDivElement>(null);
  const HEIGHT = useChartHeight(250);

  const { catalog, catalogReady, indicator, periods: periodList, period } = useIndicatorPeriod();
  const level = selection.level;
  const result = useQuery(ranking, indicator && period ? { indicator: indicator.id, period, level } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const label = (p: string) => periodLabel(p, indicator?.basis ?? null, locale);

  const view = useMemo(() => {
    if (!data) return null;
    const coverage = mapCoverage(maps, data);
    if (coverage.features.length === 0) return { coverage, option: null };
    const mapName = registerBoundaries(`${data.params.level}`, coverage.features);
    const title = t('map.title', { indicator: data.indicator.name, period: periodLabel(data.params.period, data.indicator.basis, locale) });
    const option = choroplethOption(data, { locale, t, mapName, title, palette: colorblind ? 'colorblind' : 'default', selected: selection.region, demo, sourceNote: settings.sourceNote });
    return { coverage, option };
  }, [data, maps, locale, t, colorblind, selection.region, demo, settings.sourceNote]);

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <IndicatorSelect catalog={catalog} value={indicator?.id} loading={!catalogReady} onChange={(v) => select({ indicator: v })} />
          <PeriodSelect periods={periodList} value={period} label={label} onChange={(v) => select({ period: v })} />
          <LevelSelect value={level} onChange={(l) => select({ level: l })} />
          <Space>
            <Switch size="small" checked={colorblind} onChange={setColorblind} />
            <Typography.Text>{t('heatmap.palette')}</Typography.Text>
          </Space>
          <Space>
            <Typography.Text strong>{t('map.sourceNote')}</Typography.Text>
            <Input
              data-testid="map-source-note"
              style={{ width: 260 }}
              maxLength={120}
              placeholder={t('map.sourceNotePlaceholder')}
              value={note ?? settings.sourceNote}
              onChange={(e) => setNote(e.target.value)}
              onBlur={() => {
                if (note !== null && note !== settings.sourceNote) setSourceNote(host, note);
                setNote(null);
              }}
            />
          </Space>
          <ExportButtons
            source={{
              baseName: data ? `${data.indicator.name}_${data.params.period}_地图` : 'map',
              chart: () => (view?.option ? { option: view.option, width: chartBox.current?.clientWidth ?? 1000, height: HEIGHT } : null),
            }}
          />
        </Space>
      </Card>
      <QueryError result={result} />
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 3, minWidth: 0 }} styles={{ body: { padding: 8 } }}>
          <div ref={chartBox}>
            <Spin spinning={result.status === 'loading'}>
              {view?.option ? (
                <EChart
                  option={view.option}
                  height={HEIGHT}
                  testId="map-chart"
                  onClick={(e) => {
                    if (e.name && data?.rows.some((r) => r.regionCode === e.name)) select({ region: e.name });
                  }}
                />
              ) : view ? (
                <Empty description={t('map.noMap')} data-testid="map-empty" />
              ) : (
                <div style={{ height: HEIGHT }} />
              )}
            </Spin>
          </div>
        </Card>
        <Card size="small" style={{ flex: 1, minWidth: 260, maxWidth: 380, overflow: 'auto' }}>
          <Typography.Text strong>{t('map.withoutShape')}（{view?.coverage.withoutShape.length ?? 0}）</Typography.Text>
          <div data-testid="map-without-shape" style={{ margin: '6px 0 14px' }}>
            {view && view.coverage.withoutShape.length ? view.coverage.withoutShape.map((r) => <Tag key={r.code} title={r.code}>{r.name}</Tag>) : <Typography.Text type="secondary">{t('map.none')}</Typography.Text>}
          </div>
          <Typography.Text strong>{t('map.withoutData')}（{view?.coverage.withoutData.length ?? 0}）</Typography.Text>
          <div data-testid="map-without-data" style={{ marginTop: 6 }}>
            {view && view.coverage.withoutData.length ? view.coverage.withoutData.map((r) => <Tag key={r.code} title={r.code}>{r.name}</Tag>) : <Typography.Text type="secondary">{t('map.none')}</Typography.Text>}
          </div>
        </Card>
      </Flex>
    </Flex>
  );
}
