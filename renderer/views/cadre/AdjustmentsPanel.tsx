import { useMemo, useRef } from 'react';
import { Alert, Button, Card, Flex, InputNumber, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { levelName, type AdjustmentCase, type AdjustmentGroup, type PostRef } from '../../../shared/analytics/cadre-adjustments.js';
import { adjustmentsBarOption } from '../../../shared/charts/adjustments-bar.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useT } from '../../i18n/use-t.js';
import { adjustmentsQuery } from '../../state/cadre.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { QueryError } from '../../components/QueryError.js';

const post = (p: PostRef | null) => (p ? `${p.org ?? ''}${p.title ?? ''}（${p.postLevel ?? levelName(p.level)}）` : '—');
const CHART_HEIGHT = 300;

/**
 * 能上能下 (the tab of 干部名册): cadres adjusted down in a range of years and those re-used later, by year or by
 * the unit they left, as the sentence departments report, a table and a bar chart; the cases with their evidence,
 * each name opening the cadre's profile. XLSX/CSV of the cases, PNG/SVG of the chart.
 */
export function AdjustmentsPanel() {
  const t = useT();
  const openProfile = useAppStore((s) => s.openProfile);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const [from, setFrom] = useViewParam<number | null>('roster', 'adjustFrom', 2021);
  const [to, setTo] = useViewParam<number | null>('roster', 'adjustTo', null);
  const [by, setBy] = useViewParam<'year' | 'unit'>('roster', 'adjustBy', 'year');
  const result = useQuery(adjustmentsQuery, { from, to, by });
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const option = useMemo(() => (data ? adjustmentsBarOption(data.groups, { t, by, demo }) : null), [data, t, by, demo]);
  const box = useRef<HTMLDivElement>(null);
  const groupTitle = by === 'year' ? t('adjust.year') : t('adjust.unit');
  return (
    <Flex vertical gap={12} data-testid="adjustments-panel">
      <Card size="small">
        <Space wrap size="middle">
          <Space size={4}>
            {t('adjust.from')}
            <InputNumber data-testid="adjust-from" min={1990} max={2100} value={from} onChange={(v) => setFrom(v ?? null)} style={{ width: 90 }} />
          </Space>
          <Space size={4}>
            {t('adjust.to')}
            <InputNumber data-testid="adjust-to" min={1990} max={2100} value={to} onChange={(v) => setTo(v ?? null)} style={{ width: 90 }} />
          </Space>
          <Segmented data-testid="adjust-by" value={by} onChange={(v) => setBy(v as 'year' | 'unit')} options={[{ value: 'year', label: t('adjust.byYear') }, { value: 'unit', label: t('adjust.byUnit') }]} />
          <ExportButtons
            source={{
              baseName: `能上能下_${from ?? ''}-${to ?? ''}`,
              chart: () => (option ? { option, width: box.current?.clientWidth ?? 800, height: CHART_HEIGHT } : null),
              table: () =>
                data
                  ? {
                      sheetName: '能上能下',
                      headers: ['姓名', '调整时间', '类型', '原任职务', '原任职时间', '调整后职务', '重新使用职务', '重新使用时间'],
                      rows: data.cases.map((c) => [c.name, c.date, c.kind, post(c.from), `${c.from.start ?? ''}～${c.from.end ?? ''}`, post(c.to), c.reused ? post(c.reused) : null, c.reused?.start ?? null]),
                    }
                  : null,
            }}
          />
        </Space>
      </Card>
      <QueryError result={result} />
      <Spin spinning={result.status === 'loading'}>
        {data && (
          <Flex vertical gap={12}>
            <Alert type="info" title={<span data-testid="adjust-sentence">{data.sentence}</span>} description={t('adjust.help')} />
            <Flex gap={12} align="flex-start" wrap>
              <Card size="small" style={{ flex: 1, minWidth: 320 }}>
                <Table<AdjustmentGroup>
                  data-testid="adjust-groups"
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={data.groups}
                  locale={{ emptyText: t('adjust.none') }}
                  columns={[
                    { title: groupTitle, dataIndex: 'key', render: (k: string) => (by === 'year' ? `${k}年` : k) },
                    { title: t('adjust.people'), dataIndex: 'people', align: 'right' },
                    { title: t('adjust.cases'), dataIndex: 'cases', align: 'right' },
                    { title: t('adjust.reused'), dataIndex: 'reused', align: 'right' },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{data.total.people}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">{data.total.cases}</Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">{data.total.reused}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </Card>
              <Card size="small" style={{ flex: 2, minWidth: 420 }}>
                <div ref={box}>{option && <EChart testId="adjust-chart" option={option} height={CHART_HEIGHT} />}</div>
              </Card>
            </Flex>
            <Card size="small" title={t('adjust.list')}>
              <Table<AdjustmentCase>
                data-testid="adjust-cases"
                size="small"
                rowKey={(c) => `${c.cadreId}|${c.date}`}
                dataSource={data.cases}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                locale={{ emptyText: t('adjust.none') }}
                columns={[
                  {
                    title: t('adjust.name'),
                    dataIndex: 'name',
                    width: 90,
                    render: (n: string, c) => (
                      <Button type="link" size="small" style={{ padding: 0 }} data-testid="adjust-name" onClick={() => openProfile(c.cadreId)}>
                        {n}
                      </Button>
                    ),
                  },
                  { title: t('adjust.date'), dataIndex: 'date', width: 90 },
                  { title: t('adjust.kind'), dataIndex: 'kind', width: 120, render: (k: string) => <Tag color={k === '改任非领导职务' ? 'orange' : 'volcano'}>{k}</Tag> },
                  { title: t('adjust.fromPost'), key: 'from', render: (_: unknown, c) => <span>{post(c.from)}<Typography.Text type="secondary">{` ${c.from.start ?? ''}～${c.from.end ?? ''}`}</Typography.Text></span> },
                  { title: t('adjust.toPost'), key: 'to', render: (_: unknown, c) => post(c.to) },
                  { title: t('adjust.reusedPost'), key: 'reused', render: (_: unknown, c) => (c.reused ? <span><Tag color="green">{c.reused.start}</Tag>{post(c.reused)}</span> : '—') },
                ]}
              />
            </Card>
          </Flex>
        )}
      </Spin>
    </Flex>
  );
}
