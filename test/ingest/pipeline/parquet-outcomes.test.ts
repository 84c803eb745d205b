/**
 * A Parquet file with bad rows through the full import (prepareImport + validateImport): every row's outcome and
 * every issue, computed by hand, and the same as the same rows imported as CSV. The Parquet reader now builds the
 * rows from hyparquet's decoded columns (columnar-read.test.ts shows it gives the cells the old row transpose gave);
 * this shows the import's row numbers, reasons and column outcomes downstream of it.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { discardImport, prepareImport, validateImport, type Validation } from '../../../shared/ingest/pipeline/pipeline.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { workspaceDirReader } from '../../../electron/node/workspace-dir.js';
import { connectorFactories } from '../../support/connectors.js';
import { SAMPLE_DIR } from '../../support/sample-data.js';

const HEADER = ['区划代码', '地区', '指标代码', '期间', '数值', '同比%'];
// Data rows are source rows 2..9 (row 1 is the header).
const ROWS: (string | number | null)[][] = [
  ['990102', '茂口区', 'A01', '2025Q4', 100.5, '3.2'], // 2: imported
  ['990199', '不存在县', 'A01', '2025Q4', 7, null], // 3: unknown region
  ['990103', '溪安区', 'A01', '2025Q4', null, 'abc'], // 4: only an unreadable number
  ['990102', '茂口区', 'A01', '2025Q4', 200, null], // 5: duplicate of row 2
  [null, '合计', null, null, 300, null], // 6: totals row
  ['990104', '尚田区', 'ZZ9', '2025Q4', 5, null], // 7: unknown indicator
  ['990105', '澄源区', 'A01', '2025Q4', null, null], // 8: nothing to import
  ['990106', '凤口区', 'A01', '2025Q4', 12.25, '—'], // 9: imported, its yoy a missing marker
];

function parquet(): Uint8Array {
  const column = (i: number) => ROWS.map((r) => r[i] as string | null);
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        ...[0, 1, 2, 3].map((i) => ({ name: HEADER[i] as string, data: column(i) })),
        { name: HEADER[4] as string, data: ROWS.map((r) => r[4] as number | null), type: 'DOUBLE' as const },
        { name: HEADER[5] as string, data: column(5) },
      ],
      rowGroupSize: 3, // three row groups: rows are put together across them
    }),
  );
}

function csv(): Uint8Array {
  const lines = [HEADER, ...ROWS].map((r) => r.map((c) => (c === null ? '' : String(c))).join(','));
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

for (const factory of connectorFactories) {
  describe(`a Parquet file with bad rows, fully imported (${factory.name})`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
    });
    afterAll(() => db.close());

    const outcomes = async (name: string, bytes: Uint8Array) => {
      const v: Validation = await validateImport(db, await prepareImport(db, [{ name, bytes }]));
      const a = v.applied[0]?.applied;
      if (!a) throw new Error('not applied');
      const { report } = a;
      const statuses = (await db.query(`SELECT src_row, status FROM "${a.rowsTable}" ORDER BY src_row`)).rows.map((r) => [r.src_row, r.status]);
      const issues = (await db.query(`SELECT src_row, col_label, raw, kind, reason FROM "${a.issuesTable}" ORDER BY src_row, kind, col_label`)).rows.map((r) => Object.values(r));
      const values = (await db.query(`SELECT src_row, region_code, indicator_id, period, value, yoy_pct FROM "${a.table}" ORDER BY src_row`)).rows.map((r) => Object.values(r));
      const counts = [report.rowsRead, report.rowsImported, report.rowsRejected, report.rowsSkipped, report.valuesImported];
      const columns = report.columns.map((c) => [c.index, c.header, c.status, c.target]);
      await discardImport(db, v);
      return { counts, statuses, issues, values, columns, clean: v.clean };
    };

    it('states every row: imported, rejected with its reason, skipped; the same as the rows given as CSV', async () => {
      const p = await outcomes('bad.parquet', parquet());
      expect(p.counts).toEqual([8, 2, 4, 2, 2]);
      expect(p.statuses).toEqual([
        [2, 'imported'], [3, 'rejected'], [4, 'rejected'], [5, 'rejected'], [6, 'skipped'], [7, 'rejected'], [8, 'skipped'], [9, 'imported'],
      ]);
      expect(p.values).toEqual([
        [2, '990102', 'A01', '2025Q4', 100.5, 3.2],
        [9, '990106', 'A01', '2025Q4', 12.25, null],
      ]);
      const byRow = p.issues.map(([row, , raw, kind]) => [row, raw, kind]);
      expect(byRow).toEqual([
        [3, '990199', 'rejected'],
        [4, 'abc', 'rejected'],
        [5, null, 'rejected'],
        [6, null, 'skipped'],
        [7, 'ZZ9', 'rejected'],
        [8, null, 'skipped'],
        [9, '—', 'missing'],
      ]);
      const reason = (row: number) => p.issues.find((i) => i[0] === row)?.[4];
      expect(reason(3)).toBe('区划代码 990199 不在区划表中（请先导入区划），地区「不存在县」也找不到');
      expect(reason(4)).toBe('无法识别为数值');
      expect(reason(5)).toBe('与第 2 行重复（地区 990102、指标 A01、期间 2025Q4 相同），未导入');
      expect(reason(6)).toBe('合计行（合计）');
      expect(reason(7)).toMatch(/ZZ9/u);
      expect(reason(8)).toBe('该行没有可导入的数值（均为空或缺失标记）');
      expect(p.columns.map(([index, header, status]) => [index, header, status])).toEqual(HEADER.map((h, i) => [i, h, 'imported']));
      expect(p.clean).toBe(false);
      // The same rows as a CSV file: the same outcomes, row by row and issue by issue.
      expect(await outcomes('bad.csv', csv())).toEqual(p);
    });
  });
}
