import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ConsoleResult } from '../../../shared/db/console.js';
import { columnCell } from '../../../shared/db/connector.js';
import { chartableColumns, resultChartOption, RESULT_CHART_LIMIT } from '../../../shared/charts/result-chart.js';
import { errorMessage } from '../../../shared/contract/errors.js';
import { EChart } from '../../charts/EChart.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useT } from '../../i18n/use-t.js';
import { cancelConsoleQuery, consoleQuery } from '../../state/console.js';
import { useViewParam } from '../../state/view-param.js';
import { useViewSettings } from '../../state/view-settings.js';

const EXAMPLE = "SELECT r.name, v.value\nFROM indicator_values v JOIN regions r USING (region_code)\nWHERE v.indicator_id = 'A01' AND v.period = '2025Q4' AND r.level = 'county'\nORDER BY v.value DESC";

/** SQL 查询: read-only queries over a locked copy of the workspace, a virtualised grid, copy, export, chart. */
export function ConsoleView() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useViewSettings();
  const [text, setText] = useViewParam<string>('sql', 'query', EXAMPLE);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ConsoleResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [x, setX] = useState<string | null>(null);
  const [y, setY] = useState<string[]>([]);
  const [type, setType] = useState<'bar' | 'line'>('bar');

  const run = () => {
    setRunning(true);
    setError(null);
    consoleQuery(text).then(
      (r) => {
        setResult(r);
        const c = chartableColumns(r.columns);
        setX(c.all.find((k) => !c.numeric.includes(k)) ?? c.all[0] ?? null);
        setY(c.numeric.slice(0, 1));
        setRunning(false);
      },
      (e: unknown) => {
        setError(errorMessage(e));
        setRunning(false);
      },
    );
  };
  const cols = result?.columns;
  const cell = (c: string, i: number) => (cols ? columnCell(cols, c, i) : null);
  const rows = useMemo(() => Array.from({ length: result?.rows ?? 0 }, (_, i) => i), [result]);
  const chart = useMemo(
    () => (cols && x && y.length ? resultChartOption(cols, { x, y, type, sourceNote: settings.sourceNote, truncatedLabel: t('console.chartFirst', { n: RESULT_CHART_LIMIT }) }) : null),
    [cols, x, y, type, settings.sourceNote, t],
  );
  const tsv = () =>
    cols ? [cols.columns.join('\t'), ...rows.map((i) => cols.columns.map((c) => String(cell(c, i) ?? '')).join('\t'))].join('\n') : '';
  const chartable = cols ? chartableColumns(cols) : { numeric: [], all: [] };

  return (
    <Flex vertical gap={12} data-testid="console-view">
      <Card size="small" className="hj-view-toolbar">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('console.help')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="console-input"
          value={text}
          autoSize={{ minRows: 4, maxRows: 14 }}
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run();
          }}
        />
        <Space style={{ marginTop: 8 }} wrap>
          <Button type="primary" data-testid="console-run" loading={running} onClick={run}>{t('console.run')}</Button>
          <Button data-testid="console-cancel" disabled={!running} onClick={() => void cancelConsoleQuery().then(() => { setRunning(false); setError(t('console.cancelled')); })}>{t('console.cancel')}</Button>
          <Button disabled={!cols} onClick={() => void navigator.clipboard.writeText(tsv()).then(() => message.success(t('console.copied', { n: rows.length })), (e: unknown) => message.error(errorMessage(e)))}>{t('console.copy')}</Button>
          <ExportButtons
            source={{
              baseName: 'SQL查询结果',
              chart: () => (chart ? { option: chart, width: 1000, height: 360 } : null),
              table: () => (cols ? { sheetName: '查询结果', headers: [...cols.columns], rows: rows.map((i) => cols.columns.map((c) => cell(c, i))) } : null),
            }}
          />
          {result && <Typography.Text type="secondary" data-testid="console-status">{result.truncated ? t('console.truncated', { n: result.rows }) : t('console.rows', { n: result.rows, ms: result.ms })}</Typography.Text>}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon data-testid="console-error" title={error} />}
      {cols && (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<number>
            data-testid="console-grid"
            size="small"
            virtual
            scroll={{ x: Math.max(600, cols.columns.length * 140), y: 420 }}
            rowKey={(i) => i}
            pagination={false}
            dataSource={rows}
            columns={cols.columns.map((c) => ({ title: c, key: c, width: 140, ellipsis: true, render: (_: unknown, i: number) => { const v = cell(c, i); return v === null ? <Typography.Text type="secondary">NULL</Typography.Text> : String(v); } }))}
          />
        </Card>
      )}
      {cols && (
        <Card size="small" title={t('console.chart')}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text>{t('console.chartX')}</Typography.Text>
            <Select data-testid="console-x" style={{ width: 180 }} value={x ?? undefined} options={chartable.all.map((c) => ({ value: c, label: c }))} onChange={setX} />
            <Typography.Text>{t('console.chartY')}</Typography.Text>
            <Select data-testid="console-y" mode="multiple" style={{ minWidth: 220 }} value={y} options={chartable.numeric.map((c) => ({ value: c, label: c }))} onChange={setY} />
            <Segmented value={type} onChange={(v) => setType(v as 'bar' | 'line')} options={[{ value: 'bar', label: t('console.bar') }, { value: 'line', label: t('console.line') }]} />
          </Space>
          <div data-testid="console-chart">{chart ? <EChart option={chart} height={360} /> : <Typography.Text type="secondary">{t('console.chartNeedsNumber')}</Typography.Text>}</div>
        </Card>
      )}
    </Flex>
  );
}
