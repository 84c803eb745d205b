import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Flex, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { WarningEvent } from '../../../shared/analytics/warnings.js';
import { formatGap, formatRank, formatValue } from '../../../shared/format/number.js';
import { listAllPeriods, listIndicators } from '../../../shared/model/catalog.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { warningsExport, warningsQuery } from '../../state/warnings.js';
import { warningEventKey as eventKey } from '../../../shared/analytics/warning-events.js';
import { RuleEditor } from './RuleEditor.js';
import { useNameMask } from '../../state/name-mask.js';
import { QueryError } from '../../components/QueryError.js';

const LEVEL_COLOR = { 红线: 'red', 黄线: 'gold' } as const;
const STATUS_COLOR = { 新增: 'volcano', 持续: 'orange', 解除: 'green' } as const;
const PAGE = 50;

/** 预警: the rule set's events in a period, filtered by level, region level and indicator; a click shows the evidence. */
export function WarningsView() {
  const t = useT();
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const setView = useAppStore((s) => s.setView);
  const rulesDocument = useAppStore((s) => s.workspace?.documents.rules);
  const viewsDocument = useAppStore((s) => s.workspace?.documents.views);
  const [level, setLevel] = useViewParam<'all' | '红线' | '黄线'>('warnings', 'level', 'all');
  const [resolved, setResolved] = useViewParam<boolean>('warnings', 'resolved', false);
  const [indicator, setIndicator] = useViewParam<string | null>('warnings', 'indicator', null);
  const [picked, setPicked] = useViewParam<string | null>('warnings', 'event', null);
  const [editing, setEditing] = useState(false);
  const names = useNameMask();
  const catalogue = useQuery(listIndicators, 'all');
  const periods = useQuery(listAllPeriods, 'all');
  const periodList = periods.status === 'ready' ? periods.data : [];
  const period = selection.period && periodList.includes(selection.period) ? selection.period : (periodList[0] ?? null);
  const [page, setPage] = useViewParam<number>('warnings', 'page', 1);
  // The filters a page is read under: a change of any of them goes back to the first page.
  const filters = period ? { period, scopeLevel: selection.level, level: level === 'all' ? null : level, indicatorId: indicator, resolved, rulesDocument, viewsDocument } : null;
  const filterKey = JSON.stringify(filters);
  const [pagedFor, setPagedFor] = useState(filterKey);
  const shownPage = pagedFor === filterKey ? page : 1;
  const result = useQuery(warningsQuery, filters ? { ...filters, offset: (shownPage - 1) * PAGE, limit: PAGE, picked } : null);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const events = data?.events ?? [];
  const counts = data?.counts ?? { red: 0, yellow: 0, resolved: 0 };
  const indicators = data?.indicators ?? [];
  const current = data?.picked ?? null;
  const rule = current ? data?.rules.find((r) => r.id === current.ruleId) : undefined;

  if (periods.status === 'ready' && periodList.length === 0) return <Empty description={t('score.noData')} />;
  return (
    <Flex vertical gap={12} data-testid="warnings-view">
      <RuleEditor open={editing} onClose={() => setEditing(false)} set={data?.set} period={period} indicators={catalogue.status === 'ready' ? catalogue.data.map((i) => [i.id, i.name] as const) : []} />
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <PeriodSelect periods={periodList} value={period} label={(p) => periodLabelZh(p)} onChange={(v) => select({ period: v })} />
          <LevelSelect value={selection.level} onChange={(l) => select({ level: l })} />
          <Segmented
            data-testid="warnings-level"
            value={level}
            onChange={(v) => setLevel(v as 'all' | '红线' | '黄线')}
            options={[{ value: 'all', label: t('warn.allLevels') }, { value: '红线', label: `红线 ${counts.red}` }, { value: '黄线', label: `黄线 ${counts.yellow}` }]}
          />
          <Select
            data-testid="warnings-indicator"
            style={{ minWidth: 200 }}
            allowClear
            placeholder={t('warn.allIndicators')}
            value={indicator}
            onChange={(v) => setIndicator(v ?? null)}
            options={indicators.map(([id, name]) => ({ value: id, label: name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Checkbox data-testid="warnings-resolved" checked={resolved} onChange={(e) => setResolved(e.target.checked)}>
            {t('warn.resolved')} {counts.resolved}
          </Checkbox>
          <Button data-testid="warnings-rules" onClick={() => setEditing(true)}>
            {t('warn.rules')}
          </Button>
          <ExportButtons
            source={{
              baseName: period ? `预警_${period}` : 'warnings',
              table: async () => {
                const engine = useAppStore.getState().engine;
                if (!filters || engine.status !== 'ready') return null;
                const all = await warningsExport(engine.db, filters);
                return {
                  sheetName: '预警',
                  headers: ['等级', '状态', '规则', '地区', '区划代码', '指标', '期间', '数值', '基准', '差距', '排名', '一把手', '说明'],
                  rows: all.map((e) => [e.level, e.status, `${e.ruleId} ${e.ruleName}`, e.regionName, e.regionCode, e.indicatorName, e.period, e.value, e.benchmark, e.gap, e.rank, e.leaderName, e.message]),
                };
              },
            }}
          />
        </Space>
      </Card>
      {data && (
        <Typography.Text type="secondary" data-testid="warnings-summary">
          {t('warn.summary', counts)} · {t(data.set.source === 'document' ? 'warn.source.document' : 'warn.source.table', { n: data.rules.length })}
        </Typography.Text>
      )}
      {data && data.set.problems.length > 0 && (
        <Alert type="warning" showIcon title={t('warn.problems', { n: data.set.problems.length })} description={data.set.problems.map((p) => `${p.rule}：${p.message}`).join('；')} />
      )}
      <QueryError result={result} />
      <Flex gap={12} align="flex-start">
        <Card size="small" style={{ flex: 3, minWidth: 0 }}>
          <Spin spinning={result.status === 'loading'}>
            <Table<WarningEvent>
              data-testid="warnings-table"
              size="small"
              rowKey={eventKey}
              dataSource={events}
              locale={{ emptyText: t('warn.none') }}
              pagination={{
                current: shownPage,
                pageSize: PAGE,
                total: data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (n) => t('warn.total', { n }),
                onChange: (p) => {
                  setPagedFor(filterKey);
                  setPage(p);
                },
              }}
              onRow={(e) => ({ onClick: () => setPicked(eventKey(e)), style: { cursor: 'pointer', background: eventKey(e) === picked ? 'rgba(22,119,255,0.08)' : undefined } })}
              columns={[
                { title: t('warn.level'), dataIndex: 'level', width: 72, render: (v: WarningEvent['level']) => <Tag color={LEVEL_COLOR[v]}>{v}</Tag> },
                { title: t('warn.status'), dataIndex: 'status', width: 72, render: (v: WarningEvent['status']) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
                { title: t('score.region'), dataIndex: 'regionName', width: 96 },
                { title: t('score.indicator'), dataIndex: 'indicatorName', width: 180, ellipsis: true },
                { title: t('warn.leader'), dataIndex: 'leaderName', width: 80, render: (v: string | null, e: WarningEvent) => <LeaderLink id={e.leaderId} name={v} vacant={t('warn.vacant')} /> },
                { title: t('warn.message'), dataIndex: 'message', ellipsis: true, render: (_: string, e: WarningEvent) => messageShown(e, names.show) },
              ]}
            />
          </Spin>
        </Card>
        <Card size="small" style={{ flex: 2, minWidth: 320 }} title={t('warn.evidence')} data-testid="warnings-evidence">
          {current && rule ? (
            <Flex vertical gap={8}>
              <Typography.Text>{messageShown(current, names.show)}</Typography.Text>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('warn.rule')}>{`${rule.id} ${rule.name}（第${rule.version}版，${rule.level}）`}</Descriptions.Item>
                <Descriptions.Item label={t('warn.period')}>{periodLabelZh(current.period)}</Descriptions.Item>
                <Descriptions.Item label={t('warn.value')}>{current.value === null ? '—' : `${formatValue(current.value, current.unit)}${current.unit ?? ''}`}</Descriptions.Item>
                <Descriptions.Item label={t('warn.benchmark')}>{current.benchmark === null ? '—' : formatValue(current.benchmark, current.unit)}</Descriptions.Item>
                <Descriptions.Item label={t('warn.gap')}>{current.gap === null ? '—' : formatGap(current.gap, current.unit)}</Descriptions.Item>
                <Descriptions.Item label={t('warn.rank')}>{current.rank === null ? '—' : `${formatRank(current.rank)} / ${current.of ?? '—'}${current.previousRank === null ? '' : `（上期${formatRank(current.previousRank)}）`}`}</Descriptions.Item>
                <Descriptions.Item label={t('warn.runs')}>{current.periods.map((p) => periodLabelZh(p)).join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('warn.leader')}><LeaderLink id={current.leaderId} name={current.leaderName} vacant={t('warn.vacant')} /></Descriptions.Item>
              </Descriptions>
              {current.indicatorId !== 'composite' && (
                <Button
                  data-testid="warnings-trend"
                  onClick={() => {
                    select({ region: current.regionCode, indicator: current.indicatorId });
                    setView('trends');
                  }}
                >
                  {t('warn.trend')}
                </Button>
              )}
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('warn.pick')}</Typography.Text>
          )}
        </Card>
      </Flex>
    </Flex>
  );
}

/** A warning's message with its 一把手's name (a rule template may print it) shown through the name mask. */
function messageShown(e: WarningEvent, show: (name: string) => string): string {
  return e.leaderName && e.leaderName.trim() ? e.message.split(e.leaderName).join(show(e.leaderName)) : e.message;
}

/** The 一把手's name opening their profile (干部档案); the click does not pick the row. */
function LeaderLink({ id, name: raw, vacant }: { id: string | null; name: string | null; vacant: string }) {
  const openProfile = useAppStore((s) => s.openProfile);
  const names = useNameMask();
  const name = raw === null ? null : names.show(raw);
  if (!id || !name) return <>{name ?? vacant}</>;
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} data-testid="warnings-leader" onClick={(ev) => { ev.stopPropagation(); openProfile(id); }}>
      {name}
    </Button>
  );
}
