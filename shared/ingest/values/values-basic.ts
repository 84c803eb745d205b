/** Numbers, integers and free text: JS normalisers and their SQL twins (see values.ts for the registry). */
import {
  CJK_CLASS,
  cleanWide,
  EMPTY,
  fullMatchSql,
  fullRe,
  letSql,
  okOrCorrected,
  okOrCorrectedSql,
  prelude,
  q,
  rejected,
  rejectedSql,
  safeFold,
  safeFoldSql,
  structSql,
  withPreludeSql,
  WS_CLASS,
  type Normalized,
} from './values-core.js';

/** '1,234,567.5' with optional sign and percent: the only shape in which commas are thousands separators. */
const GROUPED = '[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?%?';
/** Strip one leading '+' and one trailing '%' (percent values stay in percent units). */
const SIGN_PCT = '^\\+|%$';
/** A plain decimal number, optionally in scientific notation, as both engines parse it. */
const NUM = '-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const GROUPED_RE = fullRe(GROUPED);
const SIGN_PCT_RE = new RegExp(SIGN_PCT, 'gu');
const NUM_RE = fullRe(NUM);

const REASON_NOT_NUMBER = '无法识别为数值';
const REASON_RANGE = '数值超出可表示范围';
const REASON_NOT_INT = '应为整数';

function numberText(m: string): string {
  const g = GROUPED_RE.test(m) ? m.replace(/,/g, '') : m;
  return g.replace(SIGN_PCT_RE, '');
}
function numberTextSql(m: string): string {
  const g = `CASE WHEN ${fullMatchSql(m, GROUPED)} THEN replace(${m}, ',', '') ELSE ${m} END`;
  return `regexp_replace(${g}, ${q(SIGN_PCT)}, '', 'g')`;
}

/**
 * What a number correction did, in the words the report groups by (so that 3,000 cells with thousands separators
 * are one line with examples, not 3,000 lines): thousands separators, a percent sign, a plus sign, full-width
 * characters or spaces.
 */
const FIX = { grouped: '去掉千位分隔符', percent: '去掉百分号', plus: '去掉正号', wide: '全角字符或空格已规范' } as const;
const PLUS_RE = /^\+/u;
const PCT_RE = /%$/u;
function numberReason(raw: string, m: string): string {
  const parts = [GROUPED_RE.test(m) && FIX.grouped, PCT_RE.test(m) && FIX.percent, PLUS_RE.test(m) && FIX.plus, m !== raw && FIX.wide].filter(Boolean);
  return `按数值读入（${parts.join('，')}）`;
}
function numberReasonSql(xr: string, m: string): string {
  const parts = [
    `CASE WHEN ${fullMatchSql(m, GROUPED)} THEN ${q(FIX.grouped)} END`,
    `CASE WHEN suffix(${m}, '%') THEN ${q(FIX.percent)} END`,
    `CASE WHEN prefix(${m}, '+') THEN ${q(FIX.plus)} END`,
    `CASE WHEN ${m} <> ${xr} THEN ${q(FIX.wide)} END`,
  ];
  return `'按数值读入（' || concat_ws('，', ${parts.join(', ')}) || '）'`;
}

