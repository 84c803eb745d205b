/** ID numbers, region codes and small vocabularies (性别, 是否, 层级, 方向, 考核等次): JS and SQL twins. */
import { ASSESSMENT_RESULTS, assessmentResultOf } from '../../model/vocab.js';
import { normalizeRegionCode } from '../../model/region-code.js';
import {
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
  structSql,
  translateSql,
  warning,
  withPreludeSql,
  WS_CLASS,
  type Normalized,
} from './values-core.js';

const WS_RUNS = `${WS_CLASS}+`;
const WS_RUNS_RE = new RegExp(WS_RUNS, 'gu');
const SCI = '[0-9](?:\\.[0-9]+)?[eE]\\+?[0-9]+';
const ID = '[0-9]{17}[0-9X]|[0-9]{15}';
const SCI_RE = fullRe(SCI);
const ID_RE = fullRe(ID);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const REASON_ID_SCI = '身份证号被存成了科学计数法，后几位已丢失：请把该列设为文本后重新导出';
const REASON_ID_LEN = '身份证号应为 15 位或 18 位数字（18 位的末位可为 X）';

/** GB 11643 check character of an 18-digit ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** 身份证号 stays text: spaces removed, trailing x → X, 15 or 18 characters; a bad check digit is a warning. */
export function normalizeIdNo(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const s = cleanWide(raw).replace(WS_RUNS_RE, '').replace(/x/g, 'X');
  if (SCI_RE.test(s)) return rejected(REASON_ID_SCI);
  if (!ID_RE.test(s)) return rejected(REASON_ID_LEN);
  if (s.length === 18) {
    const c = idCheckChar(s.slice(0, 17));
    if (c !== s[17]) return warning(s, `身份证号校验位不符（按前 17 位应为 ${c}），请核对`);
  }
  return okOrCorrected(raw, s, s, '已去除空格并统一末位 X');
}
/** SQL twin of normalizeIdNo. */
export function idNoSql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr, m) =>
    letSql(`replace(regexp_replace(${m}, ${q(WS_RUNS)}, '', 'g'), 'x', 'X')`, (s) => {
      const sum = WEIGHTS.map((w, i) => `TRY_CAST(substr(${s}, ${i + 1}, 1) AS INTEGER) * ${w}`).join(' + ');
      return letSql(`substr(${q(CHECK)}, (${sum}) % 11 + 1, 1)`, (check) =>
        `CASE WHEN ${fullMatchSql(s, SCI)} THEN ${rejectedSql('VARCHAR', q(REASON_ID_SCI))} ` +
        `WHEN NOT ${fullMatchSql(s, ID)} THEN ${rejectedSql('VARCHAR', q(REASON_ID_LEN))} ` +
        `WHEN length(${s}) = 18 AND ${check} <> substr(${s}, 18, 1) ` +
        `THEN ${structSql(s, "'warning'", `'身份证号校验位不符（按前 17 位应为 ' || ${check} || '），请核对'`)} ` +
        `ELSE ${okOrCorrectedSql(xr, s, s, q('已去除空格并统一末位 X'))} END`,
      );
    }),
  );
}

const REASON_REGION_CODE = '不是有效的六位行政区划代码';
const FW_DIGITS = '０１２３４５６７８９';

/** Region codes exactly as the model's normalizeRegionCode reads them (12-digit statistical codes included). */
export function normalizeRegionCodeValue(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const code = normalizeRegionCode(raw);
  if (code === null) return rejected(REASON_REGION_CODE);
  return okOrCorrected(raw, code, code, `按区划代码 ${code} 读入`);
}
/** SQL twin of normalizeRegionCodeValue. */
export function regionCodeSql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr) =>
    letSql(`regexp_replace(${translateSql(xr, FW_DIGITS, '0123456789')}, ${q(WS_RUNS)}, '', 'g')`, (s) =>
      letSql(
        `CASE WHEN ${fullMatchSql(s, '[0-9]{6}000000')} OR ${fullMatchSql(s, '[0-9]{6}000')} THEN substr(${s}, 1, 6) ELSE ${s} END`,
        (six) =>
          `CASE WHEN NOT ${fullMatchSql(six, '[0-9]{6}')} OR TRY_CAST(substr(${six}, 1, 2) AS INTEGER) < 11 ` +
          `THEN ${rejectedSql('VARCHAR', q(REASON_REGION_CODE))} ` +
          `ELSE ${okOrCorrectedSql(xr, six, six, `'按区划代码 ' || ${six} || ' 读入'`)} END`,
      ),
    ),
  );
}

/** A closed vocabulary: each accepted spelling (after wide folding and trimming) maps to one value. */
export interface Vocabulary<T extends string | number | boolean> {
  readonly type: string;
  readonly entries: readonly (readonly [string, T])[];
  readonly reason: string;
}

