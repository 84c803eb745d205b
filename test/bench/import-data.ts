/** Generated inputs for the import benchmark: a long indicator table of N rows as CSV text and as an XLSX. */
import { strToU8, zipSync } from 'fflate';

const HEADER = ['区划代码', '地区', '指标代码', '期间', '数值', '同比%'];

/** Counties of the sample workspace: real codes and names, so every generated row can import. */
export interface BenchRegion {
  readonly code: string;
  readonly name: string;
}

let regions: readonly BenchRegion[] = [{ code: '990101', name: '县1' }];

/** Use these regions for generated rows. */
export function useRegions(list: readonly BenchRegion[]): void {
  if (list.length) regions = list;
}

function row(i: number): (string | number)[] {
  // Every row a distinct (region, indicator, period) key, as in a real delivery.
  const r = regions[i % regions.length] as BenchRegion;
  const rest = Math.floor(i / regions.length);
  const p = Math.floor(rest / 8);
  return [
    r.code,
    r.name,
    `A0${1 + (rest % 8)}`,
    `${1900 + Math.floor(p / 4)}Q${1 + (p % 4)}`,
    Number(((i * 7.31) % 10000).toFixed(2)),
    Number(((i % 200) / 10 - 10).toFixed(1)),
  ];
}

/** The CSV text (CRLF, as Excel writes it). */
export function benchCsv(rows: number): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) lines.push(row(i).join(','));
  return lines.join('\r\n') + '\r\n';
}

function col(i: number): string {
  return String.fromCharCode(65 + i);
}

/** A minimal, valid XLSX (inline strings, one sheet) with the same rows. */
export function benchXlsx(rows: number): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cell = (v: string | number, r: number, c: number) =>
    typeof v === 'number' ? `<c r="${col(c)}${r}"><v>${v}</v></c>` : `<c r="${col(c)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const parts: string[] = [];
  parts.push(`<row r="1">${HEADER.map((h, c) => cell(h, 1, c)).join('')}</row>`);
  for (let i = 0; i < rows; i++) parts.push(`<row r="${i + 2}">${row(i).map((v, c) => cell(v, i + 2, c)).join('')}</row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join('')}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  }, { level: 6 });
}
