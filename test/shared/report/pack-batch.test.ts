import { describe, expect, it } from 'vitest';
import { batchIndexHtml, packBaseName, safeFileName, writeBatch, writePack, type PackHost, type PackWriters } from '../../../shared/report/pack-batch.js';
import type { PackModel } from '../../../shared/report/pack-types.js';
import { HOSTILE_REGION, PACK_FIXTURE } from '../../fixtures/pack/pack-model.js';

const enc = (s: string) => new TextEncoder().encode(s);

function fakes(calls: string[]): { writers: PackWriters; host: PackHost } {
  return {
    writers: {
      charts: (m) => [
        { key: 'heat', title: '热力图', svg: '<svg/>', width: 10, height: 10 },
        { key: 'trend:GDP', title: '趋势', svg: '<svg/>', width: 10, height: 10 },
      ].map((c) => (calls.push(`charts:${m.region.code}`), c)).slice(0, 2),
      html: (m, charts, fontCss) => (calls.push(`html:${charts.length}:${fontCss}`), `<html>${m.title}</html>`),
      pptx: async (_m, images) => (calls.push(`pptx:${[...images.keys()].join(',')}`), enc('pptx')),
      docx: async (_m, images) => (calls.push(`docx:${[...images.keys()].join(',')}`), enc('docx')),
      xlsx: () => (calls.push('xlsx'), enc('xlsx')),
    },
    host: {
      printPdf: async () => (calls.push('pdf'), enc('%PDF')),
      rasterize: async (charts) => (calls.push(`raster:${charts.map((c) => c.key).join(',')}`), new Map(charts.map((c) => [c.key, enc('png')]))),
      fontCss: async () => '@font-face{}',
    },
  };
}

describe('pack files', () => {
  it('names files safely on every system', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0001')).toBe('a_b_c_d_e_f_g_h_i_j_');
    expect(safeFileName('县. ')).toBe('县');
    expect(safeFileName('')).toBe('未命名');
    expect(safeFileName('长'.repeat(200))).toHaveLength(120);
    expect(packBaseName(PACK_FIXTURE)).toBe(safeFileName(`2025Q3-990101-${HOSTILE_REGION}-+张<b>三</b>\uFFFE`));
    expect(packBaseName(PACK_FIXTURE)).not.toMatch(/[<>/"\ufffe]/u);
  });

  it('writes each asked format once, rasterising only what PPTX needs unless DOCX is asked', async () => {
    const calls: string[] = [];
    const { writers, host } = fakes(calls);
    const files = await writePack(PACK_FIXTURE, ['pdf', 'pptx', 'xlsx'], writers, host);
    expect(files.map((f) => f.name.slice(f.name.lastIndexOf('.')))).toEqual(['.pdf', '.pptx', '.xlsx']);
    // The HTML is rendered once without fonts (its text picks the font subsets), then with them.
    expect(calls).toEqual(['charts:990101', 'charts:990101', 'html:2:', 'html:2:@font-face{}', 'pdf', 'raster:heat', 'pptx:heat', 'xlsx']);
    calls.length = 0;
    await writePack(PACK_FIXTURE, ['docx'], writers, host);
    expect(calls).toEqual(['charts:990101', 'charts:990101', 'raster:heat,trend:GDP', 'docx:heat,trend:GDP']);
  });
});

describe('batch', () => {
  const target = (code: string, fail = false) => ({
    regionCode: code,
    regionName: `${code}县`,
    leaderName: code === '990103' ? null : `书记${code}`,
    build: async (): Promise<PackModel> => {
      if (fail) throw new Error('该地区本期无数据');
      return { ...PACK_FIXTURE, region: { ...PACK_FIXTURE.region, code, name: `${code}县` } };
    },
  });

  it('goes on past a failing pack, reports progress, and indexes every region', async () => {
    const { writers, host } = fakes([]);
    const progress: number[] = [];
    const r = await writeBatch('2025Q3', [target('990101'), target('990102', true), target('990103')], ['xlsx'], writers, host, { onProgress: (p) => progress.push(p.done) });
    expect(r.cancelled).toBe(false);
    expect(r.entries.map((e) => [e.regionCode, e.files.length, e.error])).toEqual([
      ['990101', 1, null],
      ['990102', 0, '该地区本期无数据'],
      ['990103', 1, null],
    ]);
    expect(progress).toEqual([0, 1, 2, 3]);
    // 2 packs (named from each model: the fixture's hostile leader name, defused) + the index.
    expect(r.files.map((f) => f.name)).toEqual(['2025Q3-990101-990101县-+张_b_三__b__.xlsx', '2025Q3-990103-990103县-+张_b_三__b__.xlsx', '索引.html']);
    const index = new TextDecoder().decode(r.files[2]!.bytes);
    expect(index).toContain('共3个地区，已生成2份，未生成1份');
    expect(index).toContain('未生成：该地区本期无数据');
  });

  it('stops between packs when cancelled and keeps what is done', async () => {
    const { writers, host } = fakes([]);
    const ctl = new AbortController();
    const r = await writeBatch('2025Q3', [target('990101'), target('990102'), target('990104')], ['xlsx'], writers, host, {
      onProgress: (p) => {
        if (p.done === 1) ctl.abort();
      },
      signal: ctl.signal,
    });
    expect(r.cancelled).toBe(true);
    expect(r.entries.map((e) => e.regionCode)).toEqual(['990101', '990102']);
  });

  it('keeps the targets\' order with several packs in flight, whatever finishes first', async () => {
    const { writers, host } = fakes([]);
    const slow = (code: string, ms: number) => ({ ...target(code), build: async () => (await new Promise((r) => setTimeout(r, ms)), { ...PACK_FIXTURE, region: { ...PACK_FIXTURE.region, code, name: code } }) });
    let inFlight = 0;
    let most = 0;
    const counted = [slow('990101', 30), slow('990102', 5), slow('990103', 1), slow('990104', 1)].map((t) => ({
      ...t,
      build: async () => {
        most = Math.max(most, ++inFlight);
        try {
          return await t.build();
        } finally {
          inFlight--;
        }
      },
    }));
    const r = await writeBatch('2025Q3', counted, ['xlsx'], writers, host, { concurrency: 3 });
    expect(most).toBe(3);
    expect(r.entries.map((e) => e.regionCode)).toEqual(['990101', '990102', '990103', '990104']);
    expect(r.files.map((f) => f.name.split('-')[1])).toEqual(['990101', '990102', '990103', '990104', undefined]);
  });

  it('escapes names in the index and links files relatively', () => {
    const page = batchIndexHtml('2025Q3', [{ regionCode: '990101', regionName: HOSTILE_REGION, leaderName: '<b>张</b>', files: ['a b.pdf'], error: null, ms: 1 }], 1, '');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>张');
    expect(page).toContain('href="a%20b.pdf"');
    expect(page).toContain("default-src 'none'");
  });
});
