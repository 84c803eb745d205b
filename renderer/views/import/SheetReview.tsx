import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { listIndicators } from '../../../shared/model/catalog.js';
import { columnLetter } from '../../../shared/ingest/readers/csv/csv.js';
import type { LayoutOverrides, LayoutPlan } from '../../../shared/ingest/layout/layout.js';
import { excludeSheet, type ImportSession, type PreparedSheet } from '../../../shared/ingest/pipeline/pipeline.js';
import { columnOutcomes } from '../../../shared/ingest/layout/column-outcomes.js';
import { basisNote, periodWithBases } from '../../../shared/ingest/layout/period-basis.js';
import { roleChoices, roleKey } from '../../../shared/ingest/layout/role-options.js';
import { TABLES, type TableName } from '../../../shared/model/tables.js';
import { changeEncoding, correctSheet } from '../../state/import.js';
import type { TextEncodingName } from '../../../shared/ingest/readers/encoding.js';
import { useQuery } from '../../state/use-query.js';
import { HeaderRowsSelect } from './HeaderRowsSelect.js';
import { SheetPreview } from './SheetPreview.js';

const SHAPE_ZH = { long: '长表（每行一个数值）', 'wide-indicators': '宽表（指标为列）', 'wide-periods': '宽表（期间为列）', records: '记录表（每行一条记录）' };

function periodSourceText(plan: LayoutPlan): string {
  const s = plan.periodSource;
  if (s.kind === 'title') return `取自第 ${s.row} 行标题「${s.text}」`;
  if (s.kind === 'file') return `取自文件名「${s.text}」`;
  if (s.kind === 'column') return `取自「${s.header}」列`;
  if (s.kind === 'header') return '取自各列表头';
  if (s.kind === 'user') return '由您指定';
  return '未识别到期间，请填写';
}

/** Step 2: what was recognised in each sheet, a preview, and the column mapping the user can correct. */
export function SheetReview(props: {
  session: ImportSession;
  onChange: (s: ImportSession) => void;
  onError: (e: unknown) => void;
  onNext: () => void;
  onCancel: () => void;
}) {
  const { session } = props;
  const [busy, setBusy] = useState(false);
  // Corrections run one after another, each on the session the previous one produced: a quick second edit
  // never starts from a stale session and never overwrites the first when it finishes.
  const latest = useRef(session);
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    latest.current = session;
  }, [session]);
  const run = (change: (s: ImportSession) => Promise<ImportSession>) => {
    setBusy(true);
    queue.current = queue.current
      .then(() => change(latest.current))
      .then((next) => {
        latest.current = next;
        props.onChange(next);
      }, props.onError)
      .finally(() => setBusy(false));
  };
  const correct = (key: number, o: LayoutOverrides) => run((s) => correctSheet(s, key, o));
  const nothing = session.sheets.every((s) => s.excluded) && !session.forms && session.maps.length === 0;
  return (
    <Flex vertical gap={12}>
      {session.failures.map((f) => (
        <Alert key={f.file} type="error" showIcon title={`无法读取：${f.file}`} description={f.message} data-testid="import-failure" />
      ))}
      {session.emptySheets.length > 0 && <Alert type="info" showIcon title={`空工作表已跳过：${session.emptySheets.join('，')}`} />}
      {session.maps.map((m) => (
        <Alert key={m.file} type="info" showIcon data-testid="boundary-file" title={`地图边界 ${m.file}：${m.result.features.length + m.result.skipped.length} 个要素，校验时先按区划代码、再按名称与地区对应`} />
      ))}
      {session.forms && (
        <Alert type="success" showIcon title={`任免审批表 ${session.forms.records.length} 份，将导入干部名册、任职经历和考核结果`} />
      )}
      {session.sheets.map((s) => (
        <SheetCard
          key={s.key}
          sheet={s}
          busy={busy}
          onCorrect={(o) => correct(s.key, o)}
          onEncoding={(e) => run((cur) => changeEncoding(cur, s.key, e))}
          onExclude={(excluded) => props.onChange(excludeSheet(session, s.key, excluded))}
        />
      ))}
      <Card size="small">
        <Space>
          <Button type="primary" disabled={busy || nothing || session.failures.length > 0} onClick={props.onNext} data-testid="import-validate">
            下一步：校验
          </Button>
          <Button onClick={props.onCancel}>取消导入</Button>
          {session.failures.length > 0 && <Typography.Text type="danger">有文件无法读取：请移除后重新选择（导入是全部或全不）。</Typography.Text>}
        </Space>
      </Card>
    </Flex>
  );
}

