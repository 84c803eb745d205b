import { useMemo, useRef } from 'react';
import { Card, Empty, Flex, Segmented, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { listRegions } from '../../../shared/model/catalog.js';
import { trend, type TrendResult } from '../../../shared/analytics/trend.js';
import { trendFindings, trendLineOption, measureUnit, type TrendMeasure } from '../../../shared/charts/trend-line.js';
import { periodLabel } from '../../../shared/model/period.js';
import { EChart } from '../../charts/EChart.js';
import { useChartHeight } from '../../charts/use-chart-height.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { IndicatorSelect } from '../../components/Pickers.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewSettings } from '../../state/view-settings.js';
import { useIndicatorPeriod } from '../../state/use-indicator-period.js';
import { useViewParam } from '../../state/view-param.js';
import { useNameMask } from '../../state/name-mask.js';
import { QueryError } from '../../components/QueryError.js';

type BenchChoice = 'avg' | 'parent' | 'national';

/** Lines of one indicator for one or several regions, with benchmark, YoY/QoQ, 时序进度, streaks and leader changes. */
export function TrendView() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const settings = useViewSettings();
  const { catalog, catalogReady, indicator } = useIndicatorPeriod();
  const regions = useQuery(listRegions, selection.level);
  const [others, setOthers] = useViewParam<string[]>('trends', 'others', []);
  const [measure, setMeasure] = useViewParam<TrendMeasure>('trends', 'measure', 'value');
  const [bench, setBench] = useViewParam<BenchChoice>('trends', 'benchmark', 'avg');
  const chartBox = useRef<HTMLDivElement>(null);
  const CHART_HEIGHT = useChartHeight(300);

  const regionList = regions.status === 'ready' ? regions.data : [];
  const main = regionList.find((r) => r.code === selection.region)?.code ?? regionList[0]?.code ?? null;
  const chosen = main ? [main, ...others.filter((c) => c !== main)].slice(0, 8) : [];
  const params = indicator && chosen.length
    ? { indicator: indicator.id, regions: chosen, benchmark: bench, ...(bench === 'national' ? { national: settings.national[indicator.id] ?? {} } : {}) }
    : null;
  const result = useQuery(trend, params);
  const names = useNameMask();
  const raw = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  // 一把手 names (chart marks and findings) follow the name mask (on in projection).
  const data = useMemo(() => (raw && names.on ? withLeaderNames(raw, names.show) : raw), [raw, names.on, names.show]);
  const m: TrendMeasure = data && measure === 'qoq' && !data.qoqAllowed ? 'value' : measure;
  const option = useMemo(
    () => (data ? trendLineOption(data, { locale, t, measure: m, selected: selection.region, demo, sourceNote: settings.sourceNote }) : null),
    [data, locale, t, m, selection.region, demo, settings.sourceNote],
  );
  const findings = data ? trendFindings(data, t, locale) : [];
  const hasValues = data ? data.series.some((s) => s.points.some((p) => p.value !== null)) : false;
  const unit = data ? measureUnit(data, m) : '';

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <IndicatorSelect catalog={catalog} value={indicator?.id} loading={!catalogReady} onChange={(v) => select({ indicator: v })} />
          <Space>
            <Typography.Text strong>{t('trend.regions')}</Typography.Text>
            <Select
              data-testid="trend-regions"
              mode="multiple"
              style={{ minWidth: 320, maxWidth: 560 }}
              placeholder={t('trend.pickRegion')}
              showSearch
              optionFilterProp="label"
              maxCount={8}
              value={chosen}
              options={regionList.map((r) => ({ value: r.code, label: r.name }))}
              onChange={(v: string[]) => {
                if (v.length === 0) return;
                if (v[0] !== main) select({ region: v[0] ?? null });
                setOthers(v.slice(1));
              }}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('trend.measure')}</Typography.Text>
            <Segmented
              data-testid="trend-measure"
              value={m}
              onChange={(v) => setMeasure(v as TrendMeasure)}
              options={(['value', 'yoy', 'qoq', 'progress'] as const).map((k) => ({
                value: k,
                disabled: k === 'qoq' && data !== undefined && !data.qoqAllowed,
                label: k === 'qoq' && data && !data.qoqAllowed ? <Tooltip title={data.qoqNote}>{t('trend.measure.qoq')}</Tooltip> : t(`trend.measure.${k}`),
              }))}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('trend.benchmark')}</Typography.Text>
            <Select
              data-testid="trend-benchmark"
              style={{ width: 130 }}
              value={bench}
              options={(['avg', 'parent', 'national'] as const).map((b) => ({ value: b, label: t(`trend.bench.${b}`) }))}
              onChange={(v: BenchChoice) => setBench(v)}
            />
          </Space>
          <ExportButtons
            source={{
              baseName: data ? `${data.indicator.name}_趋势` : 'trend',
              chart: () => (option ? { option, width: chartBox.current?.clientWidth ?? 1000, height: CHART_HEIGHT } : null),
              table: () =>
                data
                  ? {
                      sheetName: '趋势',
                      headers: ['地区', '期间', `数值（${data.indicator.unit ?? ''}）`, `同比（${data.yoyUnit}）`, '环比（%）', `移动平均（${data.maOf === 'yoy' ? '同比' : '数值'}）`, `基准（${data.benchmarkName}）`, '目标完成（%）', '时序进度（%）'],
                      rows: data.series.flatMap((s) => s.points.map((p) => [s.name, periodLabel(p.period, data.indicator.basis, locale), p.value, p.yoy, p.qoq, p.ma, p.benchmark, p.completion, p.schedule])),
                    }
                  : null,
            }}
          />
        </Space>
      </Card>
      {data && !data.qoqAllowed && data.qoqNote && <Typography.Text type="secondary" data-testid="qoq-note">{t('trend.measure.qoq')}：{data.qoqNote}</Typography.Text>}
      <QueryError result={result} />
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 3, minWidth: 0 }} styles={{ body: { padding: 8 } }}>
          <div ref={chartBox}>
            <Spin spinning={result.status === 'loading'}>
              {option && hasValues ? (
                <EChart option={option} height={CHART_HEIGHT} testId="trend-chart" />
              ) : result.status === 'ready' ? (
                <Empty description={t('trend.empty')} data-testid="trend-empty" />
              ) : (
                <div style={{ height: CHART_HEIGHT }} />
              )}
            </Spin>
          </div>
          {data && <Typography.Text type="secondary">{unit ? `${t('ranking.unit')}：${unit}` : ''}</Typography.Text>}
        </Card>
        <Card size="small" title={t('trend.findings')} style={{ flex: 1, minWidth: 280, maxWidth: 420, overflow: 'auto' }}>
          <Flex vertical gap={8} data-testid="trend-findings">
            {findings.length ? findings.map((f) => <Typography.Text key={f}>{f}</Typography.Text>) : <Typography.Text type="secondary">{t('trend.noFindings')}</Typography.Text>}
          </Flex>
        </Card>
      </Flex>
    </Flex>
  );
}

/** The trend with its 一把手 names passed through `show` (masking), nothing else changed. */
function withLeaderNames(r: TrendResult, show: (name: string) => string): TrendResult {
  return {
    ...r,
    series: r.series.map((s) => ({
      ...s,
      leaderChanges: s.leaderChanges.map((c) => ({ ...c, name: show(c.name), previousName: c.previousName === null ? null : show(c.previousName) })),
    })),
  };
}
