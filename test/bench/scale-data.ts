/**
 * The national-scale set of the view benchmark: by default 3,000 regions × 200 indicators × 40 quarters
 * (2016Q1..2025Q4) = 24M indicator_values rows in the canonical schema (shared/model), built inside DuckDB by SQL
 * so that duckdb-wasm and native DuckDB get the very same rows from the same statements.
 *
 * What is reused from the sample generator (data/generator/): the quarterly indicators of its catalogue
 * (INDICATORS: names, units, basis 累计/当期, direction ±1, catalogue columns from indicatorRows()), the place-name
 * syllables and city names (names.ts), the 考核分组 names, and the county series themselves: generateValues()
 * simulates 102 counties × 36 quarterly indicators × 20 quarters with series.ts (flows, stocks, counts, rates,
 * progress, sections, planted anomalies and gaps); those ~73k series points are the templates. Each scale region
 * and indicator takes one template series, scaled (totals) or shifted (rates) by a deterministic integer hash of
 * (region, indicator); 2016..2020 repeat the 2021..2025 shapes at 0.78 of the level for totals. Running the JS
 * generator 24M times would take minutes and ~5 GB; the SQL expansion takes seconds.
 */
import { INDICATORS, indicatorRows } from '../../data/generator/indicators.js';
import { CITY_NAMES, PLACE_FIRST, PLACE_SECOND } from '../../data/generator/names.js';
import { QUARTERS } from '../../data/generator/periods.js';
import { buildRegionModel, regionNameOf } from '../../data/generator/regions.js';
import { generateValues } from '../../data/generator/values.js';
import { quoteValue, type SqlValue } from '../../shared/db/sql.js';
import { createTableSql } from '../../shared/model/ddl.js';
import { STORED_TABLES } from '../../shared/model/stored.js';

export interface ScaleShape {
  readonly regions: number;
  readonly indicators: number;
  /** Quarters ending 2025Q4. */
  readonly periods: number;
}

export const FULL_SCALE: ScaleShape = { regions: 3000, indicators: 200, periods: 40 };

/** The shape at a fraction of the full set's rows (regions scale; indicators and periods stay). */
export function scaleShape(scale: number): ScaleShape {
  return { ...FULL_SCALE, regions: Math.max(20, Math.round(FULL_SCALE.regions * scale)) };
}

export const rowsOf = (s: ScaleShape): number => s.regions * s.indicators * s.periods;

/** The quarters of the set, oldest first: 40 → 2016Q1..2025Q4. */
export function scalePeriods(s: ScaleShape): string[] {
  const out: string[] = [];
  for (let i = s.periods - 1; i >= 0; i--) {
    const last = 2025 * 4 + 3 - i;
    out.push(`${Math.floor(last / 4)}Q${(last % 4) + 1}`);
  }
  return out;
}

/** Counties per city: 49, so that 60 cities hold 2,939 counties and with the province make 3,000 regions. */
const PER_CITY = 49;

/** Region codes 99CCXX: the province 990000, cities 99CC00, counties 99CC01..99CC49. */
export function scaleRegionCounts(s: ScaleShape): { cities: number; counties: number } {
  const cities = Math.ceil((s.regions - 1) / (PER_CITY + 1));
  return { cities, counties: s.regions - 1 - cities };
}

export interface ScaleSql {
  /** Create the canonical tables, regions, indicators and the template series. */
  readonly setup: string[];
  /** The INSERTs of indicator_values: one per period, oldest first, or one per 20 indicators. */
  readonly values: string[];
  /** Drop the helper tables. */
  readonly cleanup: string[];
}

const QUARTERLY = INDICATORS.filter((i) => i.basis !== '年度');

function valuesInserts(table: string, rows: readonly (readonly SqlValue[])[], chunk = 4000): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk).map((r) => `(${r.map(quoteValue).join(', ')})`);
    out.push(`INSERT INTO ${table} VALUES ${part.join(', ')}`);
  }
  return out;
}

let templateCache: (readonly SqlValue[])[] | null = null;

let countyCount = 0;

/** The sample generator's county series of the quarterly indicators: (county ix, spec ix, quarter ix, value, yoy). */
function templates(): { rows: (readonly SqlValue[])[]; counties: number } {
  if (!templateCache) {
    const model = buildRegionModel();
    countyCount = model.counties.length;
    const { rows } = generateValues(model, regionNameOf(model));
    const county = new Map(model.counties.map((c, i) => [c.code, i]));
    const spec = new Map(QUARTERLY.map((s, i) => [s.id, i]));
    const quarter = new Map(QUARTERS.map((q, i) => [q, i]));
    templateCache = [];
    for (const r of rows) {
      const c = county.get(r.region_code);
      const s = spec.get(r.indicator_id);
      const q = quarter.get(r.period);
      if (c === undefined || s === undefined || q === undefined) continue;
      templateCache.push([c, s, q, r.value, r.yoy_pct]);
    }
  }
  return { rows: templateCache, counties: countyCount };
}

