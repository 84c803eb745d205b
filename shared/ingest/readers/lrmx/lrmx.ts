/**
 * 干部任免审批表 (.lrmx): XML with a flat <Person> root, usually many files in a zip. Read with the safe XML parser
 * (no DOCTYPE, no entity expansion), bounded in size, depth and node count, so a hostile file fails fast with an
 * ImportError. The photo is dropped on reading; family members are only counted.
 */
import { HengjianError, ImportError } from '../../../contract/errors.js';
import { decodeSource } from '../encoding.js';
import { elementKey } from './lrmx-fields.js';
import { buildRecord } from './lrmx-record.js';
import type { LrmxBatch, LrmxFailure, LrmxIssue, LrmxRecord } from './lrmx-types.js';
import { DEFAULT_LIMITS, type ReadLimits, type SourceFile } from '../../types.js';
import { parseXml } from '../xml.js';
import { listZip, unzip } from '../zip/zip.js';

/** The record types, re-exported for callers of the readers. */
export type { LrmxBatch, LrmxExtras, LrmxFailure, LrmxIssue, LrmxRecord } from './lrmx-types.js';

/** Largest .lrmx read (a form with a large photo is a few MB). */
export const LRMX_MAX_BYTES = 64 * 1024 * 1024;
/** Bounds for the XML of one form: a real one has about 40 elements plus family rows. */
const XML_LIMITS = { maxDepth: 32, maxNodes: 100_000 };
/** What a user is told about the legacy binary format. */
export const LRM_UNSUPPORTED = '.lrm 旧格式暂不支持，请在任免审批表软件中另存为 .lrmx';

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Reads one .lrmx file into a record; throws ImportError when the file is not a readable 任免审批表. */
export function readLrmx(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS, container: string | null = null): LrmxRecord {
  const max = Math.min(limits.maxFileBytes, LRMX_MAX_BYTES);
  if (file.bytes.length > max) {
    throw new ImportError('lrmx.too-large', `文件 ${file.name} 有 ${Math.round(file.bytes.length / 1048576)} MB，超过任免审批表的上限 ${Math.round(max / 1048576)} MB，已拒绝`, { file: file.name });
  }
  if (file.bytes.length === 0) throw new ImportError('file.empty', `文件 ${file.name} 为空（0 字节），没有可导入的内容`, { file: file.name });
  const decoded = decodeSource(file.bytes, file.name);
  const start = decoded.text.trimStart();
  if (!start.startsWith('<')) {
    throw new ImportError('lrmx.not-xml', `文件 ${file.name} 不是任免审批表（.lrmx 应为 XML 文本，以 “<” 开头）`, { file: file.name });
  }
  const root = parseXml(decoded.text, file.name, XML_LIMITS);
  if (elementKey(root.name) !== 'person') {
    throw new ImportError('lrmx.root', `文件 ${file.name} 不是干部任免审批表：根元素是 <${root.name.slice(0, 40)}>，应为 <Person>`, { file: file.name });
  }
  const record = buildRecord(root, { file: file.name, container, encoding: decoded.encoding });
  if (decoded.warnings.length === 0) return record;
  const extra: LrmxIssue[] = decoded.warnings.map((w) => ({
    file: file.name, column: '文件', element: null, value: null, reason: w.message, severity: 'warning',
  }));
  return { ...record, issues: [...extra, ...record.issues] };
}

