/**
 * 简历 (the résumé of a 干部任免审批表): one line per stage, "1995.07--1998.09  XX县XX乡政府干部", the last line
 * often open-ended ("2021.03-    XX县委书记"). Lines without dates continue the previous stage; "（其间：…）" remarks
 * are kept as notes. Study stages are flagged, not turned into appointments. Linear in the text: no backtracking
 * regexes over unbounded input (lines are capped before any regex sees them).
 */
import { normalizeYearMonth, safeFold } from '../../values/values.js';

/** 'post' is a job (an appointment), 'study' a stage of full-time study, 'other' e.g. 待分配. */
export type ResumeKind = 'post' | 'study' | 'other';

/** One dated stage of a résumé. */
export interface ResumeEntry {
  /** 1-based line of the 简历 text where the stage starts. */
  readonly line: number;
  /** The whole line (continuation lines joined), dates included, as the person wrote it. */
  readonly raw: string;
  /** The stage without its dates and notes: '示例省青川市临江县委副书记、县长'. */
  readonly text: string;
  readonly start_ym: string | null;
  /** Null for an open-ended (current) stage. */
  readonly end_ym: string | null;
  readonly kind: ResumeKind;
  readonly org_name: string | null;
  readonly post_title: string | null;
  readonly is_top_leader: boolean;
  /** Remarks such as '其间：2003.09--2006.07在省委党校在职研究生班学习'. */
  readonly notes: readonly string[];
  /** False when its dates are unusable (missing month, end before start …): no appointment is made from it. */
  readonly valid: boolean;
}

/** A problem in one résumé line. */
export interface ResumeIssue {
  readonly line: number;
  readonly value: string;
  readonly reason: string;
  readonly severity: 'warning' | 'error';
}

/** The stages of a 简历 and the problems met reading it. */
export interface ParsedResume {
  readonly entries: readonly ResumeEntry[];
  readonly issues: readonly ResumeIssue[];
}

/** Longest lines and most lines read; a real 简历 has a few dozen lines of under 200 characters. */
export const RESUME_MAX_LINE = 2000;
export const RESUME_MAX_LINES = 2000;

const YM = '(\\d{4})\\s*(?:[.．/／年－-]\\s*(\\d{1,2})(?!\\d)\\s*月?|(\\d{2})(?!\\d))?';
const DATED = new RegExp(`^${YM}\\s*((?:--|——|—|―|─|－|-|–|~|～|〜|至|到)+)?\\s*(?:至今|${YM}|今)?`, 'u');
const OPEN_WORDS = /^(?:至今|今)/u;

/** Post words, longest first at each position; a match must end the text or be followed by a separator. */
const POSTS = [
  '党工委书记', '党委书记', '党组书记', '常务副书记', '副书记', '书记', '常务副县长', '常务副市长', '常务副区长',
  '副县长', '县长', '副市长', '市长', '副区长', '区长', '副州长', '州长', '副省长', '省长', '副乡长', '乡长',
  '副镇长', '镇长', '副旗长', '旗长', '常委', '委员', '主任科员', '副主任', '主任', '副局长', '局长', '副部长', '部长',
  '副处长', '处长', '副科长', '科长', '副厅长', '厅长', '副主席', '主席', '副秘书长', '秘书长', '副院长', '院长',
  '副校长', '校长', '副所长', '所长', '副站长', '站长', '副队长', '队长', '副社长', '社长', '副行长', '行长',
  '副检察长', '检察长', '副庭长', '庭长', '审判员', '检察员', '副总经理', '总经理', '经理', '董事长', '副馆长', '馆长',
  '调研员', '巡视员', '科员', '办事员', '干事', '干部', '秘书', '专员', '教师', '技术员', '会计', '职员', '工人',
  '战士', '政委', '教导员', '组长', '督学', '总编辑', '主编', '团长', '营长', '连长', '排长', '助理研究员',
  '副研究员', '研究员', '工程师', '医生', '记者', '编辑', '律师', '主任医师', '辅导员',
].sort((a, b) => b.length - a.length);
/** POSTS by first character, so a scan looks at a handful of words per position. */
const POSTS_BY_FIRST = new Map<string, string[]>();
for (const p of POSTS) POSTS_BY_FIRST.set(p[0] as string, [...(POSTS_BY_FIRST.get(p[0] as string) ?? []), p]);
const postAt = (t: string, i: number): string | undefined => POSTS_BY_FIRST.get(t[i] ?? '')?.find((p) => t.startsWith(p, i));
const SEPARATORS = new Set(['、', '，', ',', '；', ';', '（', '(', ' ', '兼', '和', '及']);

const STUDY_END = /(?:学习|就读|读书|求学|进修|研修|深造|学生|本科生|研究生|学员)$/u;
const STUDY_AT = /^在.*(?:大学|学院|学校|党校).*(?:学习|读|修)/u;
const OTHER = /^(?:待分配|待业|待岗|下乡|插队|知青|知识青年)/u;
/** 书记 of a 县委/市委/区委/州委/省委 (or 地委, 旗委, 盟委), or 党委书记 of such a unit; never 副书记. */
const TOP = /(?:[县市区州省旗盟地]委|[县市区州省旗盟]党委)书记(?!处|员)/u;
const NOT_REGION = /(?:社区|园区|景区|小区|校区|厂区|街区|矿区)党?委书记/u;

/** True when the text names the top leader (一把手) of a region: 县委书记, 市委书记, 自治州党委书记 … */
export function isTopLeaderPost(text: string): boolean {
  const t = text.replace(/\s+/gu, '');
  if (!TOP.test(t)) return false;
  // A 社区党委书记 is not a region's leader; keep the flag if another, real, region match remains.
  return TOP.test(t.replace(NOT_REGION, ''));
}

