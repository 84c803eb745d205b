import { useMemo, useState } from 'react';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { CadreRecordCount } from '../../../shared/analytics/honour-lists.js';
import type { HonourResult } from '../../../shared/analytics/honour-lists-result.js';
import { errorMessage } from '../../../shared/contract/errors.js';
import { listAllPeriods } from '../../../shared/model/catalog.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { LIST_TYPES } from '../../../shared/model/vocab.js';
import { honourPageHtml, honourTable, honourTitle } from '../../../shared/report/honour-page.js';
import type { ListEntry, ListSubject } from '../../../shared/workspace/honour-lists.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { honourQuery, publishLists } from '../../state/honour.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { currentWatermarkText } from '../../state/watermark.js';
import { audit } from '../../state/audit.js';
import { HistoryDrawer } from './HistoryDrawer.js';
import { LIST_TAG, ListCard } from './ListCard.js';
import { ManualDialog } from './ManualDialog.js';
import { PolicyDialog } from './PolicyDialog.js';
import { printPage } from './print-frame.js';
import { QueryError } from '../../components/QueryError.js';

/** 红黄榜: the period's red (honour) and yellow (warning) lists of regions or cadres, the change since last quarter. */
export function HonourView() {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const workspace = useAppStore((s) => s.workspace);
  const [subject, setSubject] = useViewParam<ListSubject>('honour', 'subject', 'region');
  const [manualOpen, setManualOpen] = useState(false);
  const [policyOpen, setPolicyOpen] = useState(false);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [user, setUser] = useState('');
  const periods = useQuery(listAllPeriods, 'all');
  const periodList = periods.status === 'ready' ? periods.data : [];
  const period = selection.period && periodList.includes(selection.period) ? selection.period : (periodList[0] ?? null);
  const result = useQuery(honourQuery, period ? { period, level: selection.level, listsDocument: workspace?.documents.lists, rulesDocument: workspace?.documents.rules, viewsDocument: workspace?.documents.views } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const entered = useMemo(() => new Set(data ? LIST_TYPES.flatMap((lt) => (['region', 'cadre'] as const).flatMap((s) => data.diff[lt][s].entered.map((e) => `${lt}|${s}|${e.id}`))) : []), [data]);
  const of = (lt: (typeof LIST_TYPES)[number]) => (data?.entries ?? []).filter((e) => e.listType === lt && e.subject === subject);
  const pick = (e: ListEntry) => setPicked({ id: e.id, name: e.name });
  const last = data?.published.versions[data.published.versions.length - 1];
  const status = !data ? '' : !last ? t('honour.unpublished') : data.published.same ? t('honour.publishedSame', { version: last.version }) : t('honour.publishedDiffers', { version: last.version, next: last.version + 1 });
  // The page carries the watermark (the workspace's template with this user, machine and time) on screen and in print.
  const page = async () => (data ? honourPageHtml(data, { generatedAt: new Date().toLocaleDateString('zh-CN'), workspaceName: workspace?.name ?? '', demo: workspace?.demo, watermark: await currentWatermarkText(host) }) : '');
  const savePage = async () => {
    if (!data) return;
    try {
      const name = `${honourTitle(data.period)}.html`;
      const bytes = new TextEncoder().encode(await page());
      const r = await audit.around('export', name, () => host.saveFile({ suggestedName: name, bytes, filters: [{ name: 'HTML', extensions: ['html'] }] }), (x) => audit.outcome(x.saved));
      if (r.saved) void message.success(t('export.done', { name: r.location }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  if (periods.status === 'ready' && periodList.length === 0) return <Empty description={t('score.noData')} />;
  return (
    <Flex vertical gap={12} data-testid="honour-view">
      {data && <ManualDialog open={manualOpen} onClose={() => setManualOpen(false)} result={data} subject={subject} user={user} onUser={setUser} />}
      {data && <PolicyDialog open={policyOpen} onClose={() => setPolicyOpen(false)} policy={data.policy} />}
      <HistoryDrawer target={picked} timeline={data?.timeline ?? []} onClose={() => setPicked(null)} />
      <Card size="small">
        <Space wrap size="middle">
          <PeriodSelect periods={periodList} value={period} label={(p) => periodLabelZh(p, '当期')} onChange={(v) => select({ period: v })} />
          <LevelSelect value={selection.level} onChange={(l) => select({ level: l })} />
          <Segmented data-testid="honour-subject" value={subject} onChange={(v) => setSubject(v as ListSubject)} options={[{ value: 'region', label: t('honour.subject.region') }, { value: 'cadre', label: t('honour.subject.cadre') }]} />
          <Button data-testid="honour-manual" disabled={!data?.hasData} onClick={() => setManualOpen(true)}>{t('honour.manual')}</Button>
          <Popconfirm
            title={t('honour.publish')}
            description={data && period ? t('honour.publishConfirm', { period: periodLabelZh(period, '当期'), version: (last?.version ?? 0) + 1 }) : ''}
            okButtonProps={{ 'data-testid': 'honour-publish-ok' } as ButtonProps}
            onConfirm={() => {
              if (!data) return;
              const v = publishLists(host, data, user.trim() || t('honour.defaultUser'));
              void message.success(t('honour.publishedAs', { version: v }));
            }}
          >
            <Button data-testid="honour-publish" type="primary" disabled={!data?.hasData}>{t('honour.publish')}</Button>
          </Popconfirm>
          <Button data-testid="honour-policy" onClick={() => setPolicyOpen(true)}>{t('honour.policy')}</Button>
          <ExportButtons testId="honour-export" source={{ baseName: data ? honourTitle(data.period) : 'honour', table: () => (data ? honourTable(data) : null) }} />
          <Button size="small" data-testid="honour-page" disabled={!data} onClick={() => void savePage()}>{t('honour.page')}</Button>
          <Button size="small" data-testid="honour-print" disabled={!data} onClick={() => {
            void page().then(printPage);
            if (data) void audit.record('print', honourTitle(data.period), '已打开打印对话框');
          }}>{t('honour.print')}</Button>
        </Space>
      </Card>
      {data && (
        <Typography.Text type="secondary" data-testid="honour-summary">
          {t('honour.summary', { red: of('红榜').length, yellow: of('黄榜').length, subject: t(`honour.subject.${subject}`) })} · {status} · {data.previous.note}
        </Typography.Text>
      )}
      <QueryError result={result} />
      {data && !data.hasData && <Alert type="info" showIcon title={t('honour.noData')} />}
      <Spin spinning={result.status === 'loading'}>
        <Flex gap={12} align="flex-start">
          {LIST_TYPES.map((lt) => (
            <ListCard key={lt} listType={lt} subject={subject} entries={of(lt)} entered={entered} onPick={pick} testId={lt === '红榜' ? 'honour-red' : 'honour-yellow'} />
          ))}
        </Flex>
      </Spin>
      {data && <Notes data={data} subject={subject} onPick={pick} />}
    </Flex>
  );
}

/** Below the lists: who left since last quarter, who qualified but was left off or removed by hand, cadre records. */
function Notes({ data, subject, onPick }: { data: HonourResult; subject: ListSubject; onPick: (e: ListEntry) => void }) {
  const t = useT();
  const left = LIST_TYPES.flatMap((lt) => data.diff[lt][subject].left);
  const excluded = data.excluded.filter((x) => x.subject === subject);
  const removed = data.removed.filter((x) => x.entry.subject === subject);
  const listed = new Set(data.entries.filter((e) => e.subject === 'cadre' && e.listType === '黄榜').map((e) => e.id));
  return (
    <Flex gap={12} align="flex-start" wrap>
      <Card size="small" title={t('honour.left')} style={{ flex: 1, minWidth: 320 }} data-testid="honour-left">
        {left.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={6} wrap>
            {left.map((e) => (
              <Tag key={`${e.listType}|${e.id}`} color={LIST_TAG[e.listType].color} style={{ cursor: 'pointer' }} onClick={() => onPick(e)}>
                {`${e.listType}·${e.name}`}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>
      {(excluded.length > 0 || removed.length > 0 || (subject === 'cadre' && data.vacant.length > 0)) && (
        <Card size="small" title={t('honour.excluded')} style={{ flex: 1, minWidth: 320 }} data-testid="honour-excluded">
          {excluded.map((x) => <div key={`x${x.listType}${x.id}`}>{`${x.name}：${x.reason}`}</div>)}
          {removed.map((x) => <div key={`r${x.entry.listType}${x.entry.id}`}>{`${t('honour.removed')}${x.entry.listType}·${x.entry.name}：${x.reason}（${x.user}）`}</div>)}
          {subject === 'cadre' && data.vacant.length > 0 && <div>{t('honour.vacant', { list: data.vacant.map((v) => v.name).join('、') })}</div>}
        </Card>
      )}
      {subject === 'cadre' && (
        <Card size="small" title={t('honour.recordsCount', { title: t('honour.records'), n: data.records.length })} style={{ flex: 1, minWidth: 420 }} data-testid="honour-records">
          <Table<CadreRecordCount>
            size="small"
            rowKey="cadreId"
            dataSource={[...data.records]}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('honour.records.none') }}
            columns={[
              { title: t('honour.cadreName'), dataIndex: 'name' },
              { title: t('honour.records.negative'), dataIndex: 'negative', width: 80 },
              { title: t('honour.records.admonitions'), dataIndex: 'admonitions', width: 60 },
              { title: t('honour.records.reminders'), dataIndex: 'reminders', width: 60 },
              { title: t('honour.records.inquiries'), dataIndex: 'inquiries', width: 60 },
              { title: t('honour.records.listed'), width: 80, render: (_: unknown, r) => (listed.has(r.cadreId) ? t('honour.yes') : '') },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
