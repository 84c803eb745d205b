/**
 * Record tables (regions, indicators, cadres, appointments, assessments …): each sheet column matched to at
 * most one canonical column by its Chinese label, aliases, or fuzzily; and the choice of target table.
 */
import type { ColumnDef } from '../../model/schema.js';
import { tableDef, type TableName } from '../../model/tables.js';
import { columnCandidates, headerKey, matchHeader, normalizeHeader, type Candidate } from './headers.js';
import type { ColumnPlan, RoleOption } from './layout-types.js';

/** Tables a sheet can be imported into as records (indicator_values has its own shapes). */
export const RECORD_TABLES: readonly TableName[] = ['cadres', 'regions', 'region_aliases', 'indicators', 'appointments', 'assessments', 'cadre_records'];

/**
 * Required columns a sheet may lack because the import derives them: cadre_id (from 姓名 + 出生年月, else
 * 身份证号), region level (from the code), indicator direction (+1, with a note).
 */
export const DERIVABLE: Partial<Record<TableName, readonly string[]>> = {
  cadres: ['cadre_id'],
  appointments: ['cadre_id'],
  assessments: ['cadre_id'],
  cadre_records: ['cadre_id'],
  regions: ['level'],
  indicators: ['direction'],
};

/** The columns of a canonical table, widened to ColumnDef. */
export function columnsOf(table: TableName): readonly ColumnDef[] {
  return tableDef(table).columns;
}

/** Cadre columns that identify a person in sheets of other tables (to derive cadre_id): 姓名, 出生年月, 身份证号. */
export const CADRE_KEY_COLUMNS = ['name', 'birth_ym', 'id_no'];

function keyHelpers(table: TableName): Candidate<string>[] {
  if (table === 'cadres' || !(DERIVABLE[table] ?? []).includes('cadre_id')) return [];
  return columnCandidates(tableDef('cadres')).filter((c) => CADRE_KEY_COLUMNS.includes(c.target));
}

/** Plan the columns of a records sheet: greedy by score, each canonical column used once. */
export function planRecordColumns(table: TableName, headers: readonly string[]): ColumnPlan[] {
  const cands = [...columnCandidates(tableDef(table)), ...keyHelpers(table)];
  const matches = headers.map((h) => (h ? matchHeader(h, cands, { min: 0.6, keep: 3 }) : { best: null, alternatives: [] }));
  const order = matches.map((m, i) => ({ i, score: m.best?.score ?? 0 })).sort((a, b) => b.score - a.score);
  const taken = new Set<string>();
  const chosen = new Map<number, string>();
  for (const { i } of order) {
    const best = matches[i]?.best;
    if (best && !taken.has(best.target)) {
      taken.add(best.target);
      chosen.set(i, best.target);
    }
  }
  return headers.map((header, index) => {
    const m = matches[index] as (typeof matches)[number];
    const col = chosen.get(index);
    const options: RoleOption[] = [...(m.best && m.best.target !== col ? [m.best] : []), ...m.alternatives].map((a) => ({
      role: { kind: 'column', column: a.target },
      label: a.label,
      score: a.score,
    }));
    const h = normalizeHeader(header);
    const base = { index, header, key: headerKey(header), unit: h.unit };
    if (!col) {
      const rival = m.best ? headers[[...chosen].find(([, t]) => t === m.best?.target)?.[0] ?? -1] : undefined;
      const unmapped = rival !== undefined ? { reason: 'competing' as const, with: rival } : { reason: header.trim() ? ('unknown' as const) : ('empty' as const) };
      return { ...base, role: { kind: 'ignore' }, confidence: 1 - (m.alternatives[0]?.score ?? 0), alternatives: options, unmapped };
    }
    return { ...base, role: { kind: 'column', column: col }, confidence: m.best?.score ?? 0, alternatives: options };
  });
}

/** How well headers fit a records table: weighted matched columns; 0 when a required, non-derivable one is missing. */
export function recordScore(table: TableName, cols: readonly ColumnPlan[]): number {
  const have = new Map(cols.filter((c) => c.role.kind === 'column').map((c) => [c.role.column as string, c.confidence]));
  // A regions sheet has a name column too: only a header that says 别名/曾用名 outright makes an alias sheet.
  if (table === 'region_aliases' && (have.get('alias') ?? 0) < 1) return 0;
  let score = 0;
  for (const c of columnsOf(table)) {
    const s = have.get(c.name);
    if (s !== undefined && s >= 0.75) score += (c.required ? 2 : 1) * s;
    else if (c.required && !(DERIVABLE[table] ?? []).includes(c.name)) return 0;
  }
  return score;
}
