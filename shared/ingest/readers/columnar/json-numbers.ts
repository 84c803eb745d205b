/**
 * JSON numbers JavaScript cannot hold exactly. An 18-digit 身份证号 or a 19-digit statistics key written as a JSON
 * number would lose its last digits in JSON.parse, so number tokens with more than 15 significant digits are
 * quoted before parsing and reach the sheet as the text the file wrote. One linear pass, strings skipped.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** More digits than a double holds exactly (Excel keeps 15 as well). */
const MAX_DIGITS = 15;
const LONG_RUN = /[0-9]{16}/u;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The end (exclusive) of the number token starting at `i`, and how many digits it has before any exponent. */
function numberToken(text: string, i: number): { end: number; digits: number; exponent: boolean } {
  let j = i;
  let digits = 0;
  let exponent = false;
  if (text.charCodeAt(j) === 0x2d) j++;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      if (!exponent) digits++;
    } else if (c === 0x2e) continue;
    else if (c === 0x65 || c === 0x45) exponent = true;
    else if ((c === 0x2b || c === 0x2d) && exponent) continue;
    else break;
  }
  return { end: j, digits, exponent };
}

/** `text` with every number token of more than 15 digits (and no exponent) quoted; unchanged when there is none. */
export function quoteLongNumbers(text: string): string {
  if (!LONG_RUN.test(text)) return text;
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      i++;
    } else if (isDigit(c) || c === 0x2d) {
      const t = numberToken(text, i);
      if (t.digits > MAX_DIGITS && !t.exponent) {
        parts.push(text.slice(from, i), '"', text.slice(i, t.end), '"');
        from = t.end;
      }
      i = Math.max(t.end, i + 1);
    } else i++;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
