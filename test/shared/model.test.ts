import { describe, expect, it } from 'vitest';
import {
  assessmentResultOf,
  cityOf,
  createTableSql,
  isRegionCode,
  isWithin,
  normalizeRegionCode,
  parentOf,
  periodEndDate,
  periodLabel,
  periodLabelZh,
  previousPeriod,
  provinceOf,
  regionLevel,
  samePeriodLastYear,
  tableDef,
  TABLES,
} from '../../shared/model/index.js';

describe('GB/T 2260 region codes', () => {
  it('tells levels by shape, with real codes of other provinces', () => {
    expect(regionLevel('330000')).toBe('province');
    expect(regionLevel('330100')).toBe('city');
    expect(regionLevel('330102')).toBe('county');
    expect(regionLevel('110101')).toBe('county');
    expect(regionLevel('990000')).toBe('province');
  });
  it('finds parents, including province-administered counties (PP90XX)', () => {
    expect(parentOf('330102')).toBe('330100');
    expect(parentOf('330100')).toBe('330000');
    expect(parentOf('330000')).toBeNull();
    expect(parentOf('429004')).toBe('420000'); // 仙桃市 is administered by 湖北省 directly
    expect(cityOf('429004')).toBeNull();
    expect(cityOf('510105')).toBe('510100');
    expect(provinceOf('510105')).toBe('510000');
    expect(isWithin('510105', '510000')).toBe(true);
    expect(isWithin('510105', '510100')).toBe(true);
    expect(isWithin('510105', '520100')).toBe(false);
  });
  it('normalises what spreadsheets hold and rejects what is not a code', () => {
    expect(normalizeRegionCode(330102)).toBe('330102');
    expect(normalizeRegionCode(' ３３０１０２ ')).toBe('330102');
    expect(normalizeRegionCode('330102000000')).toBe('330102');
    expect(normalizeRegionCode('33010')).toBeNull();
    expect(normalizeRegionCode('100000')).toBeNull();
    expect(normalizeRegionCode(330102.5)).toBeNull();
    expect(normalizeRegionCode(null)).toBeNull();
    expect(isRegionCode('099999')).toBe(false);
    expect(() => regionLevel('abc')).toThrow(/行政区划代码/);
  });
});

describe('periods', () => {
  it('steps back and reads year-to-date labels as bulletins do', () => {
    expect(previousPeriod('2025Q1')).toBe('2024Q4');
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(previousPeriod('2025')).toBe('2024');
    expect(samePeriodLastYear('2025Q3')).toBe('2024Q3');
    expect(periodLabelZh('2025Q1')).toBe('2025年一季度');
    expect(periodLabelZh('2025Q2')).toBe('2025年上半年');
    expect(periodLabelZh('2025Q3')).toBe('2025年前三季度');
    expect(periodLabelZh('2025Q4')).toBe('2025年全年');
    expect(periodLabelZh('2025Q4', '当期')).toBe('2025年第四季度');
    expect(periodLabelZh('2025-09')).toBe('2025年1-9月');
  });

  it('spells out the basis in the one period label users read', () => {
    expect(periodLabel('2025Q3', '累计')).toBe('2025年前三季度（1-9月累计）');
    expect(periodLabel('2025Q3', '当期')).toBe('2025年第三季度（当季）');
    expect(periodLabel('2025Q1', null)).toBe('2025年一季度（1-3月累计）');
    expect(periodLabel('2025Q4')).toBe('2025年全年（1-12月累计）');
    expect(periodLabel('2025-09', '累计')).toBe('2025年1-9月（累计）');
    expect(periodLabel('2025-09', '当期')).toBe('2025年9月（当月）');
    expect(periodLabel('2025', '年度')).toBe('2025年（年度）');
    expect(periodLabel('2025Q3', '累计', 'en')).toBe('2025 Q1–Q3 (Jan–Sep, year to date)');
    expect(periodLabel('2025Q3', '当期', 'en')).toBe('2025 Q3 (quarter)');
    expect(periodLabel('坏期间')).toBe('坏期间');
    expect(periodEndDate('2024Q1')).toBe('2024-03-31');
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    expect(periodEndDate('2025')).toBe('2025-12-31');
  });
});

describe('canonical tables', () => {
  it('holds the eleven tables of the domain with Chinese labels on every column', () => {
    expect(TABLES.map((t) => t.name)).toEqual([
      'regions', 'region_aliases', 'indicators', 'indicator_values', 'cadres', 'appointments', 'assessments', 'cadre_records', 'warning_rules', 'warning_events', 'honour_lists',
    ]);
    for (const t of TABLES) for (const c of t.columns) expect(c.label.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(tableDef('cadres').columns.find((c) => c.name === 'id_no')?.sensitive).toBe(true);
  });
  it('writes DDL with quoted identifiers', () => {
    expect(createTableSql(tableDef('assessments'))).toBe(
      'CREATE OR REPLACE TABLE "assessments" ("cadre_id" VARCHAR, "year" INTEGER, "result" VARCHAR, "kind" VARCHAR)',
    );
  });
  it('reads assessment grades from codes and free text', () => {
    expect(assessmentResultOf('1')).toBe('优秀');
    expect(assessmentResultOf('2023年度考核基本称职')).toBe('基本称职');
    expect(assessmentResultOf('不合格')).toBe('不合格');
    expect(assessmentResultOf('未考核')).toBeNull();
  });
});
