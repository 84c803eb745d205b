import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { RawSheet } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { writeZip, type ZipWriteOptions } from '../../../fixtures/sheets/zip-writer.js';

/**
 * Workbooks as real producers write them: XlsxWriter (constant_memory) and openpyxl files made by
 * make-producers.py, and the same packages re-zipped the way streaming writers do (ZIP64, data descriptors, stored).
 * Every expected value is written out by hand from what the producer was told to write.
 */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));
const read = (name: string, bytes: Uint8Array): RawSheet[] => readXlsx({ name, bytes });

/** XlsxWriter: a merged title, 0.00% (0.125 → 12.5; 0.1 + 0.2 → 30), 45930 in yyyy"年"m"月"d"日" → 2025-09-30. */
const XLSXWRITER: RawSheet[] = [{
  file: '指标.xlsx',
  sheet: '指标',
  rows: [
    ['2025年三季度主要指标'],
    ['地区', '区划代码', '增速', '完成日期', '是否达标', '人均值'],
    ['甲市', '990100', 12.5, '2025-09-30', true, '#DIV/0!'],
    ['乙市', '990200', 30, '2025-06-01', false, 1234.56],
    ['甲市合计', null, null, '2025-03-01'],
    ['注：数据来源于统计局'],
  ],
  merges: [{ r0: 0, c0: 0, r1: 0, c1: 5 }],
}];

describe('workbooks written by Python producers', () => {
  it('XlsxWriter constant_memory: inline strings, rich runs, formula string and error results, Chinese formats', () => {
    expect(read('指标.xlsx', fixture('xlsxwriter-stream.xlsx'))).toEqual(XLSXWRITER);
  });

  it('the same package re-zipped as POI SXSSF/EasyExcel (ZIP64), excelize/Go (descriptors) or stored entries', () => {
    const parts = Object.fromEntries(Object.entries(unzipSync(fixture('xlsxwriter-stream.xlsx'))));
    const variants: ZipWriteOptions[] = [{ zip64: true }, { zip64: true, descriptor: true }, { descriptor: true }, { method: 0 }, { method: 0, zip64: true }];
    for (const opts of variants) {
      expect([opts, read('指标.xlsx', writeZip(parts, opts))]).toEqual([opts, XLSXWRITER]);
    }
  });

  it('openpyxl with the 1904 date system, numeric character references and a veryHidden sheet', () => {
    expect(read('名册.xlsx', fixture('openpyxl-1904.xlsx'))).toEqual([
      {
        file: '名册.xlsx', sheet: '名册', merges: [], rows: [
          ['姓名', '出生日期', '任职时间', '得分'],
          ['张三', '1975-03-15', '2021-06-01 08:30:00', 95.5], // 26006 days after 1904-01-01
          ['李四', '1988-12-01', '2019-01-02 00:00:00', '#N/A'],
        ],
      },
      { file: '名册.xlsx', sheet: '参数', rows: [['版本', 3]], merges: [], hidden: true },
    ]);
    const wb = strFromU8(unzipSync(fixture('openpyxl-1904.xlsx'))['xl/workbook.xml']!);
    expect(wb).toContain('date1904="1"');
  });

  it('openpyxl with iso_dates: t="d" cells', () => {
    expect(read('考核.xlsx', fixture('openpyxl-isodates.xlsx'))).toEqual([
      { file: '考核.xlsx', sheet: '考核', merges: [], rows: [['姓名', '考核日期', '时间'], ['王五', '2024-12-31', '2025-01-02 09:15:30']] },
    ]);
  });
});
