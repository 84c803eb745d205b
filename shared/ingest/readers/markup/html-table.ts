import { ImportError } from '../../../contract/errors.js';
import { decodeHtmlEntities, scanHtml } from './html-scan.js';
import { decodeMarkup } from './markup-text.js';
import { SheetGrid } from './sheet-grid.js';
import { cellTextError, MAX_CELL_TEXT } from '../xlsx/xlsx-part.js';
import { DEFAULT_LIMITS, type ReadLimits, type SourceFile } from '../../types.js';
import type { WorkbookSheet } from '../xlsx/xlsx.js';

/**
 * The ".xls" that many government systems export is a web page holding an HTML table (often GBK, declared in a
 * <meta>). Each <table> with content becomes a sheet: rowspan/colspan become merged ranges and push later cells
 * right as a browser does, cell text is what the page shows (whitespace collapsed, <br> as a line break), kept as
 * text like a CSV cell (the page shows 12.5% or 009901 as written; the value stage reads them as it reads CSV).
 */

const MAX_SPAN_COLS = 1000; // HTML's own cap on colspan
const MAX_SPAN_ROWS = 65_534; // and on rowspan
const MAX_TABLE_DEPTH = 32;
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BREAK = new Set(['p', 'div', 'li']);

interface Cell { text: string; across: number; down: number }

interface Table {
  readonly order: number;
  readonly grid: SheetGrid;
  readonly heading: string;
  caption: string;
  inCaption: boolean;
  inRow: boolean;
  cell: Cell | null;
}

function span(v: string | undefined, max: number): number {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, max) - 1 : 0;
}

/** Whitespace as a page shows it: runs collapse to one space, non-breaking spaces included. */
function shown(t: string): string {
  return t.replace(/[ \t\r\n\f\u00a0]+/g, ' ');
}

/** A cell's text: each line (split at <br>) trimmed, empty lines at the ends dropped. */
function cellText(t: string): string {
  return t.indexOf('\n') < 0 ? t.trim() : t.split('\n').map((l) => l.trim()).join('\n').trim();
}

/** 'Sheet 1: 指标汇总' (LibreOffice's heading before each sheet's table) → '指标汇总'. */
function headingName(t: string): string {
  const s = t.trim();
  const m = /^(?:sheet|工作表)\s?\d{1,5}\s?[:：]\s?/i.exec(s);
  return (m ? s.slice(m[0].length) : s).slice(0, 100);
}

/** Sheet names in an office XML island (`<x:ExcelWorksheet><x:Name>名册</x:Name>`), in order, at most 1000. */
function islandNames(comment: string, out: string[]): void {
  for (let p = comment.indexOf('<x:Name>'); p >= 0 && out.length < 1000; p = comment.indexOf('<x:Name>', p + 8)) {
    const e = comment.indexOf('</x:Name>', p + 8);
    if (e < 0 || e - p > 300) continue;
    const v = decodeHtmlEntities(comment.slice(p + 8, e)).trim();
    if (v !== '') out.push(v.slice(0, 100));
  }
}

