import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../shared/db/connector.js';
import { parseManifest } from '../../shared/workspace/load.js';
import { snapshotWorkspace } from '../../shared/workspace/save.js';
import { openPortableWorkspace } from '../../shared/workspace/open.js';
import { packWorkspace } from '../../shared/workspace/portable.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import {
  AUDIT_FILE,
  GENESIS,
  appendAudit,
  auditHead,
  chainRecord,
  filterAudit,
  manifestAuditHead,
  parseAuditLog,
  recordLine,
  verifyAuditLog,
  type AuditEntry,
  type AuditRecord,
} from '../../shared/workspace/audit-log.js';

const ENTRIES: AuditEntry[] = [
  { at: '2026-06-01T08:00:00.000Z', user: '张三', machine: 'PC-01', action: 'workspace.open', object: '示例工作区.hjw', result: '成功' },
  { at: '2026-06-01T08:05:00.000Z', user: '张三', machine: 'PC-01', action: 'import', object: '2025Q3指标.xlsx', result: '成功：批次 1，写入 120 行' },
  { at: '2026-06-02T09:00:00.000Z', user: '李四', machine: 'PC-02', action: 'unmask', object: '干部名册', result: '显示完整证件号' },
  { at: '2026-06-03T10:00:00.000Z', user: '李四', machine: 'PC-02', action: 'export', object: '排名.xlsx', result: '成功' },
];

