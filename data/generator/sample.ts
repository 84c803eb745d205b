import { WORKSPACE_SCHEMA_VERSION, type WorkspaceManifest } from '../../shared/contract/workspace.js';
import { TABLES, type TableName } from '../../shared/model/tables.js';
import { addAdjustmentCases } from './careers.js';
import { generateRoster } from './cadres.js';
import { toCsv } from './csv.js';
import { generateMap } from './geo.js';
import { indicatorRows } from './indicators.js';
import { LAST_QUARTER } from './periods.js';
import { readmeText } from './readme.js';
import { cadreRecordRows } from './records.js';
import type { Reference, SampleTables } from './sample-types.js';
import { buildRegionModel, regionAliasRows, regionNameOf, regionRows, type RegionModel } from './regions.js';
import { warningRuleRows } from './rules.js';
import { generateValues, type Anomaly } from './values.js';

/** The embedded sample workspace, generated in memory: pure, deterministic, no I/O. */

export type { Reference, SampleTables } from './sample-types.js';

export interface SampleWorkspace {
  readonly model: RegionModel;
  readonly tables: SampleTables;
  readonly anomalies: readonly Anomaly[];
  readonly reference: Reference;
  readonly manifest: WorkspaceManifest;
  /** Every file of data/sample by relative path, in a fixed order. */
  readonly files: ReadonlyMap<string, string>;
}

export const SAMPLE_NAME = '示例省（虚构）样例工作区';
/** Fixed, so that the files are byte-identical on every run. */
export const SAMPLE_CREATED_AT = '2026-01-01T00:00:00.000Z';

function reference(tables: SampleTables, nameOf: (code: string) => string): Reference {
  const counties = new Set(tables.regions.filter((r) => r.level === 'county').map((r) => r.region_code));
  const a01 = tables.indicator_values
    .filter((r) => r.indicator_id === 'A01' && r.period === LAST_QUARTER && counties.has(r.region_code) && r.value !== null)
    .sort((a, b) => (b.value as number) - (a.value as number) || (a.region_code < b.region_code ? -1 : 1))
    .slice(0, 3);
  return { a01Top3: a01.map((r) => ({ region_code: r.region_code, name: nameOf(r.region_code), value: r.value as number })) };
}

function plantedJson(anomalies: readonly Anomaly[], ref: Reference): string {
  return `{"reference":${JSON.stringify(ref)},\n"anomalies":[\n${anomalies.map((a) => JSON.stringify(a)).join(',\n')}\n]}\n`;
}

export function generateSample(): SampleWorkspace {
  const model = buildRegionModel();
  const nameOf = regionNameOf(model);
  const values = generateValues(model, nameOf);
  const roster = generateRoster(model);
  addAdjustmentCases(model, roster.cadres, roster.appointments);
  const tables: SampleTables = {
    regions: regionRows(model),
    region_aliases: regionAliasRows(model),
    indicators: indicatorRows(),
    indicator_values: values.rows,
    cadres: roster.cadres,
    appointments: roster.appointments,
    assessments: roster.assessments,
    cadre_records: cadreRecordRows(roster.cadres, roster.appointments, values.anomalies),
    warning_rules: warningRuleRows(),
    warning_events: [],
    honour_lists: [],
  };
  const ref = reference(tables, nameOf);
  const rowsOf = (name: TableName): readonly object[] => tables[name];
  const manifest: WorkspaceManifest = {
    format: 'hengjian-workspace',
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    name: SAMPLE_NAME,
    description:
      `虚构的“示例省”（区划代码前缀99）：${model.cities.length}个地级市、${model.counties.length}个县级单位，${tables.indicators.length}项指标2021–2025年季度/年度数据，` +
      `干部名册、任职经历（含能上能下案例）、年度考核、干部记实和预警规则。所有人员与数据均为程序生成，不对应任何真实地区或个人。`,
    demo: true,
    createdAt: SAMPLE_CREATED_AT,
    tables: TABLES.map((t) => ({ name: t.name, file: `tables/${t.name}.csv`, format: 'csv' as const, rows: rowsOf(t.name).length })),
    geojson: 'map.geojson',
  };
  const files = new Map<string, string>();
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const t of TABLES) files.set(`tables/${t.name}.csv`, toCsv(t, rowsOf(t.name)));
  files.set('map.geojson', generateMap(model));
  files.set('planted.json', plantedJson(values.anomalies, ref));
  files.set('README.md', readmeText(tables, values.anomalies, ref, nameOf));
  return { model, tables, anomalies: values.anomalies, reference: ref, manifest, files };
}
