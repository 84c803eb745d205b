import type { AppointmentRow, CadreRow } from '../../shared/model/tables.js';
import type { PostLevel } from '../../shared/model/vocab.js';
import { monthOf, ym } from './periods.js';
import type { RegionModel } from './regions.js';
import { rngFor, type Rng } from './rng.js';
import { month } from './roster.js';

/**
 * 能上能下 cases in the sample: a few cadres whose careers before their present post include an adjustment down
 * (调整不适宜担任现职干部), so that the 能上能下 tab has something to count. Only earlier, closed appointments are
 * inserted before a cadre's present one: cadres, assessments and every existing appointment row stay as they were
 * (the rows come from their own stream, rngFor('adjustments')). Three patterns:
 * - 改任职级后重新使用: a 正处 post at a city body → 二级调研员 (职级, no post_level) in 2021–22 → the present 副处 post;
 * - 降职: a 副县长-level post (副处) → the present 乡科级正职 post, from 2022;
 * - 两次调整: a 正处 post at a city body → a 副县长-level post (副处) in 2021–22 → the present 乡科级正职 post, from 2024.
 */

const CITY_BODIES = ['档案局', '供销合作社', '机关事务管理局', '粮食和物资储备局', '地方志办公室'];
/** 主任 of a 社/室, else 局长. */
const title = (body: string) => (body.endsWith('社') || body.endsWith('室') ? '主任' : '局长');

interface Pattern {
  readonly present: PostLevel;
  /** The present post starts no earlier than this month. */
  readonly since: number;
  readonly bornBy: number;
  readonly count: number;
}

const PATTERNS: Record<'reused' | 'demoted' | 'twice', Pattern> = {
  reused: { present: '县处级副职', since: month(2023, 1), bornBy: 1978, count: 4 },
  demoted: { present: '乡科级正职', since: month(2022, 3), bornBy: 1982, count: 5 },
  twice: { present: '乡科级正职', since: month(2024, 1), bornBy: 1979, count: 2 },
};

/** The count of adjustments the sample holds, and of people and re-used people (the README and tests quote them). */
export const ADJUSTMENT_SUMMARY = { people: 11, reused: 4, cases: 13 } as const;

/** Insert the earlier posts of the chosen cadres into `appointments` (in place, before each one's present post). */
export function addAdjustmentCases(model: RegionModel, cadres: readonly CadreRow[], appointments: AppointmentRow[]): void {
  const rng = rngFor('adjustments');
  const byCadre = new Map<string, AppointmentRow[]>();
  for (const a of appointments) byCadre.set(a.cadre_id, [...(byCadre.get(a.cadre_id) ?? []), a]);
  const used = new Set<string>();
  const inserts = new Map<AppointmentRow, AppointmentRow[]>();
  for (const [kind, p] of Object.entries(PATTERNS) as [keyof typeof PATTERNS, Pattern][]) {
    const candidates = cadres.filter((c) => {
      const own = byCadre.get(c.cadre_id) ?? [];
      const only = own[0];
      return (
        own.length === 1 && only !== undefined && !only.is_top_leader && only.end_ym === null && only.post_level === p.present &&
        monthOf(only.start_ym as string) >= p.since && Number(c.birth_ym?.slice(0, 4)) <= p.bornBy && !used.has(c.cadre_id) &&
        model.counties.some((k) => k.code === only.region_code)
      );
    });
    for (const c of rng.shuffle(candidates).slice(0, p.count)) {
      used.add(c.cadre_id);
      const present = (byCadre.get(c.cadre_id) ?? [])[0] as AppointmentRow;
      inserts.set(present, history(rng, model, kind, present));
    }
  }
  for (let i = appointments.length - 1; i >= 0; i--) {
    const before = inserts.get(appointments[i] as AppointmentRow);
    if (before) appointments.splice(i, 0, ...before);
  }
}

/** The closed posts before `present` for one pattern, oldest first. */
function history(rng: Rng, model: RegionModel, kind: keyof typeof PATTERNS, present: AppointmentRow): AppointmentRow[] {
  const county = model.counties.find((k) => k.code === present.region_code);
  if (!county) throw new Error(`no county ${String(present.region_code)}`);
  const city = model.cities.find((x) => x.code === county.parent);
  const upper = city ?? { code: model.province.code, name: model.province.name };
  const start = monthOf(present.start_ym as string);
  const row = (org: string, region: string, title: string, level: PostLevel | null, s: number, e: number): AppointmentRow => ({
    cadre_id: present.cadre_id, org_name: org, region_code: region, post_title: title, is_top_leader: false, start_ym: ym(s), end_ym: ym(e), post_level: level,
  });
  const vice = `副${county.name.slice(-1)}长`;
  if (kind === 'reused') {
    const drop = Math.min(rng.int(month(2021, 2), month(2022, 8)), start - 6);
    const body = rng.pick(CITY_BODIES);
    return [
      row(upper.name + body, upper.code, title(body), '县处级正职', rng.int(month(2015, 3), month(2017, 6)), drop - 1),
      row(`${upper.name}人大常委会`, upper.code, '二级调研员', null, drop, start - 1),
    ];
  }
  if (kind === 'demoted') return [row(`${county.name}人民政府`, county.code, vice, '县处级副职', rng.int(month(2016, 3), month(2019, 6)), start - 1)];
  const drop = rng.int(month(2021, 3), month(2022, 6));
  const body = rng.pick(CITY_BODIES);
  return [
    row(upper.name + body, upper.code, title(body), '县处级正职', rng.int(month(2015, 3), month(2017, 9)), drop - 1),
    row(`${county.name}人民政府`, county.code, vice, '县处级副职', drop, start - 1),
  ];
}
