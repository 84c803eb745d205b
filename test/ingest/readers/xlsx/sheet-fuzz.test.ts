import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { ImportError } from '../../../../shared/contract/errors.js';
import { DEFAULT_LIMITS, type RawSheet, type ReadLimits } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { readXls } from '../../../../shared/ingest/readers/xls/xls.js';
import { buildXlsx, editXls, zipOf, type BiffRecord } from '../../../fixtures/sheets/build.js';

/** Mutated workbooks: a reader returns well-formed RawSheets or throws ImportError, nothing else, and pollutes nothing. */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));
const LIMITS: ReadLimits = { ...DEFAULT_LIMITS, maxInflatedBytes: 64 * 1024 * 1024, maxCells: 1_000_000, maxRows: 100_000 };

function prototypes(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}
const PROTOTYPES = prototypes();

/** True if sheets have the RawSheet shape within the limits (plain checks: a sheet can hold a million cells). */
function wellFormed(sheets: RawSheet[], limits: ReadLimits): boolean {
  if (!Array.isArray(sheets)) return false;
  for (const s of sheets) {
    if (typeof s.sheet !== 'string' || !Array.isArray(s.rows) || s.rows.length > limits.maxRows) return false;
    for (const row of s.rows) {
      if (!Array.isArray(row) || row.length > limits.maxColumns) return false;
      for (const v of row) {
        if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) return false;
      }
    }
    for (const m of s.merges) if (!(m.r0 <= m.r1 && m.c0 <= m.c1 && m.r0 >= 0 && m.c0 >= 0 && m.r1 < s.rows.length)) return false;
  }
  return true;
}

let slowest = 0;

/** Runs a reader on a mutated input: rows or ImportError only; returns the outcome for statistics. */
function outcome(read: () => RawSheet[], limits: ReadLimits): string {
  let result: string;
  let sheets: RawSheet[] | undefined;
  const t0 = performance.now();
  try {
    sheets = read();
    result = 'rows';
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    result = e.code;
  }
  slowest = Math.max(slowest, performance.now() - t0);
  if (sheets) expect(wellFormed(sheets, limits)).toBe(true);
  expect(prototypes()).toBe(PROTOTYPES);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return result;
}

const byteFlips = (size: number) => fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
const applyFlips = (bytes: Uint8Array, flips: [number, number][]): Uint8Array => {
  const out = bytes.slice();
  for (const [at, v] of flips) out[at] = v;
  return out;
};

const TOKENS = ['<', '>', '&', '"', '/', '=', '&#x0;', '&lol;', '<!DOCTYPE x [<!ENTITY lol "lol">]>', '<!ENTITY a SYSTEM "file:///etc/passwd">',
  ' r="XFD1048576"', ' r="A99999999"', ' r="ZZZZ1"', '<c r="XFD1048576"><v>1</v></c>', '<row r="1048576">', '<row r="0">', ' t="s"', ' t="d"',
  ' t="b"', ' t="inlineStr"', ' s="99999"', ' s="-1"', '<v>999999</v>', '<v>1e308</v>', '<v>-1</v>', '<v>NaN</v>', '<is><t>x</t></is>',
  '<mergeCell ref="A1:XFD1048576"/>', '<mergeCell ref="B9:A1"/>', '__proto__', ' __proto__="1"', '<constructor/>', ' date1904="1"',
  '<rPh><t>x</t></rPh>', '_x0000_', '<![CDATA[', ']]>', '<!--', '-->', '<?x?>', '\u0000', '\uFFFE', '</sheetData>', '<sheetData>'];

