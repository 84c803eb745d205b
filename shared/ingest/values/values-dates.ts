/** Year-month fields (出生年月, 参加工作时间 …), dates and years: JS normalisers and their SQL twins. */
import {
  cleanWide,
  EMPTY,
  extractSql,
  fullMatchSql,
  fullRe,
  groupOf,
  letSql,
  okOrCorrected,
  okOrCorrectedSql,
  prelude,
  q,
  rejected,
  rejectedSql,
  structSql,
  warning,
  withPreludeSql,
  type Normalized,
} from './values-core.js';

/** An age rosters print after the birth month: '1972.03(53岁)', '197203（53）' (full-width brackets fold to ASCII). */
const AGE = '(?: ?\\([0-9]{1,3}岁?\\))?';
/** 197503, 19750312. */
const COMPACT = `([0-9]{4})([0-9]{2})([0-9]{2})?${AGE}`;
const TIME = '(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?';
/** 1975.03, 1975.3, 1975年3月, 1975-03-12, 1975/3, 1975年03月12日, and spreadsheet date-times. */
const SEP = `([0-9]{4})[年./-]([0-9]{1,2})(?:月份?|月([0-9]{1,2})日?|[./-]([0-9]{1,2})日?)?${TIME}${AGE}`;
/** '1975.1' may be 1975.10 whose trailing zero a spreadsheet dropped: kept as January, with a warning. */
const AMBIGUOUS = '[0-9]{4}\\.1';
const YEAR_ONLY = '[0-9]{4}年?';
const COMPACT_RE = fullRe(COMPACT);
const SEP_RE = fullRe(SEP);
const AMBIGUOUS_RE = fullRe(AMBIGUOUS);
const YEAR_ONLY_RE = fullRe(YEAR_ONLY);

const REASON_NO_MONTH = '只有年份，缺少月份';
const REASON_NOT_YM = '无法识别为年月（应如 1975.03、197503、1975年3月）';
const REASON_YEAR_RANGE = '年份不在 1900—2100 之间';
const REASON_BAD_MONTH = '月份或日期无效';

function ymParts(m: string): [string, string, string] | null {
  const c = COMPACT_RE.exec(m);
  if (c) return [groupOf(c, 1), groupOf(c, 2), groupOf(c, 3)];
  const s = SEP_RE.exec(m);
  if (s) return [groupOf(s, 1), groupOf(s, 2), groupOf(s, 3) + groupOf(s, 4)];
  return null;
}

function partsError(y: string, mo: string, d: string): string | null {
  const yn = Number(y);
  if (yn < 1900 || yn > 2100) return REASON_YEAR_RANGE;
  const mn = Number(mo);
  if (mn < 1 || mn > 12 || (d !== '' && (Number(d) < 1 || Number(d) > 31))) return REASON_BAD_MONTH;
  return null;
}
function partsErrorSql(y: string, mo: string, d: string): string {
  return (
    `CASE WHEN TRY_CAST(${y} AS INTEGER) NOT BETWEEN 1900 AND 2100 THEN ${q(REASON_YEAR_RANGE)} ` +
    `WHEN TRY_CAST(${mo} AS INTEGER) NOT BETWEEN 1 AND 12 OR (${d} <> '' AND TRY_CAST(${d} AS INTEGER) NOT BETWEEN 1 AND 31) ` +
    `THEN ${q(REASON_BAD_MONTH)} END`
  );
}

/** Year-month fields → 'YYYY-MM' (text, so 1975-03 never becomes a time-zone-shifted date). */
export function normalizeYearMonth(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const m = cleanWide(raw);
  const p = ymParts(m);
  if (!p) return rejected(YEAR_ONLY_RE.test(m) ? REASON_NO_MONTH : REASON_NOT_YM);
  const err = partsError(...p);
  if (err) return rejected(err);
  const ym = `${p[0]}-${p[1].padStart(2, '0')}`;
  if (AMBIGUOUS_RE.test(m)) return warning(ym, `按 ${ym} 读入；若原为 ${m}0（表格软件去掉了末尾的 0），请核对`);
  return okOrCorrected(raw, ym, ym, `按 ${ym} 读入`);
}
/** SQL twin of normalizeYearMonth. */
export function yearMonthSql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr, m) =>
    letSql(partsSql(m, COMPACT, SEP, [3, 4]), (p) => {
      const [y, mo, d] = ['y', 'mo', 'd'].map((f) => `struct_extract(${p}, '${f}')`) as [string, string, string];
      return letSql(`${y} || '-' || lpad(${mo}, 2, '0')`, (ym) =>
        letSql(partsErrorSql(y, mo, d), (err) =>
          `CASE WHEN NOT struct_extract(${p}, 'hit') THEN ` +
          `${rejectedSql('VARCHAR', `CASE WHEN ${fullMatchSql(m, YEAR_ONLY)} THEN ${q(REASON_NO_MONTH)} ELSE ${q(REASON_NOT_YM)} END`)} ` +
          `WHEN ${err} IS NOT NULL THEN ${rejectedSql('VARCHAR', err)} ` +
          `WHEN ${fullMatchSql(m, AMBIGUOUS)} THEN ${structSql(ym, "'warning'", `'按 ' || ${ym} || ' 读入；若原为 ' || ${m} || '0（表格软件去掉了末尾的 0），请核对'`)} ` +
          `ELSE ${okOrCorrectedSql(xr, ym, ym, `'按 ' || ${ym} || ' 读入'`)} END`,
        ),
      );
    }),
  );
}

