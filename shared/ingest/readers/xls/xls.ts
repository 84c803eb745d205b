import { CFB, read, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { ImportError } from '../../../contract/errors.js';
import { DEFAULT_LIMITS, type CellRange, type RawCell, type ReadLimits, type SourceFile } from '../../types.js';
import { colName } from '../xlsx/xlsx-sheet.js';
import { DateKind, displayNumber, formatKind } from '../xlsx/xlsx-styles.js';
import { isOle, readXlsx, type WorkbookSheet } from '../xlsx/xlsx.js';
import { readHtmlTables } from '../markup/html-table.js';
import { markupKind } from '../sniff.js';
import { readSpreadsheet2003 } from '../markup/spreadsheet-2003.js';
import { sanitizeBiff8 } from './xls-biff.js';

/**
 * Legacy .xls (BIFF8) through @e965/xlsx 0.20.3 (the republished SheetJS; npm `xlsx` 0.18.5 is banned for
 * CVE-2023-30533 and CVE-2024-22363). The OLE signature is checked first; a zip is handed to readXlsx. Only the
 * Workbook stream is passed on, after a walk of its records (checkBiff8); every SheetJS failure becomes an ImportError.
 */

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const ERRORS: Readonly<Record<number, string>> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A',
};

/** A SheetJS date (cellDates, UTC-correct) as the xlsx reader writes it, by the cell's number format. */
function dateText(d: Date, format: string | undefined): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const t = new Date(Math.round(ms / 1000) * 1000);
  const hms = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const kind = formatKind(format ?? '');
  if (kind === DateKind.Time && t.getTime() < Date.UTC(1899, 11, 31)) return hms; // a time of day (serial below 1)
  const ymd = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return kind === DateKind.Date || (kind === DateKind.None && hms === '00:00:00') ? ymd : `${ymd} ${hms}`;
}

function cellValue(c: CellObject | undefined): RawCell {
  if (!c) return null;
  switch (c.t) {
    case 'n': {
      if (typeof c.v !== 'number' || !Number.isFinite(c.v)) return null;
      return typeof c.z === 'string' && formatKind(c.z) === DateKind.Percent ? displayNumber(c.v * 100) : displayNumber(c.v);
    }
    case 's': return typeof c.v === 'string' && c.v !== '' ? c.v : null;
    case 'b': return typeof c.v === 'boolean' ? c.v : null;
    case 'd': return c.v instanceof Date ? dateText(c.v, typeof c.z === 'string' ? c.z : undefined) : null;
    case 'e': return (typeof c.v === 'number' ? ERRORS[c.v] : undefined) ?? '#ERROR!';
    default: return null;
  }
}

function toRows(ws: WorkSheet, file: string, sheet: string, limits: ReadLimits, textBudget: number): RawCell[][] {
  const data = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  const rows: RawCell[][] = [];
  let last = -1;
  let maxCol = -1;
  let text = 0;
  for (let r = 0; r < data.length; r++) {
    const src = data[r] ?? [];
    const row: RawCell[] = [];
    let end = -1;
    for (let c = 0; c < src.length; c++) {
      const v = cellValue(src[c]);
      row.push(v);
      if (v !== null) end = c;
      // The shared string table lets a small file repeat one long text in every cell: bounded by the file's size.
      if (typeof v === 'string' && (text += v.length) > textBudget) {
        throw new ImportError('xls.shared-amplified', `工作表 ${sheet} 的单元格 ${colName(c)}${r + 1} 处文字累计超过 ${Math.round(textBudget / 1048576)}M 字` +
          `（同一段长文字被大量单元格重复引用），已拒绝（文件 ${file}）`, { file, sheet, row: r + 1, column: colName(c) });
      }
    }
    row.length = end + 1;
    if (end >= 0) {
      last = r;
      maxCol = Math.max(maxCol, end);
      const cells = (r + 1) * (maxCol + 1);
      if (r >= limits.maxRows || end >= limits.maxColumns || cells > limits.maxCells) {
        const ref = `${colName(end)}${r + 1}`;
        throw new ImportError('xls.range', `工作表 ${sheet} 的单元格 ${ref} 超出可处理范围（最多 ${limits.maxRows} 行、` +
          `${limits.maxColumns} 列、${limits.maxCells} 个单元格）（文件 ${file}）`, { file, sheet, row: r + 1, column: colName(end) });
      }
    }
    rows.push(row);
  }
  rows.length = last + 1;
  return rows;
}

