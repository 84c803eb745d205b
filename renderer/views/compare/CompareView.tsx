import { useMemo, useState } from 'react';
import { Breadcrumb, Card, Flex, Space, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { heatmap } from '../../../shared/analytics/heatmap.js';
import { scoreColor } from '../../../shared/charts/theme.js';
import { columnDecimals, formatGap, formatRank, formatValue } from '../../../shared/format/number.js';
import { listRegions } from '../../../shared/model/catalog.js';
import { periodLabel } from '../../../shared/model/period.js';
import type { RegionLevel } from '../../../shared/model/region-code.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { PeriodSelect } from '../../components/Pickers.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { matrixTable } from '../heatmap/matrix-table.js';
import { useIndicatorPeriod } from '../../state/use-indicator-period.js';
import { QueryError } from '../../components/QueryError.js';

interface Step { readonly code: string; readonly name: string; readonly level: RegionLevel }
interface Row { readonly key: string; readonly r: number }
const CHILD: Partial<Record<RegionLevel, RegionLevel>> = { province: 'city', city: 'county' };

/**
 * Regions × indicators as a table: every cell coloured by its standardised score (direction-aware), sortable by
 * any column, the region column frozen; a region name drills down (province → city → county), the path goes back.
 */
export function CompareView() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const [path, setPath] = useState<Step[]>([]);
  const [colorblind, setColorblind] = useState(false);
  const { periods: periodList, period } = useIndicatorPeriod();
  const provinces = useQuery(listRegions, 'province');
  const rootLevel: RegionLevel = provinces.status === 'ready' && provinces.data.length > 1 ? 'province' : 'city';
  const last = path[path.length - 1];
  const level: RegionLevel = last ? (CHILD[last.level] ?? 'county') : rootLevel;
  const result = useQuery(heatmap, period && provinces.status === 'ready' ? { period, level, parent: last?.code ?? null } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const palette = colorblind ? 'colorblind' : 'default';

  const table = useMemo(() => {
    if (!data) return null;
    const m = data.matrix;
    const C = m.cols.length;
    const rows: Row[] = m.rowCodes.map((code, r) => ({ key: code, r }));
    const nn = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
    const canDrill = CHILD[level] !== undefined;
    const columns: ColumnsType<Row> = [
      {
        title: t('ranking.region'),
        key: 'region',
        fixed: 'left',
        width: 110,
        sorter: (a, b) => ((m.rowCodes[a.r] as string) < (m.rowCodes[b.r] as string) ? -1 : 1),
        render: (_: unknown, row) =>
          canDrill ? (
            <Typography.Link onClick={(e) => { e.stopPropagation(); setPath([...path, { code: row.key, name: m.rowNames[row.r] as string, level }]); }}>
              {m.rowNames[row.r]}
            </Typography.Link>
          ) : (
            m.rowNames[row.r]
          ),
      },
      {
        title: t('heatmap.composite'),
        key: 'composite',
        fixed: 'left',
        width: 96,
        align: 'right',
        defaultSortOrder: 'descend',
        sorter: (a, b) => (nn(m.composite[a.r]) ?? -Infinity) - (nn(m.composite[b.r]) ?? -Infinity),
        render: (_: unknown, row) => (
          <span title={formatRank(nn(m.compositeRank[row.r]), 'zh')}>{formatGap(nn(m.composite[row.r]), null, locale, 2)}</span>
        ),
      },
      ...data.indicators.map((ind, c) => {
        const unit = ind.unit ?? '';
        const d = columnDecimals(unit, Array.from({ length: m.rowCodes.length }, (_, r) => nn(m.values[r * C + c])));
        return {
          title: <span title={`${ind.name}${unit ? `（${unit}）` : ''}`}>{ind.name}</span>,
          key: ind.id,
          width: 112,
          align: 'right' as const,
          ellipsis: true,
          // sorting by the score puts the better first whatever the direction
          sorter: (a: Row, b: Row) => (nn(m.scores[a.r * C + c]) ?? -Infinity) - (nn(m.scores[b.r * C + c]) ?? -Infinity),
          onCell: (row: Row) => ({ style: { background: scoreColor(nn(m.scores[row.r * C + c]), palette) ?? undefined } }),
          render: (_: unknown, row: Row) => (
            <span title={`${formatRank(nn(m.ranks[row.r * C + c]), 'zh')}`}>{formatValue(nn(m.values[row.r * C + c]), unit, locale, d)}</span>
          ),
        };
      }),
    ];
    return { rows, columns };
  }, [data, t, locale, level, path, palette]);

  return (
    <Flex vertical gap={12} style={{ height: '100%' }}>
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <PeriodSelect periods={periodList} value={period} label={(p) => periodLabel(p, null, locale)} onChange={(v) => select({ period: v })} />
          <Breadcrumb
            data-testid="compare-path"
            items={[
              { title: <Typography.Link onClick={() => setPath([])}>{t(`level.${rootLevel}`)}</Typography.Link> },
              ...path.map((s, i) => ({ title: <Typography.Link onClick={() => setPath(path.slice(0, i + 1))}>{s.name}</Typography.Link> })),
            ]}
          />
          <Space>
            <Switch size="small" checked={colorblind} onChange={setColorblind} />
            <Typography.Text>{t('heatmap.palette')}</Typography.Text>
          </Space>
          <ExportButtons
            source={{
              baseName: `${t('compare.title')}_${period ?? ''}_${last?.name ?? t(`level.${level}`)}`,
              table: () =>
                data ? matrixTable(data.matrix, data.indicators.map((i) => ({ key: i.id, label: i.name, unit: i.unit })), data.matrix.rowCodes.map((_, i) => i), locale) : null,
            }}
          />
        </Space>
      </Card>
      <Typography.Text type="secondary">{colorblind ? t('heatmap.hintCb').split('；')[0] : t('heatmap.hint').split('；')[0]}；{t('compare.drillHint')}</Typography.Text>
      <QueryError result={result} />
      <Card size="small" style={{ flex: 1, minHeight: 0 }} styles={{ body: { padding: 0 } }}>
        {table && (
          <Table<Row>
            data-testid="compare-table"
            size="small"
            virtual
            loading={result.status === 'loading'}
            pagination={false}
            rowKey="key"
            dataSource={table.rows}
            columns={table.columns}
            scroll={{ x: 240 + (data?.indicators.length ?? 0) * 112, y: 640 }}
            rowClassName={(row) => (row.key === selection.region ? 'hj-selected-row' : '')}
            onRow={(row) => ({ onClick: () => select({ region: row.key, level }) })}
          />
        )}
      </Card>
    </Flex>
  );
}
