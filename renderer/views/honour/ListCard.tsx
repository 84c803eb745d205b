import { Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ListEntry, ListSubject } from '../../../shared/workspace/honour-lists.js';
import type { ListType } from '../../../shared/model/vocab.js';
import { formatRank } from '../../../shared/format/number.js';
import { useT } from '../../i18n/use-t.js';
import { useNameMask } from '../../state/name-mask.js';
import { useAppStore } from '../../state/store.js';

/** The list's colour and its label: 红榜 is the honour list, 黄榜 the warning list; the label always says which. */
export const LIST_TAG: Record<ListType, { color: string; key: 'honour.red' | 'honour.yellow' }> = {
  红榜: { color: 'red', key: 'honour.red' },
  黄榜: { color: 'gold', key: 'honour.yellow' },
};

/** One list (红榜 or 黄榜) of regions or cadres: rank, name, basis, reason, 新上榜/连续上榜; a row opens the history. */
export function ListCard({ listType, subject, entries, entered, onPick, testId }: {
  listType: ListType;
  subject: ListSubject;
  entries: readonly ListEntry[];
  entered: ReadonlySet<string>;
  onPick: (e: ListEntry) => void;
  testId: string;
}) {
  const t = useT();
  const openProfile = useAppStore((s) => s.openProfile);
  // A cadre's name goes through the masking profile (masked in projection), like every other name on screen.
  const names = useNameMask();
  const tag = LIST_TAG[listType];
  return (
    <Card
      size="small"
      style={{ flex: 1, minWidth: 0, borderTop: `3px solid ${listType === '红榜' ? '#cf1322' : '#d4b106'}` }}
      title={
        <Flex gap={8} align="center">
          <Tag color={tag.color}>{listType}</Tag>
          <span>{t(tag.key)}</span>
          <Typography.Text type="secondary">{entries.length}</Typography.Text>
        </Flex>
      }
      data-testid={testId}
    >
      <Table<ListEntry>
        size="small"
        rowKey={(e) => `${e.listType}|${e.subject}|${e.id}`}
        dataSource={[...entries]}
        pagination={false}
        scroll={{ y: 520 }}
        locale={{ emptyText: t('honour.none') }}
        onRow={(e) => ({ onClick: () => onPick(e), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('honour.rank'), dataIndex: 'rank', width: 76, render: (v: number | null) => formatRank(v) },
          {
            title: subject === 'cadre' ? t('honour.cadreName') : t('honour.name'),
            dataIndex: 'name',
            width: subject === 'cadre' ? 150 : 96,
            render: (v: string, e) =>
              subject === 'cadre' ? (
                <Flex vertical>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    data-testid="honour-cadre-name"
                    onClick={(ev) => {
                      ev.stopPropagation();
                      openProfile(e.id);
                    }}
                  >
                    {names.show(v)}
                  </Button>
                  {e.regionName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.regionName}</Typography.Text>}
                </Flex>
              ) : (
                v
              ),
          },
          {
            title: t('honour.basis'),
            dataIndex: 'basis',
            render: (v: string, e) => (
              <Flex vertical>
                <span>
                  {e.manual && <Tag color="purple">{t('honour.manualTag')}</Tag>}
                  {v}
                </span>
                <Tooltip title={e.reason}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {e.reason}
                  </Typography.Text>
                </Tooltip>
              </Flex>
            ),
          },
          {
            title: t('honour.change'),
            width: 92,
            render: (_: unknown, e) =>
              entered.has(`${e.listType}|${e.subject}|${e.id}`) ? <Tag color="blue">{t('honour.entered')}</Tag> : <Tag>{t('honour.stayed')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
