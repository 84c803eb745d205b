/** The cadre forms (.lrmx) of an import, staged as canonical rows of cadres, appointments and assessments. */
import type { Connector } from '../../db/connector.js';
import { tableDef } from '../../model/tables.js';
import { stageCanonicalRows } from '../apply/canonical-rows.js';
import type { CommitPart } from '../apply/commit.js';
import type { LrmxBatch } from '../readers/lrmx/lrmx.js';
import type { ImportSession } from './pipeline.js';

/** How the forms of an import went: files read, imported and rejected, and the rows each table gets. */
export interface FormsReport {
  readonly files: number;
  readonly imported: number;
  readonly rejected: number;
  readonly cadres: number;
  readonly appointments: number;
  readonly assessments: number;
  readonly issues: LrmxBatch['records'][number]['issues'];
}

/** Stage the cadre forms (.lrmx) of a session as canonical rows: one part per table, each form a source of its own. */
export async function stageForms(db: Connector, session: Pick<ImportSession, 'id' | 'forms'>, parts: CommitPart[], temps: string[]): Promise<FormsReport> {
  const records = session.forms?.records ?? [];
  const tables = { cadres: records.map((r) => r.cadre), appointments: records.flatMap((r) => r.appointments), assessments: records.flatMap((r) => r.assessments) };
  // Each form is a source of its own (provenance names the file); its rows are numbered within the form.
  const origins = records.map((r) => ({ file: r.file, sheet: null }));
  const idx = {
    cadres: records.map((_, i) => i),
    appointments: records.flatMap((r, i) => r.appointments.map(() => i)),
    assessments: records.flatMap((r, i) => r.assessments.map(() => i)),
  };
  for (const [name, rows] of Object.entries(tables) as [keyof typeof tables, Record<string, unknown>[]][]) {
    const table = `imp_${session.id}_forms_${name}`;
    const seen = new Map<number, number>();
    const within = idx[name].map((i) => {
      seen.set(i, (seen.get(i) ?? 0) + 1);
      return seen.get(i) ?? 1;
    });
    await stageCanonicalRows(db, tableDef(name), rows, table, within, idx[name]);
    temps.push(table);
    parts.push({ target: name, source: table, origins, indexed: true });
  }
  const failures = session.forms?.failures.length ?? 0;
  return {
    files: records.length + failures,
    imported: records.length,
    rejected: failures,
    cadres: tables.cadres.length,
    appointments: tables.appointments.length,
    assessments: tables.assessments.length,
    issues: records.flatMap((r) => r.issues),
  };
}
