import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutralizeCell } from '../../shared/format/sheet-cell.js';
import { tableCsv, tableXlsx } from '../../shared/format/table-export.js';
import { stripXmlInvalid } from '../../shared/format/xml-text.js';
import { readXlsx } from '../../shared/ingest/readers/xlsx/xlsx.js';
import { packDocx } from '../../shared/report/pack-docx.js';
import { packHtml } from '../../shared/report/pack-html.js';
import { packPptx } from '../../shared/report/pack-pptx.js';
import type { PackModel } from '../../shared/report/pack-types.js';
import { PACK_FIXTURE } from '../fixtures/pack/pack-model.js';
import { HOSTILE_TEXTS } from '../support/hostile-text.js';
import { sheetCells, unescapeXml, xmlParts } from './report/ooxml-read.js';

/*
 * Export injection: the hostile corpus (test/support/hostile-text.ts) round-trips as inert text in every format.
 * Spreadsheets: every text cell is a string (never a formula), formula prefixes carry an apostrophe. OOXML: every
 * part is well-formed for xmllint and the text comes back. HTML: escaped, no element of the corpus becomes markup.
 */
/** Characters of the corpus no output may carry. */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const DROPPED = /[\u0001\u0008\u000b\ufffe\uffff]/;
const dir = mkdtempSync(join(tmpdir(), 'hj-inj-'));
function xmllint(name: string, xml: string): void {
  const f = join(dir, name.replace(/[^\w.]/g, '_'));
  writeFileSync(f, xml);
  execFileSync('xmllint', ['--noout', f], { stdio: 'pipe' });
}
/** What a spreadsheet cell must hold for a hostile text: XML-invalid characters dropped, then defused. */
const cellOf = (s: string) => neutralizeCell(stripXmlInvalid(s));

/** RFC 4180 fields of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      i++;
    } else f += c;
  }
  return rows;
}

const table = { sheetName: '=名册<x>', headers: ['序号', '姓名'], rows: HOSTILE_TEXTS.map((s, i) => [i + 1, s]) };

describe('export injection: spreadsheets', () => {
  it('XLSX: well-formed, every hostile cell an inline string with the defused text, no formula anywhere', () => {
    const parts = xmlParts(tableXlsx(table, { watermark: HOSTILE_TEXTS.join(' ') }));
    for (const [n, x] of Object.entries(parts)) xmllint(n, x);
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).not.toMatch(/<f[ >]/);
    const cells = sheetCells(sheet);
    HOSTILE_TEXTS.forEach((s, i) => {
      expect(sheet).toContain(`<c r="B${i + 2}" t="inlineStr">`);
      expect(cells.get(`B${i + 2}`), JSON.stringify(s)).toBe(cellOf(s));
    });
    expect(cellOf('=1+1')).toBe("'=1+1");
    expect(cellOf('\u0001=1+1')).toBe("'=1+1");
    expect(cellOf('𠀀𠀁')).toBe('𠀀𠀁');
  });
  it("XLSX reads back through the app's own importer as the same strings", () => {
    const [s] = readXlsx({ name: 'x.xlsx', bytes: tableXlsx(table) });
    expect(s?.rows.slice(1).map((r) => r[1])).toEqual(HOSTILE_TEXTS.map(cellOf));
  });
  it('CSV: every field defused like the XLSX cell (controls dropped first, so none hides a formula)', () => {
    const text = new TextDecoder().decode(tableCsv(table)).replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows.slice(1).map((r) => r[1])).toEqual(HOSTILE_TEXTS.map(cellOf));
    for (const r of rows.slice(1)) expect(r[1]).not.toMatch(/^[=+\-@\t\r\n]/);
  });
});

describe('export injection: pack documents', () => {
  const model: PackModel = {
    ...PACK_FIXTURE,
    findings: HOSTILE_TEXTS.map((text) => ({ text, template: 'x', kind: 'overall' as const })),
    leader: PACK_FIXTURE.leader ? { ...PACK_FIXTURE.leader, name: HOSTILE_TEXTS.join('') } : null,
  };
  /** Text of the XML parts with tags removed and entities resolved, whitespace squashed. */
  const textOf = (parts: Record<string, string>, names: RegExp) =>
    Object.entries(parts)
      .filter(([n]) => names.test(n))
      .map(([, x]) => unescapeXml(x.replace(/<[^>]+>/g, '')))
      .join('')
      .replace(/\s+/g, '');
  const kept = (s: string) => stripXmlInvalid(s).replace(/\s+/g, '');

  it('DOCX: every part well-formed, each hostile text in the body as text', async () => {
    const parts = xmlParts(await packDocx(model, new Map()));
    for (const [n, x] of Object.entries(parts)) if (/\.(xml|rels)$/.test(n)) xmllint(n, x);
    const body = textOf(parts, /^word\/document\.xml$/);
    for (const s of HOSTILE_TEXTS) expect(body, JSON.stringify(s)).toContain(kept(s));
    expect(Object.values(parts).join('')).not.toMatch(DROPPED);
  });
  it('PPTX: every part well-formed, each hostile text on the slides or in the notes as text', async () => {
    const parts = xmlParts(await packPptx(model, new Map()));
    for (const [n, x] of Object.entries(parts)) if (/\.(xml|rels)$/.test(n)) xmllint(n, x);
    const all = textOf(parts, /^ppt\/(slides|notesSlides)\/\w+\.xml$/);
    for (const s of HOSTILE_TEXTS) expect(all, JSON.stringify(s)).toContain(kept(s));
    expect(Object.values(parts).join('')).not.toMatch(DROPPED);
  });
  it('HTML (the PDF source): escaped, no hostile element, the text kept', () => {
    const page = packHtml(model, [], { fontCss: '' });
    expect(page).not.toMatch(/<script|<img|<b>粗|onerror=alert\(1\)>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('𠀀𠀁');
    expect(page).toContain('\u202Eexe.txt');
    expect(page).not.toMatch(DROPPED);
  });
});
