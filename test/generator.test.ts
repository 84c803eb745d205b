import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type SampleWorkspace } from '../data/generator/sample.js';
import { workspaceManifestSchema, WORKSPACE_SCHEMA_VERSION } from '../shared/contract/workspace.js';
import { isRegionCode, regionLevel } from '../shared/model/region-code.js';
import { TABLES } from '../shared/model/tables.js';

const SAMPLE_DIR = fileURLToPath(new URL('../data/sample/', import.meta.url));
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const monthOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

let sample: SampleWorkspace;

beforeAll(() => {
  sample = generateSample();
});

describe('sample workspace generator', () => {
  it('gives identical output when run twice', () => {
    const again = generateSample();
    expect([...again.files.keys()]).toEqual([...sample.files.keys()]);
    for (const [path, text] of sample.files) expect(sha256(again.files.get(path) ?? ''), path).toBe(sha256(text));
  });

  it('matches the committed data/sample files (run `npm run sample` after changing the generator)', () => {
    for (const [path, text] of sample.files) {
      const file = `${SAMPLE_DIR}${path}`;
      expect(existsSync(file), `${path} is missing`).toBe(true);
      expect(sha256(readFileSync(file)), `${path} is stale`).toBe(sha256(text));
    }
    const committed = [...readdirSync(SAMPLE_DIR).filter((f) => f !== 'tables'), ...readdirSync(`${SAMPLE_DIR}tables`).map((f) => `tables/${f}`)];
    expect(committed.sort()).toEqual([...sample.files.keys()].sort());
  });

  it('writes plain UTF-8 CSV with the canonical headers', () => {
    for (const def of TABLES) {
      const text = sample.files.get(`tables/${def.name}.csv`) ?? '';
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text).not.toContain('\r');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.slice(0, text.indexOf('\n'))).toBe(def.columns.map((c) => c.name).join(','));
    }
  });

  it('has a manifest that validates and counts the CSV lines', () => {
    const manifest = workspaceManifestSchema.parse(JSON.parse(sample.files.get('manifest.json') ?? ''));
    expect(manifest.format).toBe('hengjian-workspace');
    expect(manifest.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(manifest.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(manifest.geojson).toBe('map.geojson');
    expect(manifest.tables.map((t) => t.name)).toEqual(TABLES.map((t) => t.name));
    for (const entry of manifest.tables) {
      expect(entry.file).toBe(`tables/${entry.name}.csv`);
      const text = sample.files.get(entry.file) ?? '';
      const lines = text.split('\n').length - 2; // header and the empty string after the final LF
      expect(entry.rows, entry.name).toBe(lines);
    }
    expect(manifest.tables.find((t) => t.name === 'warning_events')?.rows).toBe(0);
    expect(manifest.tables.find((t) => t.name === 'honour_lists')?.rows).toBe(0);
  });

  it('has a province, 10–14 cities and 90–115 counties with well-formed codes', () => {
    const regions = sample.tables.regions;
    const byCode = new Map(regions.map((r) => [r.region_code, r]));
    expect(byCode.get('990000')).toMatchObject({ level: 'province', parent_code: null });
    const cities = regions.filter((r) => r.level === 'city');
    const counties = regions.filter((r) => r.level === 'county');
    expect(cities.length).toBeGreaterThanOrEqual(10);
    expect(cities.length).toBeLessThanOrEqual(14);
    expect(counties.length).toBeGreaterThanOrEqual(90);
    expect(counties.length).toBeLessThanOrEqual(115);
    expect(new Set(regions.map((r) => r.name)).size).toBe(regions.length);
    for (const r of regions) {
      expect(isRegionCode(r.region_code), r.region_code).toBe(true);
      expect(r.region_code.startsWith('99')).toBe(true);
      if (!/^9990\d\d$/.test(r.region_code)) expect(regionLevel(r.region_code), r.region_code).toBe(r.level);
    }
    for (const c of cities) expect(c.parent_code).toBe('990000');
    for (const c of counties) {
      const parent = byCode.get(c.parent_code ?? '');
      expect(parent, c.region_code).toBeDefined();
      expect(['city', 'province']).toContain(parent?.level);
      expect(c.name).toMatch(/[区县市]$/);
      expect(['市辖区组', '经济强县组', '农业县组', '生态功能区组']).toContain(c.eval_group);
    }
    expect(byCode.get('999001')).toMatchObject({ level: 'county', parent_code: '990000' });
    expect(byCode.get('999002')).toMatchObject({ level: 'county', parent_code: '990000' });
  });

  it('has 40–48 indicators with A01 and A02 as specified', () => {
    const indicators = sample.tables.indicators;
    expect(indicators.length).toBeGreaterThanOrEqual(40);
    expect(indicators.length).toBeLessThanOrEqual(48);
    expect(indicators.find((i) => i.indicator_id === 'A01')).toMatchObject({ name: '地区生产总值', unit: '亿元', direction: 1, basis: '累计' });
    expect(indicators.find((i) => i.indicator_id === 'A02')).toMatchObject({ name: '地区生产总值增速', unit: '%', direction: 1, basis: '累计' });
    expect(indicators.reduce((s, i) => s + (i.weight ?? 0), 0)).toBe(100);
    expect(new Set(indicators.map((i) => i.dimension)).size).toBe(6);
    const satisfaction = indicators.find((i) => i.name === '群众满意度');
    expect(satisfaction).toMatchObject({ unit: '%', basis: '年度' });
    const periods = new Set(sample.tables.indicator_values.filter((v) => v.indicator_id === satisfaction?.indicator_id).map((v) => v.period));
    expect([...periods].sort()).toEqual(['2021', '2022', '2023', '2024', '2025']);
    const a01 = new Set(sample.tables.indicator_values.filter((v) => v.indicator_id === 'A01').map((v) => v.period));
    expect(a01.size).toBe(20);
  });

  it('gives every region exactly one top leader in every month (so every quarter) of 2021–2025', () => {
    const tops = sample.tables.appointments.filter((a) => a.is_top_leader);
    for (const r of sample.tables.regions) {
      const spans = tops.filter((a) => a.region_code === r.region_code);
      expect(spans.filter((s) => s.end_ym === null), r.region_code).toHaveLength(1);
      const people = new Set<string>();
      for (let m = monthOf('2021-01'); m <= monthOf('2025-12'); m++) {
        const inOffice = spans.filter((s) => monthOf(s.start_ym) <= m && (s.end_ym === null || monthOf(s.end_ym) >= m));
        expect(inOffice, `${r.region_code} month ${m}`).toHaveLength(1);
        people.add(inOffice[0]?.cadre_id ?? '');
      }
      expect(people.size).toBeGreaterThanOrEqual(1);
      expect(people.size).toBeLessThanOrEqual(3);
    }
  });

  it('has a few thousand cadres with valid fictional ID numbers and about 20% 优秀', () => {
    const cadres = sample.tables.cadres;
    expect(cadres.length).toBeGreaterThanOrEqual(2000);
    expect(cadres.length).toBeLessThanOrEqual(4000);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const c of cadres) {
      const id = c.id_no ?? '';
      expect(id).toMatch(/^99\d{15}[\dX]$/);
      const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
      expect(id[17]).toBe('10X98765432'[sum % 11]);
      expect(id.slice(6, 12)).toBe((c.birth_ym ?? '').replace('-', ''));
      expect(c.birth_ym! >= '1965-01' && c.birth_ym! <= '1995-12').toBe(true);
    }
    const women = cadres.filter((c) => c.gender === '女').length / cadres.length;
    expect(women).toBeGreaterThan(0.2);
    expect(women).toBeLessThan(0.35);
    const results = sample.tables.assessments;
    const excellent = results.filter((a) => a.result === '优秀').length / results.length;
    expect(excellent).toBeGreaterThanOrEqual(0.15);
    expect(excellent).toBeLessThanOrEqual(0.25);
  });

  it('holds the planted anomalies it lists', () => {
    const rows = new Map(sample.tables.indicator_values.map((v) => [`${v.region_code}|${v.indicator_id}|${v.period}`, v]));
    for (const a of sample.anomalies) {
      a.periods.forEach((p, i) => {
        const row = rows.get(`${a.region_code}|${a.indicator_id}|${p}`);
        if (a.kind === 'missing_row') expect(row).toBeUndefined();
        else expect(row?.value ?? null, `${a.kind} ${a.region_code} ${a.indicator_id} ${p}`).toBe(a.values[i]);
      });
    }
    const kinds = (k: string) => sample.anomalies.filter((a) => a.kind === k);
    expect(kinds('outlier')).toHaveLength(10);
    expect(new Set(kinds('consecutive_decline').map((a) => a.region_code)).size).toBeGreaterThanOrEqual(5);
    expect(kinds('tie').length).toBeGreaterThanOrEqual(2);
    // Only the planted county grows negatively in 2025 (A02), and only the planted one is below 80% satisfaction.
    const negative = sample.tables.indicator_values.filter((v) => v.indicator_id === 'A02' && v.period.startsWith('2025') && (v.value ?? 0) < 0);
    expect(new Set(negative.map((v) => v.region_code))).toEqual(new Set(kinds('negative_growth').map((a) => a.region_code)));
    const unhappy = sample.tables.indicator_values.filter((v) => v.indicator_id === 'C08' && v.value !== null && v.value < 80);
    expect(new Set(unhappy.map((v) => v.region_code))).toEqual(new Set(kinds('low_satisfaction').map((a) => a.region_code)));
    const missing = kinds('missing_value').length + kinds('missing_row').reduce((s, a) => s + a.periods.length, 0);
    expect(missing / (sample.tables.indicator_values.length + missing)).toBeGreaterThan(0.003);
    expect(missing / (sample.tables.indicator_values.length + missing)).toBeLessThan(0.008);
  });

  it('sums city and province totals from their counties', () => {
    const value = new Map(sample.tables.indicator_values.map((v) => [`${v.region_code}|${v.indicator_id}|${v.period}`, v.value]));
    // No county row of A01 in 2025Q4 is damaged on purpose, so the sums hold exactly there.
    expect(sample.anomalies.filter((a) => a.indicator_id === 'A01' && a.periods.includes('2025Q4'))).toEqual([]);
    const counties = sample.tables.regions.filter((r) => r.level === 'county');
    for (const parent of sample.tables.regions.filter((r) => r.level !== 'county')) {
      const members = parent.level === 'province' ? counties : counties.filter((c) => c.parent_code === parent.region_code);
      const sum = members.reduce((s, c) => s + (value.get(`${c.region_code}|A01|2025Q4`) ?? NaN), 0);
      expect(value.get(`${parent.region_code}|A01|2025Q4`), parent.region_code).toBeCloseTo(sum, 2);
    }
  });

  it('ships a GeoJSON feature per city and county, keyed by numeric adcode', () => {
    const map = JSON.parse(sample.files.get('map.geojson') ?? '') as {
      type: string;
      features: { properties: { adcode: number; name: string; level: string; parent: number }; geometry: { type: string } }[];
    };
    expect(map.type).toBe('FeatureCollection');
    const regions = sample.tables.regions.filter((r) => r.level !== 'province');
    expect(map.features.map((f) => String(f.properties.adcode)).sort()).toEqual(regions.map((r) => r.region_code).sort());
    for (const f of map.features) {
      const r = regions.find((x) => x.region_code === String(f.properties.adcode));
      expect(f.properties).toMatchObject({ name: r?.name, level: r?.level, parent: Number(r?.parent_code) });
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
    expect(Buffer.byteLength(sample.files.get('map.geojson') ?? '')).toBeLessThan(1_500_000);
  });
});
