import { Flex, Tag, Typography } from 'antd';
import type { HistoryItem } from '../../../shared/analytics/honour-lists-result.js';
import type { RegionListItem, TermPhase } from '../../../shared/analytics/cadre-lists.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { useT } from '../../i18n/use-t.js';

/** 红榜 is the honour list (good) despite its colour: labelled in words, coloured green; 黄榜 (warning) warm. */
const LIST_LABEL = { 红榜: '红榜（表扬）', 黄榜: '黄榜（警示）' } as const;
const LIST_COLOR = { 红榜: 'green', 黄榜: 'orange' } as const;

function Item({ h }: { h: HistoryItem }) {
  const t = useT();
  const source = h.source === 'published' ? t('profile.listPublished', { n: h.version ?? '' }) : h.source === 'imported' ? t('profile.listImported') : t('profile.listLive');
  return (
    <Typography.Text style={{ fontSize: 12 }} data-testid="profile-list-item">
      <Tag color={LIST_COLOR[h.listType]}>{LIST_LABEL[h.listType]}</Tag>
      {`${periodLabelZh(h.period)}：${h.basis}（${source}）`}
    </Typography.Text>
  );
}

/** A cadre's or a region's entries on the 红黄榜, oldest first; a region's grouped before / during / after a term. */
export function ListHistory({ items, phased }: { items: readonly HistoryItem[] | readonly RegionListItem[]; phased?: boolean }) {
  const t = useT();
  if (!items.length) return <Typography.Text type="secondary">{t('profile.listNone')}</Typography.Text>;
  if (!phased) return <Flex vertical gap={2}>{items.map((h) => <Item key={`${h.period}|${h.listType}`} h={h} />)}</Flex>;
  const phases: TermPhase[] = ['before', 'during', 'after'];
  return (
    <Flex vertical gap={2}>
      {phases.map((ph) => {
        const xs = (items as readonly RegionListItem[]).filter((h) => h.phase === ph);
        return xs.length ? (
          <Flex key={ph} vertical gap={2}>
            <Typography.Text type="secondary">{t(`profile.phase.${ph}`)}</Typography.Text>
            {xs.map((h) => <Item key={`${h.period}|${h.listType}`} h={h} />)}
          </Flex>
        ) : null;
      })}
    </Flex>
  );
}
