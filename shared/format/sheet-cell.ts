/**
 * Text written to CSV or XLSX for people to open in Excel or WPS never starts like a formula: a cell beginning
 * with = + - @, tab, CR or LF is prefixed with an apostrophe (OWASP CSV injection). Plain numbers stay numbers.
 */
import { stripXmlInvalid } from './xml-text.js';

const FORMULA_START = /^[=+\-@\t\r\n]/u;
const PLAIN_NUMBER = /^[+-]?[0-9][0-9.,]*%?$/u;

/** The cell text, defused when Excel would run it as a formula. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: the characters XML cannot carry dropped (as in XLSX, so a hidden control cannot smuggle a formula
 * past the check), defused, then quoted when it holds a comma, quote or line break (an embedded line stays in its cell).
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeCell(stripXmlInvalid(v));
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