function merges(ws: WorkSheet, rows: readonly (readonly RawCell[])[]): CellRange[] {
  const maxRow = rows.length - 1;
  const maxCol = rows.reduce((m, r) => Math.max(m, r.length - 1), -1);
  const out: CellRange[] = [];
  for (const m of ws['!merges'] ?? []) {
    const r0 = m.s.r;
    const c0 = m.s.c;
    const r1 = Math.min(m.e.r, maxRow);
    const c1 = Math.min(m.e.c, maxCol);
    if (r0 <= r1 && c0 <= c1 && (r0 < r1 || c0 < c1)) out.push({ r0, c0, r1, c1 });
  }
  return out;
}

function openWorkbook(file: SourceFile, limits: ReadLimits): WorkBook {
  const name = file.name;
  const fail = (code: string, what: string): never => {
    const msg = code === 'xls.encrypted' ? `文件 ${name} 设置了密码保护，请在 Excel 中取消密码后再导入`
      : code === 'xls.old-format' ? `文件 ${name} 是 Excel 5.0/95 或更早的格式，请在 Excel 中另存为 .xlsx 后再导入`
        : `无法读取 Excel 文件 ${name}（${what.slice(0, 200)}），文件可能已损坏`;
    throw new ImportError(code, msg, { file: name });
  };
  try {
    const cfb = CFB.read(file.bytes, { type: 'array' });
    if (CFB.find(cfb, '/EncryptionInfo') || CFB.find(cfb, '/EncryptedPackage')) fail('xls.encrypted', '');
    const stream = CFB.find(cfb, '/Workbook');
    if (!stream) fail(CFB.find(cfb, '/Book') ? 'xls.old-format' : 'xls.unreadable', '找不到工作簿数据流');
    const data = sanitizeBiff8(Uint8Array.from(stream.content as ArrayLike<number>), fail);
    // hand SheetJS the rebuilt workbook stream alone: no property sets, macros or other streams to parse
    const clean = CFB.utils.cfb_new();
    CFB.utils.cfb_add(clean, '/Workbook', data);
    return read(CFB.write(clean, { type: 'array' }), {
      type: 'array', dense: true, cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false,
      cellText: false, cellNF: true, sheetRows: limits.maxRows + 1,
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    return fail(/password|encrypt/i.test(why) ? 'xls.encrypted' : 'xls.unreadable', why);
  }
}

/**
 * Reads every worksheet of a legacy .xls workbook (BIFF8, also WPS .et), or of what systems save under an .xls
 * name: an .xlsx (read as .xlsx), an XML Spreadsheet 2003 file or a web page with tables (read by their readers).
 */
export function readXls(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): WorkbookSheet[] {
  const name = file.name;
  const b = file.bytes;
  if (b.length > limits.maxFileBytes) {
    throw new ImportError('xls.too-large', `文件 ${name} 超过 ${Math.round(limits.maxFileBytes / 1048576)} MB，已拒绝`, { file: name });
  }
  if (b[0] === 0x50 && b[1] === 0x4b) return readXlsx(file, limits);
  if (!isOle(b)) {
    const kind = markupKind(b);
    if (kind === 'spreadsheetml') return readSpreadsheet2003(file, limits);
    if (kind === 'html') return readHtmlTables(file, limits);
    if (kind === 'mhtml') {
      throw new ImportError('xls.mhtml', `文件 ${name} 实为“单个文件网页”（MHTML）格式，不是真正的 Excel 文件；` +
        '请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入', { file: name });
    }
    throw new ImportError('xls.not-xls', `文件 ${name} 不是 Excel 97-2003（.xls）工作簿，也不是网页或 XML 格式的表格；` +
      '请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入', { file: name });
  }
  const wb = openWorkbook(file, limits);
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((sheet, i) => {
    const found: unknown = wb.Sheets[sheet]; // a sheet named '__proto__' may sit on the prototype chain
    const ws = typeof found === 'object' && found !== null && Object.hasOwn(found, '!data') ? found as WorkSheet : undefined;
    const rows = ws ? toRows(ws, name, sheet, limits, 32 * 1024 * 1024 + 2 * b.length) : [];
    const hidden = (meta[i]?.Hidden ?? 0) > 0;
    return { file: name, sheet, rows, merges: ws ? merges(ws, rows) : [], ...(hidden ? { hidden: true } : {}) };
  });
}
