import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/contract/errors.js';
import type { Connector, Row } from '../../../../shared/db/connector.js';
import { parseCsv, readCsvSheet, type Delimiter } from '../../../../shared/ingest/readers/csv/csv.js';
import { decodeSource } from '../../../../shared/ingest/readers/encoding.js';
import { stageCsv } from '../../../../shared/ingest/stage/stage-csv.js';
import { connectorFactories } from '../../../support/connectors.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/text/${name}`, import.meta.url)));
const FIXTURES = ['gbk-indicators.csv', 'gb18030-rare.csv', 'utf8.csv', 'utf8-bom.csv', 'utf16le-bom.tsv', 'semicolon.csv', 'multiline.csv'].map(
  (name) => ({ name, bytes: fixture(name) }),
);
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * An independent oracle: a textbook character state machine (start / unquoted / quoted / quote-in-quoted) over the text
 * with NULs removed, written separately from parseCsv's loops. 'unterminated' when a quote never closes.
 */
function referenceParse(raw: string, d: string): string[][] | 'unterminated' {
  const s = raw.replaceAll('\0', '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let state: 'start' | 'unq' | 'quo' | 'quoq' = 'start';
  let atRecordStart = true;
  const endRecord = (): void => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
    state = 'start';
    atRecordStart = true;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    atRecordStart = false;
    if (state === 'quo') {
      if (ch === '"') state = 'quoq';
      else cell += ch;
      continue;
    }
    if (state === 'quoq' && ch === '"') {
      cell += '"';
      state = 'quo';
      continue;
    }
    if (ch === d) {
      row.push(cell);
      cell = '';
      state = 'start';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
    } else if (state === 'start' && ch === '"') state = 'quo';
    else {
      cell += ch;
      state = 'unq';
    }
  }
  if (state === 'quo') return 'unterminated';
  if (!atRecordStart) endRecord();
  return rows;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('"', '\0', ',', '\t', ';', '|', '\r', '\n', '""', '\0\0\0') }),
  fc.record({ kind: fc.constant('foreign' as const), at: fc.nat(), text: fc.constantFrom('甲市', '𠀀', '—', '，') , encoding: fc.constantFrom('gbk', 'gb18030', 'utf-8', 'utf-16le') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of ms) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.kind === 'flip' && b.length) b = b.map((x, i) => (i === at % b.length ? m.value : x));
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'insert' || m.kind === 'foreign') {
      const ins = m.kind === 'insert' ? new TextEncoder().encode(m.text) : new Uint8Array(iconv.encode(m.text, m.encoding));
      b = new Uint8Array([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
    }
  }
  return b;
}

describe('readCsvSheet on mutated fixtures', () => {
  it('returns records that agree with an independent parser, or throws ImportError; Object.prototype untouched', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 6 }), (f, ms) => {
        const bytes = mutate(f.bytes, ms);
        let sheet;
        try {
          sheet = readCsvSheet({ name: f.name, bytes });
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
          if (e.code === 'csv.unterminated-quote') expect(e.location.row).toBeGreaterThan(0);
          return;
        } finally {
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
        }
        const expected = referenceParse(decodeSource(bytes, f.name).text, sheet.delimiter);
        expect(expected).not.toBe('unterminated');
        expect(sheet.rows.map((r) => r.map((c) => c ?? ''))).toEqual(expected);
      }),
      { seed: 42, numRuns: 1000 },
    );
  }, 60_000);
});

const cellChars = fc.constantFrom('a', '1', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '中', '𠀀', '—', '，', '.');
const cell = fc.array(cellChars, { maxLength: 6 }).map((cs) => cs.join(''));
const wellFormed = fc.record({
  records: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
  delimiter: fc.constantFrom<Delimiter>(',', '\t', ';', '|'),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  finalLineEnd: fc.boolean(),
  quoteAll: fc.boolean(),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'),
});

function serialise(w: { records: string[][]; delimiter: string; lineEnd: string; finalLineEnd: boolean; quoteAll: boolean }): string {
  const special = new RegExp(`["\\r\\n${w.delimiter === '\t' ? '\\t' : w.delimiter === '|' ? '\\|' : w.delimiter}]`);
  const body = w.records
    .map((r) => r.map((c) => (w.quoteAll || special.test(c) || (r.length === 1 && c === '') ? `"${c.replaceAll('"', '""')}"` : c)).join(w.delimiter))
    .join(w.lineEnd);
  return body + (w.finalLineEnd ? w.lineEnd : '');
}

function encode(text: string, encoding: string): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new TextEncoder().encode('\uFEFF' + text);
  return new Uint8Array(iconv.encode(encoding === 'utf-16le' ? '\uFEFF' + text : text, encoding));
}

for (const factory of connectorFactories) {
  describe(`stageCsv and parseCsv agree on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
    });
    afterAll(async () => {
      await db.close();
    });

    it('on record count, widths and cell text of random well-formed CSV in four encodings', async () => {
      await fc.assert(
        fc.asyncProperty(wellFormed, async (w) => {
          const text = serialise(w);
          expect(parseCsv(text, { delimiter: w.delimiter, file: 'p.csv' })).toEqual(w.records);
          const file = { name: 'p.csv', bytes: encode(text, w.encoding) };
          // Both read the same way (same encoding and delimiter detection): both fail alike or agree cell for cell.
          let sheet;
          try {
            sheet = readCsvSheet(file);
          } catch (e) {
            const err = e as ImportError;
            await expect(stageCsv(db, file, 'prop')).rejects.toMatchObject({ code: err.code, location: err.location });
            return;
          }
          const s = await stageCsv(db, file, 'prop');
          const width = Math.max(...sheet.rows.map((r) => r.length));
          expect([s.rowCount, s.columnCount, s.delimiter, s.encoding]).toEqual([sheet.rows.length, width, sheet.delimiter, sheet.encoding]);
          if (s.delimiter === w.delimiter) expect(s.rowCount).toBe(w.records.length);
          const r = await db.query('SELECT * FROM prop ORDER BY src_row');
          const got = r.rows.map((row: Row) => r.columns.map((c) => row[c]));
          expect(got).toEqual(sheet.rows.map((rec, i) => [i + 1, ...Array.from({ length: width }, (_, c) => rec[c] ?? null)]));
          expect(s.sample.rows).toEqual(sheet.rows.slice(0, 200));
        }),
        { seed: 42, numRuns: 200 },
      );
    }, 60_000);

    it('on mutated fixtures too: the same error, or the same rows and warnings', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (f, ms) => {
          const file = { name: f.name, bytes: mutate(f.bytes, ms) };
          let sheet;
          try {
            sheet = readCsvSheet(file);
          } catch (e) {
            const err = e as ImportError;
            await expect(stageCsv(db, file, 'prop')).rejects.toMatchObject({ code: err.code, location: err.location });
            return;
          }
          const s = await stageCsv(db, file, 'prop');
          expect([s.rowCount, s.delimiter, s.encoding, s.warnings]).toEqual([sheet.rows.length, sheet.delimiter, sheet.encoding, sheet.warnings]);
          const r = await db.query('SELECT * FROM prop ORDER BY src_row');
          const got = r.rows.map((row: Row) => r.columns.map((c) => row[c]));
          expect(got).toEqual(sheet.rows.map((rec, i) => [i + 1, ...Array.from({ length: s.columnCount }, (_, c) => rec[c] ?? null)]));
        }),
        { seed: 42, numRuns: 300 },
      );
    }, 60_000);
  });
}
