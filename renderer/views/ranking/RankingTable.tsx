import { Table, Tag } from 'antd';
import type { RankedRegion, RankingResult } from '../../../shared/analytics/ranking.js';
import { columnDecimals, formatGap, formatRank, formatValue, gapUnit } from '../../../shared/format/number.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';

/** The ranking as a table: rank (ties shared), region, group, value, unit and gap to the average. */
export function RankingTable({ result }: { result: RankingResult }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const unit = result.indicator.unit ?? '';
  const dir = result.indicator.direction;
  // One format per column: every value (and every gap) with the same decimals.
  const decimals = columnDecimals(unit, result.rows.map((r) => r.value));
  const gapDecimals = columnDecimals(unit, result.rows.map((r) => r.gap));
  return (
    <Table<RankedRegion>
      data-testid="ranking-table"
      size="small"
      rowKey="regionCode"
      pagination={false}
      sticky
      scroll={{ y: 'calc(100vh - 260px)' }}
      dataSource={[...result.rows]}
      columns={[
        { title: t('ranking.rank'), dataIndex: 'rank', width: 72, render: (r: number | null) => formatRank(r, lang) },
        { title: t('ranking.region'), dataIndex: 'name', width: 96, ellipsis: { showTitle: true } },
        { title: t('ranking.group'), dataIndex: 'group', width: 104, ellipsis: true, render: (g: string | null) => g ?? '—' },
        {
          title: t('ranking.value'),
          dataIndex: 'value',
          align: 'right',
          width: 96,
          render: (v: number | null) => formatValue(v, unit, locale, decimals),
        },
        { title: t('ranking.unit'), key: 'unit', width: 88, ellipsis: true, render: () => <span className="hj-nowrap" title={unit}>{unit}</span> },
        {
          title: `${t('ranking.gap')}${gapUnit(unit, lang) ? `（${gapUnit(unit, lang)}）` : ''}`,
          dataIndex: 'gap',
          align: 'right',
          width: 128,
          render: (g: number | null) =>
            g === null ? '—' : (
              <Tag color={g * dir >= -1e-9 ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {formatGap(g, unit, locale, gapDecimals)}
              </Tag>
            ),
        },
      ]}
    />
  );
}
