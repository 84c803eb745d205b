import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { listGroups } from '../../../shared/model/catalog.js';
import { ranking, type Benchmark } from '../../../shared/analytics/ranking.js';
import { rankingBarOption, rankingChartHeight, rankingWindow, type RankingChartOptions } from '../../../shared/charts/ranking-bar.js';
import { formatMove, formatRank } from '../../../shared/format/number.js';
import { periodLabel } from '../../../shared/model/period.js';
import { timedOption } from '../../charts/chart-marks.js';
import { ChartWindow, useRevealRow } from '../../charts/ChartWindow.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { IndicatorSelect, LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useIndicatorPeriod } from '../../state/use-indicator-period.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { setNationalValue, useViewSettings } from '../../state/view-settings.js';
import { useViewParam } from '../../state/view-param.js';
import { useQualityFlags } from '../../state/quality-flags.js';
import { RankingTable } from './RankingTable.js';
import { QueryError } from '../../components/QueryError.js';

type BenchChoice = 'avg' | 'parent' | 'target' | 'national';

/** Cross-region ranking of one indicator in one period: pickers, a bar chart and a table. No SQL here. */
export function RankingView() {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const settings = useViewSettings();
  const { catalog, catalogReady, indicator, periods: periodList, periodsReady, period } = useIndicatorPeriod();
  const level = selection.level;
  const [group, setGroup] = useViewParam<string | null>('ranking', 'group', null);
  const [bench, setBench] = useViewParam<BenchChoice>('ranking', 'benchmark', 'avg');
  const chartBox = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState(0);

  const groups = useQuery(listGroups, level);
  const national = indicator && period ? settings.national[indicator.id]?.[period] : undefined;
  const benchmark: Benchmark | null = bench === 'national' ? (national ?? null) : bench;
  const params = indicator && period && benchmark !== null ? { indicator: indicator.id, period, level, group, benchmark } : null;
  const result = useQuery(ranking, params);
  const flags = useQualityFlags(period, level, group, indicator ? [indicator.id] : null);
  const benchmarkLabel = bench === 'avg' ? t('ranking.average') : t(`ranking.bench.${bench}`);

  const label = (p: string) => periodLabel(p, indicator?.basis ?? null, locale);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const charted = data ? data.rows.filter((r) => r.value !== null).length : 0;
  // Thousands of bars: the screen draws a window of them and scrolls it (an export still draws them all).
  const visible = rankingWindow(charted);
  const first = Math.max(0, Math.min(start, charted - visible));
  const selectedBar = data && selection.region ? data.rows.filter((r) => r.value !== null).findIndex((r) => r.regionCode === selection.region) : -1;
  useRevealRow(selectedBar, visible, setStart);
  const chartOptions = useMemo<RankingChartOptions | null>(
    () =>
      data
        ? {
            locale, t, demo, benchmarkLabel, selected: selection.region, sourceNote: settings.sourceNote,
            periodLabel: label(data.params.period), levelLabel: t(`level.${data.params.level}`),
          }
        : null,
    // label depends only on locale and the indicator's basis, both covered by data and locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale, t, demo, benchmarkLabel, selection.region, settings.sourceNote],
  );
  const option = useMemo(
    () =>
      data && period && chartOptions
        ? timedOption('ranking-chart', () => rankingBarOption(data, visible < charted ? { ...chartOptions, window: { first, count: visible } } : chartOptions))
        : null,
    [data, period, chartOptions, visible, charted, first],
  );
  // A new workspace, or an indicator without any value yet: say so instead of an empty frame.
  const noData = catalogReady && (catalog.length === 0 || (periodsReady && periodList.length === 0));
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const baseName = data ? `${data.indicator.name}_${data.params.period}_${t(`level.${level}`)}排名` : 'ranking';

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <IndicatorSelect catalog={catalog} value={indicator?.id} loading={!catalogReady} onChange={(v) => select({ indicator: v })} />
          <PeriodSelect periods={periodList} value={period} label={label} onChange={(v) => select({ period: v })} />
          <LevelSelect
            value={level}
            onChange={(l) => {
              select({ level: l });
              setGroup(null);
            }}
          />
          <Space>
            <Typography.Text strong>{t('ranking.group')}</Typography.Text>
            <Select
              data-testid="group-select"
              style={{ width: 150 }}
              value={group ?? ''}
              options={[{ value: '', label: t('ranking.allGroups') }, ...(groups.status === 'ready' ? groups.data : []).map((g) => ({ value: g, label: g }))]}
              onChange={(v: string) => setGroup(v || null)}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('ranking.benchmark')}</Typography.Text>
            <Select
              data-testid="benchmark-select"
              style={{ width: 170 }}
              value={bench}
              options={(['avg', 'parent', 'target', 'national'] as const).map((b) => ({ value: b, label: t(`ranking.bench.${b}`) }))}
              onChange={(v: BenchChoice) => setBench(v)}
            />
            {bench === 'national' && indicator && period && (
              <Space.Compact>
                <InputNumber
                  data-testid="national-input"
                  style={{ width: 150 }}
                  placeholder={t('ranking.nationalPlaceholder')}
                  value={national ?? null}
                  onChange={(v) => setNationalValue(host, indicator.id, period, typeof v === 'number' ? v : null)}
                />
                {indicator.unit && <Button disabled>{indicator.unit}</Button>}
              </Space.Compact>
            )}
          </Space>
          {data && (
            <Typography.Text type="secondary" data-testid="ranking-summary">
              {t('ranking.compared', { n: data.compared })}
              {data.rows.length > data.compared ? `，${t('ranking.missing', { n: data.rows.length - data.compared })}` : ''}
            </Typography.Text>
          )}
          <ExportButtons
            source={{
              baseName,
              chart: () =>
                data && chartOptions ? { option: rankingBarOption(data, chartOptions), width: chartBox.current?.clientWidth ?? 1000, height: rankingChartHeight(charted) } : null,
              table: () =>
                data
                  ? {
                      sheetName: '排名',
                      headers: ['排名', '区划代码', '地区', `数值（${data.indicator.unit ?? ''}）`, `基准（${benchmarkLabel}）`, '差距', '差距%', '较上期', '较上年同期', '考核分组'],
                      rows: data.rows.map((r) => [formatRank(r.rank, lang), r.regionCode, r.name, r.value, r.benchmark, r.gap, r.gapPct, formatMove(r.movePrevious, lang), formatMove(r.moveLastYear, lang), r.group]),
                    }
                  : null,
            }}
          />
        </Space>
      </Card>
      {bench === 'national' && national === undefined && <Alert type="info" showIcon title={t('ranking.nationalMissing')} data-testid="national-missing" />}
      <QueryError result={result} />
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 1, minWidth: 420, overflow: 'auto' }} styles={{ body: { padding: 8 } }}>
          <ChartWindow
            first={first}
            total={charted}
            visible={visible}
            height={rankingChartHeight(visible)}
            gutter={{ top: 92, bottom: 24 }}
            setStart={setStart}
            testId="ranking-scroll"
            boxRef={chartBox}
          >
            <Spin spinning={result.status === 'loading' || !catalogReady}>
              {option && charted > 0 ? (
                <EChart
                  option={option}
                  height={rankingChartHeight(visible)}
                  testId="ranking-chart"
                  onClick={(e) => {
                    const code = (e.data as { code?: string } | undefined)?.code;
                    if (code) select({ region: code });
                  }}
                />
              ) : noData ? (
                <Empty description={t('ranking.noData')} data-testid="ranking-empty" />
              ) : result.status === 'ready' ? (
                <Empty description={t('ranking.empty')} data-testid="ranking-empty" />
              ) : (
                <div style={{ height: 400 }} />
              )}
            </Spin>
          </ChartWindow>
        </Card>
        <Card size="small" className="hj-slide-aside" style={{ flex: 1.3, minWidth: 560, maxWidth: 860, overflow: 'hidden' }} styles={{ body: { padding: 0, height: '100%' } }}>
          {data && <RankingTable result={data} benchmarkLabel={benchmarkLabel} flags={flags} onSelect={(code) => select({ region: code })} />}
        </Card>
      </Flex>
    </Flex>
  );
}
