import type { PostLevel } from '../../shared/model/vocab.js';
import { PLACE_FIRST, PLACE_SECOND } from './names.js';
import { People, type Appointment, type Person, type PersonOptions } from './people.js';
import type { County } from './regions.js';
import { rngFor, type Rng } from './rng.js';

/**
 * Who holds which post when: a top leader (一把手) and a head of government for every region in every month of
 * 2021–2025, with turnover, where outgoing leaders go and where incoming ones come from; deputies, township and
 * bureau heads of every county. Single-holder posts are never held by two people at once.
 */

export const month = (y: number, m: number) => y * 12 + m - 1;

/** A region as leadership sees it. */
export interface Place {
  readonly code: string;
  readonly name: string;
  /** 省 / 市 / 县 / 区: the character of 市委书记, 县长 and so on. */
  readonly unit: '省' | '市' | '县' | '区';
  readonly level: 'province' | 'city' | 'county';
  readonly city: Place | null;
  readonly home: PersonOptions['home'];
  readonly minority: string | null;
  readonly county?: County;
}

const CITY_BUREAUS = ['发展和改革委员会主任', '财政局局长', '教育局局长', '公安局局长', '自然资源和规划局局长', '交通运输局局长', '商务局局长'];
/** City bodies whose heads come and go with leadership moves (each held by one person in the sample). */
const CITY_MOVE_BUREAUS = [
  '工业和信息化局局长', '农业农村局局长', '住房和城乡建设局局长', '生态环境局局长', '水务局局长', '文化广电旅游局局长',
  '卫生健康委员会主任', '市场监督管理局局长', '统计局局长', '审计局局长', '林业和草原局局长', '应急管理局局长',
  '民政局局长', '人力资源和社会保障局局长', '科学技术局局长', '退役军人事务局局长',
];
const COUNTY_BUREAUS = ['发展和改革局', '财政局', '教育局', '自然资源局', '农业农村局', '住房和城乡建设局', '卫生健康局', '人力资源和社会保障局', '交通运输局', '应急管理局', '商务局', '水利局'];
const PROVINCE_DEPARTMENTS = [
  '发展和改革委员会', '财政厅', '教育厅', '自然资源厅', '交通运输厅', '农业农村厅', '商务厅', '生态环境厅',
  '科学技术厅', '民政厅', '水利厅', '工业和信息化厅', '住房和城乡建设厅', '文化和旅游厅', '卫生健康委员会', '应急管理厅',
];

function levels(place: Place): { head: PostLevel; deputy: PostLevel } {
  if (place.level === 'province') return { head: '省部级正职', deputy: '省部级副职' };
  if (place.level === 'city') return { head: '厅局级正职', deputy: '厅局级副职' };
  return { head: '县处级正职', deputy: '县处级副职' };
}

/** The party committee (…委) and government posts of a region. */
function post(place: Place, kind: 'top' | 'gov' | 'deputySecretary' | 'executive' | 'viceHead' | 'organisation' | 'discipline' | 'publicity'): Omit<Appointment, 'start' | 'end'> {
  const u = place.unit;
  const stem = place.name.slice(0, -1);
  const { head, deputy } = levels(place);
  const party = (title: string, level: PostLevel, org = `${place.name}委`) => ({ org, region: place.code, title, top: false, label: stem + title, level });
  const gov = (title: string, level: PostLevel) => ({ org: `${place.name}人民政府`, region: place.code, title, top: false, label: place.name + title, level });
  switch (kind) {
    case 'top':
      return { ...party(`${u}委书记`, head), top: true };
    case 'gov':
      return gov(u === '省' ? '省长' : `${u}长`, head);
    case 'deputySecretary':
      return party(`${u}委副书记`, deputy);
    case 'executive':
      return gov(`常务副${u}长`, deputy);
    case 'viceHead':
      return gov(`副${u}长`, deputy);
    case 'organisation':
      return party(`${u}委常委、组织部部长`, deputy);
    case 'discipline':
      return party(`${u}纪委书记、${u}监委主任`, deputy, `${place.name}纪委监委`);
    case 'publicity':
      return party(`${u}委常委、宣传部部长`, deputy);
  }
}

function appoint(p: Person, a: Omit<Appointment, 'start' | 'end'>, start: number, end: number | null): void {
  p.appointments.push({ ...a, start, end });
}

