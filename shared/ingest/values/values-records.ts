/**
 * 干部记实 vocabularies (cadre_records): the record kind, normalised to CADRE_RECORD_KINDS from the words sheets use
 * (诫勉谈话 → 诫勉, 谈话提醒 → 提醒 …; anything else is rejected, a record without a kind cannot be counted), and the
 * 负面清单 category, read as one of the 14 aspects where it names one and otherwise kept as written with a 提示
 * (local lists differ; a category is descriptive, never a reason to lose the record). JS and SQL twins.
 */
import { CADRE_RECORD_CATEGORIES, CADRE_RECORD_KINDS } from '../../model/vocab.js';
import { pairs, vocabJs, vocabSql, type Vocabulary } from './values-codes.js';
import { cleanWide, EMPTY, letSql, okOrCorrected, okOrCorrectedSql, prelude, q, structSql, warning, withPreludeSql, type Normalized } from './values-core.js';

const RECORD_KIND: Vocabulary<string> = {
  type: 'VARCHAR',
  entries: [
    ...pairs('负面清单 负面清单事项 负面清单问题 负面清单情形 列入负面清单', '负面清单'),
    ...pairs('提醒 谈话提醒 提醒谈话 批评提醒 约谈提醒 提醒约谈', '提醒'),
    ...pairs('函询 书面函询 函询谈话 谈话函询', '函询'),
    ...pairs('诫勉 诫勉谈话 书面诫勉 诫勉处理', '诫勉'),
    ...pairs('一线考核 一线考核记实 一线考察 一线考核情况 考核记实', '一线考核'),
  ],
  reason: `无法识别的记录类型（应为 ${CADRE_RECORD_KINDS.join('/')}，如 诫勉谈话、谈话提醒、书面函询）`,
};

/** 类型 of a cadre record: one of CADRE_RECORD_KINDS, or rejected with the accepted words. */
export const normalizeRecordKind = vocabJs(RECORD_KIND);
export const recordKindSql = vocabSql(RECORD_KIND);

const REASON_CATEGORY = '不在负面清单的14类问题中，按原文保留，请核对';
/** Longest first, so a longer category name is never read as a shorter one it contains. */
const CATEGORIES_BY_LENGTH = [...CADRE_RECORD_CATEGORIES].sort((a, b) => b.length - a.length);

/** 负面清单类别: one of the 14 (exactly, or named inside longer text such as 「管理松软问题」); other text kept with a 提示. */
export function normalizeRecordCategory(raw: string | null): Normalized {
  const pre = prelude(raw);
  if (pre !== null || raw === null) return pre ?? EMPTY;
  const m = cleanWide(raw);
  const hit = CATEGORIES_BY_LENGTH.find((c) => m.includes(c));
  if (hit === undefined) return warning(m, REASON_CATEGORY);
  return okOrCorrected(raw, hit, hit, `按「${hit}」读入`);
}
/** SQL twin of normalizeRecordCategory. */
export function recordCategorySql(x: string): string {
  return withPreludeSql(x, 'VARCHAR', (xr, m) =>
    letSql(`CASE ${CATEGORIES_BY_LENGTH.map((c) => `WHEN contains(${m}, ${q(c)}) THEN ${q(c)}`).join(' ')} END`, (hit) =>
      `CASE WHEN ${hit} IS NULL THEN ${structSql(m, "'warning'", q(REASON_CATEGORY))} ` +
      `ELSE ${okOrCorrectedSql(xr, hit, hit, `'按「' || ${hit} || '」读入'`)} END`,
    ),
  );
}
