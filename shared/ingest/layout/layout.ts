/**
 * Layout detection: from a sheet's sample to a LayoutPlan (title/header rows, target table, shape, period,
 * column roles with confidence and alternatives), and user overrides applied on top. Pure and synchronous;
 * the plan is JSON (see layout-types.ts).
 */
import { HengjianError } from '../../contract/errors.js';
import type { TableName } from '../../model/tables.js';
import { headerKey, headerParts } from './headers.js';
import { planIndicatorColumn, resolveConflicts, withUnit } from './layout-columns.js';
import { columnsOf, DERIVABLE, planRecordColumns, RECORD_TABLES, recordScore } from './layout-records.js';
import { detectRows, isFootnoteText, isTotalsText, textGrid } from './layout-rows.js';
import type { ColumnPlan, LayoutContext, LayoutOverrides, LayoutPlan, RowNote, Shape } from './layout-types.js';
import { detectPeriod, parsePeriodSet, parsePeriodText, type DetectedPeriod } from './period-text.js';
import { regionResolver } from './region-match.js';
import { gridWidth } from '../stage/stage-rows.js';
import { normalizeNumber } from '../values/values.js';
import type { RawSheet } from '../types.js';

/** The plan types, so callers import everything layout from one module. */
export type * from './layout-types.js';

const MEASURES = ['value', 'yoy', 'target'];

/** Most non-empty cells of the sample read as numbers (a column whose loss must not go unnoticed). */
function isNumericColumn(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.filter((c) => normalizeNumber(c).value !== null).length / filled.length >= 0.5;
}
const has = (cols: readonly ColumnPlan[], kind: string): boolean => cols.some((c) => c.role.kind === kind);

/** The shape a set of column roles describes. */
export function shapeOf(table: TableName, cols: readonly ColumnPlan[]): Shape {
  if (table !== 'indicator_values') return 'records';
  if (has(cols, 'indicator_id') || has(cols, 'indicator_name')) return 'long';
  if (cols.some((c) => MEASURES.includes(c.role.kind) && c.role.indicator)) return 'wide-indicators';
  if (cols.some((c) => MEASURES.includes(c.role.kind) && c.role.period)) return 'wide-periods';
  return 'long';
}

/** Rows of the sample that are structural, for the preview (the import finds them again in SQL). */
function sampleRowNotes(grid: (string | null)[][], first: number, nameCol: number | null, numbering: number[]): RowNote[] {
  const notes: RowNote[] = numbering.map((row) => ({ row, kind: 'numbering', reason: '表头下的栏目编号行' }));
  let inFootnotes = false;
  for (let r = first - 1; r < grid.length; r++) {
    const cells = (grid[r] ?? []).filter((c): c is string => c !== null);
    const row = r + 1;
    if (cells.length === 0) notes.push({ row, kind: 'blank', reason: '空行' });
    else if (isFootnoteText(cells[0] as string) || (inFootnotes && cells.length <= 1)) {
      inFootnotes = true;
      notes.push({ row, kind: 'footnote', reason: '表尾注释或说明' });
    } else if (nameCol !== null && isTotalsText(grid[r]?.[nameCol] ?? '')) notes.push({ row, kind: 'totals', reason: `合计行（${grid[r]?.[nameCol]}）` });
  }
  return notes;
}

/**
 * A bare '增速' or '目标' column right after an indicator's column belongs to it ('地区生产总值 | 增速 |
 * 规上工业增加值 | 增速'), unless the sheet has an indicator column (a long sheet).
 */
function inheritIndicators(cols: ColumnPlan[]): ColumnPlan[] {
  if (has(cols, 'indicator_id') || has(cols, 'indicator_name')) return cols;
  let last: ColumnPlan | null = null;
  return cols.map((c) => {
    if (c.role.indicator || c.role.period) last = c;
    const bare = (c.role.kind === 'yoy' || c.role.kind === 'target') && !c.role.indicator && !c.role.period;
    if (!bare || !last) return c;
    const { indicator, period } = last.role;
    const role = { ...c.role, ...(indicator ? { indicator } : {}), ...(period ? { period } : {}) };
    return { ...c, role, confidence: Math.round(c.confidence * 0.9 * 1000) / 1000 };
  });
}

