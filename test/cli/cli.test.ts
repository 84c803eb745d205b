import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, readSampleTable } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');

/** Run the CLI as users do; stdout must be exactly one JSON document. */
function cli(...args: string[]): { code: number; json: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 2 ** 20 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

type Sheet = { encoding: string; period: string; rowsRead: number; rowsImported: number; rowsRejected: number; rowsSkipped: number; valuesImported: number; firstIssues: { row: number; value: string; reason: string }[] };
const rowsOf = (info: Record<string, unknown>, table: string) => (info.tables as { name: string; rows: number }[]).find((t) => t.name === table)?.rows;

// Each test spawns several CLI processes (tsx start-up ~1-5 s each on 2 cores): a longer budget than unit tests.
describe('CLI (npm run -s cli -- … --json)', { timeout: 120_000 }, () => {
  let dir: string;
  let ws: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-cli-'));
    ws = path.join(dir, 'ws');
    cpSync(SAMPLE_DIR, ws, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('info lists every table with its row count', () => {
    const r = cli('info', '--workspace', SAMPLE_DIR);
    expect(r.code).toBe(0);
    expect(rowsOf(r.json, 'indicator_values')).toBe(readSampleTable('indicator_values').length);
    expect(rowsOf(r.json, 'regions')).toBe(115);
  });

  it('imports a GBK wide sheet, reports every row and exits 3 for a rejected row', () => {
    const csv = [
      '2025年1-9月各县（市、区）主要经济指标,,',
      '地区,地区生产总值（亿元）,一般公共预算收入（亿元）',
      '蓝浦县,"１,234.5",—',
      '莲谷县,500.25,12.3',
      '不存在县,100,2.0',
      '合计,"1,834.75",',
    ].join('\r\n');
    const file = path.join(dir, '三季度.csv');
    writeFileSync(file, iconv.encode(csv, 'gb18030'));
    const before = rowsOf(cli('info', '--workspace', ws).json, 'indicator_values') as number;
    const r = cli('import', file, '--workspace', ws);
    expect(r.code).toBe(3);
    const sheet = (r.json.sheets as Sheet[])[0] as Sheet;
    expect(sheet).toMatchObject({ encoding: 'gb18030', period: '2025Q3', rowsRead: 4, rowsImported: 2, rowsRejected: 1, rowsSkipped: 1, valuesImported: 3 });
    expect(sheet.rowsRead).toBe(sheet.rowsImported + sheet.rowsRejected + sheet.rowsSkipped);
    expect(sheet.firstIssues[0]).toMatchObject({ row: 5, value: '不存在县' });
    // 2025Q3 values of these counties already exist in the sample: replaced, not added.
    expect(r.json.tables).toEqual([{ table: 'indicator_values', rows: 3, replaced: 3 }]);
    expect(r.json.batchId).toBe(1);
    expect(r.json.replaces).toEqual([{ table: 'indicator_values', batchId: null, committedAt: null, files: [], rows: 3 }]);
    expect(rowsOf(cli('info', '--workspace', ws).json, 'indicator_values')).toBe(before);
  });

  it('lists the import batches, undoes one (the sample values come back) and refuses to undo it twice', () => {
    const list = cli('imports', '--workspace', ws);
    expect(list.code).toBe(0);
    type Batch = { batchId: number; files: string[]; rowsRead: number; rowsImported: number; rowsRejected: number; rowsSkipped: number; rowsWritten: number; rowsReplaced: number; status: string; sources: { file: string; target: string; rowsWritten: number }[] };
    const [b] = list.json.batches as Batch[];
    expect(b).toMatchObject({ batchId: 1, files: ['三季度.csv'], rowsRead: 4, rowsImported: 2, rowsRejected: 1, rowsSkipped: 1, rowsWritten: 3, rowsReplaced: 3, status: 'active' });
    expect(b?.sources).toEqual([{ srcId: 1, file: '三季度.csv', sheet: null, target: 'indicator_values', rowsWritten: 3 }]);
    const sample = readSampleTable('indicator_values').length;
    const u = cli('undo-import', '1', '--workspace', ws);
    expect(u.code).toBe(0);
    expect(u.json.undone).toMatchObject({ batchId: 1, tables: [{ table: 'indicator_values', removed: 3, restored: 3 }] });
    expect(rowsOf(cli('info', '--workspace', ws).json, 'indicator_values')).toBe(sample);
    expect((cli('imports', '--workspace', ws).json.batches as Batch[])[0]?.status).toBe('undone');
    const again = cli('undo-import', '1', '--workspace', ws);
    expect(again.code).toBe(1);
    expect((again.json.error as { message: string }).message).toBe('导入批次 1 已经撤销过');
    expect(cli('undo-import', 'x', '--workspace', ws).code).toBe(2);
  });

  it('reads the units row of the issue’s wide sheet, maps 地区生产总值增速 to its own indicator, and lists every column', () => {
    const csv = [
      '示例省2025年前三季度各县主要经济指标,,,,',
      '地区,地区生产总值,地区生产总值增速,一般公共预算收入,附加数',
      ',亿元,%,万元,',
      '蓝浦县,725.1,5.5,123456,7',
      '莲谷县,714.2,6.1,98765,8',
      '合计,1439.3,,222221,',
      '注：数据为快报数。,,,,',
    ].join('\r\n');
    const file = path.join(dir, '前三季度.csv');
    writeFileSync(file, iconv.encode(csv, 'gb18030'));
    const r = cli('import', file, '--workspace', ws, '--period', '2025Q3', '--dry-run');
    // Nothing rejected, but a numeric column is not imported and nobody said so: exit 3 and a warning.
    expect(r.code).toBe(3);
    type Col = { header: string; status: string; target: string | null; rule: string | null; reason: string | null; warning: boolean };
    const sheet = (r.json.sheets as (Sheet & { columns: Col[]; columnWarnings: number; notes: string[] })[])[0]!;
    expect(sheet).toMatchObject({ rowsRead: 4, rowsImported: 2, rowsRejected: 0, rowsSkipped: 2, valuesImported: 6, columnWarnings: 1 });
    expect(sheet.columns.map((c) => [c.header, c.status, c.target, c.rule, c.reason, c.warning])).toEqual([
      ['地区', 'imported', '地区名称', 'exact', null, false],
      ['地区生产总值（亿元）', 'imported', '指标 A01 地区生产总值（数值）', 'exact', null, false],
      ['地区生产总值增速（%）', 'imported', '指标 A02 地区生产总值增速（数值）', 'exact', null, false],
      ['一般公共预算收入（万元）', 'imported', '指标 A03 一般公共预算收入（数值）', 'exact', null, false],
      ['附加数', 'not-imported', null, null, 'unknown', true],
    ]);
    expect(sheet.notes.some((n) => n.includes('「附加数」列含数值但未导入'))).toBe(true);
  });

  it('masks ID numbers in the report unless --show-personal is given', () => {
    const file = path.join(dir, '名册.csv');
    writeFileSync(file, '\uFEFF姓名,性别,出生年月,身份证号\r\n张三,男,1990.01,110101199001017770\r\n');
    type Group = { kind: string; examples: { value: string | null }[] };
    const values = (r: ReturnType<typeof cli>) =>
      ((r.json.sheets as { issueGroups: Group[] }[])[0]?.issueGroups ?? []).flatMap((g) => g.examples.map((e) => e.value)).filter((v) => v?.startsWith('110101'));
    expect(values(cli('import', file, '--workspace', ws, '--dry-run'))).toEqual(['110101********7770']);
    expect(values(cli('import', file, '--workspace', ws, '--dry-run', '--show-personal'))).toEqual(['110101199001017770']);
  });

  it('fails a binary file named .csv with a Chinese reason, exit 1, and writes nothing', () => {
    const file = path.join(dir, '伪装.csv');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
    const r = cli('import', file, '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.json.committed).toBe(false);
    expect((r.json.failures as { file: string; message: string }[])[0]?.message).toMatch(/伪装\.csv/);
  });

  it('ranks the sample’s counties with gaps to a given benchmark and rank movement, as computed here independently', () => {
    const r = cli('rank', '--workspace', SAMPLE_DIR, '--indicator', 'A02', '--period', '2025Q3', '--benchmark', '5');
    expect(r.code).toBe(0);
    const asOf = '2025-09-30';
    const counties = new Set(
      readSampleTable('regions')
        .filter((x) => x.level === 'county' && (!x.valid_from || x.valid_from <= asOf) && (!x.valid_to || x.valid_to >= asOf))
        .map((x) => x.region_code),
    );
    const dir = Number(readSampleTable('indicators').find((i) => i.indicator_id === 'A02')?.direction);
    const ranksOf = (period: string) => {
      const vals = readSampleTable('indicator_values').filter((v) => v.indicator_id === 'A02' && v.period === period && v.value !== '' && counties.has(v.region_code));
      // Competition ranking: 1 + the number of regions strictly better.
      return new Map(vals.map((v) => [v.region_code, { value: Number(v.value), rank: 1 + vals.filter((w) => Number(w.value) * dir > Number(v.value) * dir + 1e-9).length }]));
    };
    const now = ranksOf('2025Q3');
    const prev = ranksOf('2025Q2');
    type Row = { regionCode: string; rank: number | null; value: number | null; gap: number | null; gapPct: number | null; movePrevious: number | null };
    const rows = r.json.rows as Row[];
    expect(r.json.compared).toBe(now.size);
    expect(now.size).toBeGreaterThan(50);
    for (const x of rows.filter((y) => y.rank !== null)) {
      const want = now.get(x.regionCode);
      expect(x.rank).toBe(want?.rank);
      expect(x.gap).toBeCloseTo((want?.value ?? NaN) - 5, 9);
      expect(x.gapPct).toBeNull(); // a rate: the gap is in 个百分点 already
      const p = prev.get(x.regionCode);
      expect(x.movePrevious).toBe(p ? p.rank - (want?.rank ?? NaN) : null);
    }
    expect(cli('rank', '--workspace', SAMPLE_DIR, '--indicator', 'A02', '--period', '2025Q3', '--benchmark', 'x').code).toBe(2);
  });

  it('gives a county’s trend with YoY as computed here from the sample, no QoQ on year-to-date values, and 一把手 changes', () => {
    const r = cli('trend', '--workspace', SAMPLE_DIR, '--region', '990102', '--indicator', 'A01');
    expect(r.code).toBe(0);
    expect(r.json.qoqAllowed).toBe(false);
    const vals = new Map(readSampleTable('indicator_values').filter((v) => v.indicator_id === 'A01' && v.region_code === '990102' && v.value !== '').map((v) => [v.period, v]));
    type Pt = { period: string; value: number | null; yoy: number | null; qoq: number | null };
    const s = (r.json.series as { points: Pt[]; leaderChanges: { period: string; name: string }[] }[])[0]!;
    expect(s.points.length).toBe(vals.size);
    let checked = 0;
    for (const p of s.points) {
      const row = vals.get(p.period)!;
      expect(p.value).toBeCloseTo(Number(row.value), 9);
      expect(p.qoq).toBeNull();
      const base = vals.get(`${Number(p.period.slice(0, 4)) - 1}${p.period.slice(4)}`);
      const want = row.yoy_pct !== '' ? Number(row.yoy_pct) : base ? ((Number(row.value) - Number(base.value)) / Math.abs(Number(base.value))) * 100 : null;
      if (want === null) expect(p.yoy).toBeNull();
      else { expect(p.yoy).toBeCloseTo(want, 4); checked++; }
    }
    expect(checked).toBeGreaterThan(10);
    const leaders = readSampleTable('appointments').filter((a) => a.region_code === '990102' && a.is_top_leader === 'true').map((a) => a.start_ym ?? '').sort();
    const first = s.points[0]!.period;
    const inRange = leaders.slice(1).filter((ym) => `${ym.slice(0, 4)}Q${Math.ceil(Number(ym.slice(5, 7)) / 3)}` > first);
    expect(s.leaderChanges.length).toBe(inRange.length);
    expect(cli('trend', '--workspace', SAMPLE_DIR, '--region', '123456', '--indicator', 'A01').code).toBe(1);
  });

  it('gives the regions × indicators matrix of z-scores × direction, as computed here from the sample', () => {
    const r = cli('heatmap', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--level', 'city', '--sort', 'code');
    expect(r.code).toBe(0);
    const cities = readSampleTable('regions').filter((x) => x.level === 'city').map((x) => x.region_code);
    type Cell = { key: string; value: number | null; score: number | null; rank: number | null };
    const rows = r.json.rows as { regionCode: string; cells: Cell[] }[];
    expect(rows.map((x) => x.regionCode)).toEqual([...cities].sort());
    const dir = Number(readSampleTable('indicators').find((i) => i.indicator_id === 'A05')?.direction);
    const vals = readSampleTable('indicator_values').filter((v) => v.indicator_id === 'A05' && v.period === '2025Q4' && v.value !== '' && cities.includes(v.region_code));
    const xs = vals.map((v) => Number(v.value));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    for (const v of vals) {
      const cell = rows.find((x) => x.regionCode === v.region_code)!.cells.find((c) => c.key === 'A05')!;
      expect(cell.score).toBeCloseTo(((Number(v.value) - mean) / sd) * dir, 5);
      expect(cell.rank).toBe(1 + xs.filter((x) => x * dir > Number(v.value) * dir + 1e-9).length);
    }
    expect(cli('heatmap', '--workspace', SAMPLE_DIR).code).toBe(2);
  });

  it('scores the cities by min-max as computed here from the sample, and lists the indicators left out', () => {
    const r = cli('score', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--level', 'city', '--method', 'minmax');
    expect(r.code).toBe(0);
    const cities = readSampleTable('regions').filter((x) => x.level === 'city').map((x) => x.region_code as string);
    const cat = readSampleTable('indicators').filter((i) => Number(i.weight) > 0);
    const vals = readSampleTable('indicator_values').filter((v) => v.period === '2025Q4' && v.value !== '' && cities.includes(v.region_code as string));
    const sums = new Map<string, { s: number; w: number }>();
    const noData: string[] = [];
    for (const i of cat) {
      const mine = vals.filter((v) => v.indicator_id === i.indicator_id).map((v) => ({ code: v.region_code as string, x: Number(v.value) }));
      if (!mine.length) { noData.push(i.indicator_id as string); continue; }
      const mn = Math.min(...mine.map((m) => m.x));
      const mx = Math.max(...mine.map((m) => m.x));
      const dir = Number(i.direction);
      for (const m of mine) {
        const d = mx === mn ? 100 : (100 * (dir > 0 ? m.x - mn : mx - m.x)) / (mx - mn);
        const e = sums.get(m.code) ?? { s: 0, w: 0 };
        sums.set(m.code, { s: e.s + Number(i.weight) * d, w: e.w + Number(i.weight) });
      }
    }
    const rows = r.json.rows as { regionCode: string; composite: number; rank: number }[];
    expect(rows).toHaveLength(cities.length);
    for (const row of rows) expect(row.composite).toBeCloseTo((sums.get(row.regionCode)?.s ?? 0) / (sums.get(row.regionCode)?.w ?? 1), 6);
    for (const row of rows) expect(row.rank).toBe(1 + rows.filter((x) => x.composite > row.composite + 1e-9).length);
    expect((r.json.leftOut as { id: string; reason: string }[]).map((x) => x.id).sort()).toEqual(noData.sort());
    expect(r.json.missingPolicyText).toContain('重新折算');
    expect(cli('score', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--scheme', '没有这个方案').code).toBe(2);
  });

  it('gives rank intervals over seeded weight draws, the same for the same seed', () => {
    const run = () => cli('robustness', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--level', 'city', '--draws', '200', '--seed', '5', '--top', '3', '--bottom', '3');
    const a = run();
    expect(a.code).toBe(0);
    const rows = a.json.rows as { best: number; p5: number; median: number; p95: number; worst: number }[];
    expect(rows).toHaveLength(12);
    for (const x of rows) expect(x.best <= x.p5 && x.p5 <= x.median && x.median <= x.p95 && x.p95 <= x.worst).toBe(true);
    expect(a.json.boundaries).toEqual(['前3名', '后3名']);
    expect(run().json.rows).toEqual(a.json.rows);
  });

  it('flags the sample’s planted data problems before ranking', () => {
    const r = cli('quality', '--workspace', SAMPLE_DIR, '--period', '2025Q4');
    expect(r.code).toBe(0);
    const flags = r.json.flags as { kind: string; regionCode: string; indicatorId: string }[];
    // planted.json: 岚安市 reported 城镇新增就业人数 at 7× its true value in 2025Q4.
    expect(flags.some((f) => f.regionCode === '990981' && f.indicatorId === 'C03' && (f.kind === 'outlier' || f.kind === 'jump'))).toBe(true);
    const counts = r.json.counts as { missing: number; outlier: number; jump: number; sum: number };
    expect(counts.missing + counts.outlier + counts.jump + counts.sum).toBe(flags.length);
  });

  it('raises the sample’s default rules with evidence, status and the 一把手, and names who led a region', () => {
    const csv = (t: string) => readFileSync(path.join(SAMPLE_DIR, 'tables', `${t}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const counties = new Set(csv('regions').filter((r) => r[2] === 'county' && !r[6]).map((r) => r[0]));
    // Independently from the CSV: counties whose 地区生产总值增速 (A02) is below zero in 2025Q4 (rule R10).
    const negative = csv('indicator_values').filter((r) => r[1] === 'A02' && r[2] === '2025Q4' && counties.has(r[0]) && r[3] !== '' && Number(r[3]) < 0).map((r) => r[0]).sort();
    const r = cli('warnings', '--workspace', SAMPLE_DIR, '--period', '2025Q4');
    expect(r.code).toBe(0);
    const events = r.json.events as { ruleId: string; regionCode: string; status: string; level: string; leaderName: string | null; message: string; period: string }[];
    expect(events.filter((e) => e.ruleId === 'R10' && e.status !== '解除').map((e) => e.regionCode).sort()).toEqual(negative);
    expect(negative.length).toBeGreaterThan(0);
    expect(events.every((e) => e.period === '2025Q4')).toBe(true);
    // Every rule type of the default set fires somewhere, and every event in force names the region's 一把手.
    for (const id of ['R01', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11']) expect(events.some((e) => e.ruleId === id)).toBe(true);
    expect(events.filter((e) => e.status !== '解除').every((e) => e.leaderName)).toBe(true);
    const counts = r.json.counts as { red: number; yellow: number; resolved: number };
    expect(counts.red + counts.yellow + counts.resolved).toBe(events.length);
    // Who led 茂口区 at the end of 2025 (month 2025-12), from appointments.csv.
    const month = (t: string) => Number(t.slice(0, 4)) * 12 + Number(t.slice(5, 7)) - 1;
    const lead = csv('appointments').filter((a) => a[2] === '990102' && a[4] === 'true' && month(a[5] as string) <= month('2025-12') && (!a[6] || month(a[6]) >= month('2025-12')));
    const l = cli('leader', '--workspace', SAMPLE_DIR, '--region', '990102', '--period', '2025Q4');
    expect(l.code).toBe(0);
    expect((l.json.leader as { cadreId: string }).cadreId).toBe(lead[0]?.[0]);
    expect(cli('leader', '--workspace', SAMPLE_DIR, '--region', '990199', '--period', '2025Q4').code).toBe(2);
  });

  it('answers a read-only query and refuses a write with a Chinese reason, exit 1, the workspace untouched', () => {
    const r = cli('sql', 'SELECT level, count(*) AS n FROM regions GROUP BY level ORDER BY level', '--workspace', SAMPLE_DIR);
    expect(r.code).toBe(0);
    const byLevel = Object.fromEntries((r.json.rows as [string, number][]).map(([l, n]) => [l, n]));
    const regions = readSampleTable('regions');
    expect(byLevel).toEqual(Object.fromEntries(['city', 'county', 'province'].map((l) => [l, regions.filter((x) => x.level === l).length])));
    const w = cli('sql', 'DELETE FROM regions', '--workspace', ws);
    expect(w.code).toBe(1);
    expect((w.json.error as { message: string }).message).toContain('只允许一条只读查询');
    expect(rowsOf(cli('info', '--workspace', ws).json, 'regions')).toBe(regions.length);
  });

  it('reports usage errors as one JSON document with exit 2', () => {
    const r = cli('import', '--workspace', ws);
    expect(r.code).toBe(2);
    expect((r.json.error as { code: string }).code).toBe('usage');
  });
});
