import type { AppointmentRow, AssessmentRow, CadreRow } from '../../shared/model/tables.js';
import { ym, YEARS } from './periods.js';
import { rankFor, type Person } from './people.js';
import type { RegionModel } from './regions.js';
import { rngFor } from './rng.js';
import { month, Roster, type Place } from './roster.js';

/** The roster tables (cadres, appointments) and five years of annual assessments. */

function places(model: RegionModel): { province: Place; cities: Place[]; counties: Map<string, Place[]> } {
  const provinceHome = { name: model.cities[0]?.name ?? '', codes: model.cities[0]?.counties.map((c) => c.code) ?? [] };
  const province: Place = { code: model.province.code, name: model.province.name, unit: '省', level: 'province', city: null, home: provinceHome, minority: null };
  const cities: Place[] = model.cities.map((c) => ({
    code: c.code,
    name: c.name,
    unit: '市',
    level: 'city',
    city: null,
    home: { name: c.name, codes: c.counties.map((x) => x.code) },
    minority: c.counties.find((x) => x.minority)?.minority ?? null,
  }));
  const counties = new Map<string, Place[]>();
  for (const c of model.counties) {
    const city = cities.find((x) => x.code === c.parent) ?? null;
    const home = city ? city.home : { name: c.name, codes: [c.code] };
    const place: Place = {
      code: c.code,
      name: c.name,
      unit: c.kind === 'district' ? '区' : c.kind === 'countyCity' ? '市' : '县',
      level: 'county',
      city,
      home,
      minority: c.minority,
      county: c,
    };
    const parent = city?.code ?? province.code;
    counties.set(parent, [...(counties.get(parent) ?? []), place]);
  }
  return { province, cities, counties };
}

export interface RosterTables {
  readonly cadres: CadreRow[];
  readonly appointments: AppointmentRow[];
  readonly assessments: AssessmentRow[];
}

/** The whole roster. */
export function generateRoster(model: RegionModel): RosterTables {
  const { province, cities, counties } = places(model);
  const roster = new Roster(province, cities, counties);
  roster.leadership(province);
  for (const city of cities) {
    roster.leadership(city);
    for (const county of counties.get(city.code) ?? []) roster.leadership(county);
  }
  for (const county of counties.get(province.code) ?? []) roster.leadership(county);
  for (const city of cities) {
    roster.staff(city);
    for (const county of counties.get(city.code) ?? []) roster.staff(county);
  }
  for (const county of counties.get(province.code) ?? []) roster.staff(county);

  const rankRng = rngFor('ranks');
  const cadres: CadreRow[] = [];
  const appointments: AppointmentRow[] = [];
  for (const p of roster.people.all) {
    p.appointments.sort((a, b) => a.start - b.start);
    const open = p.appointments.filter((a) => a.end === null);
    const now = open[open.length - 1];
    if (!now || open.length !== 1) throw new Error(`${p.id} must hold exactly one current post`);
    const leading = now.top || now.title.endsWith('长') || now.title.includes('书记');
    cadres.push({
      cadre_id: p.id,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      birth_ym: ym(p.birth),
      native_place: p.nativePlace,
      party: p.party,
      party_join_ym: p.partyJoin === null ? null : ym(p.partyJoin),
      work_start_ym: ym(p.workStart),
      ft_edu: p.ftEdu,
      ft_degree: p.ftDegree,
      is_edu: p.isEdu,
      is_degree: p.isDegree,
      current_post: now.label,
      post_level: now.level,
      rank_level: rankFor(rankRng, now.level, leading),
      current_post_since: ym(now.start),
      id_no: p.idNo,
    });
    for (const a of p.appointments) {
      appointments.push({
        cadre_id: p.id,
        org_name: a.org,
        region_code: a.region,
        post_title: a.title,
        is_top_leader: a.top,
        start_ym: ym(a.start),
        end_ym: a.end === null ? null : ym(a.end),
        post_level: a.level,
      });
    }
  }
  return { cadres, appointments, assessments: assess(roster.people.all) };
}

/** Annual assessments 2021–2025: about a fifth 优秀, 不定等次 in the year someone starts work or a new post late. */
function assess(people: readonly Person[]): AssessmentRow[] {
  const rows: AssessmentRow[] = [];
  for (const p of people) {
    const rng = rngFor('assessments', p.id);
    const startYear = Math.floor(p.workStart / 12);
    const pExcellent = Math.min(0.6, Math.max(0.02, 0.205 + 0.13 * p.merit));
    for (const year of YEARS) {
      const u = rng.next();
      const late = rng.next();
      if (startYear > year) continue;
      const newPost = p.appointments.some((a) => a.start >= month(year, 10) && a.start <= month(year, 12));
      let result: string;
      if (startYear === year) result = '不定等次';
      else if (newPost && late < 0.3) result = '不定等次';
      else if (u < pExcellent) result = '优秀';
      else if (u < pExcellent + 0.014) result = '基本称职';
      else if (u < pExcellent + 0.017) result = '不称职';
      else result = '称职';
      rows.push({ cadre_id: p.id, year, result, kind: '年度' });
    }
  }
  return rows;
}