/** Periods in headers form one series: '2024年' next to '2025年1-9月' becomes 2024Q4 (see parsePeriodSet). */
function alignPeriods(cols: ColumnPlan[]): ColumnPlan[] {
  const withPeriod = cols.filter((c) => c.role.period);
  const parts = withPeriod.map((c) => headerParts(c.header).find((p) => parsePeriodText(p)) ?? '');
  const aligned = parsePeriodSet(parts);
  return cols.map((c) => {
    const i = withPeriod.indexOf(c);
    const period = i >= 0 ? aligned[i] : null;
    return period ? { ...c, role: { ...c.role, period } } : c;
  });
}

/** The indicator a wide-periods sheet is about: the longest catalogue name in the title rows, else the file name. */
function sheetIndicator(titles: string, ctx: LayoutContext): LayoutPlan['indicator'] {
  if (ctx.hint?.indicator) {
    const i = ctx.indicators.find((x) => x.id === ctx.hint?.indicator);
    return { id: ctx.hint.indicator, name: i?.name ?? ctx.hint.indicator, source: 'user' };
  }
  const byLength = [...ctx.indicators].sort((a, b) => b.name.length - a.name.length);
  for (const [text, source] of [[headerKey(titles), 'title'], [headerKey(ctx.fileName), 'file']] as const) {
    const hit = byLength.find((i) => text.includes(headerKey(i.name)));
    if (hit) return { id: hit.id, name: hit.name, source };
  }
  return null;
}

