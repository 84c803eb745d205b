import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HengjianError } from '../../../shared/contract/errors.js';
import {
  commitImport,
  discardImport,
  excludeSheet,
  mergeMaps,
  prepareImport,
  validateImport,
  type ImportSession,
  type Validation,
} from '../../../shared/ingest/pipeline/pipeline.js';
import type { SourceFile } from '../../../shared/ingest/types.js';
import { parsePeriod } from '../../../shared/model/period.js';
import { isTableName, type TableName } from '../../../shared/model/tables.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { openTarget, saveTarget, withAudit, workspaceTarget } from '../../node/workspace-target.js';
import { cliAuditEntry } from '../../node/workspace-audit.js';
import { importAuditResult } from '../../../shared/workspace/audit-log.js';
import { requireFlag, UsageError, type ParsedArgs } from '../args.js';
import { passphraseFileFlag } from './open.js';
import type { CommandResult } from '../output.js';
import { importJson, importText } from './import-report.js';

/** Exit codes: 0 all imported; 1 a file failed (nothing imported); 3 rows were rejected or a numeric column was left out unasked (the rest imported). */
export const EXIT_REJECTED = 3;

async function collect(p: string, out: SourceFile[]): Promise<void> {
  const s = await stat(p).catch(() => null);
  if (!s) throw new HengjianError('import.missing', `找不到文件或目录：${p}`);
  if (s.isDirectory()) {
    for (const name of (await readdir(p)).sort()) if (!name.startsWith('.')) await collect(path.join(p, name), out);
  } else out.push({ name: path.basename(p), bytes: new Uint8Array(await readFile(p)) });
}

/** --sheet a,b: import only the named worksheets (others, and hidden ones unless named, are left out). */
function onlySheets(session: ImportSession, flag: string | true | undefined): ImportSession {
  if (typeof flag !== 'string') return session;
  const names = new Set(flag.split(',').map((x) => x.trim()));
  return session.sheets.reduce((s, sh) => excludeSheet(s, sh.key, sh.staged.sheet !== null && !names.has(sh.staged.sheet)), session);
}

/** `import <file|zip|dir>... --workspace <dir|.hjw> [--table t] [--period p] [--dry-run]`. */
export async function importCommand(args: ParsedArgs): Promise<CommandResult> {
  const target = workspaceTarget(requireFlag(args, 'workspace'), passphraseFileFlag(args));
  if (args.positional.length === 0) throw new UsageError('缺少要导入的文件');
  const table = args.flags.table;
  if (table !== undefined && (typeof table !== 'string' || !isTableName(table))) throw new UsageError(`未知的目标表：${String(table)}`);
  const period = args.flags.period;
  if (period !== undefined && (typeof period !== 'string' || !parsePeriod(period))) {
    throw new UsageError(`无法识别的期间：${String(period)}（例如 2025Q3、2025、2025-09）`);
  }
  const files: SourceFile[] = [];
  for (const p of args.positional) await collect(p, files);
  process.stderr.write(`读取 ${files.length} 个文件…\n`);

  const db = await createNodeConnector();
  let v: Validation | null = null;
  try {
    const meta = await openTarget(db, target);
    const prepared = await prepareImport(db, files, {
      ...(table ? { table: table as TableName } : {}),
      ...(period ? { period } : {}),
      onProgress: (p) => p.file && process.stderr.write(`  [${p.done + 1}/${p.total}] ${p.file}\n`),
    });
    const session = onlySheets(prepared, args.flags.sheet);
    v = await validateImport(db, session);
    const failed = session.failures.length > 0 || v.sheetErrors.length > 0;
    const dryRun = args.flags['dry-run'] === true;
    const committed = failed || dryRun ? null : await commitImport(db, v);
    if (committed) {
      const maps = Object.keys(committed.maps).length ? { maps: mergeMaps(meta.documents.maps, committed.maps) } : {};
      const object = files.map((f) => f.name).join('、');
      const unmasked = args.flags['show-personal'] === true ? [cliAuditEntry('unmask', `导入校验报告（${object}）`, '证件号、手机号以明文输出')] : [];
      const audit = await withAudit(meta, cliAuditEntry('import', object, importAuditResult(committed)), ...unmasked);
      await saveTarget(db, target, { ...meta, documents: { ...meta.documents, ...maps }, audit });
    }
    else await discardImport(db, v);
    const exitCode = failed ? 1 : v.clean ? 0 : EXIT_REJECTED;
    // ID and phone numbers stay masked unless asked for by name: a deliberate action, as in the app.
    const opts = { unmasked: args.flags['show-personal'] === true };
    return { json: importJson(target.path, v, committed, dryRun, opts), text: importText(target.path, v, committed, dryRun, opts), exitCode };
  } finally {
    await db.close();
  }
}