/** Months when the holder of a post changes inside 2021–2025, at least minGap months apart. */
function changeMonths(rng: Rng, count: number, minGap: number, election: boolean, forced: readonly number[] = []): number[] {
  for (let attempt = 0; attempt < 200; attempt++) {
    const picks = [...forced];
    for (let i = 0; i < count; i++) {
      picks.push(election && i === 0 && rng.chance(0.5) ? rng.int(month(2021, 5), month(2021, 12)) : rng.int(month(2021, 3), month(2025, 10)));
    }
    picks.sort((a, b) => a - b);
    if (picks.every((m, i) => i === 0 || m - (picks[i - 1] as number) >= minGap)) return picks;
  }
  return [...forced].sort((a, b) => a - b);
}

interface Span {
  readonly start: number;
  readonly end: number | null;
}

function spans(first: number, changes: readonly number[]): Span[] {
  const starts = [first, ...changes];
  return starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : null }));
}

export class Roster {
  readonly people = new People();
  /** Single-holder posts already given to someone (org + title), so that no two people hold one at once. */
  private readonly claimed = new Set<string>();
  constructor(
    private readonly province: Place,
    private readonly cities: readonly Place[],
    private readonly countiesOf: Map<string, Place[]>,
  ) {}

  person(rng: Rng, place: Place, level: PostLevel, cpc = false, bornBy = 9999): Person {
    const [bornFrom, latest, female] = (
      {
        省部级正职: [1965, 1966, 0.1],
        省部级副职: [1965, 1968, 0.15],
        厅局级正职: [1965, 1973, 0.12],
        厅局级副职: [1966, 1978, 0.2],
        县处级正职: [1968, 1982, 0.16],
        县处级副职: [1970, 1988, 0.3],
        乡科级正职: [1972, 1991, 0.3],
        乡科级副职: [1980, 1995, 0.38],
      } as const
    )[level];
    const home = rng.chance(0.75) ? place.home : rng.pick(this.cities).home;
    const bornTo = Math.max(bornFrom, Math.min(latest, bornBy));
    return this.people.create(rng, { bornFrom, bornTo, femaleShare: female, home, minority: place.minority, cpc });
  }

  /** An unclaimed head post of a body of `upper` from the list (and claim it), or null when all are taken. */
  claim(rng: Rng, upper: Place, bodies: readonly string[]): Omit<Appointment, 'start' | 'end'> | null {
    const body = rng.shuffle(bodies).find((b) => !this.claimed.has(upper.code + b));
    if (body === undefined) return null;
    this.claimed.add(upper.code + body);
    if (upper.level === 'province') {
      const title = body.endsWith('委员会') ? '主任' : '厅长';
      return { org: `示例省${body}`, region: upper.code, title, top: false, label: `示例省${body}${title}`, level: '厅局级正职' };
    }
    const title = body.endsWith('主任') ? '主任' : '局长';
    const org = upper.name + body.slice(0, body.length - title.length);
    return { org, region: upper.code, title, top: false, label: upper.name + body, level: '县处级正职' };
  }

  /** A sibling region (same city for counties, another city for cities), for career moves. */
  sibling(rng: Rng, place: Place): Place {
    if (place.level === 'province') return place;
    const list = place.level === 'city' ? this.cities : (this.countiesOf.get(place.city?.code ?? this.province.code) ?? []);
    const others = list.filter((p) => p.code !== place.code);
    return others.length ? rng.pick(others) : place;
  }

  /** Where a leader came from before taking a post at `start` (a deputy post elsewhere, or a bureau above). */
  previousPost(rng: Rng, p: Person, place: Place, role: 'top' | 'gov', start: number): void {
    const from = start - rng.int(24, 54);
    const end = start - 1;
    if (place.level === 'province') {
      appoint(p, { org: '外省', region: null, title: role === 'top' ? '省长' : '副省长', top: false, label: role === 'top' ? '外省省长' : '外省副省长', level: role === 'top' ? '省部级正职' : '省部级副职' }, from, end);
      return;
    }
    const upper = place.level === 'city' ? this.province : (place.city ?? this.province);
    const body = rng.chance(0.5) ? this.claim(rng, upper, upper.level === 'province' ? PROVINCE_DEPARTMENTS : CITY_MOVE_BUREAUS) : null;
    appoint(p, body ?? post(this.sibling(rng, place), 'deputySecretary'), from, end);
    if (rng.chance(0.6)) {
      const other = this.sibling(rng, place);
      appoint(p, post(other, 'viceHead'), from - rng.int(30, 60), from - 1);
    }
  }

