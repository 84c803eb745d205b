import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../shared/workspace/load.js';
import { openPortableWorkspace, openWorkspaceInto, portableSnapshot } from '../../shared/workspace/open.js';
import { packWorkspace, unpackWorkspace } from '../../shared/workspace/portable.js';
import { snapshotWorkspace } from '../../shared/workspace/save.js';
import type { Connector } from '../../shared/db/connector.js';
import { STORED_TABLES } from '../../shared/model/stored.js';
import { connectorFactories } from '../support/connectors.js';
import { addEmptyStrings, dumpTables, loadFiles, NASTY, tableNames, trickyWorkspace } from './fixture.js';

const dec = new TextDecoder();

describe.each(connectorFactories)('workspace save and open on $name', (factory) => {
  let a: Connector;
  let b: Connector;
  beforeAll(async () => {
    [a, b] = await Promise.all([factory.create(), factory.create()]);
    await loadFiles(a, trickyWorkspace());
    await addEmptyStrings(a);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('snapshots every canonical table in the format load.ts reads, manifest first', async () => {
    const files = await snapshotWorkspace(a, { name: '测试工作区', createdAt: '2026-01-01T00:00:00.000Z', views: [{ id: 'v1' }] });
    expect([...files.keys()]).toEqual(['manifest.json', ...STORED_TABLES.map((t) => `tables/${t.name}.csv`), 'views.json']);
    const manifest = parseManifest(files.get('manifest.json')!);
    expect(manifest).toMatchObject({ format: 'hengjian-workspace', schemaVersion: 2, name: '测试工作区', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toMatchObject({
      regions: 3,
      indicators: 2,
      indicator_values: 3,
      appointments: 3,
      warning_events: 0,
      honour_lists: 0,
    });
    expect(manifest.documents).toEqual([{ kind: 'views', file: 'views.json', format: 'json' }]);
    const regions = dec.decode(files.get('tables/regions.csv')!);
    expect(regions.split('\n')[0]).toBe('region_code,name,level,parent_code,eval_group,valid_from,valid_to,src_id,src_row');
    expect(regions).toContain('"杭州市,""西湖""区\r\n第二行 𠀀 "');
    expect(regions).toContain('990101,甲县,county,990100,"",,2024-02-29,,');
    expect(dec.decode(files.get('tables/indicators.csv')!)).toContain('0.30000000000000004');
    expect(dec.decode(files.get('tables/honour_lists.csv')!)).toBe('period,list_type,region_code,cadre_id,basis,rank,reason,src_id,src_row\n');
  });

  it('load → snapshot → load gives identical tables: NULL vs "", Chinese text, DATE, BOOLEAN, exact doubles', async () => {
    const files = await snapshotWorkspace(a, { name: '往返' });
    await loadFiles(b, files);
    expect(await dumpTables(b)).toEqual(await dumpTables(a));
    const r = (await b.query(`SELECT name, eval_group, valid_to FROM regions ORDER BY region_code`)).rows;
    expect(r).toEqual([
      { name: '测试省', eval_group: null, valid_to: null },
      { name: NASTY, eval_group: '一类', valid_to: null },
      { name: '甲县', eval_group: '', valid_to: '2024-02-29' },
    ]);
    const w = (await b.query(`SELECT weight FROM indicators ORDER BY indicator_id`)).rows.map((x) => x.weight);
    expect(w).toEqual([5e-324, 0.1 + 0.2]);
    const top = (await b.query(`SELECT is_top_leader AS t FROM appointments`)).rows.map((x) => x.t);
    expect(top).toEqual([true, false, null]);
    expect((await b.query(`SELECT value FROM indicator_values WHERE indicator_id = 'ENERGY'`)).rows[0]?.value).toBe(2 ** 53 + 2);
  });

  it('snapshot → pack → unpack → open into a second database: same counts and spot values, documents back', async () => {
    const templates = { version: 2, templates: { 'move.flat': '位次与上季度相同' } };
    const bytes = await portableSnapshot(a, { name: '便携', mappings: { 地区: 'region_code' }, views: [{ id: 'v1', 指标: 'GDP' }], templates });
    const opened = await openPortableWorkspace(b, bytes, '便携.hjw');
    expect(opened.manifest.name).toBe('便携');
    expect(opened.documents).toEqual({ mappings: { 地区: 'region_code' }, views: [{ id: 'v1', 指标: 'GDP' }], templates });
    expect(opened.tables.map((t) => [t.name, t.rows])).toEqual(STORED_TABLES.map((t) => [t.name, expect.any(Number)]));
    expect(await dumpTables(b)).toEqual(await dumpTables(a));
    const p = (await b.query(`SELECT params FROM warning_rules`)).rows[0]?.params;
    expect(JSON.parse(String(p))).toEqual({ n: 3, note: 'a,b "c"' });
    expect(await tableNames(b)).toEqual(STORED_TABLES.map((t) => t.name).sort());
  });

  it('packs deterministically, manifest.json first', async () => {
    const files = await snapshotWorkspace(a, { name: '确定性', createdAt: '2026-01-01T00:00:00.000Z' });
    const reversed = new Map([...files].reverse());
    const one = packWorkspace(files);
    expect(packWorkspace(reversed)).toEqual(one);
    const again = packWorkspace(await snapshotWorkspace(a, { name: '确定性', createdAt: '2026-01-01T00:00:00.000Z' }));
    expect(again).toEqual(one);
    expect(dec.decode(one.subarray(30, 30 + 'manifest.json'.length))).toBe('manifest.json');
    expect([...unpackWorkspace(one, 'x.hjw').keys()][0]).toBe('manifest.json');
  });

  it('saves an empty database as a complete, empty workspace', async () => {
    const empty = await factory.create();
    try {
      const files = await snapshotWorkspace(empty, { name: '空' });
      expect(parseManifest(files.get('manifest.json')!).tables.every((t) => t.rows === 0)).toBe(true);
      const opened = await openWorkspaceInto(empty, files);
      expect(opened.tables).toHaveLength(STORED_TABLES.length);
      expect(await tableNames(empty)).toEqual(STORED_TABLES.map((t) => t.name).sort());
    } finally {
      await empty.close();
    }
  });

  it('refuses an invalid name and values that are not JSON, in Chinese', async () => {
    await expect(snapshotWorkspace(a, { name: '' })).rejects.toThrow(/无法保存工作区/);
    await expect(snapshotWorkspace(a, { name: 'x', views: { n: 1n } })).rejects.toThrow(/无法保存工作区的 views/);
  });
});
