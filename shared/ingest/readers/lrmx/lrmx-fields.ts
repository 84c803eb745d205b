/**
 * The elements of a 干部任免审批表 (.lrmx) and the small readers for their values. Element names are matched
 * case-insensitively and without '_' or '-', so 'quanrizhijiaoyu_xueli' and 'QuanRiZhiJiaoYuXueLi' both work.
 */
import { cadreKey } from '../../../model/cadre-id.js';
import { normalizeYearMonth, wideFold } from '../../values/values.js';

/** The fields a reader takes from a Person element (family members and the photo are handled apart). */
export type LrmxField =
  | 'name' | 'gender' | 'birth' | 'ethnicity' | 'nativePlace' | 'birthPlace' | 'partyJoin' | 'partyName' | 'workStart'
  | 'health' | 'proTitle' | 'specialty' | 'ftEdu' | 'ftDegree' | 'ftEduSchool' | 'ftDegreeSchool' | 'isEdu' | 'isDegree'
  | 'isEduSchool' | 'isDegreeSchool' | 'currentPost' | 'proposedPost' | 'proposedRemoval' | 'resume' | 'rewards'
  | 'assessment' | 'reason' | 'reportingUnit' | 'idNo' | 'filledAt' | 'filledBy';

/** A field's element name as the 任免审批表 software writes it, its Chinese label, and other spellings met. */
interface FieldDef {
  readonly field: LrmxField;
  readonly element: string;
  readonly label: string;
  readonly aliases?: readonly string[];
}

/** Every element the reader maps, in the order of the printed form. */
export const LRMX_FIELDS: readonly FieldDef[] = [
  { field: 'name', element: 'XingMing', label: '姓名' },
  { field: 'gender', element: 'XingBie', label: '性别' },
  { field: 'birth', element: 'ChuShengNianYue', label: '出生年月', aliases: ['ChuShengRiQi'] },
  { field: 'ethnicity', element: 'MinZu', label: '民族' },
  { field: 'nativePlace', element: 'JiGuan', label: '籍贯' },
  { field: 'birthPlace', element: 'ChuShengDi', label: '出生地' },
  { field: 'partyJoin', element: 'RuDangShiJian', label: '入党时间' },
  { field: 'partyName', element: 'ZhengZhiMianMao', label: '政治面貌' },
  { field: 'workStart', element: 'CanJiaGongZuoShiJian', label: '参加工作时间' },
  { field: 'health', element: 'JianKangZhuangKuang', label: '健康状况' },
  { field: 'proTitle', element: 'ZhuanYeJiShuZhiWu', label: '专业技术职务' },
  { field: 'specialty', element: 'ShuXiZhuanYeYouHeZhuanChang', label: '熟悉专业有何专长' },
  { field: 'ftEdu', element: 'QuanRiZhiJiaoYu_XueLi', label: '全日制学历' },
  { field: 'ftDegree', element: 'QuanRiZhiJiaoYu_XueWei', label: '全日制学位' },
  { field: 'ftEduSchool', element: 'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', label: '全日制学历毕业院校系及专业' },
  { field: 'ftDegreeSchool', element: 'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', label: '全日制学位毕业院校系及专业' },
  { field: 'isEdu', element: 'ZaiZhiJiaoYu_XueLi', label: '在职学历' },
  { field: 'isDegree', element: 'ZaiZhiJiaoYu_XueWei', label: '在职学位' },
  { field: 'isEduSchool', element: 'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', label: '在职学历毕业院校系及专业' },
  { field: 'isDegreeSchool', element: 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', label: '在职学位毕业院校系及专业' },
  { field: 'currentPost', element: 'XianRenZhiWu', label: '现任职务' },
  { field: 'proposedPost', element: 'NiRenZhiWu', label: '拟任职务' },
  { field: 'proposedRemoval', element: 'NiMianZhiWu', label: '拟免职务' },
  { field: 'resume', element: 'JianLi', label: '简历' },
  { field: 'rewards', element: 'JiangChengQingKuang', label: '奖惩情况' },
  { field: 'assessment', element: 'NianDuKaoHeJieGuo', label: '年度考核结果', aliases: ['KaoHeJieGuo'] },
  { field: 'reason', element: 'RenMianLiYou', label: '任免理由' },
  { field: 'reportingUnit', element: 'ChengBaoDanWei', label: '呈报单位' },
  { field: 'idNo', element: 'ShenFenZheng', label: '身份证号', aliases: ['ShenFenZhengHao', 'GongMinShenFenHaoMa', 'ShenFenZhengHaoMa'] },
  { field: 'filledAt', element: 'TianBiaoShiJian', label: '填表时间' },
  { field: 'filledBy', element: 'TianBiaoRen', label: '填表人' },
];

/** Elements read apart from the fields. */
export const PHOTO_ELEMENT = 'ZhaoPian';
export const FAMILY_ELEMENT = 'JiaTingChengYuan';

/** The key an element name is matched by: lower case, without '_', '-' or a namespace prefix. */
export function elementKey(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1).replace(/[_-]/g, '').toLowerCase();
}

