import { describe, expect, it } from 'vitest';
import { hasPersonal, maskIdNumber, maskPersonal, maskPhone } from '../../shared/format/mask.js';
import { csvField, neutralizeCell } from '../../shared/format/sheet-cell.js';
import { html } from '../../shared/format/html.js';

describe('masking personal data', () => {
  it('masks ID numbers 6 + 4, 18 and 15 digits, X included', () => {
    expect(maskIdNumber('110101199001017777')).toBe('110101********7777');
    expect(maskIdNumber('11010119900101777X')).toBe('110101********777X');
    expect(maskIdNumber('110101900101777')).toBe('110101*****1777');
    expect(maskPersonal('身份证号 330106198512120021 有误')).toBe('身份证号 330106********0021 有误');
  });
  it('masks phone numbers 3 + 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 13812345678')).toBe('+86 138****5678');
    expect(maskPhone('0571-88881234')).toBe('057*-****1234');
  });
  it('leaves codes, amounts and dates alone', () => {
    for (const s of ['330106', '2025Q3', '1234567.89', '20250930', '1990-01-01', '第12345678行', '330106000000']) expect(maskPersonal(s)).toBe(s);
    expect(hasPersonal('330106')).toBe(false);
    expect(hasPersonal('电话13812345678')).toBe(true);
  });
});

describe('cells written for Excel', () => {
  it('never start a formula: = + - @ tab CR LF', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '\n=HYPERLINK("x")']) expect(neutralizeCell(s)).toBe(`'${s}`);
    for (const s of ['-5.5', '+3', '12.3%', '1,234', '地区']) expect(neutralizeCell(s)).toBe(s);
  });
  it('keeps an embedded newline inside its quoted cell', () => {
    expect(csvField('甲\n=1+1')).toBe('"甲\n=1+1"');
    expect(csvField('\n=1+1')).toBe(`"'\n=1+1"`);
    expect(csvField('a"b')).toBe('"a""b"');
  });
});

describe('HTML from data', () => {
  it('escapes every interpolated value, numbers and units included', () => {
    const unit = '<img src=x onerror=alert(1)>';
    expect(html`${'甲县'}<br/>${12.5} ${unit}`).toBe('甲县<br/>12.5 &lt;img src=x onerror=alert(1)&gt;');
  });
});
