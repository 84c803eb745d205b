import { Card, Empty, Flex, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { quality, QUALITY_KIND_NAMES, type QualityFlag, type QualityKind, type SumCheck } from '../../../shared/analytics/quality.js';
import { formatValue } from '../../../shared/format/number.js';
import { listAllPeriods } from '../../../shared/model/catalog.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { QueryError } from '../../components/QueryError.js';

const KIND_COLOR: Record<QualityKind, string> = { missing: 'default', outlier: 'volcano', jump: 'orange', sum: 'magenta' };

/** 数据质量: what to check before ranking, for one period: missing values, outliers, jumps, sums against totals. */
export function QualityView() {
  const t = useT();
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const [kind, setKind] = useViewParam<QualityKind | 'all'>('quality', 'kind', 'all');
  const periods = useQuery(listAllPeriods, 'all');
  const periodList = periods.status === 'ready' ? periods.data : [];
  const period = selection.period && periodList.includes(selection.period) ? selection.period : (periodList[0] ?? null);
  const result = useQuery(quality, period ? { period, level: selection.level } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const flags = data ? data.flags.filter((f) => kind === 'all' || f.kind === kind) : [];
  const sums = data ? data.sums.filter((s) => s.flagged || s.missingChildren > 0) : [];

  if (periods.status === 'ready' && periodList.length === 0) return <Empty description={t('score.noData')} />;
  return (
    <Flex vertical gap={12} data-testid="quality-view">
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <PeriodSelect periods={periodList} value={period} label={(p) => periodLabelZh(p)} onChange={(v) => select({ period: v })} />
          <LevelSelect value={selection.level} onChange={(l) => select({ level: l })} />
          <Segmented
            data-testid="quality-kind"
            value={kind}
            onChange={(v) => setKind(v as QualityKind | 'all')}
            options={[{ value: 'all', label: t('quality.all', { n: data?.flags.length ?? 0 }) }, ...(['missing', 'outlier', 'jump', 'sum'] as const).map((k) => ({ value: k, label: `${QUALITY_KIND_NAMES[k]} ${data?.counts[k] ?? 0}` }))]}
          />
          <ExportButtons
            source={{
              baseName: period ? `数据质量_${period}` : 'quality',
              table: () => (data ? { sheetName: '数据质量', headers: ['类型', '地区', '区划代码', '指标', '指标代码', '数值', '说明'], rows: data.flags.map((f) => [QUALITY_KIND_NAMES[f.kind], f.regionName, f.regionCode, f.indicatorName, f.indicatorId, f.value, f.detail]) } : null),
            }}
          />
        </Space>
      </Card>
      <Typography.Text type="secondary">{t('quality.help')}</Typography.Text>
      <QueryError result={result} />
      <Card size="small">
        <Spin spinning={result.status === 'loading'}>
          <Table<QualityFlag>
            data-testid="quality-table"
            size="small"
            rowKey={(f) => `${f.kind}|${f.regionCode}|${f.indicatorId}`}
            dataSource={flags}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            columns={[
              { title: t('quality.kind'), dataIndex: 'kind', width: 110, render: (k: QualityKind) => <Tag color={KIND_COLOR[k]}>{QUALITY_KIND_NAMES[k]}</Tag> },
              { title: t('score.region'), dataIndex: 'regionName', width: 120, render: (v: string, f) => <a onClick={() => select({ region: f.regionCode, indicator: f.indicatorId })}>{v}</a> },
              { title: t('score.indicator'), dataIndex: 'indicatorName', width: 220 },
              { title: t('quality.value'), dataIndex: 'value', width: 110, render: (v: number | null) => (v === null ? '—' : formatValue(v, null)) },
              { title: t('quality.detail'), dataIndex: 'detail' },
            ]}
          />
        </Spin>
      </Card>
      {sums.length > 0 && (
        <Card size="small" title={t('quality.sums')}>
          <Table<SumCheck>
            data-testid="quality-sums"
            size="small"
            rowKey={(s) => `${s.parentCode}|${s.indicatorId}`}
            dataSource={sums}
            pagination={false}
            expandable={{ childrenColumnName: '__none' }}
            columns={[
              { title: t('quality.parent'), dataIndex: 'parentName', width: 120 },
              { title: t('score.indicator'), dataIndex: 'indicatorName' },
              { title: t('quality.total'), dataIndex: 'total', width: 110, render: (v: number) => formatValue(v, null) },
              { title: t('quality.sum'), dataIndex: 'sum', width: 110, render: (v: number | null, s) => (v === null ? t('quality.incomplete', { n: s.missingChildren, of: s.children }) : formatValue(v, null)) },
              { title: t('quality.share'), dataIndex: 'share', width: 100, render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`) },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