async function build(entries = ENTRIES): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (const e of entries) out.push(await chainRecord(out[out.length - 1] ?? null, e));
  return out;
}
const text = (rs: readonly AuditRecord[]): string => rs.map(recordLine).join('');
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('audit log: the chain', () => {
  it('hashes each record over its fields in a fixed order and the previous hash (checked with node:crypto)', async () => {
    const rs = await build();
    expect(rs[0]?.hash).toBe(sha(`[0,"2026-06-01T08:00:00.000Z","张三","PC-01","workspace.open","示例工作区.hjw","成功","${GENESIS}"]`));
    expect(rs[1]?.prev).toBe(rs[0]?.hash);
    expect(rs[1]?.hash).toBe(sha(`[1,"2026-06-01T08:05:00.000Z","张三","PC-01","import","2025Q3指标.xlsx","成功：批次 1，写入 120 行","${rs[0]?.hash}"]`));
    expect(rs.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
  });

  it('verifies an untouched log against its head', async () => {
    const rs = await build();
    const t = text(rs);
    expect(auditHead(t)).toEqual({ records: 4, head: rs[3]?.hash });
    expect(await verifyAuditLog(t, auditHead(t))).toEqual({ ok: true, records: 4, anchored: true, beyondHead: 0, problem: null });
    expect((await verifyAuditLog('', { records: 0, head: GENESIS })).ok).toBe(true);
  });
});

describe('audit log: tampering is found at the right record', () => {
  const verdict = async (mutate: (rs: AuditRecord[]) => AuditRecord[] | string) => {
    const rs = await build();
    const head = auditHead(text(rs));
    const m = mutate([...rs]);
    return verifyAuditLog(typeof m === 'string' ? m : text(m), head);
  };

  it('an edited field: that record', async () => {
    const v = await verdict((rs) => rs.map((r, i) => (i === 2 ? { ...r, object: '干部名册（第1页）' } : r)));
    expect(v.problem).toMatchObject({ kind: 'hash', index: 2 });
    expect(v.ok).toBe(false);
    expect(v.problem?.message).toContain('第 3 条记录');
  });

  it('an edited field with its hash recomputed: the next record no longer links to it', async () => {
    const rs = await build();
    const forged = await chainRecord(rs[0] as AuditRecord, { ...(ENTRIES[1] as AuditEntry), result: '失败' });
    const v = await verifyAuditLog(text([rs[0] as AuditRecord, forged, ...rs.slice(2)]), auditHead(text(rs)));
    expect(v.problem).toMatchObject({ kind: 'chain', index: 2 });
  });

  it('a deleted middle record: the one that took its place', async () => {
    expect((await verdict((rs) => [rs[0], rs[2], rs[3]] as AuditRecord[])).problem).toMatchObject({ kind: 'chain', index: 1 });
  });

  it('a deleted last record: found through the head in the manifest (and not without it)', async () => {
    const v = await verdict((rs) => rs.slice(0, 3));
    expect(v.problem).toMatchObject({ kind: 'truncated', index: 3 });
    expect(v.records).toBe(3);
    const rs = await build();
    expect((await verifyAuditLog(text(rs.slice(0, 3)), null)).ok).toBe(true);
  });

  it('a last record replaced by a well-chained forgery: the head does not match', async () => {
    const rs = await build();
    const forged = await chainRecord(rs[2] as AuditRecord, { ...(ENTRIES[3] as AuditEntry), object: '别的文件.xlsx' });
    const v = await verifyAuditLog(text([...rs.slice(0, 3), forged]), auditHead(text(rs)));
    expect(v.problem).toMatchObject({ kind: 'head', index: 3 });
  });

  it('an inserted record: a copy at that place, or a well-chained forgery (then the record after it)', async () => {
    expect((await verdict((rs) => [rs[0], rs[1], rs[0], rs[2], rs[3]] as AuditRecord[])).problem).toMatchObject({ kind: 'chain', index: 2 });
    const rs = await build();
    const forged = await chainRecord(rs[1] as AuditRecord, { ...(ENTRIES[3] as AuditEntry), object: '插入.xlsx' });
    const v = await verifyAuditLog(text([rs[0], rs[1], forged, rs[2], rs[3]] as AuditRecord[]), auditHead(text(rs)));
    expect(v.problem).toMatchObject({ kind: 'chain', index: 3 });
  });

  it('two records swapped: the first of them', async () => {
    expect((await verdict((rs) => [rs[0], rs[2], rs[1], rs[3]] as AuditRecord[])).problem).toMatchObject({ kind: 'chain', index: 1 });
  });

  it('a renumbered record: sequence', async () => {
    expect((await verdict((rs) => rs.map((r, i) => (i === 0 ? { ...r, seq: 7 } : r)))).problem).toMatchObject({ kind: 'sequence', index: 0 });
  });

  it('an unreadable middle line: malformed at that line', async () => {
    const v = await verdict((rs) => text(rs).replace(recordLine(rs[1] as AuditRecord), '{"seq":1,\n'));
    expect(v.problem).toMatchObject({ kind: 'malformed', index: 1 });
  });

  it('a torn last line (a write cut short) is reported as torn, not as tampering', async () => {
    const rs = await build();
    const fifth = await chainRecord(rs[3] as AuditRecord, { ...(ENTRIES[0] as AuditEntry), at: '2026-06-04T00:00:00.000Z' });
    const torn = text(rs) + recordLine(fifth).slice(0, 40);
    const v = await verifyAuditLog(torn, auditHead(text(rs)));
    expect(v.problem).toMatchObject({ kind: 'torn', index: 4 });
    expect(v.records).toBe(4);
    expect(v.problem?.message).toContain('不是篡改');
  });

  it('records appended after the head (a crash before the manifest was written) are accepted and counted', async () => {
    const rs = await build();
    const v = await verifyAuditLog(text(rs), auditHead(text(rs.slice(0, 3))));
    expect(v).toMatchObject({ ok: true, records: 4, beyondHead: 1 });
  });
});

describe('audit log: appending', () => {
  const later: AuditEntry = { at: '2026-06-05T00:00:00.000Z', user: '王五', machine: 'PC-03', action: 'rules.save', object: '规则 R1', result: '成功' };

  it('chains onto the last record', async () => {
    const rs = await build();
    const out = await appendAudit(text(rs), auditHead(text(rs)), [later]);
    const parsed = parseAuditLog(out).records;
    expect(parsed).toHaveLength(5);
    expect(parsed[4]).toMatchObject({ seq: 4, prev: rs[3]?.hash, action: 'rules.save', user: '王五' });
    expect((await verifyAuditLog(out, auditHead(out))).ok).toBe(true);
  });

  it('drops a torn fragment and says so in an audit.check record first', async () => {
    const rs = await build();
    const out = await appendAudit(`${text(rs)}{"seq":4,"at":"2026`, auditHead(text(rs)), [later]);
    const parsed = parseAuditLog(out).records;
    expect(parsed.map((r) => r.action)).toEqual(['workspace.open', 'import', 'unmask', 'export', 'audit.check', 'rules.save']);
    expect(parsed[4]?.result).toContain('torn');
    expect((await verifyAuditLog(out, auditHead(out))).ok).toBe(true);
  });

  it('keeps a tampered log broken (the new head does not heal it) and records the finding', async () => {
    const rs = await build();
    const tampered = text(rs.map((r, i) => (i === 1 ? { ...r, result: '失败' } : r)));
    const out = await appendAudit(tampered, auditHead(text(rs)), [later]);
    expect((await verifyAuditLog(out, auditHead(out))).problem).toMatchObject({ kind: 'hash', index: 1 });
    expect(parseAuditLog(out).records[4]).toMatchObject({ action: 'audit.check', result: expect.stringContaining('第 2 条') });
  });

  it('records a cut-off end that only the old head could show', async () => {
    const rs = await build();
    const out = await appendAudit(text(rs.slice(0, 2)), auditHead(text(rs)), [later]);
    expect(parseAuditLog(out).records.map((r) => r.action)).toEqual(['workspace.open', 'import', 'audit.check', 'rules.save']);
    expect(parseAuditLog(out).records[2]?.result).toContain('truncated');
  });
});

describe('audit log: filters and the manifest', () => {
  it('filters by date and action', async () => {
    const rs = await build();
    expect(filterAudit(rs, { since: '2026-06-02' }).map((r) => r.seq)).toEqual([2, 3]);
    expect(filterAudit(rs, { until: '2026-06-01' }).map((r) => r.seq)).toEqual([0, 1]);
    expect(filterAudit(rs, { actions: ['import', 'export'] }).map((r) => r.seq)).toEqual([1, 3]);
    expect(filterAudit(rs, { since: '2026-06-02', actions: ['import'] })).toEqual([]);
  });

  it('a saved workspace carries audit.jsonl and its head in the manifest, and opening it gives both back', async () => {
    const rs = await build();
    const files = await snapshotWorkspace(null as unknown as Connector, { name: '审计', audit: text(rs) }, { empty: true });
    expect(new TextDecoder().decode(files.get(AUDIT_FILE))).toBe(text(rs));
    expect(parseManifest(files.get('manifest.json') as Uint8Array).audit).toEqual({ file: AUDIT_FILE, records: 4, head: rs[3]?.hash });
    const db = await createNodeConnector();
    try {
      const opened = await openPortableWorkspace(db, packWorkspace(files), '审计.hjw');
      expect(opened.audit).toBe(text(rs));
      expect(manifestAuditHead(opened.manifest)).toEqual({ records: 4, head: rs[3]?.hash });
      // The log file removed from the package: an empty log against the manifest's head, i.e. truncated at 0.
      const stripped = new Map(files);
      stripped.delete(AUDIT_FILE);
      const bare = await openPortableWorkspace(db, packWorkspace(stripped), '审计.hjw');
      expect(bare.audit).toBe('');
      expect((await verifyAuditLog(bare.audit ?? '', manifestAuditHead(bare.manifest))).problem).toMatchObject({ kind: 'truncated', index: 0 });
    } finally {
      await db.close();
    }
  });
});
