/**
 * The bench's report: the JSON document written to bench-results/<time>.json (git-ignored) every run, and a table
 * of its numbers for people (every object holding numbers is a row: its path, then each number by name).
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

/** The table as text: the path column padded, the numbers after it. */
export function formatTable(doc: unknown): string {
  const rows = tableRows(doc);
  const width = Math.min(60, Math.max(...rows.map(([p]) => p.length), 4));
  return rows.map(([p, c]) => `${p.padEnd(width)}  ${c.join('  ')}`).join('\n');
}

/** Write the document under bench-results/ (created when missing); returns the file's path. */
export function writeResults(doc: unknown, dir = 'bench-results'): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}
