import { useMemo, useState } from 'react';
import { Alert, Descriptions, Drawer, Empty, Flex, Select, Spin, Switch, Tag, Timeline, Typography } from 'antd';
import { listCadres, type CadreProfile } from '../../../shared/analytics/cadre-profile.js';
import { useT } from '../../i18n/use-t.js';
import { profileQuery } from '../../state/cadre.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { referenceDateQuery } from '../../state/roster.js';
import { useViewParam } from '../../state/view-param.js';
import { TenurePanel } from './TenurePanel.js';
import { audit } from '../../state/audit.js';
import { ListHistory } from './ListHistory.js';

const KIND_COLOR: Record<string, string> = { 负面清单: 'red', 诫勉: 'volcano', 函询: 'orange', 提醒: 'gold', 一线考核: 'blue' };
const GRADE_COLOR: Record<string, string> = { 优秀: 'green', 称职: 'blue', 合格: 'blue', 基本称职: 'orange', 基本合格: 'orange', 不称职: 'red', 不合格: 'red' };
/** Without data to date by, age and years in post are measured at today's date. */
const TODAY = new Date().toISOString().slice(0, 10);

/**
 * 干部档案: the profile of the cadre picked anywhere (store.profileCadre), in a drawer: basics with the ID number
 * masked 6+4 (显示完整证件号 shows it, a deliberate action that is not remembered), the appointments timeline,
 * assessments by year, 干部记实 records, and for a 一把手 the tenure panels. Another cadre can be picked at the top.
 */
