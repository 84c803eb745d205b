/**
 * Runs Electronegativity (@doyensec/electronegativity) offline over the app's sources and compares its findings
 * with the reviewed allowlist (test/electron/electronegativity-allowlist.json). The tool exits 0 whatever it finds,
 * so this wrapper is what fails: on a finding not on the list, and on a list entry that no longer matches.
 * Standalone: `npm run -s audit:electron` prints the comparison as JSON and exits non-zero on a problem.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TOOL = path.join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
export const OFFLINE_PRELOAD = path.join(import.meta.dirname, 'electronegativity-offline.cjs');
/** The app's own sources: main process, preload, renderer (with index.html) and the shared modules. */
export const SCANNED = ['electron', 'renderer', 'shared'] as const;
/** Reaches the network (Electron's release list); everything else runs offline. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] as const;
export const ALLOWLIST_FILE = path.join(ROOT, 'test', 'electron', 'electronegativity-allowlist.json');

export interface Finding {
  readonly check: string;
  readonly severity: string;
  readonly confidence: string;
  readonly file: string;
  readonly location: string;
  readonly sample: string;
  readonly description: string;
}

export interface AllowEntry {
  readonly check: string;
  readonly file: string;
  /** The flagged source text as the tool prints it ('N/A' for global checks without one). */
  readonly sample: string;
  readonly reason: string;
}

/** The Electron version the app is built with: package.json's electron devDependency, without its range sign. */
export function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const version = /\d+\.\d+\.\d+/.exec(pkg.devDependencies?.electron ?? '')?.[0];
  if (!version) throw new Error('package.json has no electron devDependency with a version');
  return version;
}

/** RFC 4180 rows (quoted fields may hold commas, doubled quotes and newlines), as the tool writes them. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly stderr: string;
  readonly seconds: number;
  /** Files the tool could not parse (it reports them and goes on, so they would be silently unscanned). */
  readonly parseErrors: string[];
}

/** Copy the scanned folders to a temporary folder (the tool walks whatever it is given, node_modules included). */
function stage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-electronegativity-'));
  for (const d of SCANNED) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  return dir;
}

/** Run the tool once over the staged sources and return its findings. */
export function scan(): ScanResult {
  const dir = stage();
  const out = path.join(dir, 'findings.csv');
  const started = performance.now();
  try {
    const r = spawnSync(
      process.execPath,
      ['-r', OFFLINE_PRELOAD, TOOL, '-i', dir, '-e', electronVersion(), '-x', EXCLUDED_CHECKS.join(','), '-r', '-v', 'false', '-o', out],
      // LANG picks a locale the tool ships (en-US); its translation download is refused by the preload anyway.
      { encoding: 'utf8', env: { ...process.env, LANG: 'en-US', NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000 },
    );
    if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`electronegativity failed (${r.status}): ${r.stderr || r.stdout}`);
    const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8'));
    // Every row must be whole: 8 fields ending in the check's wiki link. A torn file (the tool's two unordered
    // writes, see electronegativity-offline.cjs) fails here rather than as a strange finding.
    const torn = rows.filter((r) => r.length !== 8 || r[7] !== `https://github.com/doyensec/electronegativity/wiki/${r[0]}`);
    if (header?.[0] !== 'issue' || torn.length > 0) throw new Error(`electronegativity wrote a torn CSV: ${JSON.stringify(torn.slice(0, 2))}`);
    const findings = rows.map(([check, severity, confidence, file, location, sample, description]) => ({
      check: check!, severity: severity!, confidence: confidence!, file: file!, location: location!, sample: sample!, description: description!,
    }));
    const parseErrors = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /error parsing/i.test(l));
    return { findings, stderr: r.stderr, seconds: (performance.now() - started) / 1000, parseErrors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function readAllowlist(): AllowEntry[] {
  return JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8')) as AllowEntry[];
}

const matches = (f: Finding, e: AllowEntry) => f.check === e.check && f.file === e.file && f.sample === e.sample;

/** Findings no entry allows, and entries no finding needs (stale: review and remove them). */
export function compare(findings: readonly Finding[], allowlist: readonly AllowEntry[]): { unreviewed: Finding[]; stale: AllowEntry[] } {
  return {
    unreviewed: findings.filter((f) => !allowlist.some((e) => matches(f, e))),
    stale: allowlist.filter((e) => !findings.some((f) => matches(f, e))),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const result = scan();
  const { unreviewed, stale } = compare(result.findings, readAllowlist());
  process.stdout.write(`${JSON.stringify({ electron: electronVersion(), seconds: Number(result.seconds.toFixed(2)), findings: result.findings.length, unreviewed, stale }, null, 2)}\n`);
  process.exitCode = unreviewed.length + stale.length === 0 ? 0 : 1;
}
