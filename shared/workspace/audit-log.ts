/**
 * The workspace's audit log: who did what to which object, and how it ended (imports, exports, prints, unmasking,
 * rule and weight changes, workspace opens). One JSON record per line (audit.jsonl), each carrying the SHA-256 of
 * the one before, so editing, deleting, inserting or reordering a record breaks the chain at that record. The
 * manifest keeps the count and the last hash (the head), so cutting records off the end is detected too.
 * Records are never pruned: the log only grows (the ≥ 6 months retention is kept by keeping everything).
 */

/** The file of the log inside a workspace. */
export const AUDIT_FILE = 'audit.jsonl';

/** What is recorded. */
export const AUDIT_ACTIONS = ['workspace.open', 'import', 'export', 'print', 'unmask', 'rules.save', 'weights.save', 'audit.check', 'crypt.on', 'crypt.off', 'crypt.passphrase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The i18n key of an action's label (shared/i18n/audit.ts). */
export function auditActionKey(a: AuditAction): `audit.action.${AuditAction}` {
  return `audit.action.${a}`;
}

/** One event to record. */
export interface AuditEntry {
  /** ISO 8601 time. */
  readonly at: string;
  readonly user: string;
  readonly machine: string;
  readonly action: AuditAction;
  /** What it was done to: a file name, a rule, a scheme, a view. */
  readonly object: string;
  /** How it ended, in words: 成功, 已取消, 失败：…. */
  readonly result: string;
}

/** A record of the log: the entry, its position, the previous record's hash and its own. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
}

/** The anchor kept in the manifest: how many records there were and the last one's hash. */
export interface AuditHead {
  readonly records: number;
  readonly head: string;
}

/** The head a manifest keeps (null: none, a workspace saved before the log existed). */
export function manifestAuditHead(manifest: { readonly audit?: { readonly records: number; readonly head: string } | undefined }): AuditHead | null {
  return manifest.audit ? { records: manifest.audit.records, head: manifest.audit.head } : null;
}

/** The prev of the first record. */
export const GENESIS = '0'.repeat(64);

/** Why a log fails verification; `torn` is an interrupted write of the last line, everything else is tampering. */
export type AuditProblemKind = 'torn' | 'malformed' | 'hash' | 'chain' | 'sequence' | 'truncated' | 'head';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** 0-based index of the first bad record (for `truncated`: the first missing one). */
  readonly index: number;
  /** Chinese, for people. */
  readonly message: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  /** Complete, well-formed records read (up to the first problem that stops reading). */
  readonly records: number;
  /** Whether the manifest had a head to check the end against. */
  readonly anchored: boolean;
  /** Records after the head (appended after the last save of the manifest, e.g. a crash in between): not an error. */
  readonly beyondHead: number;
  readonly problem: AuditProblem | null;
}

const enc = new TextEncoder();

