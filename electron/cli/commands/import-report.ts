import type { CommitResult, Validation } from '../../../shared/ingest/pipeline/pipeline.js';
import { maskField, maskProfile } from '../../../shared/format/mask.js';
import { matchText } from '../../../shared/ingest/layout/column-outcomes.js';
import { ISSUE_KIND_ZH } from '../../../shared/ingest/report.js';
import { replacementText } from '../../../shared/ingest/history/history.js';
import { tableDef } from '../../../shared/model/tables.js';
import { LEVEL_ZH, MATCH_METHOD_ZH, type BoundaryReport, type MatchMethod } from '../../../shared/ingest/maps/boundary-types.js';

const FIRST_ISSUES = 10;

/** How personal data shows: masked unless the user asked otherwise (--show-personal), as in the app. */
export interface ReportOptions {
  readonly unmasked?: boolean;
}

/** Issue values and reasons with ID and phone numbers masked: the CLI report is shown and saved like the app's. */
function maskerOf(opts: ReportOptions): { show: (s: string | null) => string | null; masked: <T extends { value: string | null; reason: string }>(i: T) => T } {
  const profile = maskProfile({ unmasked: opts.unmasked });
  const show = (s: string | null): string | null => maskField(profile, 'text', s);
  return { show, masked: (i) => ({ ...i, value: show(i.value), reason: show(i.reason) ?? '' }) };
}

/** The import report as one JSON document: per sheet, per form batch, per failed file, and what was written. */
export function importJson(workspace: string, v: Validation, committed: CommitResult | null, dryRun: boolean, opts: ReportOptions = {}): unknown {
  const { show, masked } = maskerOf(opts);
  return {
    workspace,
    committed: committed !== null,
    batchId: committed?.batchId ?? null,
    dryRun,
    replaces: v.replaces,
    sheets: v.applied.map(({ key, applied }) => {
      const r = applied.report;
      const s = v.session.sheets.find((x) => x.key === key);
      return {
        file: r.file,
        sheet: r.sheet,
        format: r.format ?? s?.format ?? null,
        encoding: r.encoding ?? s?.staged.encoding ?? null,
        table: r.table,
        shape: r.shape,
        period: r.period,
        periodLabel: r.periodLabel ?? null,
        periodSource: r.periodSource,
        rowsRead: r.rowsRead,
        rowsImported: r.rowsImported,
        rowsRejected: r.rowsRejected,
        rowsSkipped: r.rowsSkipped,
        valuesImported: r.valuesImported,
        issueCounts: r.issueCounts,
        issueGroups: r.issueGroups.map((g) => ({ ...g, reason: show(g.reason), examples: g.examples.map((e) => ({ ...e, value: show(e.value) })) })),
        firstIssues: r.issues.filter((i) => i.kind === 'rejected').slice(0, FIRST_ISSUES).map(masked),
        notes: r.notes,
        columnWarnings: r.columnWarnings,
        columns: r.columns,
      };
    }),
    forms: v.forms && { ...v.forms, issues: v.forms.issues.slice(0, FIRST_ISSUES).map(masked) },
    excludedSheets: v.session.sheets.filter((s) => s.excluded).map((s) => ({ file: s.staged.file, sheet: s.staged.sheet })),
    failures: v.session.failures,
    sheetErrors: v.sheetErrors,
    emptySheets: v.session.emptySheets,
    // Per GeoJSON file: every feature matched (and how) or listed with its reason, and the regions left without a shape.
    maps: v.boundaries.map(({ report: r }) => ({
      file: r.file,
      features: r.features,
      matched: r.matched,
      matchedBy: r.matchedBy,
      levels: r.levels,
      unmatchedFeatures: r.unmatchedFeatures,
      regionsWithoutShape: r.regionsWithoutShape,
      matches: r.matches,
      notes: r.notes,
    })),
    tables: committed?.tables ?? [],
  };
}

