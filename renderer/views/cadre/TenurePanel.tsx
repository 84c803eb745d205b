import type { RegionListItem } from '../../../shared/analytics/cadre-lists.js';
import { ListHistory } from './ListHistory.js';
import { useState } from 'react';
import { Card, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { TenureIndicator, TenurePanel as Tenure } from '../../../shared/analytics/cadre-profile.js';
import { trend } from '../../../shared/analytics/trend.js';
import { trendLineOption } from '../../../shared/charts/trend-line.js';
import { formatMove, formatRank, formatValue } from '../../../shared/format/number.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { EChart } from '../../charts/EChart.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';

const LEVEL_COLOR = { 红线: 'red', 黄线: 'gold' } as const;

/** 前进 ▲ in blue, 后退 ▼ in orange, 持平 plain: the words carry the meaning, the colour repeats it. */
function Movement({ move }: { move: number | null }) {
  if (move === null) return <span>—</span>;
  const arrow = move > 0 ? '▲ ' : move < 0 ? '▼ ' : '';
  return <span style={{ color: move > 0 ? '#2f6db5' : move < 0 ? '#e07b28' : undefined }}>{arrow + formatMove(move)}</span>;
}

const rankCell = (r: TenureIndicator['base'], unit: string | null) =>
  r === null || r.value === null ? '—' : `${formatValue(r.value, unit)}（${formatRank(r.rank)}/${r.of}）`;

/**
 * One 一把手 term: the core indicators and the composite, value and rank before the start and now with the movement,
 * the region's warnings before and during the term (loading separately: the rule set takes seconds), and the trend
 * of the picked indicator with the leader changes marked.
 */
export function TenurePanel({ tenure, lists, warningsLoading }: { tenure: Tenure; lists: readonly RegionListItem[] | null; warningsLoading: boolean }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const rows = [...(tenure.composite ? [tenure.composite] : []), ...tenure.indicators];
  const [picked, setPicked] = useState<string | null>(null);
  const indicator = picked ?? tenure.indicators[0]?.id ?? null;
  const series = useQuery(trend, indicator ? { indicator, regions: [tenure.regionCode] } : null);
  const w = tenure.warnings;
  const base = tenure.basePeriod ? t(tenure.baseBeforeStart ? 'profile.base' : 'profile.baseFirst', { period: periodLabelZh(tenure.basePeriod) }) : '—';
  const latest = tenure.latestPeriod ? t('profile.latest', { period: periodLabelZh(tenure.latestPeriod) }) : '—';
  return (
    <Card
      size="small"
      data-testid="profile-tenure"
      title={t('profile.tenureOf', { region: tenure.regionName, post: tenure.postTitle ?? '', from: tenure.from, to: tenure.to ?? t('profile.now') })}
    >
      <Flex vertical gap={8}>
        {rows.length === 0 ? (
          <Typography.Text type="secondary">{t('profile.noIndicators')}</Typography.Text>
        ) : (
          <Table<TenureIndicator>
            data-testid="profile-tenure-table"
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={rows}
            onRow={(r) => ({ onClick: () => r.id !== 'composite' && setPicked(r.id), style: { cursor: r.id === 'composite' ? undefined : 'pointer', background: r.id === indicator ? 'rgba(22,119,255,0.08)' : undefined } })}
            columns={[
              { title: t('profile.indicator'), dataIndex: 'name', render: (v: string, r) => (r.id === 'composite' ? <b>{v}</b> : `${v}${r.unit ? `（${r.unit}）` : ''}`) },
              { title: base, key: 'base', render: (_: unknown, r) => rankCell(r.base, r.unit) },
              { title: latest, key: 'latest', render: (_: unknown, r) => rankCell(r.latest, r.unit) },
              { title: t('profile.movement'), dataIndex: 'movement', width: 110, render: (v: number | null) => <Movement move={v} /> },
            ]}
          />
        )}
        {series.status === 'ready' && series.data.series.length > 0 && (
          <div>
            <Typography.Text type="secondary">{`${t('profile.trend')}：${series.data.indicator.name}`}</Typography.Text>
            <EChart testId="profile-trend" height={220} option={trendLineOption(series.data, { locale, t, measure: 'value' })} />
          </div>
        )}
        {lists && (
          <Flex vertical gap={4} data-testid="profile-region-lists">
            <Typography.Text strong>{t('profile.regionLists')}</Typography.Text>
            <ListHistory items={lists} phased />
          </Flex>
        )}
        <Flex vertical gap={4} data-testid="profile-warnings">
          <Typography.Text strong>{t('profile.warnings')}</Typography.Text>
          {w === null ? (
            <Spin spinning={warningsLoading} size="small">
              <Typography.Text type="secondary">{t('profile.warningsLoading')}</Typography.Text>
            </Spin>
          ) : (
            <>
              <Typography.Text>{t('profile.warnBefore', { ...w.before })}</Typography.Text>
              <Typography.Text>{t('profile.warnDuring', { ...w.during })}</Typography.Text>
              {w.events.slice(0, 8).map((e) => (
                <Typography.Text key={`${e.ruleId}|${e.indicatorId}|${e.period}`} style={{ fontSize: 12 }}>
                  <Tag color={LEVEL_COLOR[e.level]}>{e.level}</Tag>
                  {e.message}
                </Typography.Text>
              ))}
              {w.events.length > 8 && <Typography.Text type="secondary">{`…（共${w.events.length}条）`}</Typography.Text>}
            </>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
