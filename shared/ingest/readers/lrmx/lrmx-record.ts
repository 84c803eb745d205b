/** Turns the parsed <Person> element of a .lrmx file into canonical rows, extras and issues. */
import type { AppointmentRow, AssessmentRow, CadreRow } from '../../../model/tables.js';
import type { TextEncodingName } from '../encoding.js';
import { parseAssessmentText } from './lrmx-assess.js';
import {
  cadreIdOf, elementKey, FAMILY_ELEMENT, fieldOf, labelOf, partyOf, PHOTO_ELEMENT, readYearMonth, stableHash, type LrmxField,
} from './lrmx-fields.js';
import type { LrmxExtras, LrmxIssue, LrmxRecord } from './lrmx-types.js';
import { parseResume } from './resume.js';
import { normalizeGender } from '../../values/values-codes.js';
import { normalizeIdNo, normalizeName, normalizeText } from '../../values/values.js';
import type { XmlElement } from '../xml.js';

/** Where the record comes from. */
export interface RecordSource {
  readonly file: string;
  readonly container: string | null;
  readonly encoding: TextEncodingName;
}

/** Longest value kept for a one-line field; longer ones are cut with a warning. */
const MAX_FIELD = 500;
const MAX_UNKNOWN = 50;
const PHOTO_KEY = elementKey(PHOTO_ELEMENT);
const FAMILY_KEY = elementKey(FAMILY_ELEMENT);
const MULTILINE = new Set<LrmxField>(['resume', 'rewards', 'assessment', 'reason']);

/** All text inside an element (its own and its descendants'), for values written with stray markup; never a photo. */
function deepText(e: XmlElement): string {
  if (e.children.length === 0) return e.text;
  return e.text + e.children.filter((c) => elementKey(c.name) !== PHOTO_KEY).map(deepText).join('');
}

function hasContent(e: XmlElement): boolean {
  return deepText(e).trim() !== '';
}

