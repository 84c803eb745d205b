/**
 * Every column of a sheet ends in one stated outcome: imported into a canonical column or an indicator (with the
 * rule that matched and its confidence), or 未导入 with a reason. The same list feeds the wizard's mapping step,
 * the validation report (and its CSV) and the CLI's JSON, so a value never lands elsewhere, or nowhere, unseen.
 */
import { tableDef, type TableName } from '../../model/tables.js';
import { ROLE_LABELS } from './layout-words.js';
import type { ColumnPlan, ColumnRole, UnmappedReason } from './layout-types.js';

/** How the target was chosen: the header or content matched exactly, fuzzily, by the user, or from mapping memory. */
export type MatchRule = 'exact' | 'fuzzy' | 'manual' | 'remembered';

/** The outcome of one sheet column. */
export interface ColumnOutcome {
  /** 0-based column of the sheet. */
  readonly index: number;
  readonly header: string;
  readonly status: 'imported' | 'not-imported';
  /** Chinese description of the target ('指标 ZJ02 地区生产总值增速（数值）', '地区名称'); null when not imported. */
  readonly target: string | null;
  readonly role: ColumnRole;
  readonly rule: MatchRule | null;
  /** 0..1 for detected matches; null for manual choices and columns not imported. */
  readonly confidence: number | null;
  readonly reason: UnmappedReason | null;
  /** Chinese reason for a column not imported. */
  readonly reasonText: string | null;
  /** Most sample cells are numbers. */
  readonly numeric: boolean;
  /** A numeric column not imported without the user leaving it out: the report warns and the CLI exits 3. */
  readonly warning: boolean;
}

/** Chinese reasons, as the report and the wizard show them. */
export function unmappedText(reason: UnmappedReason, other?: string): string {
  switch (reason) {
    case 'unknown':
      return '表头与指标目录和字段都不匹配';
    case 'empty':
      return '该列为空';
    case 'competing':
      return `与「${other ?? ''}」对应同一目标，已导入后者`;
    case 'auxiliary':
      return '辅助列（序号、排名等），不含可导入的数据';
    case 'user':
      return '用户选择不导入';
  }
}

/** The Chinese name of a column's target; indicators by code and name, so colliding names stay apart. */
export function targetText(role: ColumnRole, table: TableName, indicatorName: (id: string) => string | undefined): string {
  if (role.kind === 'column') {
    const col = tableDef(table).columns.find((c) => c.name === role.column);
    return col ? col.label.zh : String(role.column);
  }
  const measure = ROLE_LABELS[role.kind];
  if (!role.indicator && !role.period) return measure;
  const ind = role.indicator ? `指标 ${role.indicator} ${indicatorName(role.indicator) ?? ''}`.trim() : '';
  const period = role.period ? `期间 ${role.period}` : '';
  return `${[ind, period].filter(Boolean).join('，')}（${measure}）`;
}

/** The outcome of every column of a plan, in sheet order. */
export function columnOutcomes(
  columns: readonly ColumnPlan[],
  table: TableName,
  indicatorName: (id: string) => string | undefined = () => undefined,
): ColumnOutcome[] {
  return columns.map((c) => {
    const numeric = c.numeric === true;
    if (c.role.kind === 'ignore') {
      const reason = c.unmapped?.reason ?? (c.source === 'user' ? 'user' : 'unknown');
      const warning = numeric && reason !== 'user' && reason !== 'auxiliary';
      const text = unmappedText(reason, c.unmapped?.with);
      return { index: c.index, header: c.header, status: 'not-imported', target: null, role: c.role, rule: null, confidence: null, reason, reasonText: text, numeric, warning };
    }
    const rule: MatchRule = c.source === 'user' ? 'manual' : c.source === 'remembered' ? 'remembered' : c.confidence >= 1 ? 'exact' : 'fuzzy';
    const confidence = rule === 'manual' ? null : c.confidence;
    return { index: c.index, header: c.header, status: 'imported', target: targetText(c.role, table, indicatorName), role: c.role, rule, confidence, reason: null, reasonText: null, numeric, warning: false };
  });
}

/** The warning line for a numeric column that will not be imported. */
export function lostColumnNote(o: ColumnOutcome): string {
  return `「${o.header}」列含数值但未导入（${o.reasonText ?? ''}）：请在映射中指定它的指标，或明确选择「不导入」`;
}

/** Chinese names of the rules (匹配方式). */
export const MATCH_RULE_ZH: Record<MatchRule, string> = { exact: '精确匹配', fuzzy: '近似匹配', manual: '手动', remembered: '沿用上次映射' };

/** How an imported column matched, in one phrase ('精确匹配，匹配度 100%', '手动'); its reason when not imported. */
export function matchText(c: ColumnOutcome): string {
  if (!c.rule) return c.reasonText ?? '';
  return `${MATCH_RULE_ZH[c.rule]}${c.confidence !== null ? `，匹配度 ${Math.round(c.confidence * 100)}%` : ''}`;
}
