import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitParts } from '../../../shared/ingest/apply/commit.js';
import { stageCanonicalRows } from '../../../shared/ingest/apply/canonical-rows.js';
import { tableDef } from '../../../shared/model/tables.js';
import type { Connector } from '../../../shared/db/connector.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { connectorFactories } from '../../support/connectors.js';
import { fixtureWorkspace } from '../../support/fixture-workspace.js';

const v = (region: string, value: number | null, period = '2025Q3') => ({ region_code: region, indicator_id: 'X01', period, value });
const summary = { files: ['a.csv'], rowsRead: 3, rowsImported: 3, rowsRejected: 0, rowsSkipped: 0 };
const fixture = fixtureWorkspace({ indicator_values: [v('990101', 10), v('990102', 20), v('990101', 5, '2025Q2')] });

for (const factory of connectorFactories) {
  describe(`commit on ${factory.name}`, () => {
    let db: Connector;
    const values = async () =>
      (await db.query("SELECT region_code, period, value FROM indicator_values ORDER BY region_code, period")).rows.map((r) => [r.region_code, r.period, r.value]);
    beforeAll(async () => {
      db = await factory.create();
    });
    afterAll(() => db.close());

    it('replaces rows with the same key, adds new ones, and lets the last row of a file win', async () => {
      await loadWorkspace(db, fixture.read);
      await stageCanonicalRows(db, tableDef('indicator_values'), [v('990101', 11), v('990103', 30), v('990103', 31)], 'imp_a');
      const done = await commitParts(db, [{ target: 'indicator_values', source: 'imp_a', origins: [{ file: 'a.csv', sheet: null }] }], summary);
      expect(done).toEqual({ batchId: 1, tables: [{ table: 'indicator_values', rows: 2, replaced: 1 }] });
      expect(await values()).toEqual([
        ['990101', '2025Q2', 5],
        ['990101', '2025Q3', 11],
        ['990102', '2025Q3', 20],
        ['990103', '2025Q3', 31],
      ]);
    });

    it('changes nothing when any part fails', async () => {
      await loadWorkspace(db, fixture.read);
      await stageCanonicalRows(db, tableDef('indicator_values'), [v('990101', 99), v('990109', 1)], 'imp_b');
      await expect(
        commitParts(db, [
          { target: 'indicator_values', source: 'imp_b', origins: [{ file: 'b.csv', sheet: null }] },
          { target: 'cadres', source: 'imp_missing', origins: [{ file: 'c.csv', sheet: null }] },
        ], summary),
      ).rejects.toThrow(/工作区未作任何改动/);
      expect(await values()).toEqual([
        ['990101', '2025Q2', 5],
        ['990101', '2025Q3', 10],
        ['990102', '2025Q3', 20],
      ]);
      expect((await db.query('SELECT count(*) AS n FROM import_batches')).rows[0]?.n).toBe(0);
      expect((await db.query('SELECT count(*) AS n FROM hist_indicator_values')).rows[0]?.n).toBe(0);
    });
  });
}