/** True for a stage of study ('在示例大学经济管理专业学习', '示例师范学院中文系学生'). */
export function isStudyText(text: string): boolean {
  const t = text.replace(/[\s。.；;，,）)]+$/u, '');
  return STUDY_END.test(t) || STUDY_AT.test(t);
}

/** Splits '示例省青川市临江县委副书记、县长' into the organisation and the post after it (org null when not found). */
export function splitOrgPost(text: string): { org: string | null; post: string } {
  const t = text.trim();
  for (let i = 1; i < t.length; i++) {
    for (const p of POSTS_BY_FIRST.get(t[i] ?? '') ?? []) {
      if (!t.startsWith(p, i)) continue;
      const next = t[i + p.length];
      if (next === undefined || SEPARATORS.has(next) || postAt(t, i + p.length) !== undefined) {
        return { org: t.slice(0, i).trim(), post: t.slice(i).trim() };
      }
    }
  }
  return { org: null, post: t };
}

function ym(y: string | undefined, m: string | undefined): { ym: string | null; reason: string | null } {
  if (y === undefined) return { ym: null, reason: null };
  if (m === undefined) return { ym: null, reason: `只有年份 ${y}，缺少月份` };
  const n = normalizeYearMonth(`${y}.${m}`);
  return typeof n.value === 'string' ? { ym: n.value, reason: null } : { ym: null, reason: `${y}.${m}：${n.reason ?? '无法识别的年月'}` };
}

/** Moves a trailing '（其间：…）' remark out of the stage text. */
function takeNotes(text: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  let t = text;
  for (;;) {
    const at = Math.max(t.lastIndexOf('（其间'), t.lastIndexOf('(其间'));
    if (at < 0) break;
    notes.unshift(t.slice(at + 1).replace(/[）)]\s*$/u, '').trim());
    t = t.slice(0, at).trim();
  }
  return { text: t, notes };
}

interface Draft {
  line: number;
  raw: string;
  body: string;
  start: string | null;
  end: string | null;
  open: boolean;
  valid: boolean;
  notes: string[];
}

function finish(d: Draft): ResumeEntry {
  const { text, notes } = takeNotes(d.body.trim());
  const kind: ResumeKind = OTHER.test(text) ? 'other' : isStudyText(text) ? 'study' : 'post';
  const split = kind === 'post' ? splitOrgPost(text) : { org: null, post: null };
  return {
    line: d.line, raw: d.raw, text, start_ym: d.start, end_ym: d.open ? null : d.end, kind,
    org_name: split.org, post_title: split.post === '' ? null : split.post,
    is_top_leader: kind === 'post' && isTopLeaderPost(text), notes: [...d.notes, ...notes], valid: d.valid,
  };
}

/** Parses a 简历 text into dated stages, with an issue for every line it could not read. */
export function parseResume(source: string): ParsedResume {
  const issues: ResumeIssue[] = [];
  const drafts: Draft[] = [];
  const issue = (line: number, value: string, reason: string, severity: 'warning' | 'error' = 'error'): void => {
    issues.push({ line, value: value.slice(0, 200), reason, severity });
  };
  const lines = source.split(/\r\n|\r|\n/u);
  if (lines.length > RESUME_MAX_LINES) issue(RESUME_MAX_LINES + 1, '', `简历超过 ${RESUME_MAX_LINES} 行，其后内容未读取`);
  for (let k = 0; k < Math.min(lines.length, RESUME_MAX_LINES); k++) {
    let raw = (lines[k] ?? '').trim();
    if (raw === '') continue;
    if (raw.length > RESUME_MAX_LINE) {
      issue(k + 1, raw, `该行超过 ${RESUME_MAX_LINE} 个字符，已截断`, 'warning');
      raw = raw.slice(0, RESUME_MAX_LINE);
    }
    const folded = safeFold(raw);
    const m = DATED.exec(folded);
    const prev = drafts[drafts.length - 1];
    if (!m) {
      if (!prev) issue(k + 1, raw, '简历开头的这一行没有起止时间，已忽略', 'warning');
      else if (/^[（(]?其间/u.test(raw)) prev.notes.push(raw.replace(/^[（(]|[）)]$/gu, ''));
      else if (prev.body.length < RESUME_MAX_LINE) { prev.raw += `\n${raw}`; prev.body += raw; }
      continue;
    }
    const start = ym(m[1], m[2] ?? m[3]);
    const end = ym(m[5], m[6] ?? m[7]);
    const rest = folded.slice(m[0].length);
    const open = m[5] === undefined;
    const d: Draft = { line: k + 1, raw, body: rest, start: start.ym, end: end.ym, open, valid: start.ym !== null, notes: [] };
    if (start.reason) issue(k + 1, raw, `起始时间无法识别（${start.reason}）`);
    if (end.reason) { issue(k + 1, raw, `结束时间无法识别（${end.reason}）`); d.valid = false; }
    if (m[4] === undefined && m[5] === undefined && !OPEN_WORDS.test(folded.slice(m[0].length))) {
      issue(k + 1, raw, '起止时间之间缺少“--”等分隔符，按至今任职读入', 'warning');
    }
    if (d.start && d.end && d.end < d.start) { issue(k + 1, raw, `结束时间 ${d.end} 早于开始时间 ${d.start}`); d.valid = false; }
    if (rest.trim() === '') { issue(k + 1, raw, '该行只有时间，没有经历内容'); d.valid = false; }
    drafts.push(d);
  }
  const entries = drafts.map(finish);
  entries.forEach((e, i) => {
    if (e.end_ym === null && e.valid && i < entries.length - 1 && e.kind === 'post') {
      issue(e.line, e.raw, '只有最后一段经历可以没有结束时间，请核对', 'warning');
    }
  });
  return { entries, issues };
}