describe('readXlsx on mutated workbooks', () => {
  const lo = fixture('indicators-roster.xlsx');
  const built = buildXlsx({
    sheets: [{ name: '表', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" t="inlineStr"><is><t>内</t></is></c>' +
      '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2025-01-01</v></c></row>', after: '<mergeCells><mergeCell ref="A1:B2"/></mergeCells>' }],
    strings: ['甲'],
  });
  const entries = (bytes: Uint8Array): [string, string][] => Object.entries(unzipSync(bytes)).map(([n, b]) => [n, strFromU8(b)]);
  const bases = [entries(lo), entries(built)];

  it('byte flips, truncation and XML edits give rows or ImportError', () => {
    slowest = 0;
    const stats = new Map<string, number>();
    const count = (k: string): void => { stats.set(k, (stats.get(k) ?? 0) + 1); };
    const xmlEdit = fc.record({
      base: fc.nat({ max: bases.length - 1 }),
      entry: fc.nat(),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...TOKENS), fc.boolean()), { minLength: 1, maxLength: 4 }),
    });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), base: fc.nat({ max: 1 }), flips: byteFlips(Math.min(lo.length, built.length)) }),
      fc.record({ kind: fc.constant('cut' as const), base: fc.nat({ max: 1 }), at: fc.nat({ max: Math.min(lo.length, built.length) }) }),
      xmlEdit.map((x) => ({ kind: 'xml' as const, ...x })),
      xmlEdit.map((x) => ({ kind: 'xml' as const, ...x })),
    );
    fc.assert(fc.property(mutation, (m) => {
      let bytes: Uint8Array;
      if (m.kind === 'flip') bytes = applyFlips(m.base ? built : lo, m.flips);
      else if (m.kind === 'cut') bytes = (m.base ? built : lo).subarray(0, m.at);
      else {
        const parts = bases[m.base]!.map(([n, t]) => [n, t] as [string, string]);
        const target = parts[m.entry % parts.length]!;
        for (const [at, del, tok, insert] of m.edits) {
          const p = at % (target[1].length + 1);
          target[1] = target[1].slice(0, p) + (insert ? tok : '') + target[1].slice(p + (insert ? 0 : del));
        }
        bytes = zipOf(Object.fromEntries(parts));
      }
      count(`${m.kind}:${outcome(() => readXlsx({ name: 'm.xlsx', bytes }, LIMITS), LIMITS)}`);
    }), { seed: 20261123, numRuns: 2000 });
    // every kind of mutation reached both outcomes somewhere
    expect([...stats.keys()].some((k) => k.startsWith('xml:rows'))).toBe(true);
    expect([...stats.keys()].some((k) => k.startsWith('xml:xml.'))).toBe(true);
    console.log('readXlsx outcomes', Object.fromEntries([...stats].sort((a, b) => b[1] - a[1])), `slowest run ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2000);
  }, 90_000);
});

describe('readXls on mutated workbooks', () => {
  const xls = fixture('indicators-roster.xls');

  it('byte flips and truncation give rows or ImportError', () => {
    slowest = 0;
    const stats = new Map<string, number>();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // SheetJS logs unknown BIFF records
    const mutation = fc.oneof(
      byteFlips(xls.length).map((flips) => applyFlips(xls, flips)),
      byteFlips(512).map((flips) => applyFlips(xls, flips)), // the OLE header
      fc.nat({ max: xls.length }).map((at) => xls.subarray(0, at)),
    );
    fc.assert(fc.property(mutation, (bytes) => {
      const k = outcome(() => readXls({ name: 'm.xls', bytes }, LIMITS), LIMITS);
      stats.set(k, (stats.get(k) ?? 0) + 1);
    }), { seed: 20261123, numRuns: 1500 });
    quiet.mockRestore();
    expect(stats.get('rows')).toBeGreaterThan(0);
    console.log('readXls outcomes', Object.fromEntries(stats), `slowest run ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2000);
  }, 90_000);

  it('record-level edits (truncate, retype, insert, replace) give rows or ImportError', () => {
    slowest = 0;
    const stats = new Map<string, number>();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    // string, cell, formula, name, sheet and format records: the parsers that read counts from the data
    const types = [0x0007, 0x00fc, 0x003c, 0x0204, 0x0207, 0x0018, 0x0085, 0x041e, 0x0031, 0x00fd, 0x027e, 0x00bd, 0x0006,
      0x0221, 0x04bc, 0x001c, 0x0014, 0x005c, 0x0023, 0x01ae, 0x00e5, 0x0809, 0x000a, 0x0200, 0x00e0, 0x0022, 0x00d6];
    const edit = fc.record({
      kind: fc.constantFrom('truncate', 'retype', 'insert', 'replace'), at: fc.nat(), n: fc.nat({ max: 40 }),
      type: fc.constantFrom(...types), bytes: fc.uint8Array({ maxLength: 24 }),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      const bytes = editXls(xls, (rs: BiffRecord[]) => {
        for (const e of edits) {
          const i = e.at % rs.length;
          const r = rs[i]!;
          if (e.kind === 'truncate') rs[i] = { type: r.type, data: r.data.slice(0, Math.min(e.n, r.data.length)) };
          else if (e.kind === 'retype') rs[i] = { type: e.type, data: r.data };
          else if (e.kind === 'insert') rs.splice(i, 0, { type: e.type, data: e.bytes });
          else rs[i] = { type: r.type, data: e.bytes };
        }
        return rs;
      });
      const k = outcome(() => readXls({ name: 'm.xls', bytes }, LIMITS), LIMITS);
      stats.set(k, (stats.get(k) ?? 0) + 1);
    }), { seed: 20261123, numRuns: 1000 });
    quiet.mockRestore();
    expect(stats.get('rows')).toBeGreaterThan(0);
    console.log('readXls record edits', Object.fromEntries(stats), `slowest run ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2000);
  }, 90_000);
});

describe('web-page and XML 2003 "xls" on mutated files', () => {
  const bases = ['gov-export-gbk.xls', 'gov-export-2003-gbk.xls', 'indicators-roster.html', 'indicators-roster.xml'].map(fixture);
  const MARKUP = ['<', '>', '&', '"', "'", '=', '/', '<td>', '</td>', '<tr>', '</tr>', '<table>', '</table>', ' colspan=999999', ' rowspan=-1',
    ' rowspan="65535"', '<br>', '&nbsp;', '&#0;', '&#x110000;', '&lol;', '<!--', '-->', '<script>', '</script>', '<caption>', '__proto__',
    ' ss:Index="16384"', ' ss:Index="0"', ' ss:MergeDown="99999999"', ' ss:MergeAcross="-3"', '<Row ss:Index="1048576">', '<Cell>', '</Cell>',
    ' ss:Type="Number"', ' ss:Type="DateTime"', ' ss:Type="Boolean"', '<Data>', '</Data>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<![CDATA[', '\u0000', '\uFFFE'];

  it('byte flips, truncation and markup edits give rows or ImportError', () => {
    slowest = 0;
    const stats = new Map<string, number>();
    const edit = fc.record({
      base: fc.nat({ max: bases.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...MARKUP), fc.boolean()), { minLength: 1, maxLength: 4 }),
    });
    const mutation = fc.oneof(
      fc.record({ base: fc.nat({ max: bases.length - 1 }), flips: byteFlips(1000) }).map((m) => applyFlips(bases[m.base]!, m.flips)),
      fc.record({ base: fc.nat({ max: bases.length - 1 }), at: fc.nat({ max: 10_000 }) }).map((m) => bases[m.base]!.subarray(0, m.at)),
      edit.map((m) => {
        const bytes = bases[m.base]!;
        let text = String.fromCharCode(...bytes); // byte-wise, so GBK files stay GBK
        for (const [at, del, tok, insert] of m.edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + (insert ? tok : '') + text.slice(p + (insert ? 0 : del));
        }
        return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
      }),
    );
    fc.assert(fc.property(mutation, (bytes) => {
      const k = outcome(() => readXls({ name: 'm.xls', bytes }, LIMITS), LIMITS);
      stats.set(k, (stats.get(k) ?? 0) + 1);
    }), { seed: 20261123, numRuns: 1500 });
    expect(stats.get('rows')).toBeGreaterThan(0);
    console.log('markup xls outcomes', Object.fromEntries([...stats].sort((a, b) => b[1] - a[1])), `slowest run ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2000);
  }, 90_000);
});
