/**
 * The one masking module for personal data: ID numbers (身份证号) keep 6 + 4 characters (110101********7777),
 * phone numbers 3 + 4 (138****5678, 057*-****1234). Every place that shows or exports cadre data calls it (import
 * preview, issues, report CSV, CLI report; later views, packs and projection); only a deliberate action shows the
 * full value.
 */

/** 18-digit ID numbers (last may be X) and old 15-digit ones, as whole tokens. */
const ID_RE = /(?<![0-9A-Za-z])([1-9][0-9]{5})((?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})(?![0-9A-Za-z])/gu;
/** Mobile numbers (optionally +86), and landlines with an area code (0571-88881234, 010 12345678). */
const PHONE_RE = /(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}[- ]?[2-9][0-9]{6,7})(?![0-9])/gu;

/** Masks the middle of `s`, keeping `head` and `tail` digits (an X check digit counts; separators stay). */
function keep(s: string, head: number, tail: number): string {
  const chars = [...s];
  const positions = chars.flatMap((c, i) => (/[0-9Xx]/u.test(c) ? [i] : []));
  const hide = new Set(positions.slice(head, Math.max(head, positions.length - tail)));
  return chars.map((c, i) => (hide.has(i) ? '*' : c)).join('');
}

/** An ID number masked 6 + 4 ('110101199001017777' → '110101********7777'); other text unchanged. */
export function maskIdNumber(id: string): string {
  return id.replace(ID_RE, (_m, region: string, rest: string) => keep(region + rest, 6, 4));
}

/** A phone number masked 3 + 4 ('13812345678' → '138****5678'). */
export function maskPhone(phone: string): string {
  return phone.replace(PHONE_RE, (m, num: string) => m.slice(0, m.length - num.length) + keep(num, 3, 4));
}

/** Any text with every ID number and phone number in it masked: cells, issue values, report lines. */
export function maskPersonal(text: string): string;
export function maskPersonal(text: string | null): string | null;
export function maskPersonal(text: string | null): string | null {
  return text === null ? null : maskPhone(maskIdNumber(text));
}

/** True when the text holds an ID or phone number (the report offers unmasking only where there is something to unmask). */
export function hasPersonal(text: string | null): boolean {
  return text !== null && maskPersonal(text) !== text;
}

/**
 * A value of an ID-number column (身份证号): masked 6 + 4 like maskIdNumber, and also when it is not a well-formed
 * ID (a typo, a passport number), because everything in that column is personal: values of 11 or more characters keep
 * 6 + 4, shorter ones keep nothing.
 */
export function maskIdField(value: string): string {
  const v = value.trim();
  const masked = maskIdNumber(v);
  if (masked !== v) return masked;
  if (v === '') return v;
  const chars = [...v];
  return chars.length >= 11 ? chars.map((c, i) => (i < 6 || i >= chars.length - 4 ? c : '*')).join('') : '*'.repeat(chars.length);
}

/**
 * A person's name masked for projection and sharing (张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明): the first and,
 * from three characters on, the last character stay, so the room can follow without reading the name. Latin names
 * keep each word's first letter (Zhang San → Z**** S**). Empty or blank names stay as they are.
 */
export function maskName(name: string): string {
  const v = name.trim();
  if (v === '') return name;
  if (/\s/u.test(v)) return v.split(/(\s+)/u).map((w) => (/^\s+$/u.test(w) ? w : maskWord(w, false))).join('');
  return maskWord(v, true);
}

function maskWord(w: string, keepLast: boolean): string {
  const chars = [...w];
  if (chars.length === 1) return '*';
  if (chars.length === 2 || !keepLast) return (chars[0] as string) + '*'.repeat(chars.length - 1);
  return (chars[0] as string) + '*'.repeat(chars.length - 2) + (chars[chars.length - 1] as string);
}
