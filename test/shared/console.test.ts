import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleEngine, runConsoleQuery, type ConsoleEngine } from '../../shared/db/console.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

const fixture = fixtureWorkspace({
  regions: [
    { region_code: '990100', name: '甲市', level: 'city', parent_code: null },
    { region_code: '990101', name: 'A县', level: 'county', parent_code: '990100' },
    { region_code: '990102', name: 'B县', level: 'county', parent_code: '990100' },
  ],
  indicators: [{ indicator_id: 'X1', name: '总量', unit: '亿元', direction: 1, basis: '累计' }],
  indicator_values: [
    { region_code: '990101', indicator_id: 'X1', period: '2025Q4', value: 10 },
    { region_code: '990102', indicator_id: 'X1', period: '2025Q4', value: 20 },
  ],
});

/** One statement of every kind that writes, changes settings or touches files. */
const REFUSED: readonly [string, string][] = [
  ['INSERT', "INSERT INTO regions (region_code, name) VALUES ('999999', 'x')"],
  ['UPDATE', "UPDATE regions SET name = 'x'"],
  ['DELETE', 'DELETE FROM indicator_values'],
  ['CREATE TABLE', 'CREATE TABLE t AS SELECT 1 AS x'],
  ['CREATE TEMP TABLE', 'CREATE TEMP TABLE t AS SELECT 1 AS x'],
  ['CREATE VIEW', 'CREATE VIEW v AS SELECT 1 AS x'],
  ['DROP', 'DROP TABLE regions'],
  ['ALTER', 'ALTER TABLE regions RENAME TO r2'],
  ['ATTACH', "ATTACH ':memory:' AS m2"],
  ['ATTACH a file', "ATTACH '/tmp/other.duckdb' AS o"],
  ['DETACH', 'DETACH memory'],
  ['COPY TO', "COPY regions TO '/tmp/regions.csv'"],
  ['COPY FROM', "COPY regions FROM '/etc/hosts'"],
  ['EXPORT', "EXPORT DATABASE '/tmp/x'"],
  ['INSTALL', 'INSTALL httpfs'],
  ['LOAD', 'LOAD httpfs'],
  ['SET', 'SET threads = 1'],
  ['RESET', 'RESET threads'],
  ['PRAGMA', 'PRAGMA enable_profiling'],
  ['CALL', 'CALL pragma_version()'],
  ['CHECKPOINT', 'CHECKPOINT'],
  ['BEGIN', 'BEGIN TRANSACTION'],
  ['two statements', 'SELECT 1; DELETE FROM regions'],
];

/** Reading files other than the workspace's, from inside a SELECT. */
const FILES: readonly [string, string][] = [
  ['read_csv', "SELECT * FROM read_csv('/etc/passwd')"],
  ['read_text', "SELECT * FROM read_text('/etc/hostname')"],
  ['read_parquet', "SELECT * FROM read_parquet('/tmp/x.parquet')"],
  ['a path as a table', "SELECT * FROM '/etc/passwd'"],
  ['glob', "SELECT * FROM glob('/etc/*')"],
];

for (const factory of connectorFactories) {
  describe(`the SQL console on ${factory.name}`, () => {
    let main: Connector;
    let engine: ConsoleEngine;
    beforeAll(async () => {
      main = await factory.create();
      await loadWorkspace(main, fixture.read);
      engine = await openConsoleEngine(main, await factory.create({ deferLock: true }));
    });
    afterAll(async () => {
      await engine.db.close();
      await main.close();
    });

    it('copies every workspace table and answers SELECTs', async () => {
      expect(engine.tables.find((t) => t.name === 'regions')?.rows).toBe(3);
      const r = await runConsoleQuery(engine, "SELECT region_code, value FROM indicator_values WHERE period = '2025Q4' ORDER BY value DESC;");
      expect(r.columns.texts.region_code).toEqual(['990102', '990101']);
      expect(Array.from(r.columns.numbers.value ?? [])).toEqual([20, 10]);
      expect(r.truncated).toBe(false);
      const w = await runConsoleQuery(engine, 'WITH t AS (SELECT level, count(*) AS n FROM regions GROUP BY level) SELECT * FROM t ORDER BY level -- a comment');
      expect(w.columns.texts.level).toEqual(['city', 'county']);
      const cut = await runConsoleQuery(engine, 'SELECT * FROM range(10)', 4);
      expect([cut.rows, cut.truncated]).toEqual([4, true]);
    });

    for (const [kind, text] of REFUSED)
      it(`refuses ${kind}`, async () => {
        await expect(runConsoleQuery(engine, text)).rejects.toThrow(/只允许一条只读查询/);
      });

    for (const [kind, text] of FILES)
      it(`refuses to read files (${kind})`, async () => {
        await expect(runConsoleQuery(engine, text)).rejects.toThrow(/disabled by configuration|查询出错/);
      });

    it('is read-only in the engine itself, past the statement check', async () => {
      await engine.db.query('BEGIN TRANSACTION READ ONLY');
      await expect(engine.db.query("INSERT INTO regions (region_code, name) VALUES ('999999', 'x')")).rejects.toThrow(/read-only/);
      await engine.db.query('ROLLBACK');
      await expect(engine.db.query('SET enable_external_access = true')).rejects.toThrow(/设置已锁定/);
      await expect(engine.db.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled by configuration/);
      await expect(runConsoleQuery(engine, "SELECT * FROM query('DELETE FROM regions')")).rejects.toThrow(/只允许一条只读查询/);
      expect((await runConsoleQuery(engine, 'SELECT count(*) AS n FROM regions')).columns.numbers.n?.[0]).toBe(3);
      // The main database is untouched and still reads files (imports need them).
      expect((await main.query('SELECT count(*) AS n FROM regions')).rows[0]?.n).toBe(3);
    });
  });
}
