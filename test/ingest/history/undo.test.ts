import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { listBatches } from '../../../shared/ingest/history/history.js';
import { undoBatch } from '../../../shared/ingest/history/undo.js';
import { commitImport, prepareImport, validateImport } from '../../../shared/ingest/pipeline/pipeline.js';
import { STORED_TABLES } from '../../../shared/model/stored.js';
import { quoteIdent } from '../../../shared/db/sql.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { openPortableWorkspace, portableSnapshot } from '../../../shared/workspace/open.js';
import { connectorFactories } from '../../support/connectors.js';
import { fixtureWorkspace } from '../../support/fixture-workspace.js';

const region = (code: string, name: string) => ({ region_code: code, name, level: 'county', parent_code: '990100' });
const fixture = fixtureWorkspace({
  regions: [region('990101', '甲县'), region('990102', '乙县'), region('990103', '丙县')],
  indicators: [{ indicator_id: 'X01', name: '地区生产总值', unit: '亿元', direction: 1 }],
  indicator_values: [
    { region_code: '990101', indicator_id: 'X01', period: '2025Q3', value: 10 },
    { region_code: '990102', indicator_id: 'X01', period: '2025Q3', value: 20 },
  ],
});

/** A wide CSV: a title row naming the period, a header, then one row per county. */
const sheet = (name: string, rows: [string, number][]) => ({
  name,
  bytes: new TextEncoder().encode(['2025年前三季度主要指标', '地区,地区生产总值', ...rows.map(([r, v]) => `${r},${v}`)].join('\n') + '\n'),
});

for (const factory of connectorFactories) {
  describe(`import batches and undo (${factory.name})`, () => {
    let db: Connector;
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of STORED_TABLES) {
        if (t.name.startsWith('import_')) continue;
        out[t.name] = (await db.query(`SELECT * FROM ${quoteIdent(t.name)}`)).rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    const values = async () =>
      (await db.query(`SELECT region_code, value, src_id, src_row FROM indicator_values ORDER BY region_code`)).rows.map((r) => [r.region_code, r.value, r.src_id, r.src_row]);
    const run = async (file: ReturnType<typeof sheet>) => {
      const v = await validateImport(db, await prepareImport(db, [file]));
      return { v, done: await commitImport(db, v) };
    };
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('keeps each row’s batch, file and source row; says what a re-import replaces; undoes batches in any order back to the start', async () => {
      const start = await dump();
      const a = await run(sheet('a.csv', [['甲县', 11], ['丙县', 30]]));
      expect(a.v.replaces).toEqual([{ table: 'indicator_values', batchId: null, committedAt: null, files: [], rows: 1 }]);
      expect(a.done.batchId).toBe(1);
      // Title row 1, header row 2: 甲县 is source row 3, 丙县 row 4. The sample row of 乙县 has no source.
      expect(await values()).toEqual([['990101', 11, 1, 3], ['990102', 20, null, null], ['990103', 30, 1, 4]]);

      const b = await run(sheet('b.csv', [['乙县', 21], ['甲县', 12]]));
      expect(b.v.replaces.map((r) => [r.batchId, r.files, r.rows])).toEqual([[null, [], 1], [1, ['a.csv'], 1]]);
      expect(await values()).toEqual([['990101', 12, 2, 4], ['990102', 21, 2, 3], ['990103', 30, 1, 4]]);

      const batches = await listBatches(db);
      expect(batches.map((x) => [x.batchId, x.files, x.rowsRead, x.rowsImported, x.rowsWritten, x.rowsReplaced, x.status])).toEqual([
        [2, ['b.csv'], 2, 2, 2, 2, 'active'],
        [1, ['a.csv'], 2, 2, 2, 1, 'active'],
      ]);
      expect(batches[0]?.sources).toEqual([{ srcId: 2, file: 'b.csv', sheet: null, target: 'indicator_values', rowsWritten: 2 }]);

      // Undo the older batch first: 丙县 goes, 甲县 keeps batch 2's value (the newer import), nothing else moves.
      const u1 = await undoBatch(db, 1, '2026-12-02T10:00:00Z');
      expect(u1.tables).toEqual([{ table: 'indicator_values', removed: 1, restored: 0 }]);
      expect(await values()).toEqual([['990101', 12, 2, 4], ['990102', 21, 2, 3]]);
      // Then batch 2: both sample rows come back as they were, and the history is empty again.
      const u2 = await undoBatch(db, 2);
      expect(u2.tables).toEqual([{ table: 'indicator_values', removed: 2, restored: 2 }]);
      expect(await dump()).toEqual(start);
      expect((await listBatches(db)).map((x) => [x.batchId, x.status, x.undoneAt !== null])).toEqual([[2, 'undone', true], [1, 'undone', true]]);

      await expect(undoBatch(db, 2)).rejects.toThrow('导入批次 2 已经撤销过');
      await expect(undoBatch(db, 9)).rejects.toThrow('没有导入批次 9');
    });

    it('undoes the newest batch first just as well, and the history survives saving and reopening the workspace', async () => {
      await loadWorkspace(db, fixture.read);
      const start = await dump();
      await run(sheet('a.csv', [['甲县', 11], ['丙县', 30]]));
      await run(sheet('b.csv', [['甲县', 12]]));
      const bytes = await portableSnapshot(db, { name: '测试' });
      await loadWorkspace(db, fixture.read); // something else in between
      await openPortableWorkspace(db, bytes, '测试.hjw');
      expect(await values()).toEqual([['990101', 12, 2, 3], ['990102', 20, null, null], ['990103', 30, 1, 4]]);
      expect((await undoBatch(db, 2)).tables).toEqual([{ table: 'indicator_values', removed: 1, restored: 1 }]);
      expect(await values()).toEqual([['990101', 11, 1, 3], ['990102', 20, null, null], ['990103', 30, 1, 4]]);
      expect((await undoBatch(db, 1)).tables).toEqual([{ table: 'indicator_values', removed: 2, restored: 1 }]);
      expect(await dump()).toEqual(start);
    });
  });
}