export function CadreProfileDrawer() {
  const t = useT();
  const cadre = useAppStore((s) => s.profileCadre);
  const openProfile = useAppStore((s) => s.openProfile);
  const rulesDocument = useAppStore((s) => s.workspace?.documents.rules);
  const listsDocument = useAppStore((s) => s.workspace?.documents.lists);
  const viewsDocument = useAppStore((s) => s.workspace?.documents.views);
  // Unmasking holds for the cadre it was asked for only; another cadre opens masked.
  const [unmasked, setUnmasked] = useState<string | null>(null);
  const unmask = unmasked !== null && unmasked === cadre;
  // The same reference date as the roster and its structure statistics: the one picked there, else the end of the
  // newest period of the data (an analysis of 2025 data read in 2026 should not age every cadre by a year).
  const [picked] = useViewParam<string | null>('roster', 'structureDate', null);
  const fallback = useQuery(referenceDateQuery, cadre ? {} : null);
  const asOf = picked ?? (fallback.status === 'ready' ? (fallback.data ?? TODAY) : null);
  const quick = useQuery(profileQuery, cadre && asOf ? { cadreId: cadre, asOf, unmask, warnings: false } : null);
  const p = quick.status === 'ready' ? quick.data : null;
  // The tenure's warnings evaluate the whole rule set: asked for second, without the unmask flag (toggling it does not redo them).
  const full = useQuery(profileQuery, cadre && asOf && p && p.tenures.length ? { cadreId: cadre, asOf, unmask: false, warnings: true, rulesDocument, listsDocument, viewsDocument } : null);
  const tenures = full.status === 'ready' && full.data ? full.data.tenures : (p?.tenures ?? []);
  const lists = full.status === 'ready' && full.data ? full.data.lists : null;
  const people = useQuery(listCadres, cadre ? 'all' : null);
  const options = useMemo(
    () => (people.status === 'ready' ? people.data.map((c) => ({ value: c.cadreId, label: `${c.name}${c.currentPost ? `（${c.currentPost}）` : ''}` })) : []),
    [people],
  );
  return (
    <Drawer
      open={cadre !== null}
      onClose={() => openProfile(null)}
      title={t('cadre.profile')}
      size="large"
      data-testid="cadre-profile"
      extra={
        <Select
          data-testid="profile-pick"
          style={{ width: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={cadre}
          options={options}
          onChange={(v) => openProfile(v)}
          loading={people.status === 'loading'}
        />
      }
    >
      {quick.status === 'error' && <Alert type="error" showIcon title={quick.error} />}
      {full.status === 'error' && <Alert type="warning" showIcon title={full.error} />}
      {quick.status === 'loading' && <Spin />}
      {quick.status === 'ready' && !p && <Empty description={t('profile.notFound')} />}
      {p && <ProfileBody p={p} unmask={unmask} onUnmask={(on) => {
            setUnmasked(on ? cadre : null);
            if (on) void audit.record('unmask', `干部档案 ${cadre ?? ''}`, '显示完整身份证号');
          }} tenures={tenures} lists={lists} warningsLoading={full.status === 'loading'} />}
    </Drawer>
  );
}

function ProfileBody(props: { p: CadreProfile; unmask: boolean; onUnmask: (on: boolean) => void; tenures: CadreProfile['tenures']; lists: CadreProfile['lists']; warningsLoading: boolean }) {
  const { p, unmask, onUnmask, tenures, lists, warningsLoading } = props;
  const t = useT();
  const b = p.basics;
  const c = p.recordCounts;
  const v = (x: string | null) => x ?? '—';
  return (
    <Flex vertical gap={16} data-testid="profile-body" data-cadre={b.cadreId}>
      <Flex align="center" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="profile-name">
          {b.name}
        </Typography.Title>
        {p.appointments.some((a) => a.isTopLeader && a.end === null) && <Tag color="purple">{t('profile.top')}</Tag>}
      </Flex>
      <Descriptions size="small" bordered column={2} title={t('profile.basics')} extra={<Typography.Text type="secondary">{t('roster.dateNote', { date: p.asOf })}</Typography.Text>} data-testid="profile-basics">
        <Descriptions.Item label={t('profile.gender')}>{v(b.gender)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.ethnicity')}>{v(b.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.birth')}>{b.birthYm ? `${b.birthYm}（${t('profile.age', { n: b.age ?? '—' })}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.nativePlace')}>{v(b.nativePlace)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.party')}>{`${v(b.party)}${b.partyJoinYm ? `（${b.partyJoinYm}）` : ''}`}</Descriptions.Item>
        <Descriptions.Item label={t('profile.workStart')}>{v(b.workStartYm)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.edu')}>{[b.ftEdu, b.ftDegree].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.isEdu')}>{[b.isEdu, b.isDegree].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.post')} span={2}>{v(b.currentPost)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.postLevel')}>{`${v(b.postLevel)}${b.rankLevel ? ` / ${b.rankLevel}` : ''}`}</Descriptions.Item>
        <Descriptions.Item label={t('profile.since')}>{b.currentPostSince ? `${b.currentPostSince}（${t('profile.yearsInPost', { n: b.yearsInPost ?? '—' })}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.idNo')} span={2}>
          <Flex gap={12} align="center">
            <span data-testid="profile-idno" style={{ fontFamily: 'monospace' }}>{v(b.idNo)}</span>
            {b.idNo !== null && <Switch size="small" data-testid="profile-unmask" checked={unmask} onChange={onUnmask} />}
            {b.idNo !== null && <Typography.Text type="secondary">{t('profile.showId')}</Typography.Text>}
          </Flex>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('profile.timeline')}</Typography.Title>
        <Timeline
          data-testid="profile-timeline"
          items={p.appointments.map((a) => ({
            color: a.end === null ? 'green' : 'gray',
            content: (
              <span>
                <Typography.Text type="secondary">{`${a.start ?? '?'}～${a.end ?? t('profile.now')}\u3000`}</Typography.Text>
                {`${a.org ?? ''}${a.title ?? ''}`}
                {a.postLevel && <Typography.Text type="secondary">{`（${a.postLevel}）`}</Typography.Text>}
                {a.isTopLeader && <Tag color="purple" style={{ marginLeft: 6 }}>{t('profile.top')}</Tag>}
              </span>
            ),
          }))}
        />
      </div>
      <div data-testid="profile-assessments">
        <Typography.Title level={5}>{t('profile.assessments')}</Typography.Title>
        {p.assessments.length ? p.assessments.map((a) => <Tag key={`${a.year}${a.kind ?? ''}`} color={GRADE_COLOR[a.result]}>{`${a.year}${a.kind && a.kind !== '年度' ? a.kind : ''} ${a.result}`}</Tag>) : <Typography.Text type="secondary">{t('profile.noAssessments')}</Typography.Text>}
      </div>
      <div data-testid="profile-records">
        <Typography.Title level={5}>{t('profile.records')}</Typography.Title>
        <Typography.Text type="secondary">{t('profile.recordCounts', { neg: c.负面清单, remind: c.提醒, inquiry: c.函询, admonish: c.诫勉, frontline: c.一线考核 })}</Typography.Text>
        <Flex vertical gap={4} style={{ marginTop: 6 }}>
          {p.records.map((r, i) => (
            <span key={i}>
              <Typography.Text type="secondary">{`${r.date}\u3000`}</Typography.Text>
              <Tag color={KIND_COLOR[r.kind]}>{r.kind}</Tag>
              {r.category && <Tag>{r.category}</Tag>}
              {r.description}
              {r.source && <Typography.Text type="secondary">{`（${r.source}）`}</Typography.Text>}
            </span>
          ))}
        </Flex>
      </div>
      {tenures.length > 0 && (
        <Flex vertical gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('profile.tenure')}</Typography.Title>
          {tenures.map((x, i) => <TenurePanel key={`${x.regionCode}|${x.from}`} tenure={x} lists={lists ? (lists.terms[i] ?? []) : null} warningsLoading={warningsLoading} />)}
        </Flex>
      )}
      {lists && (
        <div data-testid="profile-lists">
          <Typography.Title level={5}>{t('profile.listHistory')}</Typography.Title>
          <ListHistory items={lists.cadre} />
        </div>
      )}
    </Flex>
  );
}
