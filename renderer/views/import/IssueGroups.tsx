import { Collapse, Table, Tag, Typography } from 'antd';
import { ISSUE_KIND_ZH, ISSUE_KINDS, type IssueGroup, type IssueKind, type ReportIssue } from '../../../shared/ingest/report.js';

const KIND_COLOR: Record<IssueKind, string> = { rejected: 'red', warning: 'gold', missing: 'purple', corrected: 'blue', skipped: 'default' };
/** Kinds listed one issue per line; the others are routine and summarised by reason with a few examples. */
const DETAILED: readonly IssueKind[] = ['rejected', 'warning'];
const UNIT: Record<IssueKind, string> = { rejected: '条', warning: '条', missing: '处', corrected: '处', skipped: '行' };

/** A group as the report shows it: the same reason across sheets counts once, with the first examples. */
interface ShownGroup extends IssueGroup {
  readonly files: readonly string[];
}

function merge(groups: readonly (IssueGroup & { file: string })[]): ShownGroup[] {
  const byKey = new Map<string, ShownGroup>();
  for (const g of groups) {
    const key = `${g.kind}|${g.reason}`;
    const prev = byKey.get(key);
    byKey.set(
      key,
      prev
        ? { ...prev, count: prev.count + g.count, examples: [...prev.examples, ...g.examples].slice(0, 3), files: [...new Set([...prev.files, g.file])] }
        : { ...g, files: [g.file] },
    );
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

const where = (row: number, column: string | null) => `${row > 0 ? `第 ${row} 行` : ''}${column ? `「${column}」` : row > 0 ? '（整行）' : ''}`;

/**
 * The report's issues grouped by kind with counts, what needs attention first: rejected and warnings one per
 * line; missing marks, routine corrections and skipped rows as counts per reason with a few examples.
 */
export function IssueGroups(props: {
  groups: readonly (IssueGroup & { file: string })[];
  issues: readonly ReportIssue[];
  counts: Readonly<Record<IssueKind, number>>;
  shown: (v: string | null) => string | null;
}) {
  const { shown } = props;
  const items = ISSUE_KINDS.filter((k) => props.counts[k] > 0).map((kind) => {
    const n = props.counts[kind];
    const label = (
      <span data-testid={`issue-group-${kind}`}>
        <Tag color={KIND_COLOR[kind]}>{ISSUE_KIND_ZH[kind]}</Tag>
        {n} {UNIT[kind]}
      </span>
    );
    if (DETAILED.includes(kind)) {
      const list = props.issues.filter((i) => i.kind === kind);
      return {
        key: kind,
        label,
        children: (
          <>
            {list.length < n && <Typography.Text type="secondary">此处列出前 {list.length} 条，共 {n} 条。</Typography.Text>}
            <Table<ReportIssue>
              size="small"
              data-testid={`issues-${kind}`}
              rowKey={(i) => `${i.file}|${i.sheet}|${i.row}|${i.column}|${i.reason}`}
              dataSource={list}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '文件', dataIndex: 'file', width: 180, ellipsis: { showTitle: true } },
                { title: '工作表', dataIndex: 'sheet', width: 100, render: (s: string | null) => s ?? '—' },
                { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '—') },
                { title: '列或字段', dataIndex: 'column', width: 150, render: (c: string | null) => c ?? '整行' },
                { title: '原值', dataIndex: 'value', width: 140, ellipsis: true, render: (v: string | null) => shown(v) ?? '' },
                { title: '原因', dataIndex: 'reason', render: (r: string) => shown(r) },
              ]}
            />
          </>
        ),
      };
    }
    const groups = merge(props.groups.filter((g) => g.kind === kind));
    return {
      key: kind,
      label,
      children: (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`issues-${kind}`}>
          {groups.map((g) => (
            <li key={g.reason}>
              <Typography.Text strong>{shown(g.reason)}</Typography.Text>：{g.count} {UNIT[kind]}
              {g.examples.length > 0 && (
                <Typography.Text type="secondary">
                  ，例如{' '}
                  {g.examples
                    .map((e) => `${where(e.row, e.column)}${e.value !== null ? ` ${shown(e.value)}` : ''}`)
                    .join('；')}
                  {g.files.length > 1 ? `（${g.files.length} 个文件）` : ''}
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      ),
    };
  });
  if (items.length === 0) return <Typography.Text type="secondary">没有需要处理的问题。</Typography.Text>;
  return <Collapse size="small" defaultActiveKey={[...ISSUE_KINDS]} items={items} data-testid="issue-groups" />;
}