  /** Where a leader goes when replaced (not promoted within the region): a post one level up. */
  nextPost(rng: Rng, p: Person, place: Place, role: 'top' | 'gov', start: number): void {
    if (place.level === 'province') {
      if (role === 'top') appoint(p, { org: '全国人大常委会', region: null, title: '专门委员会副主任委员', top: false, label: '全国人大常委会专门委员会副主任委员', level: '省部级正职' }, start, null);
      else appoint(p, { org: '示例省政协', region: place.code, title: '主席', top: false, label: '示例省政协主席', level: '省部级正职' }, start, null);
      return;
    }
    const upper = place.level === 'city' ? this.province : (place.city ?? this.province);
    if (role === 'gov' && place.level === 'county' && rng.chance(0.4) && !this.claimed.has(`${place.code}人大常委会主任`)) {
      this.claimed.add(`${place.code}人大常委会主任`);
      appoint(p, { org: `${place.name}人大常委会`, region: place.code, title: '主任', top: false, label: `${place.name}人大常委会主任`, level: '县处级正职' }, start, null);
      return;
    }
    const upperLevel: PostLevel = upper.level === 'province' ? (role === 'top' ? '省部级副职' : '厅局级正职') : role === 'top' ? '厅局级副职' : '县处级正职';
    const choice = rng.weighted<'vice' | 'congress' | 'cppcc' | 'bureau'>(
      role === 'top'
        ? [
            ['vice', 4],
            ['congress', 3],
            ['cppcc', 3],
          ]
        : [
            ['bureau', 6],
            ['congress', 2],
            ['vice', 2],
          ],
    );
    const body = choice === 'bureau' ? this.claim(rng, upper, upper.level === 'province' ? PROVINCE_DEPARTMENTS : CITY_MOVE_BUREAUS) : null;
    if (body) {
      appoint(p, body, start, null);
    } else if (choice === 'vice') {
      const title = `副${upper.unit === '省' ? '省' : '市'}长`;
      appoint(p, { org: `${upper.name}人民政府`, region: upper.code, title, top: false, label: upper.name + title, level: role === 'top' ? upperLevel : upper.level === 'province' ? '省部级副职' : '厅局级副职' }, start, null);
    } else if (choice === 'cppcc') {
      appoint(p, { org: `${upper.name}政协`, region: upper.code, title: '副主席', top: false, label: `${upper.name}政协副主席`, level: upperLevel }, start, null);
    } else {
      appoint(p, { org: `${upper.name}人大常委会`, region: upper.code, title: '副主任', top: false, label: `${upper.name}人大常委会副主任`, level: upperLevel }, start, null);
    }
  }

  /** 一把手 and head of government of a region over 2021–2025, with where they came from and went. */
  leadership(place: Place): void {
    const rng = rngFor('leaders', place.code);
    const topChanges =
      place.level === 'province'
        ? [month(2022, 12)]
        : changeMonths(
            rng,
            rng.weighted([
              [0, 3],
              [1, 5],
              [2, 2],
            ]),
            18,
            place.level === 'county',
          );
    // Some new 一把手 are the region's own head of government, promoted: the government post changes that month.
    const promoted = topChanges.filter(() => place.level === 'province' || rng.chance(0.35));
    const govChanges = changeMonths(
      rng,
      rng.weighted([
        [0, 3],
        [1, 5],
        [2, 2],
      ]),
      12,
      place.level === 'county',
      promoted,
    );
    const firstTop = topChanges.length ? rng.int(month(2016, 3), month(2020, 10)) : rng.int(month(2018, 6), month(2020, 12));
    const firstGov = govChanges.length ? rng.int(month(2016, 6), month(2020, 10)) : rng.int(month(2018, 6), month(2020, 12));
    const topSpans = spans(firstTop, topChanges);
    const govSpans = spans(firstGov, govChanges);
    const { head } = levels(place);

    const bornBy = (start: number) => Math.floor(start / 12) - 36;
    const govHolders: Person[] = govSpans.map((s, i) => {
      const p = this.person(rng, place, head, true, bornBy(s.start));
      if (i === 0 || rng.chance(0.5)) this.previousPost(rng, p, place, 'gov', s.start);
      else appoint(p, post(place, 'deputySecretary'), s.start - rng.int(24, 48), s.start - 1);
      appoint(p, post(place, 'gov'), s.start, s.end);
      return p;
    });
    const topHolders: Person[] = topSpans.map((s, i) => {
      if (i > 0 && promoted.includes(s.start)) {
        const k = govSpans.findIndex((g) => g.end === s.start - 1);
        const p = govHolders[k];
        if (!p) throw new Error(`no head of government to promote in ${place.code}`);
        appoint(p, post(place, 'top'), s.start, s.end);
        return p;
      }
      const p = this.person(rng, place, head, true, bornBy(s.start));
      this.previousPost(rng, p, place, 'top', s.start);
      appoint(p, post(place, 'top'), s.start, s.end);
      return p;
    });
    // Replaced leaders move on, except heads of government promoted to 一把手 in the same region.
    topSpans.forEach((s, i) => {
      if (s.end !== null) this.nextPost(rng, topHolders[i] as Person, place, 'top', s.end + 1);
    });
    govSpans.forEach((s, i) => {
      if (s.end !== null && !promoted.includes(s.end + 1)) this.nextPost(rng, govHolders[i] as Person, place, 'gov', s.end + 1);
    });
  }

