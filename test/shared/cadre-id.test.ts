import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreKey, cadreKeySql } from '../../shared/model/cadre-id.js';
import { md5Hex } from '../../shared/util/md5.js';
import { quoteValue } from '../../shared/db/sql.js';
import type { Connector } from '../../shared/db/connector.js';
import { connectorFactories } from '../support/connectors.js';

const factory = connectorFactories[0];

describe('cadre key: the same in JS and in DuckDB', () => {
  let db: Connector;
  beforeAll(async () => {
    db = await (factory as NonNullable<typeof factory>).create();
  });
  afterAll(() => db.close());

  it('md5 matches known vectors and DuckDB, for ASCII, Chinese and long text', async () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    for (const s of ['张伟', 'nb:李晓红|1972-03', '𠀀'.repeat(40), 'x'.repeat(1000)]) {
      const r = await db.query(`SELECT md5(${quoteValue(s)}) AS h`);
      expect(md5Hex(s)).toBe(r.rows[0]?.h);
    }
  });

  it('keys by name and birth month, else by ID, never showing the ID number', async () => {
    const k = cadreKey('李晓红', '1972-03', '990102197203150021');
    expect(k).toMatch(/^G[0-9a-f]{16}$/);
    expect(k).not.toContain('990102');
    expect(cadreKey('李晓红', '1972-03', null)).toBe(k);
    const r = await db.query(`SELECT ${cadreKeySql("'李晓红'", "'1972-03'", 'NULL')} AS a, ${cadreKeySql('NULL', 'NULL', "'99010219720315002X'")} AS b`);
    expect(r.rows[0]?.a).toBe(k);
    expect(r.rows[0]?.b).toBe(cadreKey(null, null, '99010219720315002X'));
    expect(cadreKey(null, null, null)).toBeNull();
  });
});
