import { describe, expect, it } from 'vitest';
import { formatTable, tableRows } from './report.js';

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
});
