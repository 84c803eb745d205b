import { useMemo } from 'react';
import { Alert, Card, Checkbox, Collapse, Flex, Input, InputNumber, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import { cadreStructure, sharePct, type DimensionId, type StructureBy, type StructureResult } from '../../../shared/analytics/cadre-structure.js';
import { DEFAULT_RETIREMENT, parseReferenceDate, type RetirementRule } from '../../../shared/analytics/cadre-facts.js';
import { ageHistogramOption, structureBarOption, structureDoughnutOption } from '../../../shared/charts/cadre-structure.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useT } from '../../i18n/use-t.js';
import { referenceDateQuery } from '../../state/roster.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { QueryError } from '../../components/QueryError.js';

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
type Row = { key: string; name: string; total: number; counts: readonly number[]; avg: number | null; u35: number | null; u40: number | null };

/** The rows of one statistic's table: 全部 first, then every group (all of them, largest first). */
function tableRows(r: StructureResult, id: DimensionId): Row[] {
  const d = r.dimensions.find((x) => x.id === id);
  const age = (g: StructureResult['overall']) => ({ avg: g.averageAge, u35: sharePct(g.under35, g.ageKnown), u40: sharePct(g.under40, g.ageKnown) });
  return [
    { key: '\u0000all', name: '全部', total: r.overall.total, counts: d?.overall ?? [], ...age(r.overall) },
    ...r.groups.map((g, i) => ({ key: g.key, name: g.name, total: g.total, counts: d?.byGroup[i] ?? [], ...age(g) })),
  ];
}

/** 结构分析: structure statistics at a reference date the user picks, by unit or by region, as charts and tables. */
export function StructurePanel() {
  const t = useT();
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const [picked, setPicked] = useViewParam<string | null>('roster', 'structureDate', null);
  const [by, setBy] = useViewParam<StructureBy>('roster', 'structureBy', 'unit');
  const [within, setWithin] = useViewParam<number>('roster', 'retireWithin', 5);
  const [retirement, setRetirement] = useViewParam<RetirementRule>('roster', 'retirement', DEFAULT_RETIREMENT);
  const [dim, setDim] = useViewParam<DimensionId>('roster', 'structureDim', 'age');
  const fallback = useQuery(referenceDateQuery, {});
  const date = picked ?? (fallback.status === 'ready' ? fallback.data : null);
  const result = useQuery(cadreStructure, date ? { date, by, retireWithin: within, retirement } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const d = data?.dimensions.find((x) => x.id === dim);
  const rows = useMemo(() => (data ? tableRows(data, dim) : []), [data, dim]);
  const bar = data && d ? structureBarOption(data, d, { demo }) : null;
  const retiring = data?.dimensions.find((x) => x.id === 'retirement')?.overall[1] ?? null;

  if (fallback.status === 'ready' && fallback.data === null) return <Alert type="info" showIcon title={t('structure.noCadres')} />;
  return (
    <Flex vertical gap={12} data-testid="structure-panel">
      <Card size="small">
        <Space wrap size="middle">
          <Space>
            <Typography.Text>{t('structure.date')}</Typography.Text>
            <Input
              type="date"
              data-testid="structure-date"
              style={{ width: 160 }}
              value={date ?? ''}
              onChange={(e) => parseReferenceDate(e.target.value) && setPicked(e.target.value)}
            />
          </Space>
          <Segmented data-testid="structure-by" value={by} onChange={(v) => setBy(v as StructureBy)} options={[{ value: 'unit', label: t('structure.by.unit') }, { value: 'region', label: t('structure.by.region') }]} />
          <Space>
            <Typography.Text>{t('structure.retireWithin')}</Typography.Text>
            <InputNumber data-testid="structure-within" min={1} max={40} value={within} onChange={(v) => v !== null && setWithin(v)} style={{ width: 64 }} />
            <Typography.Text>{t('structure.years')}</Typography.Text>
          </Space>
          <Space>
            <Typography.Text>{t('structure.retireAge')}</Typography.Text>
            <Typography.Text type="secondary">{t('structure.retireMale')}</Typography.Text>
            <InputNumber data-testid="structure-male" min={40} max={80} value={retirement.male} onChange={(v) => v !== null && setRetirement({ ...retirement, male: v })} style={{ width: 64 }} />
            <Typography.Text type="secondary">{t('structure.retireFemale')}</Typography.Text>
            <InputNumber data-testid="structure-female" min={40} max={80} value={retirement.female} onChange={(v) => v !== null && setRetirement({ ...retirement, female: v })} style={{ width: 64 }} />
            <Checkbox checked={retirement.reform} onChange={(e) => setRetirement({ ...retirement, reform: e.target.checked })}>{t('structure.reform')}</Checkbox>
          </Space>
        </Space>
      </Card>
      <QueryError result={result} />
      <Spin spinning={result.status === 'loading'}>
        {data && (
          <Flex vertical gap={12}>
            <Card size="small" data-testid="structure-summary">
              <Flex wrap gap={32}>
                <Statistic title={t('structure.total')} value={data.overall.total} suffix="人" />
                <Statistic title={t('structure.avgAge')} value={data.overall.averageAge === null ? '—' : data.overall.averageAge.toFixed(1)} suffix="岁" />
                <Statistic title={t('structure.under35')} value={pct(sharePct(data.overall.under35, data.overall.ageKnown))} />
                <Statistic title={t('structure.under40')} value={pct(sharePct(data.overall.under40, data.overall.ageKnown))} />
                <Statistic title={t('structure.retiring', { n: data.retireWithin })} value={retiring ?? '—'} suffix="人" />
              </Flex>
              {data.excludedNotStarted > 0 && <Typography.Text type="secondary">{t('structure.excluded', { n: data.excludedNotStarted })}</Typography.Text>}
            </Card>
            <Segmented data-testid="structure-dim" value={dim} onChange={(v) => setDim(v as DimensionId)} options={data.dimensions.map((x) => ({ value: x.id, label: x.label }))} />
            {d && (
              <Flex gap={12} wrap>
                <Card size="small" style={{ flex: '1 1 360px', minWidth: 320 }}>
                  <EChart testId="structure-overall-chart" option={dim === 'age' ? ageHistogramOption(data) : structureDoughnutOption(data, d)} height={320} />
                </Card>
                <Card size="small" style={{ flex: '2 1 560px', minWidth: 480 }} extra={<ExportButtons source={{
                  baseName: `干部结构_${d.label}_${data.by === 'unit' ? '按单位' : '按地区'}_${data.date}`,
                  chart: () => (bar ? { option: bar, width: 900, height: 460 } : null),
                  table: () => ({
                    sheetName: d.label,
                    headers: [t('structure.group'), t('structure.count'), ...d.categories.flatMap((c) => [c, `${c}占比%`]), ...(dim === 'age' ? ['平均年龄', '35岁以下占比%', '40岁以下占比%'] : [])],
                    rows: rows.map((r) => [r.name, r.total, ...d.categories.flatMap((_c, k) => [r.counts[k] ?? 0, sharePct(r.counts[k] ?? 0, r.total)]), ...(dim === 'age' ? [r.avg === null ? null : Math.round(r.avg * 10) / 10, r.u35, r.u40] : [])]),
                  }),
                }} />}>
                  {bar && <EChart testId="structure-group-chart" option={bar} height={460} />}
                </Card>
              </Flex>
            )}
            {d && (
              <Table<Row>
                data-testid="structure-table"
                size="small"
                bordered
                rowKey="key"
                dataSource={rows}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 200 + 80 + d.categories.length * 110 }}
                columns={[
                  { title: t('structure.group'), dataIndex: 'name', width: 200, fixed: 'left', ellipsis: true },
                  { title: t('structure.count'), dataIndex: 'total', width: 80, align: 'right' },
                  ...(dim === 'age'
                    ? [
                        { title: t('structure.avgAge'), key: 'avg', width: 90, align: 'right' as const, render: (_: unknown, r: Row) => (r.avg === null ? '—' : r.avg.toFixed(1)) },
                        { title: t('structure.under35'), key: 'u35', width: 90, align: 'right' as const, render: (_: unknown, r: Row) => pct(r.u35) },
                        { title: t('structure.under40'), key: 'u40', width: 90, align: 'right' as const, render: (_: unknown, r: Row) => pct(r.u40) },
                      ]
                    : []),
                  ...d.categories.map((c, k) => ({
                    title: c,
                    key: c,
                    width: 110,
                    align: 'right' as const,
                    render: (_: unknown, r: Row) => `${r.counts[k] ?? 0}（${pct(sharePct(r.counts[k] ?? 0, r.total))}）`,
                  })),
                ]}
              />
            )}
            <Collapse size="small" items={[{ key: 'rules', label: t('structure.rules'), children: <ul style={{ margin: 0, paddingLeft: 18 }}>{data.notes.map((n) => <li key={n}>{n}</li>)}</ul> }]} />
          </Flex>
        )}
      </Spin>
    </Flex>
  );
}