/** The legacy binary .lrm: read only when it is in fact XML; otherwise an ImportError asking for .lrmx. */
export function readLrm(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS, container: string | null = null): LrmxRecord {
  const b = file.bytes;
  const at = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let k = at;
  while (k < b.length && k < at + 64 && (b[k] === 0x20 || b[k] === 0x0a || b[k] === 0x0d || b[k] === 0x09)) k++;
  if (b[k] === 0x3c) return readLrmx(file, limits, container);
  throw new ImportError('lrm.legacy', `文件 ${file.name}：${LRM_UNSUPPORTED}`, { file: file.name });
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

const ext = (name: string): string => baseName(name).toLowerCase().split('.').pop() ?? '';
const ignorable = (name: string): boolean => name.startsWith('__MACOSX/') || baseName(name).startsWith('.') || name.endsWith('/');

function asImportError(e: unknown, file: string): ImportError {
  if (e instanceof ImportError) return e;
  const why = e instanceof HengjianError || e instanceof Error ? e.message : String(e);
  return new ImportError('lrmx.unreadable', `文件 ${file} 无法读取（${why}）`, { file });
}

/**
 * Reads many forms: .lrmx files, .lrm files and zips of them (entries filtered by extension, inflation bounded by
 * `limits`). A file that cannot be read becomes a failure; the others are still read. A cadre met twice is flagged.
 */
export function readLrmxBatch(input: SourceFile | readonly SourceFile[], limits: ReadLimits = DEFAULT_LIMITS): LrmxBatch {
  const files: readonly SourceFile[] = Array.isArray(input) ? input : [input as SourceFile];
  const records: LrmxRecord[] = [];
  const failures: LrmxFailure[] = [];
  const skipped: string[] = [];
  const readOne = (f: SourceFile, container: string | null): void => {
    try {
      records.push(ext(f.name) === 'lrm' ? readLrm(f, limits, container) : readLrmx(f, limits, container));
    } catch (e) {
      failures.push({ file: f.name, container, error: asImportError(e, f.name) });
    }
  };
  for (const f of files) {
    if (!isZip(f.bytes)) { readOne(f, null); continue; }
    try {
      const names = listZip(f.bytes, f.name, limits).map((e) => e.name).filter((n) => !ignorable(n));
      for (const n of names) {
        if (ext(n) === 'lrm') failures.push({ file: n, container: f.name, error: new ImportError('lrm.legacy', `压缩文件 ${f.name} 中的 ${n}：${LRM_UNSUPPORTED}`, { file: n }) });
        else if (ext(n) !== 'lrmx') skipped.push(n);
      }
      const entries = unzip(f.bytes, f.name, limits, (n) => !ignorable(n) && ext(n) === 'lrmx');
      for (const e of entries) readOne({ name: e.name, bytes: e.bytes }, f.name);
    } catch (e) {
      failures.push({ file: f.name, container: null, error: asImportError(e, f.name) });
    }
  }
  return { records: flagDuplicates(records), failures, skipped };
}

/** The record with a warning that its cadre was already read from `prior`. */
function withDuplicate(r: LrmxRecord, prior: string): LrmxRecord {
  const dup: LrmxIssue = {
    file: r.file, column: '文件', element: null, value: r.cadre.name,
    reason: `与文件 ${prior} 是同一名干部（${r.cadre.name}），请确认保留哪一份`, severity: 'warning',
  };
  return { ...r, issues: [...r.issues, dup] };
}

/** Adds an issue to every record whose cadre_id was already read from an earlier file. */
function flagDuplicates(records: readonly LrmxRecord[]): LrmxRecord[] {
  const first = new Map<string, string>();
  return records.map((r) => {
    const prior = first.get(r.cadre.cadre_id);
    if (prior === undefined) { first.set(r.cadre.cadre_id, r.file); return r; }
    return withDuplicate(r, prior);
  });
}

/**
 * Batches read apart (the app reads one file per worker run) as one batch: a cadre already met in an earlier batch
 * is flagged as readLrmxBatch flags it (repeats inside one batch were flagged by that batch).
 */
export function mergeLrmxBatches(batches: readonly LrmxBatch[]): LrmxBatch {
  const first = new Map<string, string>();
  const records: LrmxRecord[] = [];
  for (const b of batches) {
    const seen = new Set<string>();
    for (const r of b.records) {
      const prior = first.get(r.cadre.cadre_id);
      records.push(prior !== undefined && !seen.has(r.cadre.cadre_id) ? withDuplicate(r, prior) : r);
      seen.add(r.cadre.cadre_id);
    }
    for (const r of b.records) if (!first.has(r.cadre.cadre_id)) first.set(r.cadre.cadre_id, r.file);
  }
  return { records, failures: batches.flatMap((b) => b.failures), skipped: batches.flatMap((b) => b.skipped) };
}
