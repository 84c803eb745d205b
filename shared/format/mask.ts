/**
 * The one masking module for personal data: ID numbers (身份证号) keep 6 + 4 characters (110101********7777),
 * phone numbers 3 + 4 (138****5678, 057*-****1234). Every place that shows or exports cadre data calls it (import
 * preview, issues, report CSV, CLI report; later views, packs and projection); only a deliberate action shows the
 * full value.
 */

/** Digits as typed: ASCII or full-width (０-９); X and Ｘ as the check digit. */
const DIGIT = '0-9\uFF10-\uFF19';
const CHECK = 'Xx\uFF38\uFF58';
/** A separator inside a number as people type it: one space (also the ideographic one) or hyphen. */
const SEP = ' \u3000\uFF0D-';
const SEP_RE = new RegExp(`^[${SEP}]$`, 'u');
/** Runs of digits joined by single separators, optionally after a +: the candidates an ID or phone number is found in. */
const RUN_RE = new RegExp(`(?<![${DIGIT}${CHECK}A-Za-z])[+\uFF0B]?[${DIGIT}](?:[${SEP}]?[${DIGIT}${CHECK}])*`, 'gu');
const ID_DIGITS = /^[1-9][0-9]{5}(?:(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})$/u;
/** Mobile numbers and landlines with an area code, optionally after 86 (the + is outside the digits). */
const PHONE_DIGITS = /^(86)?(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}[2-9][0-9]{6,7})$/u;

/** '０'..'９' → '0'..'9', 'Ｘ'/'x' → 'X'; anything else unchanged. */
function asciiDigit(c: string): string {
  const code = c.codePointAt(0) as number;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  return /^[Xx\uFF38\uFF58]$/u.test(c) ? 'X' : c;
}

/** What kind of number the digits of one candidate are (ASCII, separators removed), with how many prefix digits stay. */
function classify(digits: string, want: 'id' | 'phone' | 'any'): { head: number; tail: number; prefix: number } | null {
  if (want !== 'phone' && ID_DIGITS.test(digits)) return { head: 6, tail: 4, prefix: 0 };
  const m = want !== 'id' && !digits.includes('X') ? PHONE_DIGITS.exec(digits) : null;
  return m ? { head: 3, tail: 4, prefix: (m[1] ?? '').length } : null;
}

/**
 * Masks the ID and/or phone numbers in one run of digits and separators. The run is split at its separators into
 * groups; from each group on, the longest sequence of whole groups that is a number is masked (so '138 1234 5678'
 * and two numbers separated by one space are both found). Masked characters become '*'; separators, a + or 86
 * prefix and the kept digits stay where they were, so the length and shape never change.
 */
function maskRun(run: string, want: 'id' | 'phone' | 'any'): string {
  const chars = [...run];
  const groups: number[][] = [];
  let cur: number[] = [];
  chars.forEach((c, i) => {
    if (/^[+\uFF0B]$/u.test(c)) return;
    if (SEP_RE.test(c)) {
      if (cur.length) groups.push(cur);
      cur = [];
    } else cur.push(i);
  });
  if (cur.length) groups.push(cur);
  for (let g = 0; g < groups.length; ) {
    let done = g + 1;
    // No number has more than 20 digits (18 of an ID, 14 of +86 and a landline): longer spans are not tried, so a
    // hostile cell of thousands of spaced digits costs linear time.
    let end = g;
    for (let n = groups[g]?.length ?? 0; end + 1 < groups.length && n + (groups[end + 1]?.length ?? 0) <= 20; end++) n += groups[end + 1]?.length ?? 0;
    for (let last = end; last >= g; last--) {
      const positions = groups.slice(g, last + 1).flat();
      const kind = classify(positions.map((i) => asciiDigit(chars[i] as string)).join(''), want);
      if (!kind) continue;
      const own = positions.slice(kind.prefix);
      for (const i of own.slice(kind.head, own.length - kind.tail)) chars[i] = '*';
      done = last + 1;
      break;
    }
    g = done;
  }
  return chars.join('');
}

function maskNumbers(text: string, want: 'id' | 'phone' | 'any'): string {
  return text.replace(RUN_RE, (run) => maskRun(run, want));
}

/**
 * An ID number masked 6 + 4 ('110101199001017777' → '110101********7777'), also when typed in full-width digits or
 * with spaces ('110101 19900101 7777' → '110101 ******** 7777'); other text unchanged.
 */
export function maskIdNumber(id: string): string {
  return maskNumbers(id, 'id');
}

/** A phone number masked 3 + 4 ('13812345678' → '138****5678', '+86 138 1234 5678' → '+86 138 **** 5678'). */
export function maskPhone(phone: string): string {
  return maskNumbers(phone, 'phone');
}

/** Any text with every ID number and phone number in it masked: cells, issue values, report lines. */
export function maskPersonal(text: string): string;
export function maskPersonal(text: string | null): string | null;
export function maskPersonal(text: string | null): string | null {
  return text === null ? null : maskNumbers(text, 'any');
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

/** The kinds of personal field a masking profile rules on; 'text' is free text that may carry ID or phone numbers. */
export type MaskedField = 'idNo' | 'phone' | 'name' | 'text';

/**
 * A masking profile: for each kind of field, whether it is shown masked or in full. Screens, projection and every
 * export pick a profile and pass each personal value through maskField; nothing masks on its own.
 */
export interface MaskProfile {
  readonly id: 'default' | 'projection' | 'unmasked';
  readonly mask: Readonly<Record<MaskedField, boolean>>;
}

/** Working screens and exports: ID and phone numbers masked (also inside free text), names shown. */
export const DEFAULT_MASK_PROFILE: MaskProfile = { id: 'default', mask: { idNo: true, phone: true, name: false, text: true } };
/** Projection and packs made to be shown to a room: names masked too (张*明). */
export const PROJECTION_MASK_PROFILE: MaskProfile = { id: 'projection', mask: { idNo: true, phone: true, name: true, text: true } };
/** After the user's explicit, audited unmask action only. */
export const UNMASKED_PROFILE: MaskProfile = { id: 'unmasked', mask: { idNo: false, phone: false, name: false, text: false } };

/** The profile for a place: projection (names hidden) or not, and whether the user has unmasked it. */
export function maskProfile(o: { readonly projection?: boolean; readonly unmasked?: boolean }): MaskProfile {
  return o.unmasked ? UNMASKED_PROFILE : o.projection ? PROJECTION_MASK_PROFILE : DEFAULT_MASK_PROFILE;
}

/** A value of a phone column: masked 3 + 4, and also when it is no recognisable number (7+ characters keep 3 + 4). */
function maskPhoneField(value: string): string {
  const masked = maskPhone(value);
  if (masked !== value || value.trim() === '') return masked;
  const chars = [...value];
  return chars.length >= 8 ? chars.map((c, i) => (i < 3 || i >= chars.length - 4 ? c : '*')).join('') : '*'.repeat(chars.length);
}

/** One personal value shown under a profile: the one place where any ID number, phone number, name or text is masked. */
export function maskField(profile: MaskProfile, field: MaskedField, value: string): string;
export function maskField(profile: MaskProfile, field: MaskedField, value: string | null): string | null;
export function maskField(profile: MaskProfile, field: MaskedField, value: string | null): string | null {
  if (value === null || !profile.mask[field]) return value;
  switch (field) {
    case 'idNo':
      return maskIdField(value);
    case 'phone':
      return maskPhoneField(value);
    case 'name':
      return maskName(value);
    case 'text':
      return maskPersonal(value);
  }
}