/** The template series as CSV (tc, ts, q, value, yoy), for the file scaleSetSql reads. */
export function scaleTemplatesCsv(): Uint8Array {
  const lines = ['tc,ts,q,value,yoy'];
  for (const r of templates().rows) lines.push(r.map((x) => (x === null ? '' : String(x))).join(','));
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

const list = (xs: readonly string[]) => `[${xs.map((x) => quoteValue(x)).join(', ')}]`;

/** Deterministic hash of integer expressions to [0, 1), identical in every DuckDB version (no hash()). */
const h01 = (a: string, b: string, salt: number) => `(((${a}) * 2654435761 + (${b}) * 40503 + ${salt}) % 1000003) / 1000003.0`;

/**
 * The statements that build the scale set in the canonical schema (as loadWorkspace creates it, provenance columns
 * included), the same for duckdb-wasm and native DuckDB. Rows are appended period by period, as quarterly
 * deliveries are imported, or (order 'indicator') already sorted by indicator, period and region code.
 */
export function scaleSetSql(s: ScaleShape, templateFile: string, order: 'period' | 'indicator' = 'period'): ScaleSql {
  const { cities, counties } = scaleRegionCounts(s);
  const tpl = templates();
  const periods = scalePeriods(s);
  const nTpl = QUARTERS.length; // 20 template quarters
  const catalogue = indicatorRows();
  const specRows = QUARTERLY.map((q) => catalogue.find((c) => c.indicator_id === q.id));
  const groups = ['市辖区组', '经济强县组', '农业县组', '生态功能区组'];

  const setup: string[] = [
    ...STORED_TABLES.map((t) => createTableSql(t)),
    // The template series come as a CSV file: a VALUES list of 73k rows takes DuckDB's parser seconds.
    `CREATE OR REPLACE TABLE scale_tpl AS SELECT * FROM read_csv(${quoteValue(templateFile)}, header = true, delim = ',', quote = '"',
       columns = {'tc': 'SMALLINT', 'ts': 'SMALLINT', 'q': 'SMALLINT', 'value': 'DOUBLE', 'yoy': 'DOUBLE'})`,
    `CREATE OR REPLACE TABLE scale_spec (ts SMALLINT, id VARCHAR, name VARCHAR, dimension VARCHAR, unit VARCHAR, direction INTEGER,
      basis VARCHAR, weight DOUBLE, method VARCHAR, satisfactory_value DOUBLE, disallowed_value DOUBLE, target_value DOUBLE)`,
    ...valuesInserts(
      'scale_spec',
      specRows.map((r, i) => [i, r?.indicator_id ?? null, r?.name ?? null, r?.dimension ?? null, r?.unit ?? null, r?.direction ?? 1, r?.basis ?? null,
        r?.weight ?? null, r?.method ?? null, r?.satisfactory_value ?? null, r?.disallowed_value ?? null, r?.target_value ?? null]),
    ),
    // Region ix 0 is the province, 1..cities the cities, then the counties in code order.
    `CREATE OR REPLACE TABLE scale_r AS
     SELECT ix::INTEGER AS ix,
       CASE WHEN ix = 0 THEN '990000'
            WHEN ix <= ${cities} THEN '99' || lpad(ix::VARCHAR, 2, '0') || '00'
            ELSE '99' || lpad((1 + (ix - ${cities} - 1) // ${PER_CITY})::VARCHAR, 2, '0') || lpad((1 + (ix - ${cities} - 1) % ${PER_CITY})::VARCHAR, 2, '0') END AS code,
       CASE WHEN ix = 0 THEN 'province' WHEN ix <= ${cities} THEN 'city' ELSE 'county' END AS level
     FROM range(${1 + cities + counties}) t(ix)`,
    `INSERT INTO regions (region_code, name, level, parent_code, eval_group)
     SELECT code,
       CASE WHEN level = 'province' THEN '规模省'
            WHEN level = 'city' THEN coalesce(${list(CITY_NAMES)}[ix], ${list(PLACE_FIRST)}[1 + ix % ${PLACE_FIRST.length}] || ${list(PLACE_SECOND)}[1 + (ix * 7) % ${PLACE_SECOND.length}] || '市')
            ELSE ${list(PLACE_FIRST)}[1 + ix % ${PLACE_FIRST.length}] || ${list(PLACE_SECOND)}[1 + (ix // ${PLACE_FIRST.length} + ix * 3) % ${PLACE_SECOND.length}] || (CASE WHEN ix % 5 = 0 THEN '区' WHEN ix % 7 = 0 THEN '市' ELSE '县' END) END,
       level,
       CASE WHEN level = 'province' THEN NULL WHEN level = 'city' THEN '990000' ELSE substr(code, 1, 4) || '00' END,
       CASE WHEN level = 'county' THEN ${list(groups)}[1 + floor(${h01('ix', '1', 7)} * 4)::INTEGER] END
     FROM scale_r ORDER BY code`,
    // Indicator k takes quarterly spec k % 36; ids S001..S200.
    `CREATE OR REPLACE TABLE scale_k AS
     SELECT k::INTEGER AS ix, 'S' || lpad((k + 1)::VARCHAR, 3, '0') AS id, (k % ${QUARTERLY.length})::SMALLINT AS ts
     FROM range(${s.indicators}) t(k)`,
    `INSERT INTO indicators (indicator_id, name, dimension, unit, direction, basis, weight, method, satisfactory_value, disallowed_value, target_value)
     SELECT k.id, p.name || CASE WHEN k.ix >= ${QUARTERLY.length} THEN '（' || (k.ix // ${QUARTERLY.length} + 1)::VARCHAR || '）' ELSE '' END,
       p.dimension, p.unit, p.direction, p.basis, p.weight, p.method, p.satisfactory_value, p.disallowed_value, p.target_value
     FROM scale_k k JOIN scale_spec p ON p.ts = k.ts ORDER BY k.id`,
    // Per region and indicator: the template county and the factor (totals) or offset (rates), precomputed.
    `CREATE OR REPLACE TABLE scale_rk AS
     SELECT r.ix AS rix, r.code, k.ix AS kix, k.id, k.ts, ((r.ix * 7 + k.ix) % ${tpl.counties})::SMALLINT AS tc, p.unit = '%' AS pct,
       ${h01('r.ix', 'k.ix', 11)} AS u
     FROM scale_r r CROSS JOIN scale_k k JOIN scale_spec p ON p.ts = k.ts`,
  ];
  setup.push(
    // Period ix, template quarter (2025Q4 maps to the template's 2025Q4), older years at 0.78 of the level.
    `CREATE OR REPLACE TABLE scale_p AS
     SELECT pix::INTEGER AS pix, ${list(periods)}[pix + 1] AS period,
       ((pix % ${nTpl}) + ${nTpl} - ${periods.length % nTpl}) % ${nTpl} AS q, pix < ${periods.length - nTpl} AS old, pix < 4 AS first_year,
       CASE WHEN pix = ${periods.length - 1} THEN '快报' WHEN ${list(periods)}[pix + 1] LIKE '%Q4' THEN '年报' ELSE '季报' END AS stage
     FROM range(${periods.length}) t(pix)`,
  );
  const select = (where: string, order: string) => `INSERT INTO indicator_values
      (region_code, indicator_id, period, value, yoy_pct, annual_target, data_stage, src_id, src_row)
      SELECT rk.code, rk.id, p.period,
        CASE WHEN rk.pct THEN round(t.value + (rk.u - 0.5) * 2, 2) ELSE round(t.value * (0.6 + 0.8 * rk.u) * CASE WHEN p.old THEN 0.78 ELSE 1 END, 2) END,
        CASE WHEN p.first_year THEN NULL ELSE t.yoy END, NULL, p.stage,
        p.pix + 1, rk.rix * ${s.indicators} + rk.kix + 2
      FROM scale_rk rk CROSS JOIN scale_p p LEFT JOIN scale_tpl t ON t.tc = rk.tc AND t.ts = rk.ts AND t.q = p.q
      WHERE ${where}
      ORDER BY ${order}`;
  const values =
    order === 'period'
      ? periods.map((_p, pix) => select(`p.pix = ${pix}`, 'rk.rix, rk.kix'))
      : Array.from({ length: Math.ceil(s.indicators / 20) }, (_x, c) => select(`rk.kix BETWEEN ${c * 20} AND ${c * 20 + 19}`, 'rk.id, p.period, rk.code'));
  return { setup, values, cleanup: ['DROP TABLE scale_p', 'DROP TABLE scale_tpl', 'DROP TABLE scale_spec', 'DROP TABLE scale_r', 'DROP TABLE scale_k', 'DROP TABLE scale_rk'] };
}
