import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Flex, Select, Segmented, Space, Spin, Typography } from 'antd';
import { listGroups, listIndicators, listPeriods, type IndicatorMeta } from '../../../shared/model/catalog.js';
import { ranking } from '../../../shared/analytics/ranking.js';
import { rankingBarOption, rankingChartHeight } from '../../../shared/charts/ranking-bar.js';
import { periodLabel } from '../../../shared/model/period.js';
import type { RegionLevel } from '../../../shared/model/region-code.js';
import { EChart } from '../../charts/EChart.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { RankingTable } from './RankingTable.js';

const LEVELS: readonly RegionLevel[] = ['county', 'city'];

/** Cross-region ranking of one indicator in one period: pickers, a bar chart and a table. No SQL here. */
export function RankingView() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const indicators = useQuery(listIndicators, {});
  const [indicatorId, setIndicatorId] = useState<string | null>(null);
  const [level, setLevel] = useState<RegionLevel>('county');
  const [group, setGroup] = useState<string | null>(null);
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);

  const catalog = indicators.status === 'ready' ? indicators.data : [];
  const indicator = catalog.find((i) => i.id === indicatorId) ?? catalog[0] ?? null;
  const periods = useQuery(listPeriods, indicator ? indicator.id : null);
  const periodList = periods.status === 'ready' ? periods.data : [];
  const period = chosenPeriod && periodList.includes(chosenPeriod) ? chosenPeriod : (periodList[0] ?? null);
  const groups = useQuery(listGroups, level);
  const params = indicator && period ? { indicator: indicator.id, period, level, group } : null;
  const result = useQuery(ranking, params);

  const label = (p: string) => periodLabel(p, indicator?.basis ?? null, locale);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const option = useMemo(
    () =>
      data && period
        ? rankingBarOption(data, { locale, t, demo, periodLabel: label(data.params.period), levelLabel: t(`level.${data.params.level}`) })
        : null,
    // label depends only on locale and the indicator's basis, both covered by data and locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, locale, t, demo],
  );
  // A new workspace, or an indicator without any value yet: say so instead of an empty frame.
  const noData = indicators.status === 'ready' && (catalog.length === 0 || (periods.status === 'ready' && periodList.length === 0));
  const charted = data ? data.rows.filter((r) => r.value !== null).length : 0;

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small">
        <Space wrap size="middle">
          <Space>
            <Typography.Text strong>{t('ranking.indicator')}</Typography.Text>
            <Select
              data-testid="indicator-select"
              style={{ width: 300 }}
              showSearch
              optionFilterProp="label"
              value={indicator?.id}
              loading={indicators.status !== 'ready'}
              options={groupByDimension(catalog)}
              onChange={(v: string) => setIndicatorId(v)}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('ranking.period')}</Typography.Text>
            <Select
              data-testid="period-select"
              style={{ width: 250 }}
              value={period ?? undefined}
              options={periodList.map((p) => ({ value: p, label: label(p) }))}
              onChange={(v: string) => setChosenPeriod(v)}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('ranking.level')}</Typography.Text>
            <Segmented
              data-testid="level-select"
              value={level}
              options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              onChange={(v) => {
                setLevel(v as RegionLevel);
                setGroup(null);
              }}
            />
          </Space>
          <Space>
            <Typography.Text strong>{t('ranking.group')}</Typography.Text>
            <Select
              data-testid="group-select"
              style={{ width: 160 }}
              value={group ?? ''}
              options={[{ value: '', label: t('ranking.allGroups') }, ...(groups.status === 'ready' ? groups.data : []).map((g) => ({ value: g, label: g }))]}
              onChange={(v: string) => setGroup(v || null)}
            />
          </Space>
          {data && (
            <Typography.Text type="secondary" data-testid="ranking-summary">
              {t('ranking.compared', { n: data.compared })}
              {data.rows.length > data.compared ? `，${t('ranking.missing', { n: data.rows.length - data.compared })}` : ''}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {result.status === 'error' && <Alert type="error" showIcon title={t('common.error')} description={result.error} />}
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 3, minWidth: 0, overflow: 'auto' }} styles={{ body: { padding: 8 } }}>
          <Spin spinning={result.status === 'loading' || indicators.status !== 'ready'}>
            {option && charted > 0 ? (
              <EChart option={option} height={rankingChartHeight(charted)} testId="ranking-chart" />
            ) : noData ? (
              <Empty description={t('ranking.noData')} data-testid="ranking-empty" />
            ) : result.status === 'ready' ? (
              <Empty description={t('ranking.empty')} data-testid="ranking-empty" />
            ) : (
              <div style={{ height: 400 }} />
            )}
          </Spin>
        </Card>
        <Card size="small" style={{ flex: 2, minWidth: 580, maxWidth: 640, overflow: 'hidden' }} styles={{ body: { padding: 0, height: '100%' } }}>
          {data && <RankingTable result={data} />}
        </Card>
      </Flex>
    </Flex>
  );
}

function groupByDimension(catalog: readonly IndicatorMeta[]) {
  const byDim = new Map<string, IndicatorMeta[]>();
  for (const i of catalog) {
    const d = i.dimension ?? '其他';
    byDim.set(d, [...(byDim.get(d) ?? []), i]);
  }
  return [...byDim].map(([dim, list]) => ({
    label: dim,
    title: dim,
    options: list.map((i) => ({ value: i.id, label: `${i.name}${i.unit ? `（${i.unit}）` : ''}` })),
  }));
}
