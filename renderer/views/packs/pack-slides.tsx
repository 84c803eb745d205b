/**
 * A pack as projection slides: the same sections as the PPTX, with live charts (hover works, crisp at any
 * resolution) from the pack's chart options, and the leader's name through the projection's name mask.
 */
import { Flex, Table, Typography } from 'antd';
import type { PackChartSpec } from '../../../shared/report/pack-charts.js';
import { compositeSentences, INDICATOR_HEADERS, indicatorCells, profileSentence, warningLine } from '../../../shared/report/pack-office-text.js';
import type { PackModel } from '../../../shared/report/pack-types.js';
import { EChart } from '../../charts/EChart.js';
import { useNameMask } from '../../state/name-mask.js';
import type { ProjectionSlide } from '../projection/types.js';

function Lines({ lines, testId }: { lines: readonly string[]; testId?: string }) {
  return (
    <Flex vertical gap={12} data-testid={testId}>
      {lines.map((l, i) => (
        <Typography.Paragraph key={i} style={{ margin: 0 }}>{l}</Typography.Paragraph>
      ))}
    </Flex>
  );
}

function TitleSlide({ m }: { m: PackModel }) {
  const { show } = useNameMask();
  return (
    <Flex vertical align="center" justify="center" gap={24} style={{ minHeight: '50vh' }} data-testid="pack-slide-title">
      <Typography.Title level={1} style={{ textAlign: 'center' }}>{m.title}</Typography.Title>
      <Typography.Text>{[m.periodLabel, m.peers.scopeLabel, m.leader ? show(m.leader.name) : null].filter(Boolean).join('　')}</Typography.Text>
    </Flex>
  );
}

function ProfileSlide({ m }: { m: PackModel }) {
  const { show } = useNameMask();
  return <Lines testId="pack-slide-profile" lines={[profileSentence(m.leader ? { ...m.leader, name: show(m.leader.name) } : null)]} />;
}

function IndicatorSlide({ m }: { m: PackModel }) {
  const rows = m.indicators.slice(0, 8).map((r, i) => Object.fromEntries([['key', i], ...indicatorCells(r).map((c, j) => [`c${j}`, c])]));
  return <Table size="small" pagination={false} dataSource={rows} columns={INDICATOR_HEADERS.map((h, j) => ({ title: h, dataIndex: `c${j}` }))} />;
}

const chartSlide = (c: PackChartSpec): ProjectionSlide => ({
  key: c.key,
  title: c.title,
  notes: c.title,
  render: () => <EChart option={c.option} height={Math.round(c.height * 1.2)} testId={`pack-chart-${c.key}`} />,
});

/** The slides of one pack, in the order of its sections. */
export function packSlides(m: PackModel, charts: readonly PackChartSpec[]): ProjectionSlide[] {
  const findings = m.findings.map((f) => f.text);
  const strengths = [...m.strengths.map((r) => `优势：${r.name}`), ...m.weaknesses.map((r) => `短板：${r.name}`)];
  const warnings = [...(m.warnings.length ? m.warnings.map(warningLine) : ['本期无在警事项。']), ...m.lists.slice(0, 4).map((l) => `${l.period} ${l.listType}（${l.subject === 'region' ? '地区' : '干部'}）：${l.reason}`)];
  return [
    { key: 'title', title: m.title, notes: findings.join('\n'), render: () => <TitleSlide m={m} /> },
    { key: 'summary', title: '综合研判', notes: findings.join('\n'), render: () => <Lines testId="pack-slide-summary" lines={findings} /> },
    { key: 'profile', title: '主要负责同志基本情况', notes: '', render: () => <ProfileSlide m={m} /> },
    { key: 'indicators', title: '核心指标', notes: m.indicatorSentences.join('\n'), render: () => <IndicatorSlide m={m} /> },
    ...charts.map(chartSlide),
    { key: 'composite', title: '综合得分', notes: '', render: () => <Lines lines={compositeSentences(m.composite, m.peers.scopeLabel)} /> },
    { key: 'strengths', title: '优势与短板', notes: strengths.join('\n'), render: () => <Lines lines={strengths} /> },
    { key: 'warnings', title: '预警与红黄榜', notes: warnings.join('\n'), render: () => <Lines lines={warnings} /> },
  ];
}
