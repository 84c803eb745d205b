import type { RegionAliasRow, RegionRow } from '../../shared/model/tables.js';
import { CITY_NAMES, PLACE_FIRST, PLACE_SECOND, PROVINCE, REAL_NAMES } from './names.js';
import { clamp, rngFor, roundTo, type Rng } from './rng.js';

export type EvalGroup = '市辖区组' | '经济强县组' | '农业县组' | '生态功能区组';
export type CountyKind = 'district' | 'county' | 'countyCity';

/** A county-level unit with the hidden traits the value model draws on. */
export interface County {
  readonly code: string;
  readonly name: string;
  /** The bare stem (without 区/县/市 or 自治县), used for town and org names. */
  readonly stem: string;
  readonly kind: CountyKind;
  /** The city code, or the province code for a province-administered unit (9990XX). */
  readonly parent: string;
  readonly group: EvalGroup;
  /** Resident population, 万人. */
  readonly pop: number;
  /** Nominal GDP in 2020, 亿元 (internal base year, not in the sample). */
  readonly gdp2020: number;
  /** Underlying nominal GDP growth, % a year. */
  readonly trend: number;
  /** General governance quality, a standard score: it tilts satisfaction, party-building and similar rates. */
  readonly quality: number;
  /** Number of monitored surface-water sections (地表水国省控断面). */
  readonly sections: number;
  /** Relative map area. */
  readonly area: number;
  /** A minority nationality prominent in the county, if any. */
  readonly minority: string | null;
}

export interface City {
  readonly code: string;
  readonly name: string;
  readonly stem: string;
  readonly counties: readonly County[];
}

export interface RegionModel {
  readonly province: { readonly code: string; readonly name: string };
  readonly cities: readonly City[];
  /** Province-administered county-level units (PP90XX). */
  readonly direct: readonly County[];
  /** Every county-level unit, sorted by code. */
  readonly counties: readonly County[];
}

interface CityPlan {
  districts: number;
  countyCities: number;
  counties: number;
  /** 0..1: how mountainous, so how many ecological-function counties. */
  eco: number;
  minority: string | null;
  autonomous: number;
}

const CITY_PLANS: readonly CityPlan[] = [
  { districts: 5, countyCities: 1, counties: 5, eco: 0.1, minority: null, autonomous: 0 },
  { districts: 2, countyCities: 1, counties: 6, eco: 0.25, minority: null, autonomous: 0 },
  { districts: 2, countyCities: 1, counties: 5, eco: 0.2, minority: null, autonomous: 0 },
  { districts: 3, countyCities: 2, counties: 5, eco: 0.15, minority: null, autonomous: 0 },
  { districts: 1, countyCities: 0, counties: 6, eco: 0.45, minority: null, autonomous: 0 },
  { districts: 2, countyCities: 1, counties: 6, eco: 0.35, minority: null, autonomous: 0 },
  { districts: 2, countyCities: 0, counties: 6, eco: 0.3, minority: '回族', autonomous: 0 },
  { districts: 1, countyCities: 0, counties: 5, eco: 0.8, minority: '藏族', autonomous: 1 },
  { districts: 2, countyCities: 1, counties: 6, eco: 0.3, minority: null, autonomous: 0 },
  { districts: 1, countyCities: 1, counties: 6, eco: 0.6, minority: '彝族', autonomous: 1 },
  { districts: 1, countyCities: 0, counties: 6, eco: 0.7, minority: '苗族', autonomous: 1 },
  { districts: 2, countyCities: 0, counties: 6, eco: 0.5, minority: '土家族', autonomous: 0 },
];

/** Makes unique two-character place stems. */
export class StemMaker {
  private readonly used = new Set<string>();
  constructor(
    private readonly rng: Rng,
    reserved: readonly string[] = [],
  ) {
    for (const r of reserved) this.used.add(r);
  }

  next(): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const a = this.rng.pick(PLACE_FIRST);
      const b = this.rng.pick(PLACE_SECOND);
      const stem = a + b;
      if (a === b || this.used.has(stem) || REAL_NAMES.has(stem)) continue;
      this.used.add(stem);
      return stem;
    }
    throw new Error('ran out of place names');
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function makeCounty(
  rng: Rng,
  base: { code: string; stem: string; kind: CountyKind; parent: string; capital: boolean; eco: number; minority: string | null; autonomous: boolean },
): County {
  const { kind, capital } = base;
  let group: EvalGroup;
  if (kind === 'district') group = '市辖区组';
  else if (kind === 'countyCity') group = rng.chance(0.85) ? '经济强县组' : '农业县组';
  else {
    const strength = rng.normal() - base.eco * 1.5;
    if (strength > 0.75) group = '经济强县组';
    else group = rng.chance(base.eco + 0.15) || base.autonomous ? '生态功能区组' : '农业县组';
  }
  const [popLo, popHi, pcLo, pcHi, growth, area] = {
    市辖区组: capital ? [40, 85, 7.5, 10.5, 6.0, 0.3] : [25, 65, 6, 9, 5.6, 0.38],
    经济强县组: [50, 95, 5.6, 8.0, 6.4, 0.9],
    农业县组: [30, 80, 3.4, 5.2, 5.1, 1.05],
    生态功能区组: [10, 38, 3.0, 4.8, 4.6, 1.45],
  }[group] as [number, number, number, number, number, number];
  const pop = roundTo(rng.float(popLo, popHi), 2);
  const raw = pop * rng.float(pcLo, pcHi);
  const trend = clamp(rng.normal(growth, 1.5), 1.8, 10.5);
  // Keep annual GDP within 50–800 亿元 in every year 2021–2025 (growth plus the 2021 rebound and some noise).
  let factor = 1.06;
  for (let y = 0; y < 5; y++) factor *= 1 + (trend + 1.5) / 100;
  const gdp2020 = clamp(raw, 48, 790 / factor);
  const suffix = kind === 'district' ? '区' : kind === 'countyCity' ? '市' : base.autonomous && base.minority ? `${base.minority}自治县` : '县';
  return {
    code: base.code,
    name: base.stem + suffix,
    stem: base.stem,
    kind,
    parent: base.parent,
    group,
    pop,
    gdp2020,
    trend,
    quality: rng.normal(),
    sections: rng.int(2, 6),
    area: area * rng.float(0.8, 1.25),
    minority: base.minority,
  };
}

