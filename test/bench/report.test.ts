import { describe, expect, it } from 'vitest';
import { figuresOf } from './figures.js';
import { formatFigures, formatTable, tableRows, type Figure } from './report.js';

describe('bench report', () => {
  it('makes a row of every object holding numbers, by path', () => {
    const doc = { engine: 'x', totalSeconds: 12.345, packs: { wallMs: 57322, met: true, phases: { pdf: 552, pptx: 164 } }, views: [{ name: 'rank', ms: 3.5 }] };
    expect(tableRows(doc)).toEqual([
      ['(top)', ['totalSeconds 12.35']],
      ['packs', ['wallMs 57322', 'met true']],
      ['packs.phases', ['pdf 552', 'pptx 164']],
      ['views.0', ['ms 3.50']],
    ]);
    expect(formatTable(doc).split('\n')[1]).toBe('packs         wallMs 57322  met true');
  });

  it('prints the figures first as a Markdown table: median, p95, native, ratio, target, measured, met', () => {
    const figures: Figure[] = [
      { part: 'view', name: 'ranking', median: 12.5, p95: 20, unit: 'ms', native: 5, ratio: 2.5, target: '≤ 50 ms, ≤ 1× native', measured: '2.5×', met: false },
      { part: 'memory', name: 'renderer', median: 492, p95: null, unit: 'MB', native: null, ratio: null, target: '—', measured: null, met: null },
    ];
    expect(formatFigures(figures).split('\n')).toEqual([
      '| part | figure | median | p95 | unit | native | ×native | target | measured | met |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| view | ranking | 12.50 | 20 | ms | 5 | 2.50 | ≤ 50 ms, ≤ 1× native | 2.5× | NO |',
      '| memory | renderer | 492 | — | MB | — | — | — | — | — |',
    ]);
    const text = formatTable({ totalSeconds: 3, figures });
    expect(text.split('\n').slice(0, 4)).toEqual(formatFigures(figures).split('\n'));
    // The detail rows follow after a blank line, without the figures' own numbers.
    expect(text.split('\n').slice(4)).toEqual(['', '(top)  totalSeconds 3']);
  });

  it('reads the figures out of the document with their targets and whether met', () => {
    const doc = {
      import: {
        rows: 1000, targets: { csvUtf8: 2, csvGbkOverUtf8: 1.2, xlsx: 4, parquet: 1.5 },
        csvUtf8: { medianMs: 30, p95Ms: 40, rowsPerSecond: 33333, ratio: 1.5, nativeMs: 10, ratioToNative: 3 },
        csvGbk: { medianMs: 39, p95Ms: 41, rowsPerSecond: 25641, ratio: 1.95, overUtf8: 1.3, nativeMs: 10, ratioToNative: 3.9 },
        xlsx: { medianMs: 100, p95Ms: 120, rowsPerSecond: 10000, ratio: 5, nativeMs: 10, ratioToNative: 10 },
        parquet: { medianMs: 25, p95Ms: 26, rowsPerSecond: 40000, ratio: 1.25, nativeMs: 5, ratioToNative: 5 },
      },
      views: { shape: { rows: 1000 }, target: { medianMs: 50, ratioToNative: 1, perView: { score: { medianMs: 200 } } }, views: { score: { wasmMedianMs: 150, wasmP95Ms: 160, nativeMedianMs: 160, ratio: 0.94 } } },
      packs: { packs: 6, wallMs: 4000, targetMs: 3130, met: false },
      nodePeakRssMb: 900,
    };
    const f = figuresOf(doc);
    expect(f.map((x) => [x.part, x.measured, x.met])).toEqual([
      ['ingest', '1.5×', true],
      ['ingest', '1.3×', false], // GBK: 1.3 × the UTF-8 import, over the 1.2 allowed
      ['ingest', '5×', false],
      ['ingest', '1.25×', true],
      ['view', '0.94×', true], // 150 ms ≤ score's own 200 ms, 0.94 ≤ 1
      ['packs', null, null], // 4 of the 115: the 60 s target is not comparable
      ['memory', null, null],
    ]);
    expect(f[0]).toMatchObject({ name: 'CSV UTF-8 full import, 1,000 rows: 33k rows/s', median: 30, p95: 40, native: 10, ratio: 3, target: '≤ 2× read_csv' });
    expect(f[5]).toMatchObject({ name: 'batch of 6 packs (PDF + PPTX), the first of the 115', median: 4000, target: '60 s for all 115 (`--packs`): not comparable' });
    expect(figuresOf({ packs: { packs: 115, wallMs: 61000, targetMs: 60000, met: false } })[0]).toMatchObject({ target: '≤ 60000 ms', met: false });
    // Fewer than 5 timed runs (--quick) is said in the figure's name.
    expect(figuresOf({ import: { ...doc.import, runs: 3 } })[0]?.name).toBe('CSV UTF-8 full import, 1,000 rows (3 runs): 33k rows/s');
    expect(figuresOf({ chromium: { coldStart: { firstChartMs: { median: 900, p95: 950, runs: 3 }, target: { medianMs: 1500 } } } })[0]).toMatchObject({ name: 'cold start to first chart: sample workspace (3 loads)', median: 900, met: true });
  });
});
