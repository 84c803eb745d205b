import { localName, type XmlElement } from '../xml.js';

/**
 * How a cell's number format shows a number: as is, as a date, a date and time, a time of day, or a percentage
 * (read in percent units, 0.125 shown as 12.5% → 12.5, as a CSV saved from the same sheet would give it).
 */
export const DateKind = { None: 0, Date: 1, DateTime: 2, Time: 3, Percent: 4 } as const;
/** One of the DateKind values. */
export type DateKind = (typeof DateKind)[keyof typeof DateKind];

const BUILTIN_TIME = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);
const BUILTIN_DATETIME = new Set([22]);

function builtinKind(id: number): DateKind {
  if (BUILTIN_TIME.has(id)) return DateKind.Time;
  if (BUILTIN_DATETIME.has(id)) return DateKind.DateTime;
  if (id === 9 || id === 10) return DateKind.Percent;
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id === 36 || (id >= 50 && id <= 58)) return DateKind.Date;
  return DateKind.None;
}

/** Classifies a custom format code by its first section, ignoring quoted text, escapes and [..] except [h]/[m]/[s]. */
export function formatKind(code: string): DateKind {
  if (code.length > 1000) return DateKind.None;
  let plain = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] as string;
    if (ch === ';') break;
    if (ch === '"') {
      const e = code.indexOf('"', i + 1);
      i = e < 0 ? code.length : e;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i++;
    } else if (ch === '[') {
      const e = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, e < 0 ? code.length : e).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) plain += inner;
      i = e < 0 ? code.length : e;
    } else {
      plain += ch.toLowerCase();
    }
  }
  if (plain === 'general' || plain.length === 0) return DateKind.None;
  const ampm = /am\/pm|a\/p|上午\/下午/.test(plain);
  const p = plain.replace(/am\/pm|a\/p/g, '');
  const date = /[yd]/.test(p) || /m/.test(p.replace(/h+[^a-z]*m+|m+[^a-z]*s+/g, ''));
  const time = /[hs]/.test(p) || ampm;
  if (date && time) return DateKind.DateTime;
  if (date) return DateKind.Date;
  if (time) return DateKind.Time;
  return p.includes('%') ? DateKind.Percent : DateKind.None;
}

/** Excel shows (and keeps in formulas' eyes) 15 significant digits: 0.30000000000000004 is the 0.3 on screen. */
export function displayNumber(n: number): number {
  return n === 0 || (Number.isInteger(n) && Math.abs(n) < 1e15) ? n : Number(n.toPrecision(15));
}

const LONG_INTEGER = /^-?[0-9]{16,}$/u;

/**
 * A general-format number cell as written: an integer of 16 or more digits (an ID number that POI, EasyExcel or
 * another system wrote as a number) stays the text it was, every digit kept; any other number is displayNumber.
 */
export function plainNumber(text: string, n: number): string | number {
  if (text.length <= 15) return n; // up to 15 characters there are at most 15 digits
  return LONG_INTEGER.test(text) ? text : displayNumber(n);
}

/** A number as its format presents it: dates as text, percentages in percent units (15 digits), others as is. */
export function presentNumber(n: number, kind: DateKind, date1904: boolean): string | number {
  if (kind === DateKind.None) return displayNumber(n);
  if (kind === DateKind.Percent) return displayNumber(n * 100);
  return serialToText(n, kind, date1904) ?? displayNumber(n);
}

/** Reads styles.xml: the DateKind of every cellXfs entry, by index (the `s` attribute of a cell). */
export function readStyleKinds(styles: XmlElement | undefined): Uint8Array {
  if (!styles) return new Uint8Array(0);
  const custom = new Map<number, DateKind>();
  let xfs: readonly XmlElement[] = [];
  for (const part of styles.children) {
    const ln = localName(part.name);
    if (ln === 'numFmts') {
      for (const f of part.children) {
        const id = Number(f.attrs.numFmtId);
        if (Number.isInteger(id)) custom.set(id, formatKind(f.attrs.formatCode ?? ''));
      }
    } else if (ln === 'cellXfs') {
      xfs = part.children;
    }
  }
  const kinds = new Uint8Array(xfs.length);
  xfs.forEach((xf, i) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    kinds[i] = custom.get(id) ?? builtinKind(id);
  });
  return kinds;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * A serial number as 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' or 'HH:MM:SS'; null when it is no valid date
 * (negative or past 9999). The 1900 system keeps Excel's phantom 1900-02-29 (serial 60).
 */
export function serialToText(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  let secs = Math.round(serial * 86_400);
  let days = Math.floor(secs / 86_400);
  secs -= days * 86_400;
  if (kind === DateKind.Time && days === 0) {
    return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  }
  let ymd: string;
  if (!date1904 && days === 60) ymd = '1900-02-29';
  else {
    if (!date1904 && days < 60) days += 1;
    const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + days * DAY_MS);
    ymd = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (kind === DateKind.Date) return ymd;
  return `${ymd} ${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
}

/** An ISO 8601 value of a t="d" cell as 'YYYY-MM-DD' (or with the time when it is not midnight). */
export function isoToText(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(v.trim());
  if (!m) return v;
  const time = m[2] ? `${m[2]}${m[3] ?? ':00'}` : '00:00:00';
  return time === '00:00:00' ? (m[1] as string) : `${m[1]} ${time}`;
}
