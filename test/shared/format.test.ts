import { describe, expect, it } from 'vitest';
import { columnDecimals, formatGap, formatMove, formatRank, formatValue, gapUnit } from '../../shared/format/number.js';
import { escapeHtml } from '../../shared/format/html.js';
import { quoteIdent, quoteValue, sql } from '../../shared/db/sql.js';
import { translator } from '../../shared/i18n/messages.js';

describe('formatting', () => {
  it('follows the habits of Chinese statistics', () => {
    expect(formatValue(1234.567, '亿元')).toBe('1,234.57');
    expect(formatValue(6.25, '%')).toBe('6.3');
    expect(formatValue(null, '%')).toBe('—');
    expect(formatGap(0.75, '%')).toBe('+0.8');
    expect(formatGap(-32.5, '亿元')).toBe('−32.50');
    expect(formatGap(0.0001, '%')).toBe('0.0');
    expect(gapUnit('%')).toBe('个百分点');
    expect(formatRank(3)).toBe('第3位');
    expect([formatMove(2), formatMove(-3), formatMove(0), formatMove(null), formatMove(-1, 'en')]).toEqual(['前进2位', '后退3位', '持平', '—', 'down 1']);
    expect(escapeHtml('<b>"甲"&\'乙\'</b>')).toBe('&lt;b&gt;&quot;甲&quot;&amp;&#39;乙&#39;&lt;/b&gt;');
  });
  it('translates with placeholders in both languages', () => {
    expect(translator('zh-CN')('ranking.compared', { n: 5 })).toBe('参与比较 5 个地区');
    expect(translator('en')('ranking.compared', { n: 5 })).toBe('5 regions compared');
  });
});

describe('SQL quoting', () => {
  it('quotes identifiers and values, never pasting input', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteValue("it's")).toBe("'it''s'");
    expect(quoteValue(Number.NaN)).toBe('NULL');
    expect(sql`SELECT ${sql.ident('x')} FROM t WHERE a = ${"1' OR 1=1 --"} AND b IN (${['p', 'q']})`).toBe(
      `SELECT "x" FROM t WHERE a = '1'' OR 1=1 --' AND b IN ('p', 'q')`,
    );
    expect(() => quoteValue('a\u0000b')).toThrow();
  });
});

describe('one number format per column', () => {
  it('keeps the unit’s decimals, else 0 for whole columns and 2 as soon as one value has a fraction', () => {
    expect(columnDecimals('%', [1, 2.55])).toBe(1);
    expect(columnDecimals('件/万人', [12, 30, null])).toBe(0);
    expect(columnDecimals('件/万人', [12, 12.5])).toBe(2);
    expect([12, 12.5].map((v) => formatValue(v, '件/万人', 'zh-CN', columnDecimals('件/万人', [12, 12.5])))).toEqual(['12.00', '12.50']);
    expect(formatGap(-0.5, null, 'zh-CN', 0)).toBe('−1');
  });
});
