import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCounts } from '../../../shared/model/catalog.js';
import { TABLES } from '../../../shared/model/tables.js';
import type { Connector } from '../../../shared/db/connector.js';
import iconv from 'iconv-lite';
import { commitImport, discardImport, excludeSheet, prepareImport, restageSheet, validateImport } from '../../../shared/ingest/pipeline/pipeline.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { workspaceDirReader } from '../../../electron/node/workspace-dir.js';
import { connectorFactories } from '../../support/connectors.js';
import { SAMPLE_DIR } from '../../support/sample-data.js';

const xlsx = { name: 'indicators-roster.xlsx', bytes: new Uint8Array(readFileSync(new URL('../../fixtures/sheets/indicators-roster.xlsx', import.meta.url))) };

for (const factory of connectorFactories) {
  describe(`import pipeline on a real LibreOffice workbook (${factory.name})`, () => {
    let db: Connector;
    const counts = async () => Object.fromEntries((await tableCounts(db)).map((t) => [t.name, t.rows]));
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
    });
    afterAll(() => db.close());

    it('leaves hidden sheets out, refuses to commit while a sheet cannot be mapped, and commits once it is left out', async () => {
      const before = await counts();
      const session = await prepareImport(db, [xlsx]);
      expect(session.sheets.map((s) => [s.staged.sheet, s.excluded])).toEqual([
        ['指标汇总', false],
        ['干部名册', false],
        ['__proto__', false],
        ['隐藏参数', true],
      ]);
      const v1 = await validateImport(db, session);
      expect(v1.sheetErrors.map((e) => e.sheet)).toEqual(['__proto__']);
      await expect(commitImport(db, v1)).rejects.toThrow(/未写入任何数据/);
      expect(await counts()).toEqual(before);

      const key = session.sheets.find((s) => s.staged.sheet === '__proto__')?.key as number;
      const progress: unknown[] = [];
      const v2 = await validateImport(db, excludeSheet(session, key, true), undefined, (p) => progress.push([p.sheet, p.done, p.total]));
      expect(v2.sheetErrors).toEqual([]);
      expect(progress).toEqual([['指标汇总', 0, 2], ['干部名册', 1, 2]]); // the two sheets left in, one step each
      const reports = v2.applied.map((a) => a.applied.report);
      expect(reports.map((r) => [r.sheet, r.table, r.rowsRead, r.rowsImported, r.rowsRejected, r.rowsSkipped, r.valuesImported])).toEqual([
        ['指标汇总', 'indicator_values', 5, 2, 1, 2, 4],
        ['干部名册', 'cadres', 3, 3, 0, 0, 3],
      ]);
      const done = await commitImport(db, v2);
      expect(done.tables.map((t) => [t.table, t.rows])).toEqual([
        ['indicator_values', 4],
        ['cadres', 3],
      ]);
      const after = await counts();
      expect(after.cadres).toBe((before.cadres as number) + 3);
      expect(Object.keys(after).length).toBe(TABLES.length); // every canonical table, region_aliases included
      expect((await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, 'stg_') OR starts_with(table_name, 'imp_')")).rows[0]?.n).toBe(0);
    });

    it('stages a CSV again with the encoding the user picks', async () => {
      const csv = iconv.encode('地区,地区生产总值（亿元）\r\n蓝浦县,1\r\n', 'gb18030');
      const session = await prepareImport(db, [{ name: 'x.csv', bytes: new Uint8Array(csv) }]);
      expect(session.sheets[0]?.staged.encoding).toBe('gb18030');
      const wrong = await restageSheet(db, session, 0, 'utf-8');
      expect(String(wrong.sheets[0]?.staged.sample.rows[1]?.[0])).toContain('\uFFFD');
      const right = await restageSheet(db, wrong, 0, 'gb18030');
      expect(right.sheets[0]?.staged.sample.rows[1]?.[0]).toBe('蓝浦县');
      expect(right.sheets[0]?.staged.rowCount).toBe(2);
      await discardImport(db, right);
    });
  });
}