const ENCODINGS: readonly { value: TextEncodingName; label: string }[] = [
  { value: 'gb18030', label: 'GB18030 / GBK（简体中文 Windows）' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-8-bom', label: 'UTF-8（带 BOM）' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
];

function SheetCard(props: {
  sheet: PreparedSheet;
  busy: boolean;
  onCorrect: (o: LayoutOverrides) => void;
  onExclude: (excluded: boolean) => void;
  onEncoding: (e: TextEncodingName) => void;
}) {
  const { sheet, busy, onCorrect } = props;
  const plan = sheet.plan;
  // The same outcomes the report shows: why a column is not imported, and whether that loses numbers.
  const outcomes = columnOutcomes(plan.columns, plan.table);
  const indicators = useQuery(listIndicators, {});
  const catalog = indicators.status === 'ready' ? indicators.data : [];
  const [period, setPeriod] = useState(plan.period ?? '');
  // The period as it will be read, with the basis of the indicators the columns go to (累计 vs 当季).
  const basisOf = new Map(catalog.map((i) => [i.id, i.basis]));
  const bases = [...new Set([...plan.columns.map((c) => c.role.indicator), plan.indicator?.id].filter((x): x is string => !!x))].map((id) => basisOf.get(id) ?? null);
  const readAs = periodWithBases(plan.period, bases);
  const title0 = plan.periodSource.kind === 'title' ? plan.periodSource.text : null;
  const basisWarning = basisNote(plan.period, bases, title0);
  const title = `${sheet.staged.file}${sheet.staged.sheet ? ` / ${sheet.staged.sheet}` : ''}`;
  const toggle = (
    <Space>
      导入此表
      <Switch size="small" checked={!sheet.excluded} disabled={busy} onChange={(on) => props.onExclude(!on)} data-testid="sheet-include" />
    </Space>
  );
  if (sheet.excluded) {
    return <Card size="small" title={<Typography.Text delete>{title}</Typography.Text>} extra={toggle} data-testid="sheet-card" />;
  }
  return (
    <Card size="small" title={title} extra={toggle} data-testid="sheet-card">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="格式">{sheet.format.toUpperCase()}</Descriptions.Item>
        <Descriptions.Item label="编码">
          {sheet.source ? (
            <Select<TextEncodingName>
              size="small"
              style={{ width: 240 }}
              disabled={busy}
              value={sheet.staged.encoding as TextEncodingName}
              data-testid="encoding-select"
              options={ENCODINGS.map((e) => ({ value: e.value, label: e.label }))}
              onChange={props.onEncoding}
            />
          ) : (
            (ENCODINGS.find((e) => e.value === sheet.staged.encoding)?.label ?? sheet.staged.encoding ?? '—')
          )}
        </Descriptions.Item>
        <Descriptions.Item label="行数">{sheet.staged.rowCount}</Descriptions.Item>
        <Descriptions.Item label="目标表">
          <Select<TableName>
            size="small"
            style={{ width: 160 }}
            value={plan.table}
            disabled={busy}
            options={TABLES.map((t) => ({ value: t.name, label: t.label.zh }))}
            onChange={(table) => onCorrect({ table })}
          />
        </Descriptions.Item>
        <Descriptions.Item label="结构">{SHAPE_ZH[plan.shape]}</Descriptions.Item>
        <Descriptions.Item label="表头行">
          <HeaderRowsSelect sample={sheet.staged.sample} value={plan.headerRows} disabled={busy} onChange={(headerRows) => onCorrect({ headerRows })} />
        </Descriptions.Item>
        {plan.table === 'indicator_values' && (
          <Descriptions.Item label="期间" span={3}>
            <Space>
              <Input
                size="small"
                style={{ width: 120 }}
                value={period}
                placeholder="如 2025Q3"
                data-testid="period-input"
                onChange={(e) => setPeriod(e.target.value)}
                onBlur={() => period !== (plan.period ?? '') && period && onCorrect({ period })}
              />
              {readAs && (
                <Typography.Text strong data-testid="period-label">
                  {readAs}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">{periodSourceText(plan)}</Typography.Text>
            </Space>
            {basisWarning && <Alert style={{ marginTop: 6 }} type="warning" showIcon title={basisWarning} data-testid="basis-note" />}
          </Descriptions.Item>
        )}
      </Descriptions>
      {plan.notes.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={plan.notes.join('；')} />}
      <SheetPreview sheet={sheet} />
      <Table
        size="small"
        style={{ marginTop: 8 }}
        pagination={false}
        rowKey="index"
        data-testid="mapping-table"
        dataSource={[...plan.columns]}
        columns={[
          { title: '列', dataIndex: 'index', width: 48, render: (i: number) => columnLetter(i) },
          { title: '表头', dataIndex: 'header', width: 240, ellipsis: { showTitle: true } },
          { title: '单位', dataIndex: 'unit', width: 96, ellipsis: { showTitle: true }, render: (u: string | null) => <span className="hj-nowrap">{u ?? ''}</span> },
          {
            title: '导入为',
            key: 'role',
            render: (_: unknown, c) => {
              const choices = roleChoices(c, plan, catalog);
              return (
                <Select
                  size="small"
                  showSearch
                  optionFilterProp="label"
                  style={{ width: '100%', minWidth: 320, maxWidth: 520 }}
                  disabled={busy}
                  value={roleKey(c.role)}
                  data-testid={`mapping-${c.index}`}
                  options={choices.map((x) => ({ value: x.value, label: x.label, title: x.label }))}
                  onChange={(v: string) => {
                    const choice = choices.find((x) => x.value === v);
                    if (choice) onCorrect({ columns: [{ key: c.key, role: choice.role }] });
                  }}
                />
              );
            },
          },
          {
            title: '匹配度',
            key: 'confidence',
            width: 110,
            // A manual choice is 手动, not a percentage; a column not imported says why.
            render: (_: unknown, c) =>
              c.role.kind === 'ignore' ? (
                <Tooltip title={outcomes[c.index]?.reasonText}>
                  <Tag color={outcomes[c.index]?.warning ? 'red' : 'default'}>未导入</Tag>
                </Tooltip>
              ) : c.source === 'user' ? (
                <Tag color="purple">手动</Tag>
              ) : (
                <Tag color={c.confidence >= 0.9 ? 'green' : c.confidence >= 0.6 ? 'gold' : 'red'}>
                  {c.source === 'remembered' ? '沿用 ' : ''}
                  {Math.round(c.confidence * 100)}%
                </Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
