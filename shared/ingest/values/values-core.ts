/**
 * Building blocks shared by the value normalisers: character folding, trimming, missing markers, and the
 * SQL spelling of each, written from the same tables and regex sources so JS and DuckDB cannot drift apart.
 * Regex sources use only syntax that JavaScript (`u` flag) and RE2 read identically: no `\d`, `\s`, `.`,
 * negated classes or look-arounds; special characters appear literally.
 */
import { quoteValue } from '../../db/sql.js';

/** What happened to one cell. 'empty' and 'ok' produce no issue; 'missing' and 'corrected' are corrections. */
export type ValueStatus = 'empty' | 'ok' | 'missing' | 'corrected' | 'warning' | 'rejected';

/** The JS side of a normaliser: the value (null when empty, missing or rejected), its status and a Chinese reason. */
export interface Normalized {
  readonly value: string | number | boolean | null;
  readonly status: ValueStatus;
  readonly reason: string | null;
}

/** Exactly JavaScript's `\s` (WhiteSpace + LineTerminator), spelled out so RE2 matches the same set. */
export const WS_CLASS = '[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]';

/** CJK ideographs (basic, extension A, compatibility), for removing spaces inside personal names. */
export const CJK_CLASS = '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]';

function range(from: number, to: number): string {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCharCode(c);
  return s;
}

/** Wide folding (numbers, codes, dates): every full-width ASCII form, the ideographic space and U+2212 minus. */
const WIDE_FROM = range(0xff01, 0xff5e) + '\u3000\u2212';
const WIDE_TO = range(0x21, 0x7e) + ' -';
/** Safe folding (free text): full-width digits, letters and the ideographic space only; punctuation is kept. */
const SAFE_FROM = range(0xff10, 0xff19) + range(0xff21, 0xff3a) + range(0xff41, 0xff5a) + '\u3000';
const SAFE_TO = range(0x30, 0x39) + range(0x41, 0x5a) + range(0x61, 0x7a) + ' ';

function translator(from: string, to: string): (s: string) => string {
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) map.set(from[i] as string, to[i] as string);
  const re = new RegExp(`[${[...map.keys()].map((c) => (/[\]\\^-]/.test(c) ? `\\${c}` : c)).join('')}]`, 'gu');
  return (s) => s.replace(re, (c) => map.get(c) ?? c);
}

/** Fold full-width ASCII forms, U+3000 and U+2212 to ASCII. */
export const wideFold = translator(WIDE_FROM, WIDE_TO);
/** Fold full-width digits, letters and U+3000 only. */
export const safeFold = translator(SAFE_FROM, SAFE_TO);

/**
 * SQL translate(x, from, to). DuckDB's translate() costs ~10 µs a row with a long map, so it runs only on text
 * that holds one of the characters to map: pure ASCII is skipped at once, other text after one RE2 scan.
 */
export function translateSql(x: string, from: string, to: string): string {
  const any = quoteValue(`[${from.replace(/[\]\\^-]/gu, '\\$&')}]`);
  return letSql(
    x,
    (r) => `CASE WHEN strlen(${r}) = length(${r}) OR NOT regexp_matches(${r}, ${any}) THEN ${r} ELSE translate(${r}, ${quoteValue(from)}, ${quoteValue(to)}) END`,
  );
}
/** A regex class of every character wideFold changes (for fast paths that skip text with none of them). */
export const WIDE_CLASS = `[\uff01-\uff5e\u3000\u2212]`;
/** SQL twin of wideFold. */
export function wideFoldSql(x: string): string {
  return translateSql(x, WIDE_FROM, WIDE_TO);
}
/** SQL twin of safeFold. */
export function safeFoldSql(x: string): string {
  return translateSql(x, SAFE_FROM, SAFE_TO);
}

let letCounter = 0;
/** Values up to this length are repeated inline: measured faster than a lambda, and without blow-up. */
const INLINE_LIMIT = 160;
/**
 * Bind `value` to a name for `body`, evaluating it once: DuckDB has no LET and does not share repeated
 * subexpressions inside CASE, so a one-element list and a lambda stand in for it. Short values are inlined.
 */
export function letSql(value: string, body: (ref: string) => string): string {
  if (value.length <= INLINE_LIMIT) return body(`(${value})`);
  const name = `_hj${++letCounter}`;
  return `list_transform([${value}], lambda ${name}: ${body(name)})[1]`;
}

const TRIM_SRC = `^${WS_CLASS}+|${WS_CLASS}+$`;
const TRIM_RE = new RegExp(TRIM_SRC, 'gu');
/** Trim the `\s` set at both ends (same as String.prototype.trim, kept explicit for the SQL twin). */
export function trimWs(s: string): string {
  return s.replace(TRIM_RE, '');
}
/** SQL twin of trimWs. */
export function trimWsSql(x: string): string {
  return `regexp_replace(${x}, ${quoteValue(TRIM_SRC)}, '', 'g')`;
}

