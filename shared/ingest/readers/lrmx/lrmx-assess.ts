/**
 * 年度考核结果 as written on a 任免审批表: "2022年度考核称职；2023年度考核优秀",
 * "2021、2022年度考核均为称职，2023年度考核优秀", "2019-2021年度均为称职", "近三年年度考核均为称职".
 * Years and grades are read left to right: a grade applies to every year named since the previous grade.
 */
import { assessmentResultOf, type AssessmentResult } from '../../../model/vocab.js';
import { wideFold } from '../../values/values.js';

/** One year's grade read from the text. */
export interface AssessmentEntry {
  readonly year: number;
  readonly result: AssessmentResult;
}

/** The years read, and what could not be read. */
export interface ParsedAssessments {
  readonly entries: readonly AssessmentEntry[];
  /** Chinese reasons for what could not be read (each about the whole text). */
  readonly problems: readonly { readonly reason: string; readonly severity: 'warning' | 'error' }[];
}

/** Longest text read; the field is a sentence or two. */
export const ASSESSMENT_MAX_CHARS = 5000;
/** The widest year range expanded ('2014-2023年度均为称职'). */
const MAX_SPAN = 10;

const TOKEN = /((?:19|20)\d{2})(?:\s*年度?)?(?:\s*(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2}))?|基本称职|不称职|称职|优秀|基本合格|不合格|合格|不定等次|未定等次/gu;
const VAGUE = /近[一二两三四五六七八九十\d]+年|历年|连续[一二两三四五六七八九十\d]+年/u;

/** Reads the years and grades of a 年度考核结果 text. */
export function parseAssessmentText(source: string): ParsedAssessments {
  const problems: { reason: string; severity: 'warning' | 'error' }[] = [];
  const entries: AssessmentEntry[] = [];
  let text = wideFold(source);
  if (text.length > ASSESSMENT_MAX_CHARS) {
    problems.push({ reason: `内容超过 ${ASSESSMENT_MAX_CHARS} 个字符，其后未读取`, severity: 'warning' });
    text = text.slice(0, ASSESSMENT_MAX_CHARS);
  }
  const seen = new Map<number, AssessmentResult>();
  let pending: number[] = [];
  let orphanGrades = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (to < from || to - from >= MAX_SPAN) {
        problems.push({ reason: `年度范围 ${m[0]} 无法识别`, severity: 'error' });
        continue;
      }
      for (let y = from; y <= to; y++) pending.push(y);
      continue;
    }
    const result = assessmentResultOf(m[0] === '未定等次' ? '不定等次' : m[0]);
    if (result === null) continue;
    if (pending.length === 0) { orphanGrades++; continue; }
    for (const year of pending) {
      const before = seen.get(year);
      if (before === undefined) {
        seen.set(year, result);
        entries.push({ year, result });
      } else if (before !== result) {
        problems.push({ reason: `${year} 年度的考核等次前后不一致（${before}、${result}），按 ${before} 读入`, severity: 'error' });
      }
    }
    pending = [];
  }
  if (pending.length > 0) {
    problems.push({ reason: `${[...new Set(pending)].join('、')} 年度没有写明考核等次`, severity: 'error' });
  }
  if (orphanGrades > 0) {
    problems.push(VAGUE.test(text)
      ? { reason: '未写明具体年度（如“近三年年度考核均为称职”），未生成考核记录，请在干部名册中补充各年度结果', severity: 'warning' }
      : { reason: '有考核等次没有对应的年度，未生成考核记录', severity: 'warning' });
  }
  if (entries.length === 0 && orphanGrades === 0 && pending.length === 0 && text.trim() !== '') {
    problems.push({ reason: '没有读到年度和考核等次', severity: 'warning' });
  }
  entries.sort((a, b) => a.year - b.year);
  return { entries, problems };
}