export function vocabJs<T extends string | number | boolean>(v: Vocabulary<T>): (raw: string | null) => Normalized {
  const map = new Map(v.entries);
  return (raw) => {
    const pre = prelude(raw);
    if (pre !== null || raw === null) return pre ?? EMPTY;
    const hit = map.get(cleanWide(raw));
    if (hit === undefined) return rejected(v.reason);
    return okOrCorrected(raw, cleanWide(raw), hit, `按「${String(hit)}」读入`);
  };
}
export function vocabSql<T extends string | number | boolean>(v: Vocabulary<T>): (x: string) => string {
  return (x) =>
    withPreludeSql(x, v.type, (xr, m) =>
      letSql(`CASE ${m} ${v.entries.map(([k, t]) => `WHEN ${q(k)} THEN ${q(t)}`).join(' ')} END`, (val) =>
        `CASE WHEN ${val} IS NULL THEN ${rejectedSql(v.type, q(v.reason))} ` +
        `ELSE ${okOrCorrectedSql(xr, m, `CAST(${val} AS ${v.type})`, `'按「' || CAST(${val} AS VARCHAR) || '」读入'`)} END`,
      ),
    );
}

export const pairs = <T>(keys: string, value: T): [string, T][] => keys.split(' ').map((k) => [k, value]);

const GENDER: Vocabulary<string> = {
  type: 'VARCHAR',
  entries: [...pairs('男 男性 M m 1', '男'), ...pairs('女 女性 F f 2', '女')],
  reason: '性别应为 男 或 女',
};
const BOOL: Vocabulary<boolean> = {
  type: 'BOOLEAN',
  entries: [...pairs('是 Y y YES Yes yes TRUE True true 1 √ ✓', true), ...pairs('否 N n NO No no FALSE False false 0 × ✗', false)],
  reason: '应为 是 或 否',
};
const LEVEL: Vocabulary<string> = {
  type: 'VARCHAR',
  entries: [
    ...pairs('province 省 省级 省份 自治区 直辖市', 'province'),
    ...pairs('city 市 市级 地级 地级市 地市 州 盟 市州', 'city'),
    ...pairs('county 县 县级 区 县区 县级市 旗 县市区 县（市、区） 县(市、区)', 'county'),
  ],
  reason: '层级应为 省/市/县（province/city/county）',
};
const DIRECTION: Vocabulary<number> = {
  type: 'INTEGER',
  entries: [
    ...pairs('1 +1 正 正向 正指标 正向指标 越大越好 越高越好', 1),
    ...pairs('-1 负 负向 负指标 负向指标 逆 逆向 逆指标 逆向指标 越小越好 越低越好', -1),
  ],
  reason: '方向应为 正向(+1) 或 逆向(-1)',
};

/** 性别: 男/女 (also M/F, 1/2), and the SQL twins of the small vocabularies below. */
export const normalizeGender = vocabJs(GENDER);
export const genderSql = vocabSql(GENDER);
export const normalizeBoolean = vocabJs(BOOL);
export const booleanSql = vocabSql(BOOL);
export const normalizeLevel = vocabJs(LEVEL);
export const levelSql = vocabSql(LEVEL);
export const normalizeDirection = vocabJs(DIRECTION);
export const directionSql = vocabSql(DIRECTION);

const REASON_ASSESSMENT = '无法识别的考核等次（优秀/称职/基本称职/不称职，合格/基本合格/不合格，不定等次，或代码 1—4）';
/** The order assessmentResultOf tries: codes 1..4, then the longest grade names first. */
const GRADE_CODES = ASSESSMENT_RESULTS.filter((r) => r.code !== '' && ['优秀', '称职', '基本称职', '不称职'].includes(r.result));
const GRADES_BY_LENGTH = [...ASSESSMENT_RESULTS].sort((a, b) => b.result.length - a.result.length);

/** 考核等次 from a code or free text ('2023年度考核优秀'), as the model's assessmentResultOf reads it. */
export function normalizeAssessment(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const r = assessmentResultOf(cleanWide(raw));
  return r === null ? rejected(REASON_ASSESSMENT) : okOrCorrected(raw, r, r, `按「${r}」读入`);
}
/** SQL twin of normalizeAssessment. */
export function assessmentSql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr, m) =>
    letSql(
      `CASE ${GRADE_CODES.map((g) => `WHEN ${m} = ${q(g.code)} THEN ${q(g.result)}`).join(' ')} ` +
        `${GRADES_BY_LENGTH.map((g) => `WHEN contains(${m}, ${q(g.result)}) THEN ${q(g.result)}`).join(' ')} END`,
      (val) =>
        `CASE WHEN ${val} IS NULL THEN ${rejectedSql('VARCHAR', q(REASON_ASSESSMENT))} ` +
        `ELSE ${okOrCorrectedSql(xr, val, val, `'按「' || ${val} || '」读入'`)} END`,
    ),
  );
}