/** The exact text hashed for a record: its fields in a fixed order, the hash itself left out. */
export function canonicalRecord(r: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([r.seq, r.at, r.user, r.machine, r.action, r.object, r.result, r.prev]);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', enc.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The record that follows `last` (null: the first), with its hash. */
export async function chainRecord(last: AuditRecord | null, entry: AuditEntry): Promise<AuditRecord> {
  const body = {
    seq: last ? last.seq + 1 : 0,
    at: entry.at,
    user: entry.user,
    machine: entry.machine,
    action: entry.action,
    object: entry.object,
    result: entry.result,
    prev: last ? last.hash : GENESIS,
  };
  return { ...body, hash: await sha256Hex(canonicalRecord(body)) };
}

/** One line of the file. */
export function recordLine(r: AuditRecord): string {
  return `${JSON.stringify(r)}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;

function asRecord(x: unknown): AuditRecord | null {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return null;
  const r = x as Record<string, unknown>;
  const strings = ['at', 'user', 'machine', 'object', 'result'].every((k) => typeof r[k] === 'string');
  if (!strings || !Number.isInteger(r.seq) || !(AUDIT_ACTIONS as readonly unknown[]).includes(r.action)) return null;
  if (typeof r.prev !== 'string' || !HEX64.test(r.prev) || typeof r.hash !== 'string' || !HEX64.test(r.hash)) return null;
  return x as AuditRecord;
}

/** The log's lines: complete ones (each ended by a newline) and an unfinished last fragment ('' when none). */
function splitLines(text: string): { lines: string[]; torn: string } {
  const parts = text.split('\n');
  const torn = parts.pop() ?? '';
  return { lines: parts, torn };
}

/** Parse the complete lines; stops at the first that is not a record. */
export function parseAuditLog(text: string): { records: AuditRecord[]; malformedAt: number | null; torn: boolean } {
  const { lines, torn } = splitLines(text);
  const records: AuditRecord[] = [];
  for (const line of lines) {
    let parsed: AuditRecord | null = null;
    try {
      parsed = asRecord(JSON.parse(line));
    } catch {
      parsed = null;
    }
    if (!parsed) return { records, malformedAt: records.length, torn: torn !== '' };
    records.push(parsed);
  }
  return { records, malformedAt: null, torn: torn !== '' };
}

const at = (i: number): string => `第 ${i + 1} 条记录`;

/**
 * Check the whole chain, then the end against the manifest's head (when there is one). Reports the first problem:
 * its 0-based index, a machine kind and a Chinese message.
 */
export async function verifyAuditLog(text: string, head?: AuditHead | null): Promise<AuditVerdict> {
  const parsed = parseAuditLog(text);
  const { records } = parsed;
  const verdict = (problem: AuditProblem | null, beyondHead = 0): AuditVerdict => ({
    ok: problem === null,
    records: records.length,
    anchored: !!head,
    beyondHead,
    problem,
  });
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as AuditRecord;
    const prev = i === 0 ? GENESIS : (records[i - 1] as AuditRecord).hash;
    if (r.prev !== prev) {
      return verdict({ kind: 'chain', index: i, message: `${at(i)}与前一条记录不衔接：中间有记录被删除、插入或调换了顺序。` });
    }
    if (r.seq !== i) return verdict({ kind: 'sequence', index: i, message: `${at(i)}的序号为 ${r.seq}，应为 ${i}：有记录被删除、插入或调换了顺序。` });
    if ((await sha256Hex(canonicalRecord(r))) !== r.hash) {
      return verdict({ kind: 'hash', index: i, message: `${at(i)}的内容与其校验值不符：该记录被修改过。` });
    }
  }
  if (parsed.malformedAt !== null) {
    return verdict({ kind: 'malformed', index: parsed.malformedAt, message: `${at(parsed.malformedAt)}无法解析：该行被修改或损坏。` });
  }
  if (parsed.torn) {
    return verdict({ kind: 'torn', index: records.length, message: `${at(records.length)}不完整：最后一行写入时被中断（如断电），这不是篡改，但该条记录已丢失。` });
  }
  if (!head) return verdict(null);
  if (records.length < head.records) {
    return verdict({
      kind: 'truncated',
      index: records.length,
      message: `日志只有 ${records.length} 条记录，工作区清单记载应至少有 ${head.records} 条：末尾的记录被删除了。`,
    });
  }
  if (head.records > 0 && records[head.records - 1]?.hash !== head.head) {
    return verdict({ kind: 'head', index: head.records - 1, message: `${at(head.records - 1)}与工作区清单记载的末条校验值不符：日志被改写过。` });
  }
  return verdict(null, records.length - head.records);
}

/** The head to store in the manifest for a log: its complete records' count and the last one's hash. */
export function auditHead(text: string): AuditHead {
  const { records } = parseAuditLog(text);
  const last = records[records.length - 1];
  return { records: records.length, head: last ? last.hash : GENESIS };
}

/**
 * Append entries to a log (text as stored). A log that fails verification keeps its records as they are (so the
 * break stays visible) and first gets an 'audit.check' record saying what was found; an interrupted last line is
 * dropped (it was never confirmed by a head) and noted the same way.
 */
export async function appendAudit(text: string, head: AuditHead | null | undefined, entries: readonly AuditEntry[]): Promise<string> {
  if (entries.length === 0) return text;
  const verdict = await verifyAuditLog(text, head);
  const parsed = parseAuditLog(text);
  let out = parsed.torn ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  let last = parsed.records[parsed.records.length - 1] ?? null;
  const first = entries[0] as AuditEntry;
  const todo: AuditEntry[] = [];
  if (verdict.problem) {
    todo.push({ ...first, action: 'audit.check', object: AUDIT_FILE, result: `校验失败（${verdict.problem.kind}，第 ${verdict.problem.index + 1} 条）：${verdict.problem.message}` });
  }
  todo.push(...entries);
  if (parsed.malformedAt !== null) {
    // Records after an unreadable line cannot be chained onto: the new ones follow the last line whatever it is.
    const { lines } = splitLines(out);
    last = lastChainable(lines);
  }
  for (const e of todo) {
    const r = await chainRecord(last, e);
    out += recordLine(r);
    last = r;
  }
  return out;
}

function lastChainable(lines: readonly string[]): AuditRecord | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const r = asRecord(JSON.parse(lines[i] as string));
      if (r) return r;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** The result of an import as recorded: its batch and the rows written. */
export function importAuditResult(c: { readonly batchId: number; readonly tables: readonly { readonly rows: number }[] }): string {
  return `成功：批次 ${c.batchId}，写入 ${c.tables.reduce((n, t) => n + t.rows, 0)} 行`;
}

/** Filters of the list: records at or after `since` (YYYY-MM-DD or ISO time), of some actions. */
export interface AuditFilter {
  readonly since?: string | null;
  readonly until?: string | null;
  readonly actions?: readonly AuditAction[] | null;
}

/** The readable records matching the filter, in log order. */
export function filterAudit(records: readonly AuditRecord[], f: AuditFilter): AuditRecord[] {
  const since = f.since ? parseAuditDate(f.since) : null;
  // A bare date as `until` includes that whole day.
  const until = f.until ? parseAuditDate(f.until) + (BARE_DATE.test(f.until) ? 86_400_000 : 1) : null;
  return records.filter((r) => {
    const t = Date.parse(r.at);
    if (since !== null && !(t >= since)) return false;
    if (until !== null && !(t < until)) return false;
    return !f.actions || f.actions.length === 0 || f.actions.includes(r.action);
  });
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A filter's date or time in ms; a bare date is local midnight (as the user reads the times), not UTC's. */
function parseAuditDate(s: string): number {
  return Date.parse(BARE_DATE.test(s) ? `${s}T00:00:00` : s);
}

/** Whether `s` is a date or time the filters accept. */
export function isAuditDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s));
}
