import { ImportError } from '../../../contract/errors.js';
import { DEFAULT_LIMITS, type RawSheet, type ReadLimits, type SourceFile } from '../../types.js';
import { localName, type XmlElement } from '../xml.js';
import { findPart, parsePart, readRels, readSharedStrings, type Rel } from './xlsx-part.js';
import { readSheet, type SheetContext } from './xlsx-sheet.js';
import { readStyleKinds } from './xlsx-styles.js';
import { ZipArchive, type ZipEntry } from '../zip/zip.js';

/**
 * Our own bounded .xlsx reader (SheetJS is not used for .xlsx): every part is inflated through the checked zip
 * reader, worksheets are streamed through the XML scanner, and the used range is checked cell by cell.
 */

/** A worksheet as read from a workbook; `hidden` is set for hidden and very hidden sheets. */
export interface WorkbookSheet extends RawSheet {
  readonly hidden?: boolean;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True if bytes start with the OLE compound-file signature (.xls, or an encrypted .xlsx). */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => localName(c.name) === name);
}

/** The r:id of a <sheet>, whatever prefix the relationships namespace got. */
function relId(sheet: XmlElement): string | undefined {
  for (const k of Object.keys(sheet.attrs)) if (k.includes(':') && localName(k) === 'id') return sheet.attrs[k];
  return undefined;
}

/** A worksheet of the workbook: its name, whether it is hidden, and its part. */
export interface SheetRef { readonly name: string; readonly hidden: boolean; readonly entry: ZipEntry }

function locateWorkbook(zip: ZipArchive): ZipEntry {
  const file = zip.file;
  const main = readRels(zip, '').find((r) => r.type === 'officeDocument');
  const path = main?.target ?? 'xl/workbook.xml';
  if (/\.bin$/i.test(path)) {
    throw new ImportError('xlsx.xlsb', `文件 ${file} 是 .xlsb 二进制工作簿，请在 Excel 中另存为 .xlsx 后再导入`, { file });
  }
  const entry = findPart(zip, path);
  if (entry) return entry;
  if (findPart(zip, 'content.xml')) {
    throw new ImportError('xlsx.ods', `文件 ${file} 是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入`, { file });
  }
  throw new ImportError('xlsx.not-xlsx', `文件 ${file} 不是有效的 Excel 工作簿（找不到 ${path}）`, { file });
}

function listSheets(zip: ZipArchive, wb: XmlElement, rels: readonly Rel[]): SheetRef[] {
  const byId = new Map(rels.map((r) => [r.id, r]));
  const out: SheetRef[] = [];
  const list = (child(wb, 'sheets')?.children ?? []).filter((s) => localName(s.name) === 'sheet');
  for (const [i, s] of list.entries()) {
    const rel = byId.get(relId(s) ?? '');
    if (rel && rel.type !== 'worksheet') continue; // chart sheets, dialog and macro sheets hold no cells
    const name = s.attrs.name ?? '';
    // without workbook relationships at all (a few hand-rolled writers), the conventional part name
    const entry = rel ? findPart(zip, rel.target) : rels.length === 0 ? findPart(zip, `xl/worksheets/sheet${i + 1}.xml`) : undefined;
    if (!entry) {
      throw new ImportError('xlsx.missing-part', `文件 ${zip.file} 的工作表 ${name} 缺少数据部件，文件可能已损坏`, { file: zip.file, sheet: name });
    }
    out.push({ name, hidden: s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden', entry });
  }
  return out;
}

/** An opened workbook: its worksheets in workbook order and what reading their cells needs. */
export interface Workbook {
  readonly ctx: SheetContext;
  readonly sheets: readonly SheetRef[];
}

/** Opens an .xlsx/.xlsm file: the package checked, the shared strings and styles read, the worksheets listed. */
export function openWorkbook(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): Workbook {
  const name = file.name;
  if (isOle(file.bytes)) {
    throw new ImportError('xlsx.ole', `文件 ${name} 不是 .xlsx 格式：可能设置了打开密码（请先取消密码），或是旧版 .xls 文件`, { file: name });
  }
  const zip = ZipArchive.open(file.bytes, name, limits);
  const wbEntry = locateWorkbook(zip);
  const wb = parsePart(zip, wbEntry);
  const rels = readRels(zip, wbEntry.name);
  const sheets = listSheets(zip, wb, rels);
  const part = (type: string): ZipEntry | undefined => {
    const rel = rels.find((r) => r.type === type);
    return rel ? findPart(zip, rel.target) : undefined;
  };
  // parts a writer forgot to relate are still found under their conventional names
  const sst = part('sharedStrings') ?? findPart(zip, 'xl/sharedStrings.xml');
  const styles = part('styles') ?? findPart(zip, 'xl/styles.xml');
  zip.check([...sheets.map((s) => s.entry), ...(sst ? [sst] : []), ...(styles ? [styles] : [])]);
  const pr = child(wb, 'workbookPr')?.attrs.date1904;
  const ctx = {
    zip,
    limits,
    strings: readSharedStrings(zip, sst),
    styleKinds: readStyleKinds(styles && parsePart(zip, styles)),
    date1904: pr === '1' || pr === 'true',
  };
  return { ctx, sheets };
}

/**
 * Reads every worksheet of an .xlsx/.xlsm file, in workbook order, within the limits. `generic`: read every sheet
 * with the generic XML scanner only (the reference the byte-level scanner is compared with in tests).
 */
export function readXlsx(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS, opts: { readonly generic?: boolean } = {}): WorkbookSheet[] {
  const { ctx, sheets } = openWorkbook(file, limits);
  return sheets.map((s) => {
    const { rows, merges } = readSheet(ctx, s.entry, s.name, opts.generic === true);
    return { file: file.name, sheet: s.name, rows, merges, ...(s.hidden ? { hidden: true } : {}) };
  });
}
