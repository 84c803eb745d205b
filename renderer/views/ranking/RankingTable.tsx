import { Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { RankedRegion, RankingResult } from '../../../shared/analytics/ranking.js';
import { columnDecimals, formatGap, formatMove, formatRank, formatValue, gapUnit } from '../../../shared/format/number.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import type { QualityFlags } from '../../state/quality-flags.js';
import { QualityMark } from '../../components/QualityMark.js';

/** Movement with an arrow and words (never colour alone): 前进 blue ↑, 后退 orange ↓, 持平 grey. */
function Move({ move, lang }: { move: number | null; lang: 'zh' | 'en' }) {
  if (move === null) return <span>—</span>;
  const text = formatMove(move, lang);
  if (move === 0) return <span style={{ color: '#8c8c8c' }}><MinusOutlined /> {text}</span>;
  return (
    <span style={{ color: move > 0 ? '#2f6db5' : '#e07b28', whiteSpace: 'nowrap' }}>
      {move > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {text}
    </span>
  );
}

/** The ranking as a table: rank (ties shared), region, value, gap to the chosen benchmark, movement. */
export function RankingTable({ result, benchmarkLabel, onSelect, flags }: { result: RankingResult; benchmarkLabel: string; onSelect?: (code: string) => void; flags?: QualityFlags }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const selected = useAppStore((s) => s.selection.region);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const unit = result.indicator.unit ?? '';
  const dir = result.indicator.direction;
  // One format per column: every value (and every gap) with the same decimals.
  const decimals = columnDecimals(unit, result.rows.map((r) => r.value));
  const gapDecimals = columnDecimals(unit, result.rows.map((r) => r.gap));
  const showPct = unit !== '%' && result.rows.some((r) => r.gapPct !== null);
  return (
    <Table<RankedRegion>
      data-testid="ranking-table"
      size="small"
      rowKey="regionCode"
      pagination={false}
      sticky
      scroll={{ y: 'calc(100vh - 260px)', x: 'max-content' }}
      dataSource={[...result.rows]}
      rowClassName={(r) => (r.regionCode === selected ? 'hj-selected-row' : '')}
      onRow={(r) => ({ onClick: () => onSelect?.(r.regionCode), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('ranking.rank'), dataIndex: 'rank', width: 64, fixed: 'left', render: (r: number | null) => formatRank(r, lang) },
        { title: t('ranking.region'), dataIndex: 'name', width: 88, fixed: 'left', ellipsis: { showTitle: true } },
        { title: t('ranking.group'), dataIndex: 'group', width: 96, ellipsis: true, render: (g: string | null) => g ?? '—' },
        {
          title: t('ranking.value'),
          dataIndex: 'value',
          align: 'right',
          width: 120,
          render: (v: number | null, r: RankedRegion) => (
            <span className="hj-nowrap">
              {formatValue(v, unit, locale, decimals)}
              <QualityMark flags={flags?.byCell.get(`${r.regionCode}|${result.indicator.id}`) ?? []} testId={`quality-flag-${r.regionCode}`} />
            </span>
          ),
        },
        { title: t('ranking.unit'), key: 'unit', width: 64, ellipsis: true, render: () => <span className="hj-nowrap" title={unit}>{unit}</span> },
        {
          title: <span title={benchmarkLabel}>{`${t('ranking.gapTo', { benchmark: benchmarkLabel })}${gapUnit(unit, lang) ? `（${gapUnit(unit, lang)}）` : ''}`}</span>,
          dataIndex: 'gap',
          align: 'right',
          width: 132,
          render: (g: number | null) =>
            g === null ? '—' : (
              <Tag color={g * dir >= -1e-9 ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {formatGap(g, unit, locale, gapDecimals)}
              </Tag>
            ),
        },
        ...(showPct
          ? [{ title: t('ranking.gapPct'), dataIndex: 'gapPct', align: 'right' as const, width: 86, render: (g: number | null) => formatGap(g, '%', locale, 1) }]
          : []),
        { title: t('ranking.movePrevious'), dataIndex: 'movePrevious', width: 100, render: (m: number | null) => <Move move={m} lang={lang} /> },
        { title: t('ranking.moveLastYear'), dataIndex: 'moveLastYear', width: 110, render: (m: number | null) => <Move move={m} lang={lang} /> },
      ]}
    />
  );
}
