import { ImportError } from '../../../contract/errors.js';
import { decodeMarkup } from './markup-text.js';
import { SheetGrid } from './sheet-grid.js';
import { cellTextError, MAX_CELL_TEXT } from '../xlsx/xlsx-part.js';
import { DEFAULT_LIMITS, type RawCell, type ReadLimits, type SourceFile } from '../../types.js';
import { localName, scanXml } from '../xml.js';
import { DateKind, displayNumber, formatKind, isoToText, plainNumber } from '../xlsx/xlsx-styles.js';
import type { WorkbookSheet } from '../xlsx/xlsx.js';

/**
 * XML Spreadsheet 2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), which many systems
 * export under an .xls name. Streamed through the safe XML scanner (no DTD, no entity expansion); cells are placed
 * by ss:Index or in order (skipping columns covered by an ss:MergeDown above, as Excel does), merges come from
 * ss:MergeAcross/ss:MergeDown, and values follow ss:Type like the .xlsx reader: dates as text, percentages in
 * percent units, errors as their literal (#DIV/0!), hidden and very hidden sheets flagged.
 */

/** An attribute by local name, whatever prefix the spreadsheet namespace got (ss:Index, Index, x:Index). */
function attr(attrs: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = attrs[`ss:${name}`] ?? attrs[name];
  if (direct !== undefined) return direct;
  for (const k in attrs) if (localName(k) === name) return attrs[k];
  return undefined;
}

/** A positive integer attribute (1-based index or span), or undefined. */
function int(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

interface Cell { at: number | undefined; across: number; down: number; style: string; type: string; text: string; hasData: boolean }

function value(cell: Cell, percent: ReadonlySet<string>): RawCell {
  const t = cell.text;
  switch (cell.type) {
    case 'Number': {
      const v = t.trim();
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) return v === '' ? null : t;
      if (percent.has(cell.style)) return displayNumber(n * 100);
      return plainNumber(v, n);
    }
    case 'DateTime': {
      const v = t.trim();
      if (v === '') return null;
      // a time of day is written on Excel's day zero
      if (v.startsWith('1899-12-31T')) return isoToText(`1900-01-01${v.slice(10)}`).slice(11) || '00:00:00';
      return isoToText(v);
    }
    case 'Boolean': return t === '1' || t.toLowerCase() === 'true' ? true : t === '0' || t.toLowerCase() === 'false' ? false : null;
    default: return t === '' ? null : t;
  }
}

/** Reads every worksheet of an XML Spreadsheet 2003 file, in order, within the limits. */
export function readSpreadsheet2003(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): WorkbookSheet[] {
  const name = file.name;
  // the whole text is held as one string: bounded like the text inflated from a workbook
  const max = Math.min(limits.maxFileBytes, limits.maxInflatedBytes);
  if (file.bytes.length > max) {
    throw new ImportError('xml2003.too-large', `文件 ${name} 超过 ${Math.round(max / 1048576)} MB，已拒绝；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入`, { file: name });
  }
  const percent = new Set<string>();
  const sheets: WorkbookSheet[] = [];
  const path: string[] = [];
  let style: string | null = null;
  let ws: { name: string; grid: SheetGrid; hidden: boolean } | null = null;
  let cell: Cell | null = null;
  let dataDepth = 0;
  let visible: string | null = null;
  const decoded = decodeMarkup(file.bytes, name);
  scanXml(decoded.text, name, {
    open(qname, attrs) {
      const ln = localName(qname);
      const parent = path[path.length - 1];
      path.push(ln);
      if (path.length === 1 && ln !== 'Workbook') {
        throw new ImportError('xml2003.not-workbook', `文件 ${name} 是 XML 文件，但不是 Excel 2003 XML 表格（根元素为 <${qname.slice(0, 40)}>），无法导入`, { file: name });
      }
      if (dataDepth > 0) { dataDepth++; return; }
      if (ln === 'Style') style = attr(attrs, 'ID') ?? null;
      else if (ln === 'NumberFormat' && style !== null) {
        const f = attr(attrs, 'Format') ?? '';
        if (f === 'Percent' || formatKind(f) === DateKind.Percent) percent.add(style);
      } else if (ln === 'Worksheet') {
        const sheet = (attr(attrs, 'Name') ?? '').slice(0, 200) || `Sheet${sheets.length + 1}`;
        ws = { name: sheet, grid: new SheetGrid(name, sheet, limits, 'xml2003'), hidden: false };
      } else if (ln === 'Row' && ws) {
        const index = int(attr(attrs, 'Index'));
        ws.grid.startRow(index !== undefined && index >= 1 ? index - 1 : undefined);
      } else if (ln === 'Cell' && ws) {
        const index = int(attr(attrs, 'Index'));
        cell = {
          at: index !== undefined && index >= 1 ? index - 1 : undefined, across: int(attr(attrs, 'MergeAcross')) ?? 0,
          down: int(attr(attrs, 'MergeDown')) ?? 0, style: attr(attrs, 'StyleID') ?? '', type: 'String', text: '', hasData: false,
        };
      } else if (ln === 'Data' && cell && parent === 'Cell' && !cell.hasData) {
        dataDepth = 1;
        cell.hasData = true;
        cell.type = attr(attrs, 'Type') ?? 'String';
      } else if (ln === 'Visible' && ws) visible = '';
    },
    text(t) {
      if (dataDepth > 0 && cell && ws) {
        cell.text += t;
        if (cell.text.length > MAX_CELL_TEXT) {
          throw cellTextError(name, `工作表 ${ws.name} 第 ${ws.grid.currentRow + 1} 行的单元格`, { sheet: ws.name, row: ws.grid.currentRow + 1 });
        }
      }
      else if (visible !== null && visible.length < 100) visible += t;
    },
    close(qname) {
      path.pop();
      if (dataDepth > 0) { dataDepth--; return; }
      const ln = localName(qname);
      if (ln === 'Cell' && ws && cell) {
        ws.grid.place(value(cell, percent), cell.at, cell.across, cell.down);
        cell = null;
      } else if (ln === 'Style') style = null;
      else if (ln === 'Visible' && ws && visible !== null) {
        if (/^\s*Sheet(Very)?Hidden\s*$/.test(visible)) ws.hidden = true;
        visible = null;
      } else if (ln === 'Worksheet' && ws) {
        sheets.push({ file: name, sheet: ws.name, encoding: decoded.encoding, ...ws.grid.finish(), ...(ws.hidden ? { hidden: true } : {}) });
        ws = null;
      }
    },
  });
  return sheets;
}
