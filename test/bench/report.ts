/**
 * The bench's report: the JSON document written to bench-results/<time>.json (git-ignored) every run, and a table
 * for people: first the figures (figures.ts: median, p95, native DuckDB, ratio, target, met), then every
 * object of the document holding numbers as a row (its path, then each number by name).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Rows of [path, "name value" cells] for every object that holds numbers directly. */
export function tableRows(doc: unknown, at = ''): [string, string[]][] {
  if (doc === null || typeof doc !== 'object') return [];
  const entries = Array.isArray(doc) ? doc.map((v, i) => [String(i), v] as const) : Object.entries(doc as Record<string, Json>);
  const cells = entries.filter(([, v]) => typeof v === 'number' || typeof v === 'boolean').map(([k, v]) => `${k} ${typeof v === 'number' ? round(v) : String(v)}`);
  const own: [string, string[]][] = cells.length ? [[at || '(top)', cells]] : [];
  return [...own, ...entries.flatMap(([k, v]) => tableRows(v, at ? `${at}.${k}` : k))];
}

const round = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** One figure of the list. */
export interface Figure {
  readonly part: string;
  readonly name: string;
  readonly median: number | null;
  readonly p95: number | null;
  readonly unit: string;
  /** Native DuckDB's median for the same question (same unit), and median / native. */
  readonly native: number | null;
  readonly ratio: number | null;
  readonly target: string;
  /** The measured quantity the target speaks of, where it is not the median itself (a ratio). */
  readonly measured: string | null;
  readonly met: boolean | null;
}

const cell = (x: number | null) => (x === null ? '—' : round(x));
const FIGURE_HEADER = ['part', 'figure', 'median', 'p95', 'unit', 'native', '×native', 'target', 'measured', 'met'];

/** The figures as a Markdown table (the doc pastes it as is): one row each, '—' where there is nothing. */
export function formatFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.part, f.name, cell(f.median), cell(f.p95), f.unit, cell(f.native), cell(f.ratio), f.target, f.measured ?? '—', f.met === null ? '—' : f.met ? 'yes' : 'NO']);
  return [FIGURE_HEADER, FIGURE_HEADER.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The table as text: the figures (when the document has them), then the path column padded, the numbers after it. */
export function formatTable(doc: unknown): string {
  const figures = (doc as { figures?: Figure[] } | null)?.figures;
  const rows = tableRows({ ...(doc as object), figures: undefined });
  const width = Math.min(60, Math.max(...rows.map(([p]) => p.length), 4));
  const detail = rows.map(([p, c]) => `${p.padEnd(width)}  ${c.join('  ')}`).join('\n');
  return figures?.length ? `${formatFigures(figures)}\n\n${detail}` : detail;
}

/** Write the document under bench-results/ (created when missing); returns the file's path. */
export function writeResults(doc: unknown, dir = 'bench-results'): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}
