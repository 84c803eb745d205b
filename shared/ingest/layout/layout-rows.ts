/**
 * Row structure of a sheet from its sample: title rows, one or two header rows (merged parents filled across
 * their range, combined as 'parent/child'), a column-numbering row (甲/乙/1/2…), and the patterns of footnote
 * and totals rows, shared with the SQL that finds such rows again over all rows.
 */
import { isUnit, unitInTitle } from './headers-units.js';
import { cellText } from '../stage/stage-rows.js';
import type { RawSheet } from '../types.js';
import { fullRe } from '../values/values-core.js';
import { normalizeNumber, wideFold } from '../values/values.js';

const FOOTNOTE_WORDS = [
  '注', '备注', '说明', '附注', '数据来源', '资料来源', '来源', '填表人', '填报人', '制表人', '制表', '审核人', '审核', '负责人', '单位负责人',
  '统计负责人', '联系人', '联系电话', '电话', '填报日期', '填表日期', '报送日期', '制表日期', '报出日期', '填报单位', '制表单位', '报送单位',
];
const FOOTNOTE_MARKS = ['*', '※'];
/** A footnote's first cell: 注：, 说明：, 备注, 数据来源, 填表人 … (compared folded, spaces removed). */
export const FOOTNOTE_SRC = `(?:${FOOTNOTE_WORDS.join('|')})[0-9一二三四五六七八九十①②③④⑤]*[:：.、].*|注|[${FOOTNOTE_MARKS.join('')}].*`;
/** Every character a footnote's (folded, squeezed) first cell can start with: SQL skips the pattern on other rows. */
export const FOOTNOTE_LEADS: readonly string[] = [...new Set([...FOOTNOTE_WORDS.map((w) => w.charAt(0)), ...FOOTNOTE_MARKS])];
const TOTALS_WORDS = ['合计', '总计', '小计', '汇总', '平均', '平均值', '总量', '本省', '本市'];
/** A totals row's name cell: 合计, 总计, 小计, 全省, 全市(合计) … (compared folded, spaces removed). */
export const TOTALS_SRC = `(?:全(?:省|市|州|盟|区|县|国)(?:合计|总计|小计|平均|汇总)?|${TOTALS_WORDS.join('|')})(?:\\((?:合计|总计)\\))?`;
/** Every character a totals row's (folded, squeezed) name cell can start with. */
export const TOTALS_LEADS: readonly string[] = [...new Set(['全', ...TOTALS_WORDS.map((w) => w.charAt(0))])];
const FOOTNOTE_RE = fullRe(FOOTNOTE_SRC);
const TOTALS_RE = fullRe(TOTALS_SRC);
const NUMBERING_RE = /^(?:[甲乙丙丁戊己庚辛]|栏次|[0-9]{1,3}|\([0-9]{1,3}\)|[A-Z])$/u;

/** Fold and drop spaces, as the row patterns compare. */
export function squeezeCell(text: string): string {
  return wideFold(text).replace(/\s+/gu, '');
}
/** True for a footnote's first cell. */
export const isFootnoteText = (t: string): boolean => FOOTNOTE_RE.test(squeezeCell(t));
/** True for a totals row's name cell. */
export const isTotalsText = (t: string): boolean => TOTALS_RE.test(squeezeCell(t));

/** The sample as trimmed text (null for empty), `width` columns wide. */
export function textGrid(sample: RawSheet, width: number): (string | null)[][] {
  return sample.rows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const t = cellText(row[c] ?? null)?.trim();
      return t ? t : null;
    }),
  );
}

/** The grid with every merged range filled with its top-left value (what a person sees). */
export function filledGrid(sample: RawSheet, grid: (string | null)[][]): (string | null)[][] {
  const out = grid.map((r) => [...r]);
  for (const m of sample.merges) {
    const v = grid[m.r0]?.[m.c0] ?? null;
    for (let r = m.r0; r <= m.r1 && r < out.length; r++) {
      for (let c = m.c0; c <= m.c1; c++) if ((out[r] as (string | null)[]).length > c) (out[r] as (string | null)[])[c] = v;
    }
  }
  return out;
}

const count = (row: readonly (string | null)[]): number => row.filter((c) => c !== null).length;
const isNumeric = (t: string): boolean => {
  const n = normalizeNumber(t);
  return n.value !== null && !/^(?:19|20)[0-9]{2}$/u.test(t);
};
const textShare = (row: readonly (string | null)[]): number => {
  const cells = row.filter((c): c is string => c !== null);
  return cells.length === 0 ? 0 : cells.filter((c) => !isNumeric(c)).length / cells.length;
};

/** The row structure found in a sample (1-based rows). */
export interface RowLayout {
  readonly titleRows: number[];
  readonly headerRows: number[];
  readonly firstDataRow: number;
  /** Combined header text per column. */
  readonly headers: string[];
  readonly unit: string | null;
  readonly numberingRows: number[];
}

const UNIT_LABEL = /^[(（]?(?:计量)?单位(?:名称)?[:：]?[)）]?$/u;
const unitText = (c: string): string => squeezeCell(c).replace(/^[(（]|[)）]$/gu, '').replace(/^单位[:：]/u, '');

/**
 * A row of units under the header ('亿元 | % | 微克/立方米 | 件/万人'): every filled cell is a unit, a label
 * (单位, 计量单位, (单位)) or repeats the header cell above it (a vertically merged 地区), and at least one is a unit.
 * It belongs to the header, never to the data, whether or not its first cells are empty.
 */