/** Year, month and day texts of a compact or separated spelling, as a struct (hit false when neither matches). */
function partsSql(m: string, compact: string, sep: string, day: [number, number] | [number]): string {
  return letSql(fullMatchSql(m, compact), (isC) => {
    const pick = (...g: number[]): string =>
      `CASE WHEN ${isC} THEN ${extractSql(m, compact, g[0] as number)} ELSE ${g.map((i) => extractSql(m, sep, i)).join(' || ')} END`;
    return `{'hit': ${isC} OR ${fullMatchSql(m, sep)}, 'y': ${pick(1)}, 'mo': ${pick(2)}, 'd': ${pick(...day)}}`;
  });
}

const DATE_COMPACT = '([0-9]{4})([0-9]{2})([0-9]{2})';
const DATE_SEP = `([0-9]{4})[年./-]([0-9]{1,2})[月./-]([0-9]{1,2})日?${TIME}`;
const DATE_COMPACT_RE = fullRe(DATE_COMPACT);
const DATE_SEP_RE = fullRe(DATE_SEP);
const REASON_NOT_DATE = '无法识别为日期（应如 2025-03-31、2025.3.31、2025年3月31日）';
const REASON_BAD_DATE = '日期不存在或年份不在 1900—2100 之间';

/** Dates (validity of regions) → 'YYYY-MM-DD'. */
export function normalizeDate(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const m = cleanWide(raw);
  const r = DATE_COMPACT_RE.exec(m) ?? DATE_SEP_RE.exec(m);
  if (!r) return rejected(REASON_NOT_DATE);
  const [y, mo, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return rejected(REASON_BAD_DATE);
  const iso = `${groupOf(r, 1)}-${groupOf(r, 2).padStart(2, '0')}-${groupOf(r, 3).padStart(2, '0')}`;
  return okOrCorrected(raw, iso, iso, `按 ${iso} 读入`);
}
/** SQL twin of normalizeDate. */
export function dateSql(x: string): string {
  return withPreludeSql(x, 'DATE', (xr, m) =>
    letSql(partsSql(m, DATE_COMPACT, DATE_SEP, [3]), (p) => {
      const [y, mo, d] = ['y', 'mo', 'd'].map((f) => `struct_extract(${p}, '${f}')`) as [string, string, string];
      return letSql(`${y} || '-' || lpad(${mo}, 2, '0') || '-' || lpad(${d}, 2, '0')`, (iso) =>
        `CASE WHEN NOT struct_extract(${p}, 'hit') THEN ${rejectedSql('DATE', q(REASON_NOT_DATE))} ` +
        `WHEN TRY_CAST(${iso} AS DATE) IS NULL OR TRY_CAST(${y} AS INTEGER) NOT BETWEEN 1900 AND 2100 THEN ${rejectedSql('DATE', q(REASON_BAD_DATE))} ` +
        `ELSE ${okOrCorrectedSql(xr, iso, `TRY_CAST(${iso} AS DATE)`, `'按 ' || ${iso} || ' 读入'`)} END`,
      );
    }),
  );
}

const YEAR = '([0-9]{4})(?:年度?)?';
const YEAR_RE = fullRe(YEAR);
const REASON_NOT_YEAR = '无法识别为年度（应如 2024 或 2024年度）';

/** Years (考核年度): '2024', '2024年', '2024年度' → 2024. */
export function normalizeYear(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const r = YEAR_RE.exec(cleanWide(raw));
  if (!r) return rejected(REASON_NOT_YEAR);
  const y = groupOf(r, 1);
  if (Number(y) < 1900 || Number(y) > 2100) return rejected(REASON_YEAR_RANGE);
  return okOrCorrected(raw, y, Number(y), `按 ${y} 年读入`);
}
/** SQL twin of normalizeYear. */
export function yearSql(x: string): string {
  return withPreludeSql(x, 'INTEGER', (xr, m) =>
    letSql(extractSql(m, YEAR, 1), (y) =>
      `CASE WHEN NOT ${fullMatchSql(m, YEAR)} THEN ${rejectedSql('INTEGER', q(REASON_NOT_YEAR))} ` +
      `WHEN TRY_CAST(${y} AS INTEGER) NOT BETWEEN 1900 AND 2100 THEN ${rejectedSql('INTEGER', q(REASON_YEAR_RANGE))} ` +
      `ELSE ${okOrCorrectedSql(xr, y, `TRY_CAST(${y} AS INTEGER)`, `'按 ' || ${y} || ' 年读入'`)} END`,
    ),
  );
}
