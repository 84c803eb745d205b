/** The choices the column-mapping UI offers for one column, with Chinese labels (pure; no UI). */
import type { IndicatorMeta } from '../../model/catalog.js';
import { tableDef } from '../../model/tables.js';
import type { ColumnPlan, ColumnRole, LayoutPlan, RoleKind } from './layout-types.js';
import { ROLE_LABELS } from './layout-words.js';

export interface RoleChoice {
  /** Stable key of the role (JSON of its fields), for select boxes. */
  readonly value: string;
  readonly label: string;
  readonly role: ColumnRole;
}

/** A stable key for a role. */
export function roleKey(role: ColumnRole): string {
  return JSON.stringify([role.kind, role.column ?? null, role.indicator ?? null, role.period ?? null]);
}

/** How a role reads to people: '地区名称', '指标：地区生产总值（数值）', '字段：出生年月'. */
export function roleLabel(role: ColumnRole, plan: Pick<LayoutPlan, 'table'>, indicators: readonly IndicatorMeta[]): string {
  if (role.kind === 'column') {
    const col = tableDef(plan.table).columns.find((c) => c.name === role.column);
    return `${ROLE_LABELS.column}：${col?.label.zh ?? role.column ?? ''}`;
  }
  if ((role.kind === 'value' || role.kind === 'yoy' || role.kind === 'target') && role.indicator) {
    // The code always shows: two catalogues may both hold 地区生产总值 (ZJ01, A01).
    const name = indicators.find((i) => i.id === role.indicator)?.name;
    return `指标：${role.indicator}${name ? ` ${name}` : ''}（${ROLE_LABELS[role.kind]}）${role.period ? ` ${role.period}` : ''}`;
  }
  return ROLE_LABELS[role.kind];
}

const SHEET_ROLES: readonly RoleKind[] = ['region_code', 'region_name', 'indicator_id', 'indicator_name', 'period', 'unit', 'value', 'yoy', 'target', 'stage'];

/** Every role one column may take in this plan: the detected alternatives first, then all others. */
export function roleChoices(column: ColumnPlan, plan: LayoutPlan, indicators: readonly IndicatorMeta[]): RoleChoice[] {
  const roles: ColumnRole[] = [column.role, ...column.alternatives.map((a) => a.role), { kind: 'ignore' }];
  if (plan.shape === 'records') {
    for (const c of tableDef(plan.table).columns) roles.push({ kind: 'column', column: c.name });
  } else {
    for (const k of SHEET_ROLES) roles.push({ kind: k });
    if (plan.shape === 'wide-indicators') {
      for (const i of indicators) for (const kind of ['value', 'yoy'] as const) roles.push({ kind, indicator: i.id, ...(column.role.period ? { period: column.role.period } : {}) });
    }
  }
  const seen = new Set<string>();
  const out: RoleChoice[] = [];
  for (const role of roles) {
    const value = roleKey(role);
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ value, label: roleLabel(role, plan, indicators), role });
  }
  return out;
}
