import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { ImportError } from '../../../../shared/contract/errors.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { readSheetFast } from '../../../../shared/ingest/readers/xlsx/xlsx-sheet-fast.js';
import { ZipArchive } from '../../../../shared/ingest/readers/zip/zip.js';
import { buildXlsx, sheetXml, zipOf, type BookSpec } from '../../../fixtures/sheets/build.js';

/**
 * The byte-level worksheet scanner against the generic one: on every input (the producers' fixtures, hand-made
 * sheets with every cell form, and mutated workbooks) readXlsx gives the same rows or the same error either way,
 * and the byte-level scanner does read the sheets real writers produce (it does not just give up on them).
 */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));
const LIMITS: ReadLimits = { ...DEFAULT_LIMITS, maxInflatedBytes: 64 * 1024 * 1024, maxCells: 1_000_000, maxRows: 100_000 };

/** readXlsx's outcome: the sheets, or the error's code and message. */
function outcome(bytes: Uint8Array, generic: boolean, limits: ReadLimits = LIMITS): unknown {
  try {
    return readXlsx({ name: 'f.xlsx', bytes }, limits, { generic });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { code: e.code, message: e.message, location: e.location };
  }
}

/** Which worksheet parts the byte-level scanner reads to the end (it gives up on the others). */
function fastParts(bytes: Uint8Array): string[] {
  const zip = ZipArchive.open(bytes, 'f.xlsx', LIMITS);
  const ctx = { zip, limits: LIMITS, strings: Array.from({ length: 1000 }, () => 'x'), styleKinds: new Uint8Array(0), date1904: false };
  return zip.entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && readSheetFast(ctx, e, 's') !== null).map((e) => e.name);
}

const sheet = (data: string, extra: Partial<BookSpec> = {}, after = ''): Uint8Array => buildXlsx({ sheets: [{ name: 'S', data, after }], ...extra });

const STYLES = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>';

