import { describe, expect, it } from 'vitest';
import { basisNote, periodWithBases } from '../../../shared/ingest/layout/period-basis.js';

describe('a sheet’s period with the basis of its indicators', () => {
  it('labels the period once per basis, year-to-date when the catalogue says nothing', () => {
    expect(periodWithBases('2025Q3', [null, '累计'])).toBe('2025年前三季度（1-9月累计）');
    expect(periodWithBases('2025Q3', ['当期', '累计'])).toBe('2025年第三季度（当季） / 2025年前三季度（1-9月累计）');
    expect(periodWithBases('2025Q3', [])).toBe('2025年前三季度（1-9月累计）');
    expect(periodWithBases(null, ['累计'])).toBeNull();
  });

  it('says so when a title reads 第三季度 over year-to-date indicators, and the reverse', () => {
    expect(basisNote('2025Q3', ['累计'], '2025年第三季度各县主要指标')).toMatch(/^标题「2025年第三季度各县主要指标」像是当季（当月）数据.*2025年前三季度（1-9月累计）/);
    expect(basisNote('2025Q3', [null], '2025年三季度主要指标')).not.toBeNull();
    expect(basisNote('2025Q3', ['累计'], '2025年前三季度各县主要指标')).toBeNull();
    expect(basisNote('2025Q3', ['累计'], '2025年1-9月主要经济指标')).toBeNull();
    expect(basisNote('2025Q3', ['当期'], '2025年第三季度主要指标')).toBeNull();
    expect(basisNote('2025Q3', ['当期'], '2025年1-9月主要经济指标')).toMatch(/累计数据的写法.*2025年第三季度（当季）/);
    expect(basisNote('2025Q3', ['累计'], null)).toBeNull();
  });
});
