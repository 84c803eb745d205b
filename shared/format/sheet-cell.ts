/**
 * Text written to CSV or XLSX for people to open in Excel or WPS never starts like a formula: a cell beginning
 * with = + - @, tab, CR or LF is prefixed with an apostrophe (OWASP CSV injection). Plain numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/u;
const PLAIN_NUMBER = /^[+-]?[0-9][0-9.,]*%?$/u;

/** The cell text, defused when Excel would run it as a formula. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: defused, then quoted when it holds a comma, quote or line break (so an embedded line stays in its cell). */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeCell(v);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
