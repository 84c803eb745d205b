import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/contract/errors.js';
import { LRM_UNSUPPORTED, readLrm, readLrmx, readLrmxBatch } from '../../../../shared/ingest/readers/lrmx/lrmx.js';
import { DEFAULT_LIMITS, type SourceFile } from '../../../../shared/ingest/types.js';

const dir = fileURLToPath(new URL('../../../fixtures/lrmx/', import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(dir + name));
const src = (name: string, text: string | Uint8Array): SourceFile => ({ name, bytes: typeof text === 'string' ? strToU8(text) : text });
const protoKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const PROTO = protoKeys();

/** The ImportError code thrown by f, or 'record' when it returned. */
function outcome(f: () => unknown): string {
  try {
    f();
    return 'record';
  } catch (e) {
    if (e instanceof ImportError) return e.code;
    throw e;
  }
}

const PERSON = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Person>${body}</Person>`;

describe('hostile .lrmx files', () => {
  it('refuses DOCTYPE, external entities and billion laughs without expanding anything', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>';
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      ']><Person><XingMing>&lol9;</XingMing></Person>';
    expect(outcome(() => readLrmx(src('xxe.lrmx', xxe)))).toBe('xml.doctype');
    expect(outcome(() => readLrmx(src('lol.lrmx', lol)))).toBe('xml.doctype');
    expect(outcome(() => readLrmx(src('ent.lrmx', PERSON('<XingMing>&lol;</XingMing>'))))).toBe('xml.entity');
  });

  it('rejects truncated, non-XML, wrong-root, binary, empty, deep and oversized files with ImportError', () => {
    const whole = new TextDecoder().decode(fixture('zhang-weiguo.lrmx'));
    expect(outcome(() => readLrmx(src('cut.lrmx', whole.slice(0, 1500))))).toBe('xml.malformed');
    expect(outcome(() => readLrmx(src('csv.lrmx', '姓名,性别\n张三,男\n')))).toBe('lrmx.not-xml');
    expect(outcome(() => readLrmx(src('root.lrmx', '<Root><XingMing>张三</XingMing></Root>')))).toBe('lrmx.root');
    expect(outcome(() => readLrmx(src('png.lrmx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))))).toBe('text.binary');
    expect(outcome(() => readLrmx(src('empty.lrmx', new Uint8Array(0))))).toBe('file.empty');
    expect(outcome(() => readLrmx(src('deep.lrmx', PERSON('<a>'.repeat(5000) + '</a>'.repeat(5000)))))).toBe('xml.depth');
    expect(outcome(() => readLrmx(src('many.lrmx', PERSON('<a/>'.repeat(200_000)))))).toBe('xml.nodes');
    const small = { ...DEFAULT_LIMITS, maxFileBytes: 1000 };
    expect(outcome(() => readLrmx(src('big.lrmx', fixture('zhang-weiguo.lrmx')), small))).toBe('lrmx.too-large');
    let message = '';
    try { readLrmx(src('root.lrmx', '<Root/>')); } catch (e) { message = (e as Error).message; }
    expect(message).toBe('文件 root.lrmx 不是干部任免审批表：根元素是 <Root>，应为 <Person>');
  });

  it('reads a form with a 10 MB photo in under 2 s and keeps none of it', () => {
    const photo = 'QUJD'.repeat(2_621_440);
    const t0 = performance.now();
    const r = readLrmx(src('photo.lrmx', PERSON(`<XingMing>钱进</XingMing><ZhaoPian>${photo}</ZhaoPian>`)));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.hasPhoto).toBe(true);
    expect(JSON.stringify(r).length).toBeLessThan(5000);
    const nested = readLrmx(src('nested.lrmx', PERSON(`<XingMing>钱进</XingMing><JianLi>2020.01-- 县长<ZhaoPian>${photo.slice(0, 4000)}</ZhaoPian></JianLi>`)));
    expect(JSON.stringify(nested)).not.toContain('QUJDQUJD');
  });

  it('never lets element names reach Object.prototype', () => {
    const r = readLrmx(src('proto.lrmx', PERSON('<__proto__><polluted>1</polluted></__proto__><constructor>x</constructor><XingMing>张三</XingMing>')));
    expect(r.cadre.name).toBe('张三');
    expect(r.unknownElements).toEqual(['__proto__', 'constructor']);
    expect(protoKeys()).toEqual(PROTO);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses the legacy binary .lrm, but reads an .lrm that is XML', () => {
    const lrm = src('张三.lrm', new Uint8Array([0x4c, 0x52, 0x4d, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x10, 0x20]));
    expect(() => readLrm(lrm)).toThrow(LRM_UNSUPPORTED);
    expect(outcome(() => readLrm(lrm))).toBe('lrm.legacy');
    expect(readLrm(src('张卫国.lrm', fixture('zhang-weiguo.lrmx'))).cadre.name).toBe('张卫国');
  });
});

describe('readLrmxBatch', () => {
  const names = ['zhang-weiguo.lrmx', 'li-xiaohong.lrmx', 'wang-jianjun-gb18030.lrmx', 'zhao-min-minimal.lrmx', 'sun-hai-problems.lrmx'];

  it('reads a zip of forms, skipping other entries and reporting broken and legacy ones', () => {
    const zip = zipSync({
      '干部任免审批表/': new Uint8Array(0),
      ...Object.fromEntries(names.map((n) => [`干部任免审批表/${n}`, fixture(n)])),
      '干部任免审批表/说明.txt': strToU8('共五人'),
      '干部任免审批表/旧表.lrm': new Uint8Array([1, 2, 3, 4]),
      '干部任免审批表/损坏.lrmx': strToU8('<Person><XingMing>半截'),
      '__MACOSX/._zhang-weiguo.lrmx': new Uint8Array([0, 5, 22, 7]),
    });
    const b = readLrmxBatch(src('青川市干部.zip', zip));
    expect(b.records.map((r) => r.cadre.name)).toEqual(['张卫国', '李晓红', '王建军', '赵敏', '孙海']);
    expect(b.records.every((r) => r.container === '青川市干部.zip')).toBe(true);
    expect(b.records[0]?.file).toBe('干部任免审批表/zhang-weiguo.lrmx');
    expect(b.records.flatMap((r) => r.appointments)).toHaveLength(5 + 4 + 6 + 0 + 3);
    expect(b.records.flatMap((r) => r.assessments)).toHaveLength(3 + 2 + 0 + 0 + 2);
    expect(b.skipped).toEqual(['干部任免审批表/说明.txt']);
    expect(b.failures.map((f) => [f.file, f.error.code])).toEqual([
      ['干部任免审批表/旧表.lrm', 'lrm.legacy'],
      ['干部任免审批表/损坏.lrmx', 'xml.malformed'],
    ]);
  });

  it('takes a list of files and zips, and flags the same cadre met twice', () => {
    const zip = zipSync({ 'a.lrmx': fixture('li-xiaohong.lrmx') });
    const b = readLrmxBatch([src('li-xiaohong.lrmx', fixture('li-xiaohong.lrmx')), src('b.zip', zip), src('x.lrmx', '<Root/>')]);
    expect(b.records).toHaveLength(2);
    expect(b.records[1]?.issues.at(-1)?.reason).toBe('与文件 li-xiaohong.lrmx 是同一名干部（李晓红），请确认保留哪一份');
    expect(b.failures.map((f) => f.error.code)).toEqual(['lrmx.root']);
  });

  it('stops a zip bomb before inflating it', () => {
    const zip = zipSync({ 'bomb.lrmx': strToU8(PERSON(' '.repeat(8 * 1024 * 1024))) }, { level: 9 });
    const b = readLrmxBatch(src('bomb.zip', zip), { ...DEFAULT_LIMITS, maxInflatedBytes: 4 * 1024 * 1024 });
    expect(b.records).toEqual([]);
    expect(b.failures.map((f) => f.error.code)).toEqual(['zip.bomb']);
  });
});

describe('mutated forms (property)', () => {
  const seeds = ['zhang-weiguo.lrmx', 'li-xiaohong.lrmx', 'wang-jianjun-gb18030.lrmx', 'chen-zhiyuan.lrmx', 'sun-hai-problems.lrmx'].map(fixture);
  const INJECT = [
    '<!DOCTYPE Person [<!ENTITY a "b">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', '&a;', '&#0;', '&#x110000;', '<![CDATA[',
    ']]>', '<__proto__>1</__proto__>', '<JianLi>2020.01-- 县委书记</JianLi>', '\uFEFF', '\u0000', '</Person>', '<Person>',
  ].map((s) => strToU8(s));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), what: fc.nat({ max: INJECT.length - 1 }) }),
    fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), size: fc.integer({ min: 1, max: 300_000 }), byte: fc.constantFrom(0x41, 0x31, 0x2d, 0x3c, 0x26, 0xe5) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
  const apply = (b: Uint8Array, m: Mutation): Uint8Array => {
    const at = m.at % (b.length + 1);
    if (m.kind === 'cut') return b.slice(0, at);
    if (m.kind === 'flip') { const c = b.slice(); c[at % c.length] = m.byte; return c; }
    const ins = m.kind === 'inject' ? (INJECT[m.what] as Uint8Array) : new Uint8Array(m.size).fill(m.byte);
    const out = new Uint8Array(b.length + ins.length);
    out.set(b.subarray(0, at)); out.set(ins, at); out.set(b.subarray(at), at + ins.length);
    return out;
  };

  it('returns a record or throws ImportError, fast, and never touches Object.prototype', () => {
    fc.assert(fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, ms) => {
      const bytes = ms.reduce(apply, seeds[which] as Uint8Array);
      const t0 = performance.now();
      let rec;
      try {
        rec = readLrmx({ name: 'm.lrmx', bytes });
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
      }
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(protoKeys()).toEqual(PROTO);
      if (rec) {
        expect(JSON.stringify([rec.cadre, rec.appointments, rec.assessments, rec.extras])).not.toContain('iVBORw0KGgo');
        expect(rec.appointments.every((a) => /^\d{4}-\d{2}$/.test(a.start_ym))).toBe(true);
      }
    }), { seed: 20261101, numRuns: 1500 });
  }, 60_000);
});
