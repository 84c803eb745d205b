import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');

/** Run the CLI as users do; stdout must be exactly one JSON document. */
function cli(...args: string[]): { code: number; json: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

type MapReport = {
  file: string;
  features: number;
  matched: number;
  matchedBy: Record<string, number>;
  unmatchedFeatures: { feature: number; name: string | null; code: string | null; reason: string }[];
  regionsWithoutShape: { regionCode: string; name: string; level: string }[];
  matches: { feature: number; regionCode: string; by: string }[];
};

describe('CLI import of GeoJSON boundaries (--json)', { timeout: 120_000 }, () => {
  let dir: string;
  let ws: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-cli-geo-'));
    ws = path.join(dir, 'ws');
    cpSync(SAMPLE_DIR, ws, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports unmatchedFeatures and regionsWithoutShape per file and saves the matched features in maps.json', () => {
    const poly = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 30], [x + 0.1, 30], [x + 0.1, 30.1], [x, 30]]] });
    const cities = [
      { adcode: '990100000000', name: '云岭' },
      { name: '青川市' },
      { name: '虚构市' },
    ];
    const file = path.join(dir, '各市.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: cities.map((p, i) => ({ type: 'Feature', properties: p, geometry: poly(100 + i) })) }));
    const r = cli('import', file, '--workspace', ws);
    expect(r.code).toBe(0);
    const maps = r.json.maps as MapReport[];
    expect(maps).toHaveLength(1);
    const m = maps[0] as MapReport;
    expect(m).toMatchObject({ file: '各市.geojson', features: 3, matched: 2, matchedBy: { code: 1, name: 1, alias: 0, 'old-name': 0 } });
    expect(m.matches.map((x) => [x.regionCode, x.by])).toEqual([['990100', 'code'], ['990200', 'name']]);
    expect(m.unmatchedFeatures).toEqual([{ feature: 3, name: '虚构市', code: null, reason: '没有区划代码，名称「虚构市」没有对应的地区' }]);
    // The sample's other ten cities have no shape in this file; the counties are not asked for (no county in it).
    expect(m.regionsWithoutShape).toHaveLength(10);
    expect(m.regionsWithoutShape[0]).toEqual({ regionCode: '990300', name: '临澜市', level: 'city' });
    expect(m.regionsWithoutShape.every((x) => x.level === 'city')).toBe(true);

    const saved = JSON.parse(readFileSync(path.join(ws, 'maps.json'), 'utf8')) as Record<string, { features: { properties: Record<string, unknown> }[] }>;
    expect(Object.keys(saved).sort()).toEqual(['map.geojson', '各市.geojson']);
    expect(saved['map.geojson']?.features).toHaveLength(114);
    expect(saved['各市.geojson']?.features.map((f) => f.properties)).toEqual([
      { adcode: '990100', name: '云岭市', level: 'city', sourceName: '云岭', matchedBy: 'code' },
      { adcode: '990200', name: '青川市', level: 'city', sourceName: '青川市', matchedBy: 'name' },
    ]);
  });
});