/** Builds the record of one <Person>. */
export function buildRecord(root: XmlElement, src: RecordSource): LrmxRecord {
  const issues: LrmxIssue[] = [];
  const issue = (field: LrmxField | null, value: string | null, reason: string, severity: 'warning' | 'error' = 'error', line?: number): void => {
    const element = field === null ? null : (elements.get(field) ?? null);
    issues.push({
      file: src.file, column: field === null ? '文件' : labelOf(field), element,
      value: value === null ? null : value.slice(0, 200), reason, severity, ...(line === undefined ? {} : { line }),
    });
  };
  const raw = new Map<LrmxField, string>();
  const elements = new Map<LrmxField, string>();
  const unknown: string[] = [];
  let hasPhoto = false;
  let familyCount = 0;
  for (const child of root.children) {
    const key = elementKey(child.name);
    if (key === PHOTO_KEY) { hasPhoto ||= child.text.trim() !== ''; continue; }
    if (key === FAMILY_KEY) {
      familyCount += child.children.filter((i) => elementKey(i.name) === 'item' && hasContent(i)).length;
      continue;
    }
    const def = fieldOf(child.name);
    if (!def) {
      if (unknown.length < MAX_UNKNOWN && !unknown.includes(child.name)) unknown.push(child.name);
      continue;
    }
    const text = deepText(child).trim();
    const before = raw.get(def.field);
    if (before === undefined || before === '') { raw.set(def.field, text); elements.set(def.field, child.name); }
    else if (text !== '' && text !== before) issue(def.field, text, `元素 <${child.name}> 重复出现且内容不同，按第一次出现的内容读入`, 'warning');
  }
  const got = new Map<LrmxField, string | null>();
  const get = (f: LrmxField): string | null => {
    if (got.has(f)) return got.get(f) ?? null;
    let v = raw.get(f) ?? '';
    if (v.length > MAX_FIELD && !MULTILINE.has(f)) {
      issue(f, v, `内容超过 ${MAX_FIELD} 个字符，已截断`, 'warning');
      v = v.slice(0, MAX_FIELD);
    }
    got.set(f, v === '' ? null : v);
    return v === '' ? null : v;
  };
  const text = (f: LrmxField): string | null => {
    const v = normalizeText(get(f)).value;
    return typeof v === 'string' ? v : null;
  };
  const ym = (f: LrmxField): string | null => {
    const v = get(f);
    if (v === null) return null;
    const r = readYearMonth(v);
    if (r.reason) issue(f, v, r.reason);
    else if (r.partial && f !== 'partyJoin') issue(f, v, `按 ${r.value ?? ''} 读入，其后的文字已忽略`, 'warning');
    return r.value;
  };

  const nameRaw = get('name');
  const nameVal = normalizeName(nameRaw).value;
  const name = typeof nameVal === 'string' ? nameVal : '';
  if (name === '') issue('name', nameRaw, '缺少姓名');
  else if (name.length > 20) issue('name', name, `姓名有 ${name.length} 个字，请核对`, 'warning');

  const genderRaw = get('gender');
  const g = normalizeGender(genderRaw);
  if (g.status === 'rejected') issue('gender', genderRaw, g.reason ?? '性别应为 男 或 女');
  let gender = typeof g.value === 'string' ? g.value : null;

  let birth = ym('birth');
  const idRaw = get('idNo');
  const idN = normalizeIdNo(idRaw);
  if (idN.status === 'rejected' || idN.status === 'warning') issue('idNo', idRaw, idN.reason ?? '身份证号无效', idN.status === 'warning' ? 'warning' : 'error');
  const idNo = typeof idN.value === 'string' ? idN.value : null;
  if (idNo !== null && idNo.length === 18) {
    const idBirth = `${idNo.slice(6, 10)}-${idNo.slice(10, 12)}`;
    const idGender = Number(idNo[16]) % 2 === 1 ? '男' : '女';
    if (birth === null && /^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(idBirth)) {
      birth = idBirth;
      const what = get('birth') === null ? '缺少出生年月' : '出生年月无法识别';
      issue('birth', get('birth'), `${what}，已按身份证号补为 ${idBirth}`, 'warning');
    } else if (birth !== null && birth !== idBirth) issue('birth', birth, `出生年月 ${birth} 与身份证号（${idBirth}）不一致，请核对`, 'warning');
    if (gender === null && genderRaw === null) gender = idGender;
    else if (gender !== null && gender !== idGender) issue('gender', gender, `性别“${gender}”与身份证号（${idGender}）不一致，请核对`, 'warning');
  }

  if (idNo === null && name !== '') issue('idNo', idRaw, `缺少有效的身份证号，干部编号按姓名和出生年月生成，与其他来源的同一人可能无法对应`, 'warning');
  const partyJoinRaw = get('partyJoin');
  const partyJoin = ym('partyJoin');
  const party = partyOf(partyJoinRaw, get('partyName'), partyJoin);
  const cadreId = name === '' && idNo === null ? `H${stableHash(JSON.stringify([...raw]))}` : cadreIdOf(idNo, name, birth);

  const resumeRaw = get('resume');
  const resume = parseResume(resumeRaw ?? '');
  for (const p of resume.issues) issue('resume', p.value, `第 ${p.line} 行：${p.reason}`, p.severity, p.line);
  if (resumeRaw === null) issue('resume', null, '缺少简历，未生成任职经历', 'warning');
  const appointments: AppointmentRow[] = resume.entries
    .filter((e) => e.kind === 'post' && e.valid && e.start_ym !== null)
    .map((e) => ({
      cadre_id: cadreId, org_name: e.org_name, region_code: null, post_title: e.post_title ?? e.text,
      is_top_leader: e.is_top_leader, start_ym: e.start_ym as string, end_ym: e.end_ym, post_level: null,
    }));
  const last = resume.entries[resume.entries.length - 1];
  const since = last && last.kind === 'post' && last.valid && last.end_ym === null ? last.start_ym : null;

  const assessRaw = get('assessment');
  const parsed = parseAssessmentText(assessRaw ?? '');
  for (const p of parsed.problems) issue('assessment', assessRaw, p.reason, p.severity);
  const assessments: AssessmentRow[] = parsed.entries.map((e) => ({ cadre_id: cadreId, year: e.year, result: e.result, kind: '年度' }));

  const cadre: CadreRow = {
    cadre_id: cadreId, name, gender, ethnicity: text('ethnicity'), birth_ym: birth, native_place: text('nativePlace'),
    party, party_join_ym: partyJoin, work_start_ym: ym('workStart'), ft_edu: text('ftEdu'), ft_degree: text('ftDegree'),
    is_edu: text('isEdu'), is_degree: text('isDegree'), current_post: text('currentPost'), post_level: null, rank_level: null,
    current_post_since: since, id_no: idNo,
  };
  const extras: LrmxExtras = {
    birthPlace: text('birthPlace'), health: text('health'), proTitle: text('proTitle'), specialty: text('specialty'),
    ftEduSchool: text('ftEduSchool'), ftDegreeSchool: text('ftDegreeSchool'), isEduSchool: text('isEduSchool'),
    isDegreeSchool: text('isDegreeSchool'), proposedPost: text('proposedPost'), proposedRemoval: text('proposedRemoval'),
    rewards: get('rewards'), reason: get('reason'), reportingUnit: text('reportingUnit'), filledAt: text('filledAt'),
    filledBy: text('filledBy'), assessmentText: assessRaw, resumeText: resumeRaw,
  };
  return {
    file: src.file, container: src.container, encoding: src.encoding, cadre, appointments, assessments,
    resume: resume.entries, extras, hasPhoto, familyCount, unknownElements: unknown, issues,
  };
}
