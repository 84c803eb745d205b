/** A small workspace with every awkward value a save must carry unchanged, and helpers to compare databases. */
import type { Connector, Row } from '../../shared/db/connector.js';
import { quoteIdent } from '../../shared/db/sql.js';
import { TABLES } from '../../shared/model/tables.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/** Text that breaks naive CSV: commas, quotes, CR/LF, leading/trailing spaces, a 4-byte GB18030 character. */
export const NASTY = '杭州市,"西湖"区\r\n第二行 𠀀 ';

/** The fixture as workspace files, with `marker` as the name of region 990101 (to tell two saves apart). */
export function trickyWorkspace(marker = '甲县'): Map<string, Uint8Array> {
  return fixtureWorkspace({
    regions: [
      { region_code: '990000', name: '测试省', level: 'province', parent_code: null, valid_from: '2000-01-01', valid_to: null },
      { region_code: '990100', name: NASTY, level: 'city', parent_code: '990000', eval_group: '一类', valid_from: '1999-12-31' },
      { region_code: '990101', name: marker, level: 'county', parent_code: '990100', valid_to: '2024-02-29' },
    ],
    indicators: [
      { indicator_id: 'GDP', name: '地区生产总值', unit: '亿元', direction: 1, weight: 0.1 + 0.2, satisfactory_value: 1e300 },
      { indicator_id: 'ENERGY', name: '单位GDP能耗"降低"率', direction: -1, weight: 5e-324, target_value: -123456.789 },
    ],
    indicator_values: [
      { region_code: '990101', indicator_id: 'GDP', period: '2025Q1', value: 123.45, yoy_pct: -0.07, data_stage: '快报' },
      { region_code: '990101', indicator_id: 'GDP', period: '2025Q2', value: null, yoy_pct: 1 / 3 },
      { region_code: '990100', indicator_id: 'ENERGY', period: '2025', value: 2 ** 53 + 2, annual_target: 0.1 },
    ],
    cadres: [{ cadre_id: 'C001', name: '张三', gender: '男', id_no: '99010119800101001X', current_post: NASTY }],
    appointments: [
      { cadre_id: 'C001', org_name: '甲县委', region_code: '990101', post_title: '书记', is_top_leader: true, start_ym: '2021-06' },
      { cadre_id: 'C001', org_name: '乙局', post_title: '局长', is_top_leader: false, start_ym: '2018-01', end_ym: '2021-05' },
      { cadre_id: 'C001', post_title: '科员', is_top_leader: null, start_ym: '2010-07' },
    ],
    assessments: [{ cadre_id: 'C001', year: 2024, result: '优秀', kind: '年度' }],
    warning_rules: [
      { rule_id: 'R1', name: '连续下降', condition: 'consecutive_decline', params: '{"n":3,"note":"a,b \\"c\\""}', level: 'yellow', enabled: true, version: 2 },
    ],
  }).files;
}

/** Load files into a database through the product's loader. */
export async function loadFiles(db: Connector, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await loadWorkspace(db, async (p) => {
    const b = files.get(p);
    if (!b) throw new Error(`missing ${p}`);
    return b;
  });
}

/** Make '' (which the fixture writer cannot express: it writes NULL) appear in a few cells. */
export async function addEmptyStrings(db: Connector): Promise<void> {
  await db.query(`UPDATE regions SET eval_group = '' WHERE region_code = '990101'`);
  await db.query(`UPDATE cadres SET ethnicity = '' WHERE cadre_id = 'C001'`);
}

/** Every canonical table's rows in stored order, for exact comparison between two databases. */
export async function dumpTables(db: Connector): Promise<Record<string, readonly Row[]>> {
  const out: Record<string, readonly Row[]> = {};
  for (const t of TABLES) out[t.name] = (await db.query(`SELECT * FROM ${quoteIdent(t.name)}`)).rows;
  return out;
}

/** Names of the tables in the current schema. */
export async function tableNames(db: Connector): Promise<string[]> {
  const r = await db.query(`SELECT table_name AS n FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`);
  return r.rows.map((x) => String(x.n));
}