export function isUnitsRow(above: readonly (string | null)[], row: readonly (string | null)[]): boolean {
  let units = 0;
  for (const [j, c] of row.entries()) {
    if (c === null || /^[-—–/]$/u.test(c.trim())) continue;
    if (isUnit(unitText(c))) units++;
    else if (!UNIT_LABEL.test(squeezeCell(c)) && squeezeCell(c) !== squeezeCell(above[j] ?? '')) return false;
  }
  return units > 0;
}

/** True when row h+1 (0-based) continues the header begun on row h. */
function isSecondHeaderRow(sample: RawSheet, grid: (string | null)[][], h: number): boolean {
  const a = grid[h];
  const b = grid[h + 1];
  if (!a || !b || count(b) === 0 || textShare(b) < 0.6) return false;
  if (b.some((c) => c !== null && isFootnoteText(c))) return false;
  const merged = sample.merges.some((m) => m.r0 === h && (m.r1 > h || (m.c1 > m.c0 && b.slice(m.c0, m.c1 + 1).some((c) => c !== null))));
  if (merged) return true;
  if (isUnitsRow(a, b)) return true;
  const parentOnly = a.some((c, j) => c !== null && b[j] === null);
  const childOnly = b.some((c, j) => c !== null && a[j] === null);
  return parentOnly && childOnly;
}

/** Combine header rows into one text per column: 'parent/child', with parents filled across their children. */
function combineHeaders(sample: RawSheet, grid: (string | null)[][], rows: number[], width: number): string[] {
  const filled = filledGrid(sample, grid);
  const parts: (string | null)[][] = rows.map((r, i) => {
    const cells = [...(filled[r] ?? [])];
    if (i === 0 || !isUnitsRow(filled[rows[i - 1] as number] ?? [], grid[r] ?? [])) return cells;
    // A units row adds '（单位）' to its column, so '微克/立方米' stays one unit; its labels add nothing.
    return (grid[r] ?? []).map((c) => (c !== null && isUnit(unitText(c)) ? `（${unitText(c)}）` : null));
  });
  // Text files have no merges: a parent spans the empty cells to its right that have children below.
  for (let i = 0; i < parts.length - 1; i++) {
    const [p, ch] = [parts[i] as (string | null)[], parts[i + 1] as (string | null)[]];
    for (let j = 1; j < width; j++) if (p[j] === null && ch[j] !== null && p[j - 1] !== null && ch[j - 1] !== null) p[j] = p[j - 1] ?? null;
  }
  return Array.from({ length: width }, (_, j) => {
    const seq: string[] = [];
    for (const row of parts) {
      const t = row[j];
      if (!t || t === seq[seq.length - 1]) continue;
      if (t.startsWith('（') && seq.length > 0) seq[seq.length - 1] += t.replace(/\s+/gu, '');
      else seq.push(t.replace(/\s+/gu, ''));
    }
    return seq.join('/');
  });
}

/** Find title, header and numbering rows; `forced` header rows (1-based) skip the header search. */
export function detectRows(sample: RawSheet, width: number, forced?: readonly number[]): RowLayout {
  const grid = textGrid(sample, width);
  const filled = filledGrid(sample, grid);
  const full = Math.max(1, ...grid.slice(0, 60).map(count));
  let headerRows: number[];
  if (forced && forced.length > 0) headerRows = forced.map((r) => r - 1);
  else {
    // Distinct values: a merged title fills the whole width with one value and is no header.
    const distinct = (row: (string | null)[]): number => new Set(row.filter((c) => c !== null)).size;
    let h = filled.findIndex(
      (row) => distinct(row) >= 2 && count(row) >= Math.max(2, Math.ceil(full * 0.5)) && textShare(row) >= 0.5 && !row.some((c) => c && isFootnoteText(c)),
    );
    if (h < 0) h = Math.max(0, grid.findIndex((row) => count(row) > 0));
    // A parent row of a text file (no merges) may have too few cells to be found first.
    if (h > 0 && count(grid[h - 1] ?? []) >= 2 && textShare(grid[h - 1] ?? []) === 1 && isSecondHeaderRow(sample, grid, h - 1)) h -= 1;
    headerRows = [h];
    if (isSecondHeaderRow(sample, grid, h)) headerRows.push(h + 1);
    // Units under a two-row header (names, sub-names, then units) belong to it too.
    const below = headerRows.length === 2 ? h + 2 : -1;
    if (below > 0 && grid[below] && isUnitsRow(grid[below - 1] ?? [], grid[below] ?? [])) headerRows.push(below);
  }
  const last = headerRows[headerRows.length - 1] ?? 0;
  const numberingRows: number[] = [];
  const next = grid[last + 1];
  if (next && count(next) >= 2 && next.every((c) => c === null || NUMBERING_RE.test(squeezeCell(c)))) numberingRows.push(last + 2);
  const titleRows = grid.slice(0, headerRows[0]).flatMap((row, r) => (count(row) > 0 ? [r + 1] : []));
  let unit: string | null = null;
  for (const r of titleRows) {
    for (const c of grid[r - 1] ?? []) unit ??= c ? unitInTitle(c) : null;
  }
  return {
    titleRows,
    headerRows: headerRows.map((r) => r + 1),
    firstDataRow: last + 2 + numberingRows.length,
    headers: combineHeaders(sample, grid, headerRows, width),
    unit,
    numberingRows,
  };
}
