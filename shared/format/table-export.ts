/**
 * Tables as files for Excel and WPS: CSV (UTF-8 with BOM, so Chinese opens right on Windows) and a minimal XLSX
 * (one or more sheets, inline strings, numbers as numbers, the header row frozen). Every text cell is neutralised first
 * (see sheet-cell.ts), so a region named "=HYPERLINK(…)" stays text.
 */
import { strToU8, zipSync } from 'fflate';
import { csvField, neutralizeCell } from './sheet-cell.js';
import { stripXmlInvalid, xmlEscape } from './xml-text.js';

export type TableCell = string | number | null;

export interface ExportTable {
  readonly sheetName: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

export interface XlsxOptions {
  /** Printed in every sheet's page header and footer (the sheet's own cells stay the data). */
  readonly watermark?: string;
}

/** CSV bytes with a BOM and CRLF line ends. */
export function tableCsv(t: ExportTable): Uint8Array {
  const lines = [t.headers.map((h) => csvField(h)).join(','), ...t.rows.map((r) => r.map((c) => csvField(typeof c === 'number' && !Number.isFinite(c) ? null : c)).join(','))];
  return strToU8(`\ufeff${lines.join('\r\n')}\r\n`);
}

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(v: TableCell, ref: string, header: boolean): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"${header ? ' s="1"' : ''}><is><t xml:space="preserve">${xmlEscape(neutralizeCell(stripXmlInvalid(v)))}</t></is></c>`;
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique ignoring case, never empty. */
function sheetNames(tables: readonly ExportTable[]): string[] {
  const used = new Set<string>();
  return tables.map((t, i) => {
    const base = t.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Text for an XLSX header/footer: '&' starts a code there, so it is doubled; at most 200 characters; XML-escaped. */
function headerFooterText(s: string): string {
  return xmlEscape(stripXmlInvalid([...s].slice(0, 200).join('')).replace(/&/g, '&&'));
}

function sheetXml(t: ExportTable, watermark: string): string {
  const all = [t.headers as readonly TableCell[], ...t.rows];
  const rows = all
    .map((r, i) => `<row r="${i + 1}">${r.map((c, j) => cellXml(c, `${colName(j)}${i + 1}`, i === 0)).join('')}</row>`)
    .join('');
  const cols = t.headers.length
    ? `<cols>${t.headers.map((h, j) => {
        const longest = Math.max(h.length, ...t.rows.map((r) => String(r[j] ?? '').length));
        return `<col min="${j + 1}" max="${j + 1}" width="${Math.min(60, Math.max(8, longest * 2 + 2))}" customWidth="1"/>`;
      }).join('')}</cols>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `${cols}<sheetData>${rows}</sheetData>` +
    (watermark ? `<headerFooter><oddHeader>&amp;C${headerFooterText(watermark)}</oddHeader><oddFooter>&amp;L${headerFooterText(watermark)}&amp;R&amp;P / &amp;N</oddFooter></headerFooter>` : '') +
    '</worksheet>'
  );
}

/** XLSX bytes with one worksheet per table, in order (the pack's workbook; a single table is tableXlsx). */
export function tablesXlsx(tables: readonly ExportTable[], opts: XlsxOptions = {}): Uint8Array {
  const list = tables.length ? tables : [{ sheetName: 'Sheet1', headers: [], rows: [] }];
  const names = sheetNames(list);
  // eslint-disable-next-line no-restricted-syntax -- OOXML namespace names written into the file, never fetched
  const ns = 'http://schemas.openxmlformats.org';
  const rel = `${ns}/officeDocument/2006/relationships`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        list.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${rel}">` +
        `<sheets>${names.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships">` +
        list.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${list.length + 1}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${ns}/spreadsheetml/2006/main">` +
        '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>' +
        '<cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>',
    ),
  };
  list.forEach((t, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(t, opts.watermark?.trim() ?? ''));
  });
  return zipSync(files, { level: 6 });
}

/** XLSX bytes: one worksheet named after the table. */
export function tableXlsx(t: ExportTable, opts: XlsxOptions = {}): Uint8Array {
  return tablesXlsx([t], opts);
}
