import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { robustness } from '../../../shared/analytics/robustness.js';
import { score, scoreBreakdown, scoringCatalogue, type ScoredRegion, type ScoreParams } from '../../../shared/analytics/score.js';
import { METHOD_NAMES, SCORE_METHODS, type MissingPolicy, type ScoreMethod } from '../../../shared/analytics/score-plan.js';
import { rankIntervalOption, scoreRadarOption } from '../../../shared/charts/score-charts.js';
import { formatMove, formatRank } from '../../../shared/format/number.js';
import { listAllPeriods, listGroups } from '../../../shared/model/catalog.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { findScheme } from '../../../shared/workspace/weight-schemes.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { LevelSelect, PeriodSelect } from '../../components/Pickers.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { useViewSettings } from '../../state/view-settings.js';
import { activateScheme, useWeightSchemes } from '../../state/weight-schemes.js';
import { QualityMark } from '../../components/QualityMark.js';
import { useQualityAuto, useQualityFlags } from '../../state/quality-flags.js';
import { WeightsDrawer } from './WeightsDrawer.js';
import { QueryError } from '../../components/QueryError.js';

const r2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

/** 综合评价: composite scores with weights the user edits, the dimension radar, the breakdown and the robustness. */
export function ScoreView() {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const settings = useViewSettings();
  const schemes = useWeightSchemes();
  const [method, setMethod] = useViewParam<ScoreMethod | 'catalogue'>('scores', 'method', 'catalogue');
  const [missing, setMissing] = useViewParam<MissingPolicy>('scores', 'missing', 'reweight');
  const [group, setGroup] = useViewParam<string | null>('scores', 'group', null);
  const [draft, setDraft] = useViewParam<Record<string, number> | null>('scores', 'weights', null);
  const [robust, setRobust] = useState(false);
  const [editing, setEditing] = useState(false);
  const level = selection.level;

  const catalogue = useQuery(scoringCatalogue, 'all');
  const periods = useQuery(listAllPeriods, 'all');
  const groups = useQuery(listGroups, level);
  const periodList = periods.status === 'ready' ? periods.data.filter((p) => p.length === (periods.data[0] ?? '').length) : [];
  const period = selection.period && periodList.includes(selection.period) ? selection.period : (periodList[0] ?? null);
  const scheme = findScheme(schemes, schemes.active);
  const cat = useMemo(() => (catalogue.status === 'ready' ? catalogue.data : []), [catalogue]);
  const weights = useMemo(() => ({ ...Object.fromEntries(cat.map((c) => [c.id, c.weight ?? 0])), ...(scheme?.weights ?? {}), ...(draft ?? {}) }), [cat, scheme, draft]);
  const params: ScoreParams | null = period && cat.length
    ? { period, level, group, method: method === 'catalogue' ? (scheme?.method ?? null) : method, missing, weights }
    : null;
  const result = useQuery(score, params);
  const data = result.status === 'ready' ? result.data : result.status === 'loading' ? result.previous : undefined;
  const region = data?.rows.find((r) => r.regionCode === selection.region)?.regionCode ?? data?.rows[0]?.regionCode ?? null;
  const breakdown = useQuery(scoreBreakdownQuery, params && region ? { params, region } : null);
  const qualityAuto = useQualityAuto();
  const [qualityAsked, setQualityAsked] = useViewParam<boolean>('scores', 'quality', false);
  const flags = useQualityFlags(period, level, group, null, qualityAuto || qualityAsked);
  const robustResult = useQuery(robustness, robust && params ? { ...params, draws: 1000, seed: 1 } : null);
  const used = new Set(data?.indicators.map((i) => i.id) ?? []);
  const flagsOf = (code: string) => [...flags.byCell.entries()].filter(([k]) => k.startsWith(`${code}|`) && used.has(k.split('|')[1] as string)).flatMap(([, v]) => v);
  const radar = useMemo(() => (data ? scoreRadarOption(data, region, { locale, demo, sourceNote: settings.sourceNote }) : null), [data, region, locale, demo, settings.sourceNote]);
  const rdata = robustResult.status === 'ready' ? robustResult.data : undefined;
  const interval = useMemo(() => (rdata ? rankIntervalOption(rdata, { locale, selected: region, sourceNote: settings.sourceNote }) : null), [rdata, locale, region, settings.sourceNote]);
  const robustBy = new Map(rdata?.rows.map((r) => [r.regionCode, r]) ?? []);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';

  if (periods.status === 'ready' && periodList.length === 0) return <Empty description={t('score.noData')} />;
  return (
    <Flex vertical gap={12} style={{ height: '100%' }} data-testid="score-view">
      <Card size="small" className="hj-view-toolbar">
        <Space wrap size="middle">
          <PeriodSelect periods={periodList} value={period} label={(p) => periodLabelZh(p)} onChange={(v) => select({ period: v })} />
          <LevelSelect value={level} onChange={(l) => { select({ level: l }); setGroup(null); }} />
          <Space>
            <Typography.Text strong>{t('ranking.group')}</Typography.Text>
            <Select data-testid="score-group" style={{ width: 140 }} allowClear placeholder={t('ranking.allGroups')} value={group ?? undefined}
              options={(groups.status === 'ready' ? groups.data : []).map((g) => ({ value: g, label: g }))} onChange={(v?: string) => setGroup(v ?? null)} />
          </Space>
          <Space>
            <Typography.Text strong>{t('score.method')}</Typography.Text>
            <Select data-testid="score-method" style={{ width: 190 }} value={method} onChange={setMethod}
              options={[{ value: 'catalogue', label: t('score.methodCatalogue') }, ...SCORE_METHODS.map((m) => ({ value: m, label: METHOD_NAMES[m] }))]} />
          </Space>
          <Space>
            <Typography.Text strong>{t('score.missing')}</Typography.Text>
            <Select data-testid="score-missing" style={{ width: 150 }} value={missing} onChange={setMissing}
              options={[{ value: 'reweight', label: t('score.missing.reweight') }, { value: 'minimum', label: t('score.missing.minimum') }]} />
          </Space>
          <Space>
            <Typography.Text strong>{t('score.scheme')}</Typography.Text>
            <Select data-testid="score-scheme" style={{ width: 170 }} value={schemes.active ?? ''}
              options={[{ value: '', label: t('score.catalogueWeights') }, ...schemes.schemes.map((s) => ({ value: s.name, label: s.name }))]}
              onChange={(v: string) => { activateScheme(host, v || null); setDraft(null); }} />
          </Space>
          <Button data-testid="edit-weights" onClick={() => setEditing(true)}>{t('score.editWeights')}{draft ? ' *' : ''}</Button>
          {!qualityAuto && <Button data-testid="score-quality" type={qualityAsked ? 'primary' : 'default'} onClick={() => setQualityAsked(!qualityAsked)}>{t('quality.mark')}</Button>}
          <Button data-testid="robustness-run" type={robust ? 'primary' : 'default'} onClick={() => setRobust(!robust)}>{t('score.robustness')}</Button>
          <ExportButtons
            source={{
              baseName: data ? `综合评价_${data.params.period}` : 'scores',
              chart: () => (radar ? { option: radar, width: 640, height: 420 } : null),
              table: () => data ? {
                sheetName: '综合评价',
                headers: ['排名', '地区', '综合得分', ...data.dimensions, '缺失指标数', '较上期', '较上年同期'],
                rows: data.rows.map((r) => [r.rank, r.name, r.composite, ...r.dimensions, r.missing, r.movePrevious, r.moveLastYear]),
              } : null,
            }}
          />
        </Space>
      </Card>
      <QueryError result={result} />
      {data && (
        <Typography.Text type="secondary" data-testid="score-policy">
          {t('score.summary', { n: data.indicators.length, method: method === 'catalogue' ? t('score.methodCatalogue') : METHOD_NAMES[method], policy: data.missingPolicyText })}
          {data.leftOut.length ? ` ${t('score.leftOut', { list: data.leftOut.map((x) => `${x.name}（${x.reason}）`).join('、') })}` : ''}
        </Typography.Text>
      )}
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 3, minWidth: 0, overflow: 'auto' }}>
          <Spin spinning={result.status === 'loading'}>
            <Table
              data-testid="score-table"
              size="small"
              rowKey="regionCode"
              pagination={false}
              sticky
              dataSource={data ? [...data.rows] : []}
              onRow={(r) => ({ onClick: () => select({ region: r.regionCode }), style: { cursor: 'pointer', background: r.regionCode === region ? '#e6f4ff' : undefined } })}
              columns={[
                { title: t('score.rank'), dataIndex: 'rank', width: 70, fixed: 'left', render: (v: number | null) => formatRank(v, lang) },
                {
                  title: t('score.region'), dataIndex: 'name', width: 120, fixed: 'left',
                  render: (v: string, r) => {
                    const f = flagsOf(r.regionCode);
                    return (
                      <Space size={4}>
                        <span>{v}</span>
                        <QualityMark flags={f} title={t('score.flagged')} testId={`quality-flag-${r.regionCode}`} />
                      </Space>
                    );
                  },
                },
                { title: t('score.composite'), dataIndex: 'composite', width: 90, render: r2, sorter: (a, b) => (a.composite ?? -Infinity) - (b.composite ?? -Infinity) },
                ...(data?.dimensions ?? []).map((d, i) => ({ title: d, key: `d${i}`, width: 90, render: (_: unknown, r: ScoredRegion) => r2(r.dimensions[i]) })),
                { title: t('score.missingCount'), dataIndex: 'missing', width: 80, render: (v: number) => (v ? v : '') },
                { title: t('ranking.movePrevious'), dataIndex: 'movePrevious', width: 100, render: (v: number | null) => formatMove(v, lang) },
                { title: t('ranking.moveLastYear'), dataIndex: 'moveLastYear', width: 110, render: (v: number | null) => formatMove(v, lang) },
                ...(rdata ? [{
                  title: t('score.interval'), key: 'iv', width: 150,
                  render: (_: unknown, r: ScoredRegion) => {
                    const x = robustBy.get(r.regionCode);
                    if (!x || x.p5 === null) return '—';
                    return <span data-testid={`interval-${r.regionCode}`}>{x.p5}～{x.p95}{x.fragile.length ? <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('score.fragile')}</Tag> : null}</span>;
                  },
                }] : []),
              ]}
            />
          </Spin>
        </Card>
        <Flex vertical gap={12} style={{ flex: 2, minWidth: 320 }}>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            <div data-testid="score-radar">{radar ? <EChart option={radar} height={320} /> : <Empty />}</div>
          </Card>
          <Card size="small" title={t('score.breakdown')} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <Table
              data-testid="score-breakdown"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={breakdown.status === 'ready' ? [...breakdown.data.contributions] : []}
              columns={[
                { title: t('score.indicator'), dataIndex: 'name' },
                { title: t('score.standardised'), dataIndex: 'score', width: 80, render: (v: number, r) => `${r2(v)}${r.filled ? '*' : ''}` },
                { title: t('score.weight'), dataIndex: 'weight', width: 60 },
                { title: t('score.contribution'), dataIndex: 'contribution', width: 80, render: r2 },
              ]}
            />
          </Card>
        </Flex>
      </Flex>
      {robust && (
        <Card size="small" title={rdata ? t('score.robustSummary', { draws: rdata.draws, spread: Math.round(rdata.spread * 100), n: rdata.fragileCount, boundaries: rdata.boundaries.join('、') }) : t('score.robustness')}>
          <Spin spinning={robustResult.status === 'loading'}>
            <div data-testid="rank-intervals">{interval ? <EChart option={interval} height={300} /> : <div style={{ height: 120 }} />}</div>
          </Spin>
        </Card>
      )}
      <WeightsDrawer open={editing} onClose={() => setEditing(false)} catalogue={cat} scheme={scheme} weights={weights} method={params?.method ?? null} missing={missing} onWeights={setDraft} />
    </Flex>
  );
}

/** One region's breakdown (a function of one serialisable argument, for useQuery). */
function scoreBreakdownQuery(db: Parameters<typeof scoreBreakdown>[0], p: { params: ScoreParams; region: string }) {
  return scoreBreakdown(db, p.params, p.region);
}
