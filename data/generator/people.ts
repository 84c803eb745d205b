import type { PostLevel, RankLevel } from '../../shared/model/vocab.js';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names.js';
import { ym } from './periods.js';
import { clamp, type Rng } from './rng.js';

/** Fictional people: names, birth, education, party, and an ID number that is well-formed but not real. */

export interface Appointment {
  readonly org: string;
  readonly region: string | null;
  readonly title: string;
  readonly top: boolean;
  /** Month numbers (year × 12 + month − 1). */
  readonly start: number;
  end: number | null;
  /** 现任职务 as a roster writes it, e.g. 安川县委书记. */
  readonly label: string;
  readonly level: PostLevel;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly gender: '男' | '女';
  readonly ethnicity: string;
  readonly birth: number;
  readonly nativePlace: string;
  readonly party: string;
  readonly partyJoin: number | null;
  readonly workStart: number;
  readonly ftEdu: string;
  readonly ftDegree: string | null;
  readonly isEdu: string | null;
  readonly isDegree: string | null;
  readonly idNo: string;
  /** Tendency to be graded 优秀, a standard score. */
  readonly merit: number;
  readonly appointments: Appointment[];
}

export interface PersonOptions {
  readonly bornFrom: number;
  readonly bornTo: number;
  readonly femaleShare: number;
  /** The native city ('示例省XX市') and the county codes of that city for the ID prefix. */
  readonly home: { readonly name: string; readonly codes: readonly string[] };
  readonly minority: string | null;
  /** Leaders of party committees are always party members. */
  readonly cpc: boolean;
}

const month = (y: number, m: number) => y * 12 + m - 1;

const OTHER_ETHNICITIES: readonly (readonly [string, number])[] = [
  ['回族', 3],
  ['彝族', 2],
  ['苗族', 2],
  ['藏族', 1],
  ['土家族', 2],
  ['壮族', 1],
  ['满族', 1],
  ['蒙古族', 1],
  ['白族', 1],
  ['羌族', 1],
];

const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = SURNAMES.map((s, i) => [s, 100 / (i + 8)] as const);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11643 check character of the first 17 digits of a citizen ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] as string;
}

export class People {
  private count = 0;
  private readonly ids = new Set<string>();
  readonly all: Person[] = [];

  create(rng: Rng, o: PersonOptions): Person {
    const female = rng.chance(o.femaleShare);
    const surname = rng.weighted(SURNAME_WEIGHTS);
    const pool = female ? GIVEN_FEMALE : GIVEN_MALE;
    const given = rng.chance(0.72) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
    const by = rng.int(o.bornFrom, o.bornTo);
    const birth = month(by, rng.int(1, 12));
    const day = rng.int(1, 28);
    const ethnicity = o.minority && rng.chance(0.35) ? o.minority : rng.chance(0.95) ? '汉族' : rng.weighted(OTHER_ETHNICITIES);

    const edu = rng.weighted<[string, string | null, number]>(
      by <= 1970
        ? [
            [['大学', '学士', 22], 45],
            [['大专', null, 20], 33],
            [['中专', null, 18], 10],
            [['研究生', '硕士', 25], 12],
          ]
        : by <= 1980
          ? [
              [['大学', '学士', 22], 58],
              [['研究生', '硕士', 25], 18],
              [['大专', null, 20], 22],
              [['研究生', '博士', 28], 2],
            ]
          : [
              [['大学', '学士', 22], 58],
              [['研究生', '硕士', 25], 30],
              [['大专', null, 20], 9],
              [['研究生', '博士', 28], 3],
            ],
    );
    const [ftEdu, degree, gradAge] = edu;
    const ftDegree = ftEdu === '大学' && rng.chance(0.08) ? null : degree;
    let isEdu: string | null = null;
    let isDegree: string | null = null;
    if (ftEdu === '大专' || ftEdu === '中专') {
      if (rng.chance(0.75)) {
        isEdu = rng.chance(0.2) ? '研究生' : '大学';
        isDegree = isEdu === '研究生' ? (rng.chance(0.5) ? '硕士' : null) : rng.chance(0.35) ? '学士' : null;
      }
    } else if (ftEdu === '大学' && rng.chance(0.33)) {
      isEdu = '研究生';
      isDegree = rng.chance(0.55) ? '硕士' : null;
    }
    const workStart = Math.min(birth + (gradAge + rng.int(0, 1)) * 12 + rng.int(0, 11), month(2024, 9));
    const workStartAligned = rng.chance(0.7) ? month(Math.floor(workStart / 12), 7) : workStart;

    const cpcShare = o.cpc ? 1 : 0.91;
    const party = rng.chance(cpcShare)
      ? '中共党员'
      : rng.weighted([
          ['群众', 3],
          ['中国民主同盟盟员', 2],
          ['九三学社社员', 1],
          ['中国农工民主党党员', 1],
          ['无党派人士', 2],
        ]);
    const partyJoin =
      party === '中共党员' ? clamp(birth + 12 * rng.int(19, 24) + rng.int(0, 11), birth + 18 * 12, Math.max(birth + 18 * 12, workStartAligned + 60)) : null;

    const homeCode = rng.pick(o.home.codes);
    let idNo = '';
    for (let attempt = 0; attempt < 100 && (idNo === '' || this.ids.has(idNo)); attempt++) {
      let seq = rng.int(1, 499) * 2 - (female ? 0 : 1);
      if (seq > 999) seq = 999;
      const first17 = `${homeCode}${ym(birth).replace('-', '')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
      idNo = first17 + idCheckChar(first17);
    }
    if (this.ids.has(idNo)) throw new Error('could not make a unique ID number');
    this.ids.add(idNo);

    this.count++;
    const p: Person = {
      id: `C${String(this.count).padStart(5, '0')}`,
      name: surname + given,
      gender: female ? '女' : '男',
      ethnicity,
      birth,
      nativePlace: `示例省${o.home.name}`,
      party,
      partyJoin,
      workStart: workStartAligned,
      ftEdu,
      ftDegree,
      isEdu,
      isDegree,
      idNo,
      merit: rng.normal(),
      appointments: [],
    };
    this.all.push(p);
    return p;
  }
}

/** A 职级 some cadres hold besides their post, by post level (null for most leading posts). */
export function rankFor(rng: Rng, level: PostLevel, leading: boolean): RankLevel | null {
  const options: Partial<Record<PostLevel, readonly RankLevel[]>> = {
    厅局级正职: ['一级巡视员'],
    厅局级副职: ['二级巡视员', '一级调研员'],
    县处级正职: ['一级调研员', '二级调研员'],
    县处级副职: ['三级调研员', '四级调研员'],
    乡科级正职: ['一级主任科员', '二级主任科员'],
    乡科级副职: ['三级主任科员', '四级主任科员', '一级科员'],
  };
  const list = options[level];
  if (!list) return null;
  const share = leading ? 0.15 : level.startsWith('乡科级') ? 0.6 : 0.35;
  return rng.chance(share) ? rng.pick(list) : null;
}
