import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { commitImport, prepareImport, validateImport } from '../../../shared/ingest/pipeline/pipeline.js';
import type { StoredFeature } from '../../../shared/ingest/maps/boundary-types.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { openWorkspaceInto } from '../../../shared/workspace/open.js';
import { workspaceDirReader } from '../../../electron/node/workspace-dir.js';
import { connectorFactories } from '../../support/connectors.js';
import { SAMPLE_DIR, readSampleTable } from '../../support/sample-data.js';

const enc = new TextEncoder();
const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y]]] });
const geojson = (name: string, features: { properties: Record<string, unknown>; x: number }[]) => ({
  name,
  bytes: enc.encode(JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: square(f.x, 30) })) })),
});

/** Every file of a workspace folder, by relative path. */
function readDir(root: string, rel = ''): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const name of readdirSync(path.join(root, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(root, r)).isDirectory()) for (const [k, v] of readDir(root, r)) out.set(k, v);
    else out.set(r, new Uint8Array(readFileSync(path.join(root, r))));
  }
  return out;
}

for (const factory of connectorFactories) {
  describe(`boundary import (${factory.name})`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
    });
    afterAll(() => db.close());

    it('loads the sample workspace with its map: 114 features, each on a region of the sample', async () => {
      const ws = await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
      const fc = ws.maps?.['map.geojson'];
      expect(fc?.features).toHaveLength(114);
      const regions = new Map(readSampleTable('regions').map((r) => [r.region_code, r]));
      for (const f of fc?.features ?? []) {
        expect(regions.get(f.properties.adcode)?.name).toBe(f.properties.name);
        expect(f.properties.matchedBy).toBe('code');
        expect(['Polygon', 'MultiPolygon']).toContain((f.geometry as { type: string }).type);
      }
      expect(new Set(fc?.features.map((f) => f.properties.adcode)).size).toBe(114);
      expect(ws.mapReport).toMatchObject({ features: 114, matched: 114, unmatchedFeatures: [], regionsWithoutShape: [] });
    });

    it('opens a workspace folder whose manifest names a geojson with the map in its documents', async () => {
      const opened = await openWorkspaceInto(db, readDir(SAMPLE_DIR));
      const maps = opened.documents.maps as Record<string, { features: StoredFeature[] }>;
      expect(Object.keys(maps)).toEqual(['map.geojson']);
      expect(maps['map.geojson']?.features).toHaveLength(114);
    });

    it('imports name-only boundaries drawn before 撤县设区, reports what matched nothing and the counties left without a shape', async () => {
      await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
      const file = geojson('云岭市.geojson', [
        { properties: { name: '茂口' }, x: 100 },
        { properties: { name: '云岭市丹谷县' }, x: 101 },
        { properties: { name: '凤口县' }, x: 102 },
        { properties: { adcode: 990121 }, x: 103 },
        { properties: { name: '海外县' }, x: 104 },
      ]);
      const session = await prepareImport(db, [file]);
      const v = await validateImport(db, session);
      expect(v.boundaries).toHaveLength(1);
      const r = v.boundaries[0]?.report;
      expect(r?.matches.map((m) => [m.feature, m.regionCode, m.by])).toEqual([
        [1, '990102', 'name'],
        [2, '990122', 'name'],
        [3, '990106', 'old-name'],
        [4, '990121', 'code'],
      ]);
      expect(r?.unmatchedFeatures).toEqual([{ feature: 5, name: '海外县', code: null, reason: '没有区划代码，名称「海外县」没有对应的地区' }]);
      // Every county of the sample valid now without a shape, the cities not (the file has none).
      const shaped = new Set(['990102', '990122', '990106', '990121']);
      const withoutShape = readSampleTable('regions').filter((x) => x.level === 'county' && !shaped.has(x.region_code ?? ''));
      expect(r?.regionsWithoutShape.map((x) => x.regionCode)).toEqual(withoutShape.map((x) => x.region_code));
      expect(r?.regionsWithoutShape.find((x) => x.regionCode === '990123')).toEqual({ regionCode: '990123', name: '嘉平县', level: 'county' });
      const done = await commitImport(db, v);
      expect(Object.keys(done.maps)).toEqual(['云岭市.geojson']);
      expect(done.maps['云岭市.geojson']?.features.map((f) => [f.properties.adcode, f.properties.name, f.properties.sourceName])).toEqual([
        ['990102', '茂口区', '茂口'],
        ['990122', '丹谷县', '云岭市丹谷县'],
        ['990106', '凤口区', '凤口县'],
        ['990121', '蓝浦县', null],
      ]);
    });

    it('matches boundaries against regions imported in the same batch', async () => {
      await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
      const regionsCsv = { name: '新设地区.csv', bytes: enc.encode('区划代码,名称,层级,上级代码\n990130,星河县,county,990100\n') };
      const session = await prepareImport(db, [regionsCsv, geojson('星河.geojson', [{ properties: { name: '星河' }, x: 100 }])]);
      expect(session.sheets.map((s) => s.plan.table)).toEqual(['regions']);
      const v = await validateImport(db, session);
      expect(v.boundaries[0]?.report.matches.map((m) => [m.regionCode, m.name, m.by])).toEqual([['990130', '星河县', 'name']]);
    });
  });
}