const BY_KEY = new Map<string, FieldDef>();
// Some exports write the printed labels as element names (<姓名>, <出生年月>): those are matched too.
for (const d of LRMX_FIELDS) for (const n of [d.element, d.label, ...(d.aliases ?? [])]) BY_KEY.set(elementKey(n), d);

/** The field an element holds, or undefined for an element the reader does not know. */
export function fieldOf(elementName: string): FieldDef | undefined {
  return BY_KEY.get(elementKey(elementName));
}

/** The Chinese label of a field (for issues). */
export function labelOf(field: LrmxField): string {
  return LRMX_FIELDS.find((d) => d.field === field)?.label ?? field;
}

/** A date read from a field: `partial` when words after the date were ignored ('1995.06；民盟'). */
export interface ReadYm {
  readonly value: string | null;
  readonly reason: string | null;
  readonly partial: boolean;
}

/** A date field ('197203', '19720315', '1972.03', '1972.3', '1972-03', '１９７２．０３') as 'YYYY-MM'. */
export function readYearMonth(raw: string): ReadYm {
  const compact = raw.replace(/\s+/gu, '');
  const n = normalizeYearMonth(compact);
  if (typeof n.value === 'string') return { value: n.value, reason: null, partial: false };
  if (n.status === 'empty' || n.status === 'missing') return { value: null, reason: null, partial: false };
  // '1995.06；民盟', '1995.06（预备党员）': a date followed by words.
  const lead = /^(?:\d{4}[./年-]\d{1,2}(?:[./月-]\d{1,2}日?)?|\d{6}(?:\d{2})?)(?!\d)月?/u.exec(wideFold(compact));
  if (lead) {
    const m = normalizeYearMonth(lead[0]);
    if (typeof m.value === 'string') return { value: m.value, reason: null, partial: true };
  }
  return { value: null, reason: n.reason ?? '无法识别为年月', partial: false };
}

const PARTIES = ['中共预备党员', '中共党员', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派人士', '群众', '共青团员'];

/** 政治面貌 from 入党时间 or 政治面貌 text: '1995.06' → 中共党员, '1995.06；民盟' → 民盟, '群众' → 群众. */
export function partyOf(partyJoin: string | null, partyName: string | null, joinYm: string | null): string | null {
  const named = (t: string | null): string | null => {
    if (t === null) return null;
    const hit = PARTIES.find((p) => t.includes(p) || (p === '中共党员' && /中共|共产党|党员/u.test(t) && !/预备/u.test(t)));
    return hit ?? null;
  };
  const explicit = named(partyName);
  if (explicit !== null) return explicit;
  const fromJoin = named(partyJoin);
  if (fromJoin !== null && fromJoin !== '中共党员') return fromJoin;
  if (joinYm !== null) return /预备/u.test(partyJoin ?? '') ? '中共预备党员' : '中共党员';
  return partyName !== null && partyName.trim() !== '' ? partyName.trim() : null;
}

/** FNV-1a over UTF-16 code units, twice with different offsets: a stable 16-hex-digit id. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The cadre_id of a form: the shared cadreKey (the same as from a roster sheet); 'H' + a hash only when the form has neither name + birth month nor ID. */
export function cadreIdOf(idNo: string | null, name: string, birthYm: string | null): string {
  return cadreKey(name || null, birthYm, idNo || null) ?? `H${stableHash(`${name}|${birthYm ?? ''}`)}`;
}