describe('the byte-level worksheet scanner', () => {
  it('reads the fixtures of Excel-like writers (LibreOffice, openpyxl, XlsxWriter) as the generic scanner does', () => {
    for (const name of ['indicators-roster.xlsx', 'openpyxl-1904.xlsx', 'openpyxl-isodates.xlsx', 'xlsxwriter-stream.xlsx']) {
      const bytes = fixture(name);
      expect(fastParts(bytes).length, name).toBe(Object.keys(unzipSync(bytes)).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).length);
      expect(outcome(bytes, false, DEFAULT_LIMITS), name).toEqual(outcome(bytes, true, DEFAULT_LIMITS));
    }
  });

  it('reads every cell form itself, with the same values', () => {
    const data =
      '<row r="1" spans="1:9" ht="20" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="0"><v>1</v></c><c r="C1" t="str"><f>A1&amp;"x"</f><v>甲&lt;x&gt;_x000D_</v></c>' +
      '<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><v>#DIV/0!</v></c><c r="G1"><f>1/0</f></c><c r="H1" t="n"><v>-1.5E-3</v></c>' +
      '<c r="I1" t="d"><v>2025-03-01T08:30:15</v></c></row>\n' +
      '<row r="2"><c r="A2"><v>0</v></c><c r="B2"><v>-0</v></c><c r="C2"><v>007</v></c><c r="D2"><v>123456789012345</v></c><c r="E2"><v>1234567890123456789</v></c>' +
      '<c r="F2"><v>0.1</v></c><c r="G2"><v>-0.000000000001</v></c><c r="H2"><v>.5</v></c><c r="I2"><v>5.</v></c><c r="J2"><v> 7 </v></c><c r="K2"><v>1e999</v></c>' +
      '<c r="L2"><v>0.30000000000000004</v></c><c r="M2"><v>99999.99</v></c><c r="N2"><v></v></c><c r="O2"/><c r="P2" s="3"><v>0.125</v></c></row>' +
      '<row r="3"><c r="A3" s="1"><v>60</v></c><c r="B3" s="2"><v>45717.354166666664</v></c><c r="C3" s="4"><v>45658</v></c><c r="D3" s="1"><v>-1</v></c>' +
      '<c r="E3" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>内</t></r><r><t xml:space="preserve"> 联&#x41;&#66;</t></r><rPh sb="0" eb="1"><t>ナイ</t></rPh></is></c>' +
      '<c r="F3" t="inlineStr"><is><t>a\r\nb\rc</t></is></c><c r="G3" t="str"><v>=DISPIMG("ID_1",1)</v></c><c r="H3" t="s"><v>2</v></c></row>' +
      '<row><c><v>4</v></c><c t="inlineStr"><is><t/></is></c><c><v>5</v></c></row><!-- a comment --><?pi x?>' +
      '<row r="9"><c r="C9" t="inlineStr"><is><t>很长的一段中文文本，超过十六个字节以便走解码器</t></is></c></row>';
    const bytes = sheet(data, { strings: ['甲', '', '第一行_x000D_\n第二行'], stylesXml: STYLES }, '<mergeCells count="1"><mergeCell ref="A1:B2"/><mergeCell ref="C9:D10"/></mergeCells>');
    expect(fastParts(bytes)).toEqual(['xl/worksheets/sheet1.xml']);
    const fast = outcome(bytes, false);
    expect(fast).toEqual(outcome(bytes, true));
    const rows = (fast as { rows: unknown[][] }[])[0]!.rows;
    expect(rows[0]).toEqual(['甲', null, '甲<x>\r', true, false, '#DIV/0!', null, -0.0015, '2025-03-01 08:30:15']);
    expect(rows[1]).toEqual([0, -0, 7, 123456789012345, '1234567890123456789', 0.1, -1e-12, 0.5, 5, 7, '1e999', 0.3, 99999.99, null, null, 12.5]);
    expect(rows[2]).toEqual(['1900-02-29', '2025-03-01 08:30:00', '2025-01-01', -1, '内 联AB', 'a\nb\nc', null, '第一行\r\n第二行']);
    expect(rows[3]).toEqual([4, null, 5]);
    expect(rows[8]).toEqual([null, null, '很长的一段中文文本，超过十六个字节以便走解码器']);
  });

  it('reads prefixed worksheets and a UTF-8 byte order mark itself', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'; // eslint-disable-line no-restricted-syntax -- a namespace name
    const xml = `\uFEFF<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c>` +
      '<x:c r="C1"><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>';
    const bytes = buildXlsx({ sheets: [{ name: 'S', xml }] });
    expect(fastParts(bytes)).toEqual(['xl/worksheets/sheet1.xml']);
    expect(outcome(bytes, false)).toEqual([{ file: 'f.xlsx', sheet: 'S', rows: [[null, '前缀', 2]], merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }] }]);
  });

  it('gives up on what it does not read, and the generic scanner gives the same rows or error', () => {
    const cases = [
      sheetXml('<row><c t="inlineStr"><is><t><![CDATA[<b>]]></t></is></c></row>'),
      sheetXml('<row><c r="A1" foo="a&amp;b"><v>1</v></c></row>'),
      sheetXml('<row><c><v>1</v></row>'),
      sheetXml('<row><c r="A0"><v>1</v></c></row>'),
      sheetXml('<row r="2"><c r="C2" t="s"><v>7</v></c></row>'),
      sheetXml('<row><c r="A1" r="B1"><v>1</v></c></row>'),
      sheetXml('<row><c><v>&bogus;</v></c></row>'),
      sheetXml('<row><c><v>1<!-- x -->2</v></c></row>'),
      sheetXml('<row><c t="weird"><v>1</v></c></row>'),
      sheetXml('<row><c s=" 1"><v>1</v></c></row>'),
      `<!DOCTYPE x [<!ENTITY a "b">]>${sheetXml('<row/>')}`,
      `${sheetXml('<row/>')}<second/>`,
      sheetXml('<row><c r="XFD1048576"><v>1</v></c></row>'),
    ];
    for (const xml of cases) {
      const bytes = buildXlsx({ sheets: [{ name: 'S', xml }], strings: ['a'] });
      expect(outcome(bytes, false), xml).toEqual(outcome(bytes, true));
    }
  });

  it('mutated workbooks give the same outcome through either scanner', () => {
    const built = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" t="inlineStr"><is><t>内</t></is></c>' +
      '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2025-01-01</v></c><c r="G1"><v>-12.5</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>富</t></r><rPh><t>x</t></rPh></is></c><c r="B2"><v>3</v></c></row>',
    { strings: ['甲'], stylesXml: STYLES }, '<mergeCells><mergeCell ref="A1:B2"/></mergeCells>');
    const bases = [fixture('indicators-roster.xlsx'), built].map((b) => Object.entries(unzipSync(b)).map(([n, t]) => [n, strFromU8(t)] as [string, string]));
    const TOKENS = ['<', '>', '&', '"', "'", '/', '=', ' ', '\r\n', '&#x0;', '&amp;', '&lol;', '<!DOCTYPE x>', '<![CDATA[1]]>', '<!-- c -->', '<?p?>',
      ' r="XFD1048576"', ' r="A99999999"', ' r="ZZZZ1"', ' r="B1"', '<c r="C1"><v>1</v></c>', '<row r="1048576">', '<row r="0">', '<row>', '</row>', ' t="s"', ' t="d"',
      ' t="b"', ' t="str"', ' t="inlineStr"', ' s="99999"', ' s="2"', '<v>999999</v>', '<v>1e308</v>', '<v>-1</v>', '<v>0.5</v>', '<v>00012</v>', '<is><t>x</t></is>',
      '<mergeCell ref="A1:XFD1048576"/>', '<rPh><t>x</t></rPh>', '_x0000_', '\uFEFF', '中', '<x:c r="A3"><x:v>1</x:v></x:c>', '</c>', '<c>', '<v>', '</v>', '<t>', '</t>'];
    const stats = new Map<string, number>();
    fc.assert(fc.property(
      fc.nat({ max: bases.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...TOKENS), fc.boolean()), { minLength: 1, maxLength: 4 }),
      (base, edits) => {
        const parts = bases[base]!.map(([n, t]) => [n, t] as [string, string]);
        const target = parts.find(([n]) => n === 'xl/worksheets/sheet1.xml')!;
        for (const [at, del, tok, insert] of edits) {
          const p = at % (target[1].length + 1);
          target[1] = target[1].slice(0, p) + (insert ? tok : '') + target[1].slice(p + (insert ? 0 : del));
        }
        const bytes = zipOf(Object.fromEntries(parts));
        const fast = outcome(bytes, false);
        expect(fast).toEqual(outcome(bytes, true));
        const k = `${Array.isArray(fast) ? 'rows' : (fast as { code: string }).code}:${fastParts(bytes).includes('xl/worksheets/sheet1.xml') ? 'fast' : 'generic'}`;
        stats.set(k, (stats.get(k) ?? 0) + 1);
      },
    ), { seed: 20261207, numRuns: 600 });
    // both scanners produced rows, and errors were met too
    expect(stats.get('rows:fast')).toBeGreaterThan(50);
    expect([...stats.keys()].some((k) => k.startsWith('rows:generic'))).toBe(true);
    expect([...stats.keys()].some((k) => k.startsWith('xml.'))).toBe(true);
  }, 120_000);
});
