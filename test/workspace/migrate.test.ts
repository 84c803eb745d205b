import { describe, expect, it } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import { manifestVersion, migrateManifest, MIGRATION_COUNT } from '../../shared/contract/migrate.js';
import { workspaceManifestSchema, WORKSPACE_SCHEMA_VERSION } from '../../shared/contract/workspace.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { loadWorkspace, parseManifest } from '../../shared/workspace/load.js';
import { trickyWorkspace } from './fixture.js';

const enc = new TextEncoder();

/** The draft layout of version 0, written by hand: `version`, `title`, `created`, tables keyed by name. */
const v0 = {
  format: 'hengjian-workspace',
  version: 0,
  title: '旧版工作区',
  created: '2025-06-30T08:00:00Z',
  description: '试点',
  tables: {
    regions: { file: 'tables/regions.csv', rows: 3 },
    indicators: { file: 'tables/indicators.csv', rows: 2 },
  },
};

describe('manifest migration', () => {
  it('has one step per version below the current one', () => {
    expect(MIGRATION_COUNT).toBe(WORKSPACE_SCHEMA_VERSION);
  });

  it('upgrades the version 0 draft to the current schema', () => {
    const m = migrateManifest(v0);
    expect(workspaceManifestSchema.parse(m)).toEqual({
      format: 'hengjian-workspace',
      schemaVersion: 2,
      name: '旧版工作区',
      description: '试点',
      createdAt: '2025-06-30T08:00:00Z',
      tables: [
        { name: 'regions', format: 'csv', file: 'tables/regions.csv', rows: 3 },
        { name: 'indicators', format: 'csv', file: 'tables/indicators.csv', rows: 2 },
      ],
    });
  });

  it('leaves a current manifest as it is', () => {
    const current = { format: 'hengjian-workspace', schemaVersion: 2, name: 'x', createdAt: 'y', tables: [] };
    expect(migrateManifest(current)).toBe(current);
  });

  it('refuses newer versions and manifests without a version, in Chinese', () => {
    const newer = { format: 'hengjian-workspace', schemaVersion: WORKSPACE_SCHEMA_VERSION + 1, name: 'x', tables: [] };
    expect(() => migrateManifest(newer)).toThrow(HengjianError);
    expect(() => migrateManifest(newer)).toThrow(/更新版本的衡鉴保存（格式版本 3），当前版本只支持到 2，请升级后再打开/);
    expect(() => migrateManifest({ format: 'hengjian-workspace', schemaVersion: '1' })).toThrow(/缺少有效的格式版本号/);
    expect(() => migrateManifest({ format: 'hengjian-workspace', schemaVersion: 1.5 })).toThrow(/缺少有效的格式版本号/);
    expect(() => migrateManifest([])).toThrow(/不是衡鉴工作区的清单/);
    expect(() => migrateManifest(null)).toThrow(/不是衡鉴工作区的清单/);
    expect(manifestVersion({ version: 0 })).toBe(0);
    expect(manifestVersion({ schemaVersion: -1 })).toBeNull();
  });

  it('upgrades version 1 (no provenance, no import history) to version 2 unchanged but for the version', () => {
    const v1 = { format: 'hengjian-workspace', schemaVersion: 1, name: 'x', createdAt: 'y', tables: [{ name: 'regions', file: 'tables/regions.csv', format: 'csv', rows: 0 }] };
    expect(migrateManifest(v1)).toEqual({ ...v1, schemaVersion: 2 });
  });

  it('opens a version 0 workspace end to end', async () => {
    const files = trickyWorkspace();
    files.set('manifest.json', enc.encode(JSON.stringify(v0)));
    expect(parseManifest(files.get('manifest.json')!).schemaVersion).toBe(2);
    const db = await createNodeConnector();
    try {
      const loaded = await loadWorkspace(db, async (p) => files.get(p)!);
      expect(loaded.tables).toEqual([
        { name: 'regions', rows: 3 },
        { name: 'indicators', rows: 2 },
      ]);
      expect((await db.query(`SELECT count(*) AS n FROM indicator_values`)).rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('opens appointments saved before post_level existed (the column loads as NULL) and refuses a header missing a required column', async () => {
    const files = trickyWorkspace();
    const manifest = { format: 'hengjian-workspace', schemaVersion: 2, name: 'x', createdAt: 'y', tables: [{ name: 'appointments', file: 'tables/appointments.csv', format: 'csv', rows: 2 }] };
    files.set('manifest.json', enc.encode(JSON.stringify(manifest)));
    files.set('tables/appointments.csv', enc.encode('cadre_id,org_name,region_code,post_title,is_top_leader,start_ym,end_ym,src_id,src_row\nC1,甲县委,990101,县委书记,true,2020-01,,,\nC1,甲县人大,990101,主任,false,2024-03,,,\n'));
    const db = await createNodeConnector();
    try {
      await loadWorkspace(db, async (p) => files.get(p)!);
      const r = await db.query(`SELECT post_title, post_level FROM appointments ORDER BY start_ym`);
      expect(r.rows).toEqual([{ post_title: '县委书记', post_level: null }, { post_title: '主任', post_level: null }]);
      files.set('tables/appointments.csv', enc.encode('cadre_id,org_name,region_code,is_top_leader,start_ym,end_ym\nC1,甲县委,990101,true,2020-01,\nC1,甲县人大,990101,false,2024-03,\n'));
      await expect(loadWorkspace(db, async (p) => files.get(p)!)).rejects.toThrow(/表头与预期不符/);
    } finally {
      await db.close();
    }
  });
});