  /** Deputies of a city or county committee and government, and (for counties) township and bureau heads. */
  staff(place: Place): void {
    const rng = rngFor('staff', place.code);
    const { deputy } = levels(place);
    /** Give p a current post (from `at`, or a random month) and perhaps the lower post before it; returns [start, promoted]. */
    const current = (p: Person, a: Omit<Appointment, 'start' | 'end'>, minYears: number, lower?: Omit<Appointment, 'start' | 'end'>, at?: number): [number, boolean] => {
      const earliest = p.workStart + minYears * 12;
      const start = at ?? Math.min(Math.max(rng.int(month(2016, 1), month(2025, 10)), earliest), month(2025, 11));
      const promoted = lower !== undefined && rng.chance(0.55) && start - 30 > p.workStart;
      if (promoted) appoint(p, lower, start - rng.int(24, Math.min(72, start - p.workStart - 1)), start - 1);
      appoint(p, a, start, null);
      return [start, promoted];
    };
    const deputies: [Parameters<typeof post>[1], number][] = [
      ['deputySecretary', 1],
      ['executive', 1],
      ['viceHead', place.level === 'city' ? 4 : 3],
      ['organisation', 1],
      ['discipline', 1],
      ['publicity', 1],
    ];
    for (const [kind, n] of deputies) {
      for (let i = 0; i < n; i++) {
        const p = this.person(rng, place, deputy, kind !== 'viceHead' && kind !== 'executive');
        current(p, post(place, kind), 12);
      }
    }
    if (place.level === 'city') {
      for (const bureau of CITY_BUREAUS) {
        const p = this.person(rng, place, '县处级正职');
        const title = bureau.endsWith('主任') ? '主任' : '局长';
        const org = place.name + bureau.slice(0, bureau.length - title.length);
        current(p, { org, region: place.code, title, top: false, label: place.name + bureau, level: '县处级正职' }, 12);
      }
      return;
    }
    if (place.level !== 'county') return;
    const district = place.unit === '区';
    const towns = new Set<string>();
    while (towns.size < 4) {
      const t = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND);
      if (!place.name.startsWith(t)) towns.add(t + (district ? '街道' : rng.chance(0.75) ? '镇' : '乡'));
    }
    for (const town of [...towns].sort()) {
      const street = town.endsWith('街道');
      const kind = street ? '街道' : town.slice(-1);
      const mk = (title: string, org: string, level: PostLevel): Omit<Appointment, 'start' | 'end'> => ({
        org: `${place.name}${town}${org}`,
        region: place.code,
        title: street ? `街道${title}` : title.startsWith('副') || title.endsWith('长') ? title : kind + title,
        top: false,
        label: `${place.name}${town}${title}`,
        level,
      });
      const partyOrg = street ? '党工委' : '党委';
      const govOrg = street ? '办事处' : '人民政府';
      const head = street ? '办事处主任' : `${kind}长`;
      const vice = street ? '办事处副主任' : `副${kind}长`;
      // When the party secretary was the town's own head before, the present head took over that month.
      const [since, promoted] = current(this.person(rng, place, '乡科级正职', true), mk(`${partyOrg}书记`, partyOrg, '乡科级正职'), 6, mk(head, govOrg, '乡科级正职'));
      current(this.person(rng, place, '乡科级正职'), mk(head, govOrg, '乡科级正职'), 5, mk(vice, govOrg, '乡科级副职'), promoted ? since : undefined);
      current(this.person(rng, place, '乡科级副职'), mk(vice, govOrg, '乡科级副职'), 2);
    }
    const bureaus = rng.shuffle(COUNTY_BUREAUS).slice(0, 7);
    bureaus.forEach((b, i) => {
      const title = i < 5 ? '局长' : '副局长';
      const level: PostLevel = i < 5 ? '乡科级正职' : '乡科级副职';
      const a = { org: place.name + b, region: place.code, title, top: false, label: place.name + b + title, level };
      const lower = i < 5 ? { ...a, title: '副局长', label: `${place.name}${b}副局长`, level: '乡科级副职' as PostLevel } : undefined;
      current(this.person(rng, place, level), a, i < 5 ? 6 : 3, lower);
    });
  }
}
