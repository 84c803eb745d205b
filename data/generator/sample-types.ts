import type {
  AppointmentRow,
  AssessmentRow,
  CadreRecordRow,
  CadreRow,
  HonourListRow,
  IndicatorRow,
  IndicatorValueRow,
  RegionAliasRow,
  RegionRow,
  WarningEventRow,
  WarningRuleRow,
} from '../../shared/model/tables.js';

/** The sample's tables as rows, and the reference numbers its README and tests quote. */
export interface SampleTables {
  regions: RegionRow[];
  region_aliases: RegionAliasRow[];
  indicators: IndicatorRow[];
  indicator_values: IndicatorValueRow[];
  cadres: CadreRow[];
  appointments: AppointmentRow[];
  assessments: AssessmentRow[];
  cadre_records: CadreRecordRow[];
  warning_rules: WarningRuleRow[];
  warning_events: WarningEventRow[];
  honour_lists: HonourListRow[];
}

export interface Reference {
  /** The three counties with the largest A01 in the newest quarter, largest first. */
  readonly a01Top3: readonly { region_code: string; name: string; value: number }[];
}
