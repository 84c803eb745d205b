import { describe, expect, it } from 'vitest';
import { maskName } from '../../shared/format/mask.js';

describe('maskName: names of people on a projector', () => {
  it('keeps the first character, and the last from three characters on', () => {
    expect(maskName('金明')).toBe('金*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('王')).toBe('*');
  });
  it('trims, keeps blank names, and counts code points not UTF-16 units', () => {
    expect(maskName('  丁涛健 ')).toBe('丁*健');
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('   ');
    // U+20BB7 𠮷 is two UTF-16 units: still one character
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('𠮷野')).toBe('𠮷*');
  });
  it('masks each word of a Latin name, keeping its first letter', () => {
    expect(maskName('Zhang San')).toBe('Z**** S**');
  });
  it('never lets a hostile name through: markup and formulas lose everything but one or two characters', () => {
    const hostile = '=HYPERLINK("x")<script>\uFFFE';
    const masked = maskName(hostile);
    expect(masked).toBe('=' + '*'.repeat([...hostile].length - 2) + '\uFFFE');
    expect(masked).not.toContain('<');
  });
});