/** Numbers: full-width forms, thousands separators, '+', U+2212 minus and a trailing '%' are corrected. */
export function normalizeNumber(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const m = cleanWide(raw);
  const h = numberText(m);
  if (!NUM_RE.test(h)) return rejected(REASON_NOT_NUMBER);
  const v = Number(h);
  if (!Number.isFinite(v)) return rejected(REASON_RANGE);
  return okOrCorrected(raw, h, v + 0, numberReason(raw, m));
}
/** SQL twin of normalizeNumber (a plain number takes a fast path with the same result). */
export function numberSql(x: string): string {
  // Fast path for the common case, a plain number as is: the full pipeline would give the same result.
  return letSql(x, (r) =>
    letSql(`TRY_CAST(${r} AS DOUBLE)`, (d) =>
      `CASE WHEN ${fullMatchSql(r, NUM)} AND NOT isinf(${d}) THEN ${structSql(`${d} + 0.0`, "'ok'", 'NULL::VARCHAR')} ELSE ${numberFullSql(r)} END`,
    ),
  );
}
function numberFullSql(x: string): string {
  return withPreludeSql(x, 'DOUBLE', (xr, m) =>
    letSql(numberTextSql(m), (h) =>
      letSql(`TRY_CAST(${h} AS DOUBLE)`, (d) =>
        `CASE WHEN NOT ${fullMatchSql(h, NUM)} THEN ${rejectedSql('DOUBLE', q(REASON_NOT_NUMBER))} ` +
        `WHEN ${d} IS NULL OR isinf(${d}) THEN ${rejectedSql('DOUBLE', q(REASON_RANGE))} ` +
        `ELSE ${okOrCorrectedSql(xr, h, `${d} + 0.0`, numberReasonSql(xr, m))} END`,
      ),
    ),
  );
}

/** Integers (versions, ranks): a number that has no fractional part and fits 32 bits. */
export function normalizeInteger(raw: string | null): Normalized {
  const n = normalizeNumber(raw);
  if (typeof n.value !== 'number') return n;
  if (!Number.isInteger(n.value) || Math.abs(n.value) > 2147483647) return rejected(REASON_NOT_INT);
  return n;
}
/** SQL twin of normalizeInteger. */
export function integerSql(x: string): string {
  return letSql(numberSql(x), (n) => {
    const v = `struct_extract(${n}, 'v')`;
    return (
      `CASE WHEN ${v} IS NOT NULL AND (${v} <> round(${v}) OR abs(${v}) > 2147483647) THEN ${rejectedSql('INTEGER', q(REASON_NOT_INT))} ` +
      `ELSE ${structSql(`CAST(${v} AS INTEGER)`, `struct_extract(${n}, 'st')`, `struct_extract(${n}, 'why')`)} END`
    );
  });
}

const RUNS = `${WS_CLASS}+`;
const RUNS_RE = new RegExp(RUNS, 'gu');
const EDGE = '^ | $';
const EDGE_RE = new RegExp(EDGE, 'gu');
/** Two passes remove every space between ideographs: one pass leaves every other gap of a chain. */
const CJK_GAP = `(${CJK_CLASS}) (${CJK_CLASS})`;
const CJK_GAP_RE = new RegExp(CJK_GAP, 'gu');

function textOf(raw: string): string {
  return safeFold(raw).replace(RUNS_RE, ' ').replace(EDGE_RE, '');
}
function textOfSql(x: string): string {
  return `regexp_replace(regexp_replace(${safeFoldSql(x)}, ${q(RUNS)}, ' ', 'g'), ${q(EDGE)}, '', 'g')`;
}

/**
 * Free text: trimmed, runs of spaces/newlines collapsed to one space, full-width digits and letters folded.
 * Chinese punctuation such as （） is kept: it is part of names like 县（市、区）.
 */
export function normalizeText(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const t = textOf(raw);
  return okOrCorrected(raw, t, t, `规范为「${t}」`);
}
/** SQL twin of normalizeText. */
export function textSql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr) => letSql(textOfSql(xr), (t) => okOrCorrectedSql(xr, t, t, `'规范为「' || ${t} || '」'`)));
}

/** Personal names: as text, and the spaces used to align two-character names ('张  三') are removed. */
export function normalizeName(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const t = textOf(raw).replace(CJK_GAP_RE, '$1$2').replace(CJK_GAP_RE, '$1$2');
  return okOrCorrected(raw, t, t, `规范为「${t}」`);
}
/** SQL twin of normalizeName. */
export function nameSql(x: string): string {
  const once = (s: string): string => `regexp_replace(${s}, ${q(CJK_GAP)}, '\\1\\2', 'g')`;
  return withPreludeSql(x, 'VARCHAR', (xr) =>
    letSql(once(once(textOfSql(xr))), (t) => okOrCorrectedSql(xr, t, t, `'规范为「' || ${t} || '」'`)),
  );
}
