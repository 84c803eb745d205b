import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../electron/node/pack-node-host.js';
import { readSampleTable, SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'hengjian-pack-'));
const ARTIFACTS = new URL('../e2e/artifacts/pack-cli/', import.meta.url).pathname;
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const tool = (name: string) => spawnSync('which', [name]).status === 0;
const reason = !existsSync(chromiumPath()) ? `no Chromium at ${chromiumPath()}` : !tool('pdftotext') ? 'poppler-utils not installed' : null;
if (reason) console.log(`CLI pack test skipped: ${reason}`);

/**
 * 九河区 (990202), 2025Q4: its 一把手 杨志春 (C00051, from the appointments CSV). 地区生产总值 (A01, higher is better)
 * and its rank among the counties valid at 2025-12-31 are computed here from the sample CSVs.
 */
const CODE = '990202';
const regions = readSampleTable('regions');
const values = readSampleTable('indicator_values');
const END = '2025-12-31';
const counties = regions.filter((r) => r.level === 'county' && (!r.valid_from || r.valid_from <= END) && (!r.valid_to || r.valid_to >= END)).map((r) => r.region_code);
const a01 = new Map(values.filter((v) => v.indicator_id === 'A01' && v.period === '2025Q4' && v.value !== '').map((v) => [v.region_code, Number(v.value)]));
const mine = a01.get(CODE) as number;
const rank = counties.map((c) => a01.get(c)).filter((v): v is number => v !== undefined && v > mine).length + 1;
const name = regions.find((r) => r.region_code === CODE)?.name as string;

describe.skipIf(reason !== null)('CLI pack (--json), one region of the sample in all four formats', { timeout: 240_000 }, () => {
  it('writes PDF, PPTX, DOCX and XLSX with the right numbers, an index, and no request made', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'pack', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--region', CODE, '--out', OUT, '--watermark-text', '注意保存', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { packs: { regionName: string; leaderName: string; files: { name: string; path: string; bytes: number }[]; error: string | null }[]; blockedRequests: string[]; index: string; timings: { phasesMs: Record<string, number> } };
    expect(doc.blockedRequests).toEqual([]);
    expect(doc.packs).toHaveLength(1);
    const p = doc.packs[0]!;
    expect(p).toMatchObject({ regionName: name, leaderName: '杨志春', error: null });
    expect(p.files.map((f) => path.extname(f.name))).toEqual(['.pdf', '.pptx', '.docx', '.xlsx']);
    for (const f of p.files) expect(readFileSync(f.path).length).toBe(f.bytes);
    expect(readFileSync(doc.index, 'utf8')).toContain(name);
    const file = (ext: string) => p.files.find((f) => f.name.endsWith(ext))!.path;

    // PDF: title, the leader, A01's value and rank as computed above, the watermark; pages looked at.
    const text = execFileSync('pdftotext', ['-raw', file('.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(`${name}2025年四季度发展情况分析`);
    expect(text).toContain('杨志春');
    expect(text).toContain(`地区生产总值完成${mine.toFixed(2)}亿元`);
    expect(text).toContain(`第${rank}位`);
    expect(text).toContain('内部资料注意保存');
    // The fonts the printer served (not inlined) are the bundled Noto, embedded; no system font.
    const fonts = execFileSync('pdffonts', [file('.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const l of fonts) {
      expect(l).toMatch(/\syes\s/);
      if (!l.startsWith('[none]')) expect(l).toMatch(/^\S+\+Noto(Sans|Serif)SC/);
    }
    execFileSync('mkdir', ['-p', ARTIFACTS]);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '4', file('.pdf'), `${ARTIFACTS}pdf`]);

    // PPTX: native charts, zh-CN runs, the region's name.
    const pptx = unzipSync(readFileSync(file('.pptx')));
    const charts = Object.keys(pptx).filter((k) => /^ppt\/charts\/chart\d+\.xml$/.test(k));
    expect(charts.length).toBeGreaterThanOrEqual(3);
    const slides = Object.keys(pptx).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).map((k) => strFromU8(pptx[k]!)).join('');
    expect(slides).toContain(name);
    expect(slides).toContain('lang="zh-CN"');
    expect(Object.keys(pptx).some((k) => k.startsWith('ppt/media/'))).toBe(true);

    // DOCX: the narrative with the leader; XLSX: A01's value as a number.
    expect(strFromU8(unzipSync(readFileSync(file('.docx')))['word/document.xml']!)).toContain('杨志春');
    const xlsx = unzipSync(readFileSync(file('.xlsx')));
    const sheets = Object.keys(xlsx).filter((k) => k.startsWith('xl/worksheets/')).map((k) => strFromU8(xlsx[k]!)).join('');
    expect(sheets).toContain(`<v>${mine}</v>`);
    expect(sheets).not.toMatch(/<f>/);
    console.log(`pack phases (ms): ${JSON.stringify(doc.timings.phasesMs)}`);
  });

  it('refuses an unknown format and a region without a leader, in Chinese, with one JSON document', () => {
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'pack', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--region', '990299', '--out', OUT, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect((JSON.parse(bad.stdout) as { error: { message: string } }).error.message).toContain('工作区中没有地区 990299');
    const fmt = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'pack', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--formats', 'pdf,odt', '--out', OUT, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(fmt.status).not.toBe(0);
    expect((JSON.parse(fmt.stdout) as { error: { message: string } }).error.message).toContain('--formats');
  });
});

describe('CLI pack --limit (XLSX only: no Chromium started)', { timeout: 300_000 }, () => {
  const cli = (...extra: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'pack', '--workspace', SAMPLE_DIR, '--period', '2025Q4', '--formats', 'xlsx', '--out', OUT, ...extra, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  it('writes only the first n packs of the batch, and refuses a limit that is not a positive integer', () => {
    const r = cli('--limit', '2');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { packs: { regionName: string; error: string | null; files: { name: string; bytes: number }[] }[] };
    expect(doc.packs).toHaveLength(2);
    expect(doc.packs.every((p) => p.error === null && p.files.length === 1 && p.files[0]?.name.endsWith('.xlsx') && (p.files[0]?.bytes ?? 0) > 0)).toBe(true);
    for (const bad of ['0', 'x']) {
      const b = cli('--limit', bad);
      expect(b.status).not.toBe(0);
      expect((JSON.parse(b.stdout) as { error: { message: string } }).error.message).toContain(`--limit 需要一个正整数：${bad}`);
    }
  });
});