/** The fictional province: 12 cities, 100 counties under them and 2 administered by the province. */
export function buildRegionModel(): RegionModel {
  const rng = rngFor('regions');
  const stems = new StemMaker(rngFor('regions', 'names'), CITY_NAMES.map((n) => n.slice(0, 2)));
  const cities: City[] = CITY_PLANS.map((plan, i) => {
    const cityCode = `99${pad2(i + 1)}00`;
    const name = CITY_NAMES[i] as string;
    const counties: County[] = [];
    let autonomousLeft = plan.autonomous;
    const add = (code: string, kind: CountyKind) => {
      const autonomous = kind === 'county' && autonomousLeft > 0 && counties.filter((c) => c.kind === 'county').length >= 2;
      if (autonomous) autonomousLeft--;
      const minority = plan.minority && (autonomous || rng.chance(0.3)) ? plan.minority : null;
      counties.push(
        makeCounty(rng, { code, stem: stems.next(), kind, parent: cityCode, capital: i === 0, eco: plan.eco, minority, autonomous }),
      );
    };
    for (let d = 0; d < plan.districts; d++) add(`99${pad2(i + 1)}${pad2(d + 2)}`, 'district');
    for (let c = 0; c < plan.counties; c++) add(`99${pad2(i + 1)}${pad2(c + 21)}`, 'county');
    for (let c = 0; c < plan.countyCities; c++) add(`99${pad2(i + 1)}${pad2(c + 81)}`, 'countyCity');
    return { code: cityCode, name, stem: name.slice(0, 2), counties };
  });
  const direct: County[] = [
    makeCounty(rng, { code: '999001', stem: stems.next(), kind: 'countyCity', parent: PROVINCE.code, capital: false, eco: 0, minority: null, autonomous: false }),
    makeCounty(rng, { code: '999002', stem: stems.next(), kind: 'countyCity', parent: PROVINCE.code, capital: false, eco: 0.5, minority: null, autonomous: false }),
  ];
  const counties = [...cities.flatMap((c) => c.counties), ...direct].sort((a, b) => (a.code < b.code ? -1 : 1));
  return { province: { ...PROVINCE }, cities, direct, counties };
}

/** The regions table: province, then each city followed by its counties, then the province-administered units. */
export function regionRows(model: RegionModel): RegionRow[] {
  const rows: RegionRow[] = [
    { region_code: model.province.code, name: model.province.name, level: 'province', parent_code: null, eval_group: null, valid_from: '2020-01-01', valid_to: null },
  ];
  const county = (c: County): RegionRow => ({
    region_code: c.code,
    name: c.name,
    level: 'county',
    parent_code: c.parent,
    eval_group: c.group,
    valid_from: '2020-01-01',
    valid_to: null,
  });
  for (const city of model.cities) {
    rows.push({ region_code: city.code, name: city.name, level: 'city', parent_code: model.province.code, eval_group: '地级市', valid_from: '2020-01-01', valid_to: null });
    rows.push(...city.counties.map(county));
  }
  rows.push(...model.direct.map(county));
  return rows;
}

/**
 * 区划别名: in every city with two or more districts, the newest district was a county until 2019 (撤县设区), and
 * its old name ('…县') is kept as an alias, as analysts and older sheets still use it.
 */
export function regionAliasRows(model: RegionModel): RegionAliasRow[] {
  const rows: RegionAliasRow[] = [];
  for (const city of model.cities) {
    const districts = city.counties.filter((c) => c.kind === 'district');
    const last = districts[districts.length - 1];
    if (districts.length < 2 || !last) continue;
    rows.push({ alias: `${last.stem}县`, region_code: last.code, valid_to: '2019-12-31', note: `2019年撤县设区，原${last.stem}县改设${last.name}` });
  }
  return rows;
}

/** The name of any region code of the model. */
export function regionNameOf(model: RegionModel): (code: string) => string {
  const names = new Map<string, string>([[model.province.code, model.province.name]]);
  for (const c of model.cities) names.set(c.code, c.name);
  for (const c of model.counties) names.set(c.code, c.name);
  return (code) => {
    const n = names.get(code);
    if (!n) throw new Error(`unknown region ${code}`);
    return n;
  };
}
