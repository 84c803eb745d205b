import { Alert, Card, Collapse, Flex, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { LEVEL_ZH, MATCH_METHOD_ZH, type BoundaryReport as Report, type MatchedFeature, type MatchMethod, type UnmatchedFeature } from '../../../shared/ingest/maps/boundary-types.js';

const METHODS = Object.keys(MATCH_METHOD_ZH) as MatchMethod[];
const METHOD_COLOR: Record<MatchMethod, string> = { code: 'blue', name: 'cyan', alias: 'geekblue', 'old-name': 'purple' };
const NOTES = 5;
const PAGE = { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false } as const;

/**
 * One GeoJSON file's import report: how many features matched a region and how (代码、名称、别名、旧名称), every
 * feature that matched none with its reason, and every region of the file's levels left without a shape.
 */
export function BoundaryReport({ report: r }: { report: Report }) {
  const by = METHODS.filter((k) => r.matchedBy[k] > 0);
  const checked = r.matches.filter((m) => m.by !== 'code' || m.note);
  const items = [
    r.unmatchedFeatures.length > 0 && {
      key: 'unmatched',
      label: <span data-testid="unmatched-features-label">未匹配的要素 {r.unmatchedFeatures.length} 个（未导入）</span>,
      children: (
        <Table<UnmatchedFeature>
          size="small"
          data-testid="unmatched-features"
          rowKey="feature"
          dataSource={[...r.unmatchedFeatures]}
          pagination={PAGE}
          columns={[
            { title: '要素', dataIndex: 'feature', width: 80, render: (n: number) => `第 ${n} 个` },
            { title: '名称', dataIndex: 'name', width: 160, render: (v: string | null) => v ?? '—' },
            { title: '代码', dataIndex: 'code', width: 130, render: (v: string | null) => v ?? '—' },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      ),
    },
    r.regionsWithoutShape.length > 0 && {
      key: 'without',
      label: <span data-testid="regions-without-shape-label">没有边界的地区 {r.regionsWithoutShape.length} 个（地图上不显示）</span>,
      children: (
        <Flex wrap gap={4} data-testid="regions-without-shape">
          {r.regionsWithoutShape.map((x) => (
            <Tooltip key={x.regionCode} title={`${x.regionCode}，${LEVEL_ZH[x.level] ?? x.level}`}>
              <Tag style={{ marginInlineEnd: 0 }}>{x.name}</Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    checked.length > 0 && {
      key: 'checked',
      label: <span data-testid="matched-features-label">按名称、别名或旧名称对应的要素 {checked.length} 个（请核对）</span>,
      children: (
        <Table<MatchedFeature>
          size="small"
          data-testid="matched-features"
          rowKey="feature"
          dataSource={checked}
          pagination={PAGE}
          columns={[
            { title: '要素', dataIndex: 'feature', width: 80, render: (n: number) => `第 ${n} 个` },
            { title: '文件中的名称', dataIndex: 'sourceName', width: 160, render: (v: string | null) => v ?? '—' },
            { title: '对应地区', dataIndex: 'name', width: 160, render: (v: string, m) => `${v}（${m.regionCode}）` },
            { title: '方式', dataIndex: 'by', width: 100, render: (b: MatchMethod) => <Tag color={METHOD_COLOR[b]}>{MATCH_METHOD_ZH[b]}</Tag> },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ]}
        />
      ),
    },
  ].filter((x) => x !== false);
  return (
    <Card size="small" title={`${r.file} → 地图边界`} data-testid="boundary-report">
      <Space size="large" wrap data-testid="boundary-counts">
        <Statistic title="要素总数" value={r.features} />
        <Statistic title="已对应地区" value={r.matched} styles={{ content: { color: '#2f6db5' } }} />
        <Statistic title="未匹配的要素" value={r.unmatchedFeatures.length} styles={{ content: { color: r.unmatchedFeatures.length ? '#cf1322' : undefined } }} />
        <Statistic title="没有边界的地区" value={r.regionsWithoutShape.length} styles={{ content: { color: r.regionsWithoutShape.length ? '#ad6800' : undefined } }} />
      </Space>
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">
          {by.length ? `对应方式：${by.map((k) => `${MATCH_METHOD_ZH[k]} ${r.matchedBy[k]} 个`).join('，')}` : '没有要素对应到工作区的地区，本文件不会导入。'}
          {r.levels.length > 0 && `；层级：${r.levels.map((l) => LEVEL_ZH[l] ?? l).join('、')}`}
        </Typography.Text>
      </div>
      {r.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={r.notes.length > NOTES ? `${r.notes.slice(0, NOTES).join('；')}……共 ${r.notes.length} 条` : r.notes.join('；')}
        />
      )}
      {items.length > 0 && <Collapse size="small" style={{ marginTop: 8 }} defaultActiveKey={['unmatched', 'without']} items={items} />}
    </Card>
  );
}