/** A regex for a whole string, from a source shared with SQL. */
export function fullRe(src: string): RegExp {
  return new RegExp(`^(?:${src})$`, 'u');
}
/** SQL: does the whole of `x` match the regex source `src`. */
export function fullMatchSql(x: string, src: string): string {
  return `regexp_full_match(${x}, ${quoteValue(src)})`;
}
/** Group `g` of a whole-string match ('' when the group did not take part, as DuckDB returns). */
export function groupOf(m: RegExpExecArray | null, g: number): string {
  return m?.[g] ?? '';
}
/** SQL twin of groupOf: group `g` of a whole-string match, '' when absent. */
export function extractSql(x: string, src: string, g: number): string {
  return `regexp_extract(${x}, ${quoteValue(`^(?:${src})$`)}, ${g})`;
}

/**
 * Markers that mean "no value" in Chinese statistical tables, compared after wide folding and trimming
 * (so '－' and '／' arrive as '-' and '/').
 */
export const MISSING_MARKERS: readonly string[] = [
  '-', '--', '---', '—', '——', '–', '/', '//', '\\', '…', '……', '...', '无', '空', '暂无',
  'NULL', 'null', 'Null', 'N/A', 'n/a', '#N/A',
];
const MISSING_SET = new Set(MISSING_MARKERS);
/** Excel's formula error values, as a cached result or text: no value, said apart from a missing mark. */
export const ERROR_MARKERS: readonly string[] = ['#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#GETTING_DATA', '#SPILL!', '#CALC!'];
const ERROR_SET = new Set(ERROR_MARKERS);

const REASON_MISSING = '缺失值标记，按空值处理';
const REASON_ERROR = '公式错误值（如 #DIV/0!），按空值处理';

/** The cleaned form every kind starts from: wide-folded and trimmed. */
export function cleanWide(raw: string): string {
  return trimWs(wideFold(raw));
}
/** SQL twin of cleanWide. */
export function cleanWideSql(x: string): string {
  return trimWsSql(wideFoldSql(x));
}

/** The result for an empty cell. */
export const EMPTY: Normalized = { value: null, status: 'empty', reason: null };

/** The common start of every normaliser: NULL, blank and missing markers. Returns null to go on. */
export function prelude(raw: string | null): Normalized | null {
  if (raw === null) return EMPTY;
  const m = cleanWide(raw);
  if (m === '') return EMPTY;
  if (MISSING_SET.has(m)) return { value: null, status: 'missing', reason: REASON_MISSING };
  if (ERROR_SET.has(m)) return { value: null, status: 'missing', reason: REASON_ERROR };
  return null;
}

/** A normaliser's SQL result: STRUCT(v <type>, st VARCHAR, why VARCHAR). */
export function structSql(v: string, st: string, why: string): string {
  return `{'v': ${v}, 'st': ${st}, 'why': ${why}}`;
}

/**
 * The SQL twin of `prelude`: binds the raw text `x` and its cleaned form `m` once, handles NULL, blank and
 * missing markers, and hands the rest to the kind-specific `body(x, m)`.
 */
export function withPreludeSql(x: string, type: string, body: (x: string, m: string) => string): string {
  const nul = `NULL::${type}`;
  return letSql(x, (xr) =>
    letSql(cleanWideSql(xr), (m) =>
      `CASE WHEN ${xr} IS NULL OR ${m} = '' THEN ${structSql(nul, "'empty'", 'NULL::VARCHAR')} ` +
      `WHEN ${m} IN (${MISSING_MARKERS.map((s) => quoteValue(s)).join(', ')}) THEN ${structSql(nul, "'missing'", quoteValue(REASON_MISSING))} ` +
      `WHEN ${m} IN (${ERROR_MARKERS.map((s) => quoteValue(s)).join(', ')}) THEN ${structSql(nul, "'missing'", quoteValue(REASON_ERROR))} ` +
      `ELSE ${body(xr, m)} END`,
    ),
  );
}

/** Shorthands for results: ok, corrected, warning, rejected. */
export const ok = (value: string | number | boolean): Normalized => ({ value, status: 'ok', reason: null });
export const corrected = (value: string | number | boolean, reason: string): Normalized => ({ value, status: 'corrected', reason });
export const warning = (value: string | number | boolean, reason: string): Normalized => ({ value, status: 'warning', reason });
export const rejected = (reason: string): Normalized => ({ value: null, status: 'rejected', reason });

/** 'ok' when the final text equals the raw text, else 'corrected' with `reason`. */
export function okOrCorrected(raw: string, final: string, value: string | number | boolean, reason: string): Normalized {
  return final === raw ? ok(value) : corrected(value, reason);
}
/** SQL twin of okOrCorrected. */
export function okOrCorrectedSql(x: string, final: string, v: string, reason: string): string {
  return `CASE WHEN ${final} = ${x} THEN ${structSql(v, "'ok'", 'NULL::VARCHAR')} ELSE ${structSql(v, "'corrected'", reason)} END`;
}
/** SQL: a rejected result of `type` with `reason`. */
export function rejectedSql(type: string, reason: string): string {
  return structSql(`NULL::${type}`, "'rejected'", reason);
}
/** Shorthand for quoteValue in the builders. */
export const q = quoteValue;
