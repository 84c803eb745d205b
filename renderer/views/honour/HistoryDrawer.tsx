import { Drawer, Empty, Table, Tag } from 'antd';
import { historyOf, type HistoryItem, type PeriodSnapshot } from '../../../shared/analytics/honour-lists-result.js';
import { formatRank } from '../../../shared/format/number.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { useT } from '../../i18n/use-t.js';
import { LIST_TAG } from './ListCard.js';

/** A region's or cadre's history on the lists: every period it was on one, with the list, basis and version. */
export function HistoryDrawer({ target, timeline, onClose }: { target: { id: string; name: string } | null; timeline: readonly PeriodSnapshot[]; onClose: () => void }) {
  const t = useT();
  const items = target ? historyOf(timeline, target.id).reverse() : [];
  return (
    <Drawer open={target !== null} onClose={onClose} size={640} title={target ? t('honour.history', { name: target.name }) : ''} data-testid="honour-history">
      {items.length === 0 ? (
        <Empty description={t('honour.history.none')} />
      ) : (
        <Table<HistoryItem>
          size="small"
          rowKey={(h) => `${h.period}|${h.listType}`}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('honour.history.period'), dataIndex: 'period', width: 130, render: (p: string) => periodLabelZh(p, '当期') },
            { title: t('honour.list'), dataIndex: 'listType', width: 110, render: (v: HistoryItem['listType']) => <Tag color={LIST_TAG[v].color}>{t(LIST_TAG[v].key)}</Tag> },
            { title: t('honour.rank'), dataIndex: 'rank', width: 70, render: (v: number | null) => formatRank(v) },
            { title: t('honour.basis'), dataIndex: 'basis' },
            {
              title: t('honour.history.version'),
              width: 80,
              render: (_: unknown, h) => (h.source === 'published' ? t('honour.source.published', { version: h.version ?? '' }) : h.source === 'imported' ? t('honour.source.imported') : t('honour.source.live')),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