/** Detect the layout of a sheet from its sample. */
export function detectLayout(sample: RawSheet, ctx: LayoutContext): LayoutPlan {
  const width = gridWidth(sample);
  const rows = detectRows(sample, width, ctx.hint?.headerRows);
  const grid = textGrid(sample, width);
  const notes: string[] = [];
  const early = sampleRowNotes(grid, rows.firstDataRow, null, rows.numberingRows);
  const skip = new Set(early.map((n) => n.row));
  const data = grid.slice(rows.firstDataRow - 1).filter((_, i) => !skip.has(rows.firstDataRow + i));
  const cellsOf = (j: number): string[] => data.map((r) => r[j]).filter((c): c is string => c !== null);
  const resolve = regionResolver(ctx.regions, ctx.regionAliases);
  const planned = alignPeriods(rows.headers.map((h, j) => planIndicatorColumn(j, h, cellsOf(j), ctx, resolve, rows.unit)));
  const iv = resolveConflicts(inheritIndicators(planned), notes);
  const ivShape = shapeOf('indicator_values', iv);
  const hasRegion = has(iv, 'region_code') || has(iv, 'region_name');
  const measures = iv.filter((c) => MEASURES.includes(c.role.kind));
  const ivFeasible = hasRegion && (ivShape === 'long' ? measures.length > 0 : measures.some((c) => c.role.indicator || c.role.period));
  const recs = RECORD_TABLES.map((t) => ({ t, cols: planRecordColumns(t, rows.headers) })).map((r) => ({ ...r, score: recordScore(r.t, r.cols) }));
  const bestRec = [...recs].sort((a, b) => b.score - a.score)[0];
  const table: TableName = ctx.hint?.table ?? (ivFeasible || !bestRec || bestRec.score === 0 ? 'indicator_values' : bestRec.t);
  const columns = table === 'indicator_values' ? iv : (recs.find((r) => r.t === table)?.cols ?? planRecordColumns(table, rows.headers));
  const shape = shapeOf(table, columns);
  const confidence = table === 'indicator_values' ? (ivFeasible ? 0.9 : 0.3) : Math.min(1, (bestRec?.score ?? 0) / 6);
  const titles = rows.titleRows.map((r) => (grid[r - 1] ?? []).filter(Boolean).join(' ')).join(' ');
  const lacksInd = (c: ColumnPlan): boolean => MEASURES.includes(c.role.kind) && !c.role.indicator;
  const needInd = table === 'indicator_values' && shape !== 'long' && columns.some(lacksInd);
  const indicator = needInd ? sheetIndicator(titles, ctx) : null;
  const withInd = indicator ? columns.map((c) => (lacksInd(c) ? { ...c, role: withUnit({ ...c.role, indicator: indicator.id }, c.unit, ctx, rows.unit) } : c)) : columns;
  const periodCol = columns.find((c) => c.role.kind === 'period');
  const headerPeriods = columns.some((c) => c.role.period);
  const detected: DetectedPeriod = ctx.hint?.period
    ? { period: ctx.hint.period, source: { kind: 'user' } }
    : headerPeriods && shape === 'wide-periods'
      ? { period: null, source: { kind: 'header' } }
      : detectPeriod(sample, ctx.fileName, { headerRow: rows.headerRows[0] ?? 1, ...(periodCol ? { periodColumn: { index: periodCol.index, header: periodCol.header } } : {}) });
  const nameCol = table === 'indicator_values' ? (columns.find((c) => c.role.kind === 'region_name') ?? columns.find((c) => c.role.kind === 'region_code'))?.index ?? null : null;
  const numericCols = new Set(rows.headers.map((_, j) => j).filter((j) => isNumericColumn(cellsOf(j))));
  const marked = (cols: readonly ColumnPlan[]): ColumnPlan[] => cols.map((c) => (numericCols.has(c.index) ? { ...c, numeric: true } : c));
  const plan: LayoutPlan = {
    version: 1,
    file: sample.file,
    sheet: sample.sheet,
    table,
    shape,
    confidence,
    titleRows: rows.titleRows,
    headerRows: rows.headerRows,
    firstDataRow: rows.firstDataRow,
    rowNotes: sampleRowNotes(grid, rows.firstDataRow, nameCol, rows.numberingRows),
    period: detected.period,
    periodSource: detected.source,
    indicator,
    unit: rows.unit,
    columns: marked(table === 'indicator_values' ? withInd : columns),
    notes,
  };
  return { ...plan, notes: [...notes, ...planNotes(plan)] };
}

const DERIVED_NOTE: Record<string, string> = {
  cadre_id: '按姓名和出生年月（缺出生年月时按身份证号）生成，编号不含身份证号',
  level: '按区划代码推断（省/市/县）',
  direction: '全部按正向（+1）导入，请核对',
};

/** What the user should check before importing (Chinese). */
export function planNotes(plan: LayoutPlan): string[] {
  const out: string[] = [];
  const cols = plan.columns;
  if (plan.table === 'indicator_values') {
    if (!has(cols, 'region_code') && !has(cols, 'region_name')) out.push('未找到地区列（区划代码或地区名称），请指定');
    if (!cols.some((c) => MEASURES.includes(c.role.kind))) out.push('未找到数值列，请指定');
    const needPeriod = !has(cols, 'period') && cols.some((c) => MEASURES.includes(c.role.kind) && !c.role.period);
    if (needPeriod && !plan.period) out.push('未能确定期间：请在标题、文件名中注明，或手动指定（命令行 --period）');
    const needInd = !has(cols, 'indicator_id') && !has(cols, 'indicator_name') && cols.some((c) => MEASURES.includes(c.role.kind) && !c.role.indicator);
    if (needInd) out.push('未能确定指标：请在标题中注明指标名称，或手动指定');
  } else {
    for (const c of columnsOf(plan.table).filter((c) => c.required)) {
      if (cols.some((x) => x.role.column === c.name)) continue;
      if ((DERIVABLE[plan.table] ?? []).includes(c.name)) out.push(`未找到「${c.label.zh}」列：${DERIVED_NOTE[c.name] ?? '将自动生成'}`);
      else out.push(`缺少必填列「${c.label.zh}」，请指定`);
    }
    if (plan.table === 'assessments' && !cols.some((x) => x.role.column === 'kind')) out.push('未找到「考核类型」列：按「年度」考核导入');
  }
  for (const c of cols) {
    if (c.role.scale) out.push(`「${c.header}」的单位为 ${c.unit ?? plan.unit}，按指标目录单位换算（×${c.role.scale.mul}÷${c.role.scale.div}）`);
    if (c.role.unitError) out.push(`「${c.header}」：${c.role.unitError}，该列数值将被拒绝`);
  }
  return out;
}