/** The same report for people, in Chinese. */
export function importText(workspace: string, v: Validation, committed: CommitResult | null, dryRun: boolean, opts: ReportOptions = {}): string {
  const { masked } = maskerOf(opts);
  const lines: string[] = [];
  for (const { applied } of v.applied) {
    const r = applied.report;
    lines.push(
      `${r.file}${r.sheet ? ` / ${r.sheet}` : ''} → ${tableDef(r.table).label.zh}${r.periodLabel ? `（${r.periodLabel}）` : r.period ? `（期间 ${r.period}）` : ''}：` +
        `读取 ${r.rowsRead} 行，导入 ${r.rowsImported}，拒绝 ${r.rowsRejected}，跳过 ${r.rowsSkipped}（${r.valuesImported} 条数据）`,
    );
    for (const c of r.columns) {
      lines.push(`    列「${c.header}」→ ${c.status === 'imported' ? `${c.target}（${matchText(c)}）` : `未导入：${c.reasonText}${c.warning ? '  ⚠ 含数值' : ''}`}`);
    }
    for (const i of r.issues.filter((x) => x.kind === 'rejected').slice(0, FIRST_ISSUES)) {
      const m = masked(i);
      lines.push(`    第 ${m.row} 行${m.column ? ` 「${m.column}」` : ''}${m.value !== null ? ` 值「${m.value}」` : ''}：${ISSUE_KIND_ZH[m.kind]}，${m.reason}`);
    }
  }
  if (v.forms) {
    const f = v.forms;
    lines.push(`任免审批表 ${f.files} 份：导入 ${f.imported}，失败 ${f.rejected}；干部 ${f.cadres} 人，任职经历 ${f.appointments} 条，考核 ${f.assessments} 条`);
  }
  for (const b of v.boundaries) lines.push(...boundaryText(b.report));
  for (const f of v.session.failures) lines.push(`失败：${f.file}：${f.message}`);
  for (const e of v.sheetErrors) lines.push(`无法导入：${e.file}${e.sheet ? ` / ${e.sheet}` : ''}：${e.message}`);
  for (const s of v.session.emptySheets) lines.push(`空工作表已跳过：${s}`);
  for (const r of v.replaces) lines.push(replacementText(r, committed !== null));
  if (dryRun) lines.push('试运行（--dry-run）：未写入工作区。');
  else if (committed) lines.push(`已写入工作区 ${workspace}（导入批次 ${committed.batchId}，可用 undo-import ${committed.batchId} 撤销）：${committed.tables.map((t) => `${tableDef(t.table).label.zh} ${t.rows} 行（替换 ${t.replaced}）`).join('，')}`);
  else lines.push('有文件或工作表无法导入，本次未写入任何数据（全部或全不）；可用 --table 指定目标表，或只导入其余文件。');
  return lines.join('\n');
}

/** A boundary file's report lines: counts by match method, then every unmatched feature and every region without a shape. */
function boundaryText(r: BoundaryReport): string[] {
  const by = (Object.keys(MATCH_METHOD_ZH) as MatchMethod[]).filter((k) => r.matchedBy[k] > 0).map((k) => `${MATCH_METHOD_ZH[k]} ${r.matchedBy[k]}`);
  const lines = [
    `${r.file} → 地图边界：${r.features} 个要素，匹配 ${r.matched} 个${by.length ? `（${by.join('，')}）` : ''}，` +
      `未匹配 ${r.unmatchedFeatures.length} 个；没有边界的地区 ${r.regionsWithoutShape.length} 个`,
  ];
  for (const u of r.unmatchedFeatures) lines.push(`    未匹配的要素 第 ${u.feature} 个${u.name ? `「${u.name}」` : ''}${u.code ? `（代码 ${u.code}）` : ''}：${u.reason}`);
  if (r.regionsWithoutShape.length) {
    lines.push(`    没有边界的地区：${r.regionsWithoutShape.map((x) => `${x.name}（${x.regionCode}，${LEVEL_ZH[x.level] ?? x.level}）`).join('、')}`);
  }
  for (const m of r.matches.filter((x) => x.note)) lines.push(`    第 ${m.feature} 个要素 → ${m.name}（${m.regionCode}，${MATCH_METHOD_ZH[m.by]}）：${m.note}`);
  for (const n of r.notes) lines.push(`    ${n}`);
  return lines;
}
