import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MASK_PROFILE, maskField, maskIdNumber, maskPersonal, maskPhone, PROJECTION_MASK_PROFILE, UNMASKED_PROFILE } from '../../shared/format/mask.js';

/*
 * Property tests of the masking module: for random ID and phone numbers, written as people type them (15 or 18
 * digits, an X check digit in any case and width, full-width digits, spaces or hyphens between groups, +86), the
 * masked text keeps exactly the head and tail digits, puts '*' on every hidden digit, keeps its length and every
 * other character where it was, and masking it again changes nothing.
 */

const d = (lo = 0, hi = 9) => fc.integer({ min: lo, max: hi }).map(String);
const digits = (n: number) => fc.array(d(), { minLength: n, maxLength: n }).map((a) => a.join(''));
const pad2 = (n: number) => String(n).padStart(2, '0');
const date8 = fc.record({ y: fc.integer({ min: 1900, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map((x) => `${x.y}${pad2(x.m)}${pad2(x.day)}`);
const region = fc.tuple(d(1, 9), digits(5)).map(([a, b]) => a + b);

/** An ID number as ASCII digits, with the sizes of the groups a person would space it in. */
const idNumber = fc.oneof(
  fc.tuple(region, date8, digits(3), fc.constantFrom(...'0123456789Xx'.split(''))).map(([r, dt, s, c]) => ({ digits: r + dt + s + c, groups: [6, 8, 4] })),
  fc.tuple(region, date8.map((x) => x.slice(2)), digits(3)).map(([r, dt, s]) => ({ digits: r + dt + s, groups: [6, 6, 3] })),
);
/** A phone number: 11-digit mobile or a landline with its area code; the prefix (+86) is kept, never counted. */
const phoneNumber = fc.oneof(
  fc.tuple(d(3, 9), digits(9)).map(([a, b]) => ({ digits: `1${a}${b}`, groups: [3, 4, 4] })),
  fc.tuple(d(1, 9), fc.integer({ min: 1, max: 2 }), d(2, 9), fc.integer({ min: 6, max: 7 })).chain(([a, areaRest, first, localRest]) =>
    fc.tuple(digits(areaRest), digits(localRest)).map(([ar, lr]) => ({ digits: `0${a}${ar}${first}${lr}`, groups: [2 + areaRest, 1 + localRest] })),
  ),
);

interface Written {
  readonly text: string;
  /** Index (in code points) of each digit of the number proper, in order; the prefix is not included. */
  readonly positions: readonly number[];
}

const FULL = (c: string) => (/[0-9]/.test(c) ? String.fromCodePoint(0xff10 + Number(c)) : c === 'X' || c === 'x' ? String.fromCodePoint(c === 'X' ? 0xff38 : 0xff58) : c);

/** Writes a number: full-width or not, with a separator between groups or none, after a prefix. */
function written(n: { digits: string; groups: number[] }, o: { full: boolean; sep: string; prefix: string }): Written {
  const out: string[] = [...o.prefix];
  const positions: number[] = [];
  let k = 0;
  n.groups.forEach((g, gi) => {
    if (gi > 0 && o.sep) out.push(o.sep);
    for (let i = 0; i < g; i++, k++) {
      positions.push(out.length);
      out.push(o.full ? FULL(n.digits[k] as string) : (n.digits[k] as string));
    }
  });
  return { text: out.join(''), positions };
}

const style = fc.record({ full: fc.boolean(), sep: fc.constantFrom('', ' ', '-', '\u3000') });
const context = fc.tuple(fc.constantFrom('', '身份证号', '电话：', '联系方式 ', '（'), fc.constantFrom('', '。', ' 有误', '）'));

/** Checks one masked output against the number it was given. */
function checkMasked(input: string, output: string, positions: readonly number[], head: number, tail: number) {
  const a = [...input];
  const b = [...output];
  expect(b.length).toBe(a.length);
  const hidden = new Set(positions.slice(head, positions.length - tail));
  for (let i = 0; i < a.length; i++) expect(b[i]).toBe(hidden.has(i) ? '*' : a[i]);
  // No hidden digit is left anywhere: what remains of the number is the head and the tail.
  expect(b.filter((c) => /[0-9\uff10-\uff19]/u.test(c)).length).toBe(a.filter((c) => /[0-9\uff10-\uff19]/u.test(c)).length - hidden.size);
}

describe('masking properties (fast-check)', () => {
  it('ID numbers keep 6 + 4, whatever their width, spacing and check digit; masking again changes nothing', () => {
    fc.assert(
      fc.property(idNumber, style, context, (n, s, [before, after]) => {
        const w = written(n, { ...s, prefix: '' });
        const input = before + w.text + after;
        const shift = [...before].length;
        const positions = w.positions.map((p) => p + shift);
        for (const f of [maskIdNumber, maskPersonal]) {
          const out = f(input);
          checkMasked(input, out, positions, 6, 4);
          expect(f(out)).toBe(out);
        }
        checkMasked(w.text, maskField(DEFAULT_MASK_PROFILE, 'idNo', w.text), w.positions, 6, 4);
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('phone numbers keep 3 + 4 after any +86 prefix, mobile or landline, full-width or spaced; idempotent', () => {
    fc.assert(
      fc.property(phoneNumber, style, fc.constantFrom('', '+86 ', '+86', '86', '+86-', '＋８６ '), context, (n, s, prefix, [before, after]) => {
        const w = written(n, { ...s, prefix: s.full ? prefix : prefix.replace('＋８６', '+86') });
        const input = before + w.text + after;
        const shift = [...before].length;
        const positions = w.positions.map((p) => p + shift);
        for (const f of [maskPhone, maskPersonal]) {
          const out = f(input);
          checkMasked(input, out, positions, 3, 4);
          expect(f(out)).toBe(out);
        }
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('two numbers in one text are both masked, each by its own rule', () => {
    fc.assert(
      fc.property(idNumber, phoneNumber, (id, ph) => {
        const text = `身份证 ${id.digits} 电话 ${ph.digits}`;
        const out = maskPersonal(text);
        expect(out).toBe(`身份证 ${id.digits.slice(0, 6)}${'*'.repeat(id.digits.length - 10)}${id.digits.slice(-4)} 电话 ${ph.digits.slice(0, 3)}${'*'.repeat(ph.digits.length - 7)}${ph.digits.slice(-4)}`);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('profiles: the default masks numbers but not names, projection masks names too, unmasked shows all', () => {
    expect(maskField(DEFAULT_MASK_PROFILE, 'name', '张小明')).toBe('张小明');
    expect(maskField(PROJECTION_MASK_PROFILE, 'name', '张小明')).toBe('张*明');
    expect(maskField(PROJECTION_MASK_PROFILE, 'name', '张三')).toBe('张*');
    expect(maskField(DEFAULT_MASK_PROFILE, 'idNo', '１１０１０１１９９００１０１１２３Ｘ')).toBe('１１０１０１********１２３Ｘ');
    expect(maskField(DEFAULT_MASK_PROFILE, 'phone', '138 1234 5678')).toBe('138 **** 5678');
    // A phone column value that is no recognisable number is still masked (3 + 4 from 8 characters, else all).
    expect(maskField(DEFAULT_MASK_PROFILE, 'phone', '6123-4567 ext 89')).toBe('612*********t 89');
    expect(maskField(DEFAULT_MASK_PROFILE, 'phone', '12345')).toBe('*****');
    expect(maskField(DEFAULT_MASK_PROFILE, 'text', '电话 +86 138-1234-5678')).toBe('电话 +86 138-****-5678');
    expect(maskField(UNMASKED_PROFILE, 'idNo', '110101199001011234')).toBe('110101199001011234');
    expect(maskField(UNMASKED_PROFILE, 'name', '张小明')).toBe('张小明');
    expect(maskField(DEFAULT_MASK_PROFILE, 'idNo', null)).toBeNull();
  });

  it('costs linear time on a hostile cell of 50,000 spaced digits (spans longer than 20 digits are not tried)', () => {
    const cell = Array.from({ length: 50_000 }, (_, i) => String(i % 10)).join(' ');
    const cpu = process.cpuUsage();
    expect(maskPersonal(cell)).toHaveLength(cell.length);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });

  it('leaves numbers that are neither alone: dates, codes, amounts, counts', () => {
    for (const s of ['2025-01-01', '2025 年 12 月', '330106', '1234567.89', '共 12 人 3 个', '第12345678行', '20250930', '０５７１']) expect(maskPersonal(s)).toBe(s);
  });
});
