/**
 * Mapping memory: the user's corrections to a layout, remembered under a signature of the source's shape, so
 * next quarter's file with the same headers is mapped the same way without asking again.
 *
 * The signature covers what identifies a source format and nothing that changes between deliveries: the
 * normalised header keys (sorted, so column order does not matter; headers that are periods, like '2025年1-9月',
 * become one placeholder), the detected target table and shape. Titles, periods, file names and data do not
 * enter it. Compute it from the *detected* plan (before overrides), as the next file will be detected alike.
 */
import type { TableName } from '../../model/tables.js';
import type { ColumnOverride, LayoutOverrides, LayoutPlan, Shape } from './layout-types.js';
import { headerParts } from './headers.js';
import { parsePeriodText } from './period-text.js';

/** One remembered source format. */
export interface MemoryEntry {
  readonly signature: string;
  readonly table: TableName;
  readonly shape: Shape;
  /** The header keys signed, for people to recognise the entry. */
  readonly headers: readonly string[];
  /** Column overrides keyed by header; the period is never remembered (it changes every delivery). */
  readonly overrides: LayoutOverrides;
  readonly savedAt: string;
}

/** Everything remembered, by signature (JSON). */
export interface MappingMemory {
  readonly version: 1;
  readonly entries: Readonly<Record<string, MemoryEntry>>;
}

const PERIOD_PLACEHOLDER = '〈期间〉';

/** The header keys that sign a plan: non-empty, periods replaced by a placeholder, distinct and sorted. */
export function signedHeaders(plan: Pick<LayoutPlan, 'columns'>): string[] {
  const keys = plan.columns.map((c) => headerParts(c.key).map((p) => (parsePeriodText(p) ? PERIOD_PLACEHOLDER : p)).join('/')).filter((k) => k !== '');
  return [...new Set(keys)].sort();
}

/** 64-bit FNV-1a over UTF-8, as 16 hex digits: deterministic on every platform, no crypto API needed. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The signature of a detected plan. */
export function sourceSignature(plan: Pick<LayoutPlan, 'table' | 'shape' | 'columns'>): string {
  const text = JSON.stringify(['hengjian-layout/1', plan.table, plan.shape, signedHeaders(plan)]);
  return `hj1-${fnv1a64(text)}`;
}

/** An empty memory. */
export function emptyMemory(): MappingMemory {
  return { version: 1, entries: {} };
}

/** Column overrides addressed by header key (an index alone would break when columns move). */
function byKey(plan: Pick<LayoutPlan, 'columns'>, columns: readonly ColumnOverride[] = []): ColumnOverride[] {
  return columns.flatMap((o) => {
    const key = o.key ?? plan.columns.find((c) => c.index === o.index)?.key;
    return key ? [{ key, role: o.role }] : [];
  });
}

/** Remember the user's overrides of a detected plan (returns a new memory; the input is not changed). */
export function rememberOverrides(memory: MappingMemory, detected: LayoutPlan, overrides: LayoutOverrides, savedAt: string): MappingMemory {
  const signature = sourceSignature(detected);
  const kept: LayoutOverrides = {
    ...(overrides.table ? { table: overrides.table } : {}),
    ...(overrides.headerRows ? { headerRows: [...overrides.headerRows] } : {}),
    ...(overrides.firstDataRow !== undefined ? { firstDataRow: overrides.firstDataRow } : {}),
    ...(overrides.indicator ? { indicator: overrides.indicator } : {}),
    columns: byKey(detected, overrides.columns),
  };
  const entry: MemoryEntry = { signature, table: detected.table, shape: detected.shape, headers: signedHeaders(detected), overrides: kept, savedAt };
  return { version: 1, entries: { ...memory.entries, [signature]: entry } };
}

/** The remembered overrides for a freshly detected plan, or null. */
export function recallOverrides(memory: MappingMemory, detected: LayoutPlan): LayoutOverrides | null {
  return memory.entries[sourceSignature(detected)]?.overrides ?? null;
}

/** Read a stored memory; anything unreadable gives an empty memory rather than an error. */
export function parseMemory(json: unknown): MappingMemory {
  if (typeof json !== 'object' || json === null) return emptyMemory();
  const m = json as { version?: unknown; entries?: unknown };
  if (m.version !== 1 || typeof m.entries !== 'object' || m.entries === null) return emptyMemory();
  const entries: Record<string, MemoryEntry> = {};
  for (const [k, v] of Object.entries(m.entries as Record<string, unknown>)) {
    const e = v as Partial<MemoryEntry> | null;
    if (e && e.signature === k && typeof e.table === 'string' && typeof e.overrides === 'object' && e.overrides !== null) entries[k] = e as MemoryEntry;
  }
  return { version: 1, entries };
}
