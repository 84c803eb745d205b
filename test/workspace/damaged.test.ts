import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/contract/workspace.js';
import type { Connector, Row } from '../../shared/db/connector.js';
import { DEFAULT_LIMITS } from '../../shared/ingest/types.js';
import { openPortableWorkspace, openWorkspaceInto } from '../../shared/workspace/open.js';
import { packWorkspace, unpackWorkspace } from '../../shared/workspace/portable.js';
import { snapshotWorkspace } from '../../shared/workspace/save.js';
import { STORED_TABLES } from '../../shared/model/stored.js';
import { connectorFactories } from '../support/connectors.js';
import { dumpTables, loadFiles, tableNames, trickyWorkspace } from './fixture.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Deterministic pseudo-random bytes (xorshift), optionally starting with the zip magic. */
function noise(n: number, seed: number, magic = false): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  if (magic) out.set([0x50, 0x4b, 0x03, 0x04]);
  return out;
}

function edit(files: Map<string, Uint8Array>, name: string, f: (text: string) => string): Map<string, Uint8Array> {
  const copy = new Map(files);
  copy.set(name, enc.encode(f(dec.decode(files.get(name)!))));
  return copy;
}

function editManifest(files: Map<string, Uint8Array>, f: (m: Record<string, unknown>) => unknown): Map<string, Uint8Array> {
  return edit(files, 'manifest.json', (t) => JSON.stringify(f(JSON.parse(t) as Record<string, unknown>)));
}

describe.each(connectorFactories)('opening damaged workspaces on $name', (factory) => {
  let db: Connector;
  let good: Map<string, Uint8Array>;
  let goodBytes: Uint8Array;
  let before: Record<string, readonly Row[]>;
  beforeAll(async () => {
    db = await factory.create();
    await loadFiles(db, trickyWorkspace('旧数据'));
    before = await dumpTables(db);
    const other = await factory.create();
    await loadFiles(other, trickyWorkspace('新数据'));
    good = await snapshotWorkspace(other, { name: '新', views: [1, 2] });
    await other.close();
    goodBytes = packWorkspace(good);
  });
  afterAll(() => db.close());

  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /是空文件/],
    ['random bytes', () => noise(5000, 42), /不是衡鉴工作区（\.hjw）文件/],
    ['random bytes behind a zip signature', () => noise(5000, 7, true), /已损坏，无法打开（.*找不到中央目录/],
    ['a truncated file', () => goodBytes.subarray(0, Math.floor(goodBytes.length * 0.6)), /已损坏，无法打开/],
    ['a file missing its last byte', () => goodBytes.subarray(0, goodBytes.length - 1), /已损坏，无法打开/],
    [
      'a flipped byte inside compressed data',
      () => {
        const b = goodBytes.slice();
        b[200] = (b[200] as number) ^ 0xff;
        return b;
      },
      /已损坏，无法打开（.*(校验失败|解压失败|大小与目录不符)/,
    ],
    ['a zip without manifest.json', () => zipSync({ 'tables/regions.csv': good.get('tables/regions.csv')! }), /没有工作区清单（manifest\.json）/],
    ['a manifest that is not JSON', () => packWorkspace(edit(good, 'manifest.json', (t) => t.slice(0, 40))), /工作区清单（manifest\.json）无法解析/],
    ['a manifest of a newer version', () => packWorkspace(editManifest(good, (m) => ({ ...m, schemaVersion: WORKSPACE_SCHEMA_VERSION + 1 }))), /更新版本的衡鉴保存（格式版本 3）.*请升级/],
    ['a manifest of another program', () => packWorkspace(editManifest(good, (m) => ({ ...m, format: 'other' }))), /不是衡鉴工作区的清单/],
    ['a manifest with a bad field', () => packWorkspace(editManifest(good, (m) => ({ ...m, tables: 'x' }))), /工作区清单不合规：tables/],
    [
      'a table whose row count disagrees with the manifest',
      () => packWorkspace(edit(good, 'tables/appointments.csv', (t) => t.split('\n').slice(0, -2).join('\n') + '\n')),
      /工作区表 任职经历（tables\/appointments\.csv）应有 3 行，实际读到 2 行/,
    ],
    ['a table with a foreign header', () => packWorkspace(edit(good, 'tables/cadres.csv', (t) => t.replace('cadre_id', 'id'))), /表头与预期不符/],
    ['a value of the wrong type', () => packWorkspace(edit(good, 'tables/assessments.csv', (t) => t.replace('2024', '二〇二四'))), /考核结果.*无法读取/],
    [
      'a table file the manifest lists but the zip lacks',
      () => packWorkspace(new Map([...good].filter(([k]) => k !== 'tables/honour_lists.csv'))),
      /工作区缺少文件：tables\/honour_lists\.csv/,
    ],
    ['a document that is not JSON', () => packWorkspace(edit(good, 'views.json', (t) => t + '}')), /views\.json 无法解析/],
  ];

  it.each(cases)('%s: a clear Chinese error, and the loaded workspace stays as it was', async (_label, bytes, message) => {
    const err = await openPortableWorkspace(db, bytes(), '损坏.hjw').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HengjianError);
    expect((err as Error).message).toMatch(message);
    expect(await dumpTables(db)).toEqual(before);
    expect(await tableNames(db)).toEqual(STORED_TABLES.map((t) => t.name).sort());
  });

  it('refuses a zip bomb by its declared sizes before inflating', () => {
    const bomb = packWorkspace(new Map([...good, ['tables/regions.csv', new Uint8Array(8 * 1024 * 1024)]]));
    expect(() => unpackWorkspace(bomb, 'bomb.hjw', { ...DEFAULT_LIMITS, maxInflatedBytes: 4 * 1024 * 1024 })).toThrow(/已损坏.*压缩炸弹/);
  });

  it('rolls the swap back when it fails half-way', async () => {
    const failingSwap: Connector = {
      ...db,
      query: (sql) => db.query(sql.startsWith('BEGIN TRANSACTION') ? sql.replace('COMMIT;', "SELECT error('injected');") : sql),
    };
    await expect(openWorkspaceInto(failingSwap, good)).rejects.toThrow(/切换到新工作区失败，当前工作区未受影响：.*injected/);
    expect(await dumpTables(db)).toEqual(before);
    expect(await tableNames(db)).toEqual(STORED_TABLES.map((t) => t.name).sort());
  });

  it('after a failed open, a good one still succeeds and replaces the data', async () => {
    await expect(openWorkspaceInto(db, editManifest(good, (m) => ({ ...m, schemaVersion: 9 })))).rejects.toThrow(/格式版本 9/);
    await openPortableWorkspace(db, goodBytes, '好.hjw');
    expect((await db.query(`SELECT name FROM regions WHERE region_code = '990101'`)).rows).toEqual([{ name: '新数据' }]);
    expect(await tableNames(db)).toEqual(STORED_TABLES.map((t) => t.name).sort());
    await loadFiles(db, trickyWorkspace('旧数据'));
    expect(await dumpTables(db)).toEqual(before);
  });
});