/** Reads every non-empty table of an HTML file (any extension) into sheets, within the limits. */
export function readHtmlTables(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): WorkbookSheet[] {
  const name = file.name;
  // the whole text is held as one string: bounded like the text inflated from a workbook
  const max = Math.min(limits.maxFileBytes, limits.maxInflatedBytes);
  if (file.bytes.length > max) {
    throw new ImportError('html.too-large', `文件 ${name} 超过 ${Math.round(max / 1048576)} MB，已拒绝；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入`, { file: name });
  }
  const done: Table[] = [];
  const stack: Table[] = [];
  let order = 0;
  let heading: string | null = null;
  let title: string | null = null;
  const named: string[] = [];
  let headingText: string | null = null; // collecting while inside a heading or the title
  let titleText: string | null = null;
  const endCell = (t: Table): void => {
    if (!t.cell) return;
    const { text, across, down } = t.cell;
    t.cell = null;
    const v = cellText(text);
    t.grid.place(v === '' ? null : v, undefined, across, down);
  };
  const close = (t: Table): void => {
    endCell(t);
    done.push(t);
  };
  const decoded = decodeMarkup(file.bytes, name);
  scanHtml(decoded.text, {
    open(tag, attrs) {
      const t = stack[stack.length - 1];
      if (tag === 'table') {
        if (stack.length >= MAX_TABLE_DEPTH) {
          throw new ImportError('html.depth', `文件 ${name} 的表格嵌套超过 ${MAX_TABLE_DEPTH} 层，已拒绝`, { file: name });
        }
        const sheet = heading ?? `表${order + 1}`;
        stack.push({ order: order++, grid: new SheetGrid(name, sheet, limits, 'html'), heading: heading ?? '', caption: '', inCaption: false, inRow: false, cell: null });
        heading = null;
      } else if (!t) {
        if (HEADING.has(tag)) headingText = '';
        else if (tag === 'title') titleText = '';
      } else if (tag === 'tr') {
        endCell(t);
        t.grid.startRow();
        t.inRow = true;
      } else if (tag === 'td' || tag === 'th') {
        endCell(t);
        if (!t.inRow) { t.grid.startRow(); t.inRow = true; }
        t.cell = { text: '', across: span(attrs.colspan, MAX_SPAN_COLS), down: span(attrs.rowspan, MAX_SPAN_ROWS) };
      } else if (tag === 'br' && t.cell) t.cell.text += '\n';
      else if (BREAK.has(tag) && t.cell && t.cell.text.trim() !== '') t.cell.text += '\n';
      else if (tag === 'caption') t.inCaption = true;
    },
    close(tag) {
      const t = stack[stack.length - 1];
      if (tag === 'table' && t) close(stack.pop() as Table);
      else if (!t) {
        if (HEADING.has(tag) && headingText !== null) { heading = headingName(headingText); headingText = null; }
        else if (tag === 'title' && titleText !== null) { title = titleText.trim().slice(0, 100); titleText = null; }
      } else if (tag === 'td' || tag === 'th') endCell(t);
      else if (tag === 'tr') { endCell(t); t.inRow = false; } else if (tag === 'caption') t.inCaption = false;
    },
    comment(c) {
      if (c.includes('<x:Name>')) islandNames(c, named);
    },
    text(s) {
      const t = stack[stack.length - 1];
      if (t?.cell) {
        t.cell.text += shown(s);
        if (t.cell.text.length > MAX_CELL_TEXT) {
          throw cellTextError(name, `第 ${t.order + 1} 个表格第 ${t.grid.currentRow + 1} 行的单元格`, { row: t.grid.currentRow + 1 });
        }
      }
      else if (t?.inCaption) t.caption += s;
      else if (!t && headingText !== null && headingText.length < 1000) headingText += s;
      else if (!t && titleText !== null && titleText.length < 1000) titleText += s;
    },
  });
  while (stack.length) close(stack.pop() as Table);
  const tables = done.filter((t) => !t.grid.empty).sort((a, b) => a.order - b.order);
  if (tables.length === 0) {
    throw new ImportError('html.no-table', `文件 ${name} 实为网页（HTML）格式，但其中没有含数据的表格；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入`, { file: name });
  }
  const used = new Set<string>();
  return tables.map((t, i) => {
    const island = named.length === tables.length ? named[i] : undefined;
    let sheet = t.caption.trim().slice(0, 100) || island || t.heading || (tables.length === 1 && title ? title : '') || `表${i + 1}`;
    for (let k = 2; used.has(sheet); k++) sheet = `${sheet.replace(/ \(\d+\)$/, '')} (${k})`;
    used.add(sheet);
    return { file: name, sheet, encoding: decoded.encoding, ...t.grid.finish() };
  });
}
