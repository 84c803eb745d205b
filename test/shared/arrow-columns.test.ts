import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../shared/db/connector.js';
import { connectorFactories } from '../support/connectors.js';

for (const factory of connectorFactories) {
  describe(`queryColumns on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await db.query("CREATE TYPE colour AS ENUM ('红', '绿', '蓝')");
      // 5,000 rows: several Arrow batches sharing one dictionary; every 7th NULL.
      await db.query(`CREATE TABLE t AS SELECT i,
        CASE WHEN i % 7 = 0 THEN NULL ELSE (['红', '绿', '蓝'])[1 + i % 3] END AS s,
        CAST(CASE WHEN i % 7 = 0 THEN NULL ELSE (['红', '绿', '蓝'])[1 + i % 3] END AS colour) AS e
        FROM range(5000) r(i)`);
    });
    afterAll(() => db.close());

    it('reads ENUM (dictionary) columns as the same strings and NULLs as VARCHAR ones', async () => {
      const r = await db.queryColumns('SELECT s, e FROM t ORDER BY i');
      expect(r.length).toBe(5000);
      expect(r.texts.e).toEqual(r.texts.s);
      expect(r.texts.e?.slice(0, 4)).toEqual([null, '绿', '蓝', '红']);
    });
  });
}
