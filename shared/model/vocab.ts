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
