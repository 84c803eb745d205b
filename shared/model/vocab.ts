/** 职务层次 (post levels), highest first. */
export const POST_LEVELS = [
  '省部级正职',
  '省部级副职',
  '厅局级正职',
  '厅局级副职',
  '县处级正职',
  '县处级副职',
  '乡科级正职',
  '乡科级副职',
] as const;
export type PostLevel = (typeof POST_LEVELS)[number];

/** 职级 (civil-service ranks), highest first. */
export const RANK_LEVELS = [
  '一级巡视员',
  '二级巡视员',
  '一级调研员',
  '二级调研员',
  '三级调研员',
  '四级调研员',
  '一级主任科员',
  '二级主任科员',
  '三级主任科员',
  '四级主任科员',
  '一级科员',
  '二级科员',
] as const;
export type RankLevel = (typeof RANK_LEVELS)[number];

/** 考核等次 with their official codes; 合格 grades are used for some groups, 不定等次 when not graded. */
export const ASSESSMENT_RESULTS = [
  { code: '1', result: '优秀' },
  { code: '2', result: '称职' },
  { code: '3', result: '基本称职' },
  { code: '4', result: '不称职' },
  { code: '2', result: '合格' },
  { code: '3', result: '基本合格' },
  { code: '4', result: '不合格' },
  { code: '', result: '不定等次' },
] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number]['result'];

export const ASSESSMENT_KINDS = ['年度', '平时', '专项'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** 口径: year-to-date (累计), single period (当期) or annual (年度). */
export const BASES = ['累计', '当期', '年度'] as const;
export type Basis = (typeof BASES)[number];

/** +1: higher is better; -1: lower is better. */
export type Direction = 1 | -1;

/** Kinds of 干部记实 (cadre_records.kind): the 负面清单 item, the three 谈话函询 measures, and 一线考核 notes. */
export const CADRE_RECORD_KINDS = ['负面清单', '提醒', '函询', '诫勉', '一线考核'] as const;
export type CadreRecordKind = (typeof CADRE_RECORD_KINDS)[number];

/**
 * 负面清单 categories: the 14 aspects local practice uses when it quantifies 不适宜担任现职 situations (after the
 * 推进领导干部能上能下规定); a record may carry another text, which is kept and shown as written.
 */
export const CADRE_RECORD_CATEGORIES = [
  '政治能力不过硬',
  '违反民主集中制',
  '不担当不作为',
  '履职能力不足',
  '管理松软',
  '失职失责',
  '形式主义官僚主义',
  '违反中央八项规定精神',
  '群众反映强烈',
  '选人用人问题',
  '意识形态工作责任落实不力',
  '安全生产责任落实不力',
  '生态环境保护责任落实不力',
  '廉洁自律问题',
] as const;

export const WARNING_LEVELS = ['黄线', '红线'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const LIST_TYPES = ['红榜', '黄榜'] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** Normalise an assessment grade written with its code or in free text ("2023年度考核优秀"). */
export function assessmentResultOf(text: string): AssessmentResult | null {
  const t = text.trim();
  const byCode = ASSESSMENT_RESULTS.find((r) => r.code !== '' && r.code === t && ['优秀', '称职', '基本称职', '不称职'].includes(r.result));
  if (byCode) return byCode.result;
  // Longest first, so 基本称职 wins over 称职 and 不合格 over 合格.
  const byText = [...ASSESSMENT_RESULTS].sort((a, b) => b.result.length - a.result.length).find((r) => t.includes(r.result));
  return byText ? byText.result : null;
}
