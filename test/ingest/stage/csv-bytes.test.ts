import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvBytes } from '../../../shared/ingest/stage/csv-bytes.js';
import { prepareGrid } from '../../../shared/ingest/stage/stage-rows.js';
import type { RawCell } from '../../../shared/ingest/types.js';

/** The field as staging built it before, as a string (then encoded whole). */
const field = (t: string): string => `"${t.replaceAll('\u0000', '').replaceAll('"', '""')}"`;

describe('CsvBytes', () => {
  it('writes a quoted field as TextEncoder encodes it, quotes doubled, NUL dropped, lone surrogates as U+FFFD', () => {
    const w = new CsvBytes(4);
    expect(w.quoted('a"b\u0000c')).toBe(7);
    w.byte(44);
    expect(w.quoted('𠀀\ud800x')).toBe(6);
    expect(new TextDecoder().decode(w.take())).toBe('"a""bc","𠀀\ufffdx"');
  });

  it('gives the bytes and lengths of the string it replaces for any UTF-16 text (property)', () => {
    const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const text = fc.oneof(units, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('"', '\u0000', ',', '\n', '地', '𠮷', 'a'), maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), (fields) => {
        const w = new CsvBytes(1);
        const lengths = fields.map((t) => w.quoted(t));
        expect(lengths).toEqual(fields.map((t) => field(t).length));
        expect(w.take()).toEqual(new TextEncoder().encode(fields.map(field).join('')));
      }),
      { seed: 20261207, numRuns: 1000 },
    );
  });

  it('stages a grid as the same CSV text as before: src_row, every field quoted, empty cells unquoted (NULL)', () => {
    const rows: RawCell[][] = [['区划代码', '数值'], ['990101', 1.5], [null, '含"引号"'], [true, 'a,b\nc']];
    const grid = prepareGrid({ file: 'g.xlsx', sheet: 'S', rows, merges: [] });
    expect(grid.chunks).toHaveLength(1);
    expect(new TextDecoder().decode(grid.chunks[0]?.bytes)).toBe('1,"区划代码","数值"\n2,"990101","1.5"\n3,,"含""引号"""\n4,"true","a,b\nc"\n');
    expect(grid.chunks[0]?.longest).toBe('4,"true","a,b\nc"'.length);
  });
});
