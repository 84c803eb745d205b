import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Space, Statistic } from 'antd';
import { errorMessage } from '../../../shared/contract/errors.js';
import type { Validation } from '../../../shared/ingest/pipeline/pipeline.js';
import { ISSUE_KIND_ZH, ISSUE_KINDS, reportToCsvBytes, type IssueGroup, type IssueKind, type ReportIssue } from '../../../shared/ingest/report.js';
import { tableDef } from '../../../shared/model/tables.js';
import { hasPersonal, maskField, maskProfile } from '../../../shared/format/mask.js';
import { useHost } from '../../host/host.js';
import { ColumnOutcomes } from './ColumnOutcomes.js';
import { IssueGroups } from './IssueGroups.js';
import { BoundaryReport } from './BoundaryReport.js';
import { audit } from '../../state/audit.js';
import { replacementText } from '../../../shared/ingest/history/history.js';

/** Step 3: per sheet, rows read = imported + rejected + skipped, every issue listed, exportable; then commit. */
export function ImportReport(props: { validation: Validation; onCommit: (remember: boolean) => void; onBack: () => void; onCancel: () => void }) {
  const { validation } = props;
  const host = useHost();
  const { message } = App.useApp();
  const [remember, setRemember] = useState(true);
  const [unmasked, setUnmasked] = useState(false);
  const shown = (v: string | null): string | null => maskField(maskProfile({ unmasked }), 'text', v);
  const issues: ReportIssue[] = validation.applied.flatMap((a) => [...a.applied.report.issues]);
  const formIssues: ReportIssue[] = (validation.forms?.issues ?? []).map((i) => ({
    file: i.file,
    sheet: null,
    // A form has no rows: the issue names the file and the field (and the line within 简历).
    row: 0,
    column: `${i.column}${i.line ? `（第 ${i.line} 行）` : ''}`,
    value: i.value,
    kind: i.severity === 'error' ? 'rejected' : 'warning',
    reason: i.reason,
  }));
  const all = [...issues, ...formIssues];
  // Forms (.lrmx) and boundaries have no column mapping: no mapping controls for them.
  const mapped = validation.session.sheets.length > 0;
  const counts = Object.fromEntries(ISSUE_KINDS.map((k) => [k, 0])) as Record<IssueKind, number>;
  for (const a of validation.applied) for (const k of ISSUE_KINDS) counts[k] += a.applied.report.issueCounts[k];
  for (const i of formIssues) counts[i.kind] += 1;
  const groups: (IssueGroup & { file: string })[] = validation.applied.flatMap((a) => a.applied.report.issueGroups.map((g) => ({ ...g, file: a.applied.report.file })));
  const exportCsv = () => {
    audit
      .around('export', `导入校验报告.csv${unmasked ? '（含未脱敏的证件号、手机号）' : ''}`, () => host.saveFile({ suggestedName: '导入校验报告.csv', bytes: reportToCsvBytes({ issues: all, sheets: validation.applied.map((a) => a.applied.report) }, all, { unmasked }), filters: [{ name: 'CSV', extensions: ['csv'] }] }), (x) => audit.outcome(x.saved))
      .then((r) => r.saved && void message.success(`已导出：${r.location}`), (e: unknown) => void message.error(errorMessage(e)));
  };
  return (
    <Flex vertical gap={12} data-testid="import-report">
      {validation.sheetErrors.map((e) => (
        <Alert
          key={e.key}
          type="error"
          showIcon
          title={`无法导入：${e.file}${e.sheet ? ` / ${e.sheet}` : ''}`}
          description={`${e.message}。请返回修改列映射，或关闭该表的“导入此表”。`}
          data-testid="sheet-error"
        />
      ))}
      {validation.applied.map(({ key, applied }) => {
        const r = applied.report;
        return (
          <Card key={key} size="small" title={`${r.file}${r.sheet ? ` / ${r.sheet}` : ''} → ${tableDef(r.table).label.zh}${r.periodLabel ? `，${r.periodLabel}` : r.period ? `（${r.period}）` : ''}`}>
            <Space size="large" wrap data-testid="report-counts">
              <Statistic title="读取行" value={r.rowsRead} />
              <Statistic title="导入行" value={r.rowsImported} styles={{ content: { color: '#2f6db5' } }} />
              <Statistic title="拒绝行" value={r.rowsRejected} styles={{ content: { color: r.rowsRejected ? '#cf1322' : undefined } }} />
              <Statistic title="跳过行（合计、注释、空行）" value={r.rowsSkipped} />
              <Statistic title="数据条数" value={r.valuesImported} />
              <Statistic title="缺失" value={r.issueCounts.missing} />
              <Statistic title="更正" value={r.issueCounts.corrected} />
              <Statistic title="未导入的数值列" value={r.columnWarnings} styles={{ content: { color: r.columnWarnings ? '#cf1322' : undefined } }} />
            </Space>
            {r.notes.map((n) => (
              <Alert key={n} type="info" showIcon style={{ marginTop: 8 }} title={n} data-testid="report-note" />
            ))}
            <ColumnOutcomes columns={r.columns} />
          </Card>
        );
      })}
      {validation.replaces.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="report-replaces"
          title="这次导入会替换工作区中已有的记录（同一地区、指标和期间等），被替换的记录保留在导入记录中，撤销本次导入即可恢复"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {validation.replaces.map((r) => (
                <li key={`${r.table}|${r.batchId}`}>{replacementText(r)}</li>
              ))}
            </ul>
          }
        />
      )}
      {validation.forms && (
        <Alert
          type={validation.forms.rejected ? 'warning' : 'success'}
          showIcon
          title={`任免审批表 ${validation.forms.files} 份：导入 ${validation.forms.imported}，失败 ${validation.forms.rejected}；干部 ${validation.forms.cadres} 人，任职经历 ${validation.forms.appointments} 条，考核结果 ${validation.forms.assessments} 条`}
        />
      )}
      {validation.boundaries.map((b) => (
        <BoundaryReport key={b.file} report={b.report} />
      ))}
      <Card size="small" title={`问题清单（按类别：${ISSUE_KINDS.filter((k) => counts[k]).map((k) => `${ISSUE_KIND_ZH[k]} ${counts[k]}`).join('，') || '无'}）`} extra={
          <Space>
            {all.some((i) => hasPersonal(i.value) || hasPersonal(i.reason)) && (
              <Checkbox checked={unmasked} onChange={(e) => {
                  setUnmasked(e.target.checked);
                  if (e.target.checked) void audit.record('unmask', `导入校验报告（${validation.applied.map((a) => a.applied.report.file).join('、') || '导入'}）`, '显示证件号、手机号');
                }} data-testid="show-personal">
                显示完整证件号和电话
              </Checkbox>
            )}
            <Button onClick={exportCsv}>导出校验报告</Button>
          </Space>
        }>
        <IssueGroups groups={groups} issues={all} counts={counts} shown={shown} />
      </Card>
      <Card size="small">
        <Space wrap>
          <Button
            type="primary"
            disabled={validation.sheetErrors.length > 0 || validation.session.failures.length > 0}
            onClick={() => props.onCommit(remember)}
            data-testid="import-commit"
          >
            确认导入
          </Button>
          {mapped && <Button onClick={props.onBack}>返回修改映射</Button>}
          <Button onClick={props.onCancel}>取消导入</Button>
          {mapped && (
            <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>
              记住改动的列映射，下次同样表头的文件自动套用
            </Checkbox>
          )}
        </Space>
      </Card>
    </Flex>
  );
}
