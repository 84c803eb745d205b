/**
 * An import, end to end: prepare (read and stage every file, detect each sheet's layout) → the user reviews and
 * corrects the plans → validate (apply the plans in SQL: canonical rows + a report of every row) → commit (one
 * transaction) or discard. Nothing reaches the canonical tables before commit; a failure changes nothing.
 */
import { listIndicators } from '../../model/catalog.js';
import { HengjianError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { TABLE_NAMES, type TableName } from '../../model/tables.js';
import { applyLayout, type AppliedSheet } from '../apply/apply.js';
import type { GeoJsonResult } from '../readers/columnar/columnar-geo.js';
import { commitParts, dropTables, type CommitPart, type CommittedTable } from '../apply/commit.js';
import { previewReplacements, type Replacement } from '../history/history.js';
import { basisNote, periodWithBases } from '../layout/period-basis.js';
import { quoteIdent } from '../../db/sql.js';
import type { Basis } from '../../model/vocab.js';
import { applyOverrides, detectLayout, mergeOverrides, type LayoutContext, type LayoutOverrides, type LayoutPlan } from '../layout/layout.js';
import type { LrmxBatch } from '../readers/lrmx/lrmx.js';
import { parseInputs, type ParsedInputs, type ParseOptions } from './pipeline-parse.js';
import { mapsOf, type MapsDocument } from './pipeline-maps.js';
import { stageForms, type FormsReport } from './pipeline-forms.js';
import { matchMaps } from '../maps/boundary-regions.js';
import type { BoundaryImport } from '../maps/boundary-types.js';
import { checkCancelled, stageParsed, type CancelSignal, type FileFailure } from './pipeline-read.js';
import type { SniffedFormat } from '../readers/sniff.js';
import type { TextEncodingName } from '../readers/encoding.js';
import { readRegionAliases, type RegionAlias } from '../layout/region-match.js';
import { loadCsv } from '../stage/stage-csv.js';
import type { SourceFile, StagedSheet } from '../types.js';

export { mergeMaps, type MapsDocument } from './pipeline-maps.js';
export type { FormsReport } from './pipeline-forms.js';

export interface PreparedSheet {
  /** Stable within the session: the index of the sheet. */
  readonly key: number;
  readonly format: SniffedFormat;
  readonly staged: StagedSheet;
  /** As detected; `plan` is this with the user's overrides applied. */
  readonly detected: LayoutPlan;
  readonly plan: LayoutPlan;
  readonly overrides: LayoutOverrides;
  /** The user chose not to import this sheet (e.g. a notes sheet of a workbook). */
  readonly excluded: boolean;
  /** CSV/TSV only: the file, to stage again with another encoding. */
  readonly source?: SourceFile;
}

export interface ImportSession {
  readonly id: string;
  readonly sheets: readonly PreparedSheet[];
  readonly forms: LrmxBatch | null;
  readonly maps: readonly { readonly file: string; readonly result: GeoJsonResult }[];
  readonly failures: readonly FileFailure[];
  readonly emptySheets: readonly string[];
  /** Every table the session created, dropped on commit or discard. */
  readonly tempTables: readonly string[];
}

/** What the caller knows better than detection. */
export interface PrepareHints {
  /** Force the target table of every sheet (CLI --table). */
  readonly table?: TableName;
  /** The period of sheets that do not name one (CLI --period). */
  readonly period?: string;
  /** Remembered corrections, by source signature (see mapping memory). */
  readonly remembered?: (plan: LayoutPlan) => LayoutOverrides | null;
}

export type PrepareOptions = PrepareHints & ParseOptions;

/** A short random id for table names (letters and digits only). */
export function newImportId(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** What layout detection needs to know about the workspace: the indicator catalogue and the regions. */
export async function layoutContext(db: Connector, fileName: string, hint: LayoutContext['hint'] = {}): Promise<LayoutContext> {
  const indicators = (await listIndicators(db)).map((i) => ({ id: i.id, name: i.name, unit: i.unit }));
  const regions = (await db.query('SELECT region_code, name, level FROM regions ORDER BY region_code')).rows.map((r) => ({
    code: String(r.region_code),
    name: String(r.name),
    level: String(r.level),
  }));
  return { fileName, indicators, regions, regionAliases: await readRegionAliases(db), hint };
}

/** Read and stage every file and detect the layout of every sheet (parsing in-process: CLI, tests). */
export async function prepareImport(db: Connector, files: readonly SourceFile[], opts: PrepareOptions = {}): Promise<ImportSession> {
  return prepareParsed(db, await parseInputs(files, opts), opts);
}

/** Stage files already parsed (in the app, by the parse worker) and detect the layout of every sheet. */
export async function prepareParsed(db: Connector, parsed: ParsedInputs, opts: PrepareOptions = {}): Promise<ImportSession> {
  const id = newImportId();
  const read = await stageParsed(db, parsed, `stg_${id}`, opts);
  const sheets: PreparedSheet[] = [];
  try {
    for (const [key, input] of read.sheets.entries()) {
      checkCancelled(opts.signal);
      const hint = { ...(opts.table ? { table: opts.table } : {}), ...(opts.period ? { period: opts.period } : {}) };
      const detected = detectLayout(input.staged.sample, await layoutContext(db, input.staged.file, hint));
      const remembered = opts.remembered?.(detected) ?? {};
      const fromMemory = { ...remembered, ...(remembered.columns ? { columns: remembered.columns.map((c) => ({ ...c, source: 'remembered' as const })) } : {}) };
      const overrides: LayoutOverrides = { ...fromMemory, ...(opts.period ? { period: opts.period } : {}) };
      sheets.push({ key, format: input.format, staged: input.staged, detected, plan: applyOverrides(detected, overrides), overrides, excluded: input.hidden, ...(input.source ? { source: input.source } : {}) });
    }
  } catch (e) {
    await dropTables(db, read.sheets.map((s) => s.staged.table));
    throw e;
  }
  return { id, ...read, sheets, tempTables: read.sheets.map((s) => s.staged.table) };
}

/** The session with one sheet's plan corrected by the user (table or header rows re-run detection). */
export async function reviseSheet(db: Connector, session: ImportSession, key: number, overrides: LayoutOverrides): Promise<ImportSession> {
  const sheet = session.sheets.find((s) => s.key === key);
  if (!sheet) throw new HengjianError('import.sheet', `没有编号为 ${key} 的工作表`);
  const merged = mergeOverrides(sheet.overrides, overrides);
  const ctx = await layoutContext(db, sheet.staged.file);
  const plan = applyOverrides(sheet.detected, merged, { sample: sheet.staged.sample, ctx });
  return { ...session, sheets: session.sheets.map((s) => (s.key === key ? { ...s, plan, overrides: merged } : s)) };
}

/** Stage a CSV/TSV again decoded as `encoding` (the user corrected a wrong guess) and detect its layout afresh. */
export async function restageSheet(db: Connector, session: ImportSession, key: number, encoding: TextEncodingName): Promise<ImportSession> {
  const source = session.sheets.find((s) => s.key === key)?.source;
  if (!source) throw new HengjianError('import.sheet', '只有 CSV/TSV 文件可以更改编码');
  return restageParsed(db, session, key, await parseInputs([source], { encoding }));
}

/** Stage a CSV/TSV again from its new parse (`parseInputs([source], { encoding })`, maybe run in the worker). */
export async function restageParsed(db: Connector, session: ImportSession, key: number, parsed: ParsedInputs): Promise<ImportSession> {
  const sheet = session.sheets.find((s) => s.key === key);
  const p = parsed.sheets[0];
  const f = parsed.failures[0];
  if (f) throw new HengjianError(f.code, f.message);
  if (!sheet || p?.kind !== 'csv') throw new HengjianError('import.sheet', '只有 CSV/TSV 文件可以更改编码');
  const staged = await loadCsv(db, p.csv, sheet.staged.table);
  const detected = detectLayout(staged.sample, await layoutContext(db, staged.file));
  const next: PreparedSheet = { ...sheet, staged, detected, plan: detected, overrides: {}, source: p.source };
  return { ...session, sheets: session.sheets.map((s) => (s.key === key ? next : s)) };
}

/** The session with one sheet left out of (or put back into) the import. */
export function excludeSheet(session: ImportSession, key: number, excluded: boolean): ImportSession {
  return { ...session, sheets: session.sheets.map((s) => (s.key === key ? { ...s, excluded } : s)) };
}

/** A sheet whose plan cannot be applied (no region column, no period …): fix its mapping or leave it out. */
export interface SheetError {
  readonly key: number;
  readonly file: string;
  readonly sheet: string | null;
  readonly code: string;
  readonly message: string;
}

export interface Validation {
  readonly session: ImportSession;
  readonly applied: readonly { readonly key: number; readonly applied: AppliedSheet }[];
  /** Sheets that could not be applied; while there are any, nothing can be committed (all or nothing). */
  readonly sheetErrors: readonly SheetError[];
  readonly forms: FormsReport | null;
  readonly parts: readonly CommitPart[];
  /** Records already in the workspace that committing would replace, per table and earlier batch. */
  readonly replaces: readonly Replacement[];
  /** Each GeoJSON file matched to the regions: the features to store and the report of every feature. */
  readonly boundaries: readonly BoundaryImport[];
  readonly tempTables: readonly string[];
  /** Nothing was rejected, no numeric column was left out unasked, and no file failed. */
  readonly clean: boolean;
}

/** Apply every plan in SQL: canonical rows and a report for each sheet, nothing committed yet. */
/** Which sheet validation is on: `done` of `total` sheets finished. */
export interface ValidateProgress {
  readonly file: string;
  readonly sheet: string | null;
  readonly rows: number;
  readonly done: number;
  readonly total: number;
}

export async function validateImport(
  db: Connector,
  session: ImportSession,
  signal?: CancelSignal,
  onProgress?: (p: ValidateProgress) => void,
): Promise<Validation> {
  const applied: { key: number; applied: AppliedSheet }[] = [];
  const sheetErrors: SheetError[] = [];
  const parts: CommitPart[] = [];
  const temps: string[] = [...session.tempTables];
  // Referenced tables first (regions before the data that names them), so one import can bring both.
  const rank = (t: TableName): number => TABLE_NAMES.indexOf(t);
  const todo = session.sheets.filter((s) => !s.excluded).sort((a, b) => rank(a.plan.table) - rank(b.plan.table));
  const pendingRegions: string[] = [];
  const pendingAliases: RegionAlias[] = [];
  const aliasTables: string[] = [];
  const catalogue = await listIndicators(db);
  const names = new Map(catalogue.map((i) => [i.id, i.name]));
  const bases = new Map(catalogue.map((i) => [i.id, i.basis]));
  try {
    for (const s of todo) {
      checkCancelled(signal);
      onProgress?.({ file: s.staged.file, sheet: s.staged.sheet, rows: s.staged.rowCount, done: todo.indexOf(s), total: todo.length });
      try {
        const a = await applyLayout(db, s.staged, s.plan, {
          importId: `${session.id}_${s.key}`,
          format: s.format,
          indicatorName: (id) => names.get(id),
          pendingRegions: [...pendingRegions],
          regionAliases: [...pendingAliases],
        });
        temps.push(a.table, a.issuesTable, a.rowsTable);
        const labelled = s.plan.table === 'indicator_values' ? await withPeriodLabel(db, a, s.plan, (id) => bases.get(id) ?? null) : a;
        if (s.plan.table === 'regions') pendingRegions.push(a.table);
        if (s.plan.table === 'region_aliases') {
          pendingAliases.push(...(await readRegionAliases(db, a.table)));
          aliasTables.push(a.table);
        }
        applied.push({ key: s.key, applied: labelled });
        parts.push({ target: s.plan.table, source: a.table, origins: [{ file: s.staged.file, sheet: s.staged.sheet }] });
      } catch (e) {
        if (!(e instanceof HengjianError) || e.code === 'import.cancelled') throw e;
        sheetErrors.push({ key: s.key, file: s.staged.file, sheet: s.staged.sheet, code: e.code, message: e.message });
      }
    }
    const forms = session.forms ? await stageForms(db, session, parts, temps) : null;
    const rejected = applied.some((a) => a.applied.report.rowsRejected > 0 || a.applied.report.columnWarnings > 0) || (forms?.rejected ?? 0) > 0;
    const failed = session.failures.length > 0 || sheetErrors.length > 0;
    // Reports in the order the user saw the sheets; parts stay in dependency order for the commit.
    applied.sort((a, b) => a.key - b.key);
    sheetErrors.sort((a, b) => a.key - b.key);
    const replaces = sheetErrors.length ? [] : await previewReplacements(db, parts);
    // Boundaries last: matched against the regions and aliases imported alongside as well.
    const boundaries = await matchMaps(db, session.maps, { regions: ['regions', ...pendingRegions], aliases: ['region_aliases', ...aliasTables] });
    return { session, applied, sheetErrors, forms, parts, replaces, boundaries, tempTables: temps, clean: !rejected && !failed };
  } catch (e) {
    await dropTables(db, temps);
    throw e;
  }
}

/** The sheet's period label with the basis of the indicators it imported, and a note when its title's wording disagrees. */
async function withPeriodLabel(db: Connector, a: AppliedSheet, plan: LayoutPlan, basisOf: (id: string) => Basis | null): Promise<AppliedSheet> {
  const ids = (await db.query(`SELECT DISTINCT indicator_id FROM ${quoteIdent(a.table)} ORDER BY 1`)).rows.map((r) => String(r.indicator_id));
  const bases = ids.map(basisOf);
  const title = plan.periodSource.kind === 'title' ? plan.periodSource.text : null;
  const note = basisNote(plan.period, bases, title);
  return { ...a, report: { ...a.report, periodLabel: periodWithBases(plan.period, bases), notes: note ? [...a.report.notes, note] : a.report.notes } };
}


export interface CommitResult {
  /** The import batch now in the workspace's history (undo with undoBatch). */
  readonly batchId: number;
  readonly tables: readonly CommittedTable[];
  /** Boundaries imported (GeoJSON), ready to merge into the workspace's 'maps' document. */
  readonly maps: MapsDocument;
}

/** Merge everything validated into the workspace in one transaction, then drop the import's tables. */
export async function commitImport(db: Connector, v: Validation): Promise<CommitResult> {
  if (v.session.failures.length || v.sheetErrors.length) {
    // Nothing is dropped: the user may still fix the mapping or leave the sheet out and validate again.
    throw new HengjianError('import.incomplete', '有文件或工作表无法导入：请修正列映射或不导入该工作表后再试。本次未写入任何数据。');
  }
  try {
    const reports = v.applied.map((a) => a.applied.report);
    const sum = (f: (r: (typeof reports)[number]) => number): number => reports.reduce((n, r) => n + f(r), 0);
    const files = [...new Set([...v.session.sheets.filter((s) => !s.excluded).map((s) => s.staged.file), ...v.parts.flatMap((p) => p.origins.map((o) => o.file))])];
    const batch = await commitParts(db, v.parts, {
      files,
      rowsRead: sum((r) => r.rowsRead) + (v.forms?.files ?? 0),
      rowsImported: sum((r) => r.rowsImported) + (v.forms?.imported ?? 0),
      rowsRejected: sum((r) => r.rowsRejected) + (v.forms?.rejected ?? 0),
      rowsSkipped: sum((r) => r.rowsSkipped),
    });
    return { ...batch, maps: mapsOf(v.boundaries) };
  } finally {
    await dropTables(db, v.tempTables);
  }
}

/** Forget an import: drop its staging and import tables; the workspace is untouched. */
export async function discardImport(db: Connector, s: ImportSession | Validation): Promise<void> {
  await dropTables(db, s.tempTables);
}