/**
 * Corrections on top of earlier ones: fields replace, but column overrides merge by column (key, else index), so
 * editing one column never undoes the edits of another.
 */
export function mergeOverrides(earlier: LayoutOverrides, later: LayoutOverrides): LayoutOverrides {
  const merged: LayoutOverrides = { ...earlier, ...later };
  if (!earlier.columns || !later.columns) return merged;
  const id = (c: { key?: string; index?: number }): string => (c.key !== undefined ? `k:${c.key}` : `i:${c.index}`);
  const byColumn = new Map(earlier.columns.map((c) => [id(c), c]));
  for (const c of later.columns) byColumn.set(id(c), c);
  return { ...merged, columns: [...byColumn.values()] };
}

/**
 * Apply user corrections. Column roles, period, indicator and first data row apply directly; a different
 * table or header rows re-run detection, which needs the sample and context (`redetect`).
 */
export function applyOverrides(plan: LayoutPlan, o: LayoutOverrides, redetect?: { sample: RawSheet; ctx: LayoutContext }): LayoutPlan {
  const sameRows = !o.headerRows || o.headerRows.join() === plan.headerRows.join();
  if ((o.table && o.table !== plan.table) || !sameRows) {
    if (!redetect) throw new HengjianError('ingest.layout.redetect', '更改目标表或表头行需要重新识别表格（缺少样本）');
    const hint = { ...redetect.ctx.hint, table: o.table ?? plan.table, headerRows: o.headerRows ?? plan.headerRows };
    plan = detectLayout(redetect.sample, { ...redetect.ctx, hint });
  }
  let next: LayoutPlan = { ...plan };
  if (o.period !== undefined) {
    const period = parsePeriodText(o.period);
    if (!period) throw new HengjianError('ingest.layout.period', `无法识别的期间：${o.period}（应如 2025Q3、2025-09、2025）`);
    next = { ...next, period, periodSource: { kind: 'user' } };
  }
  if (o.indicator !== undefined) {
    const name = redetect?.ctx.indicators.find((i) => i.id === o.indicator)?.name ?? o.indicator;
    next = { ...next, indicator: { id: o.indicator, name, source: 'user' } };
  }
  if (o.firstDataRow !== undefined) next = { ...next, firstDataRow: o.firstDataRow };
  const columns = next.columns.map((c): ColumnPlan => {
    const ov = (o.columns ?? []).find((x) => (x.key !== undefined ? x.key === c.key : x.index === c.index));
    if (!ov) return c;
    const role = redetect ? withUnit(ov.role, c.unit, redetect.ctx, next.unit) : ov.role;
    const { unmapped: _u, ...rest } = c;
    const alternatives = [{ role: c.role, label: '自动识别', score: c.confidence }, ...c.alternatives].slice(0, 4);
    return { ...rest, role, confidence: 1, alternatives, source: ov.source ?? ('user' as const), ...(role.kind === 'ignore' ? { unmapped: { reason: 'user' as const } } : {}) };
  });
  next = { ...next, columns, shape: shapeOf(next.table, columns) };
  return { ...next, notes: planNotes(next) };
}
