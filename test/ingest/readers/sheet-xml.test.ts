import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImportError } from '../../../shared/contract/errors.js';
import { localName, parseXml, scanXml, XmlScanner, type XmlElement } from '../../../shared/ingest/readers/xml.js';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e.code;
    throw e;
  }
  return 'ok';
}

const LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
  ']>\n<lolz>&lol9;</lolz>';
const XXE = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA and character references', () => {
    const root = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- 干部任免审批表 -->\n' +
      '<Person xmlns:x="urn:x" id="7">\r\n<XingMing>张&amp;三</XingMing><x:JianLi a=\'1 &lt; 2\'><![CDATA[<b>1990.09—1994.07</b>]]>&#x4E2D;&#22269;</x:JianLi>' +
      '<?pi ignored?><Empty/></Person>', 'a.lrmx');
    expect(root.name).toBe('Person');
    expect(root.attrs).toEqual({ 'xmlns:x': 'urn:x', id: '7' });
    expect(Object.getPrototypeOf(root.attrs)).toBeNull();
    expect(root.children.map((c) => c.name)).toEqual(['XingMing', 'x:JianLi', 'Empty']);
    expect(root.children[0]?.text).toBe('张&三');
    expect(root.children[1]?.attrs.a).toBe('1 < 2');
    expect(root.children[1]?.text).toBe('<b>1990.09—1994.07</b>中国');
    expect(localName(root.children[1]?.name ?? '')).toBe('JianLi');
    expect(root.text).toBe('\n');
    expect(root.children[2]).toEqual({ name: 'Empty', attrs: {}, children: [], text: '' });
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const root = parseXml('<__proto__ __proto__="x" constructor="y"><constructor>z</constructor></__proto__>', 'p.xml');
    expect(root.name).toBe('__proto__');
    expect(Object.keys(root.attrs)).toEqual(['__proto__', 'constructor']);
    expect(root.attrs.__proto__).toBe('x');
    expect(root.children[0]?.text).toBe('z');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(parseXml('<a b="1"/>', 'q.xml').attrs.constructor).toBeUndefined();
  });

  it('refuses a DOCTYPE (billion laughs, XXE) without expanding anything', () => {
    const t = performance.now();
    expect(code(() => parseXml(LAUGHS, 'lol.xml'))).toBe('xml.doctype');
    expect(code(() => parseXml(XXE, 'xxe.xml'))).toBe('xml.doctype');
    expect(code(() => parseXml('<a><!DOCTYPE a></a>', 'mid.xml'))).toBe('xml.doctype');
    expect(code(() => parseXml('<a><!ENTITY x "y"></a>', 'ent.xml'))).toBe('xml.doctype');
    expect(performance.now() - t).toBeLessThan(100);
    expect(() => parseXml(XXE, 'xxe.xml')).toThrow(/xxe\.xml.*DOCTYPE/);
  });

  it('refuses undefined entities and decodes invalid code points as U+FFFD', () => {
    expect(code(() => parseXml('<a>&lol;</a>', 'e.xml'))).toBe('xml.entity');
    expect(code(() => parseXml('<a>&#xZZ;</a>', 'e.xml'))).toBe('xml.malformed');
    expect(code(() => parseXml('<a>AT&T</a>', 'e.xml'))).toBe('xml.malformed');
    expect(parseXml('<a>&#0;&#xD800;&#x110000;&#65;</a>', 'e.xml').text).toBe('\uFFFD\uFFFD\uFFFDA');
  });

  it('reports malformed XML with a line number', () => {
    const cases: [string, number][] = [
      ['<a>\n<b>\n</a>', 3], ['<a>\n\n<b x=1/></a>', 3], ['<a></a><b/>', 1], ['<a', 1], ['text', 1], ['', 1],
      ['<a>\n</b>', 2], ['<a b="1" b="2"/>', 1], ['<a b="<"/>', 1], ['<1a/>', 1], ['<a/>\nx', 2], ['<a><!x></a>', 1],
    ];
    for (const [xml, line] of cases) {
      try {
        parseXml(xml, 'm.xml');
        expect.unreachable(xml);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        expect((e as ImportError).code).toBe('xml.malformed');
        expect((e as ImportError).location).toEqual({ file: 'm.xml', row: line });
        expect((e as ImportError).message).toContain(`第 ${line} 行`);
      }
    }
  });

  it('bounds depth and node count', () => {
    expect(code(() => parseXml('<a>'.repeat(300) + '</a>'.repeat(300), 'd.xml'))).toBe('xml.depth');
    expect(code(() => parseXml('<a>'.repeat(20) + '</a>'.repeat(20), 'd.xml', { maxDepth: 10 }))).toBe('xml.depth');
    expect(code(() => parseXml(`<r>${'<i/>'.repeat(101)}</r>`, 'n.xml', { maxNodes: 100 }))).toBe('xml.nodes');
    expect(code(() => parseXml('<a>'.repeat(100_000) + '</a>'.repeat(100_000), 'd.xml'))).toBe('xml.depth');
  });

  it('runs in linear time on adversarial inputs', () => {
    const n = 2_000_000;
    const inputs = [`<a b="${'x'.repeat(n)}"/>`, `<a>${'&amp;'.repeat(n / 5)}</a>`, `<a>${'<!--x-->'.repeat(n / 8)}</a>`,
      `<a>${'<b/>'.repeat(n / 4)}</a>`, `<a ${Array.from({ length: 20_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`];
    for (const xml of inputs) {
      const t = performance.now();
      scanXml(xml, 'big.xml', { open() {}, text() {}, close() {} });
      expect(performance.now() - t).toBeLessThan(2000);
    }
  });
});

describe('XmlScanner', () => {
  it('gives the same events however the text is cut', () => {
    const xml = '<?xml version="1.0"?><r a="1&amp;2"><c r="A1" t="s"><v>12</v></c><!-- c --><![CDATA[x\r\ny]]>y&#x41;\r\n&amp;z<e/>tail text &lt;&gt; 中文\r</r>';
    const events = (pieces: string[]): string => {
      const out: string[] = [];
      const s = new XmlScanner('s.xml', {
        open: (n, a, sc) => out.push(`<${n}${JSON.stringify(a)}${sc ? '/' : ''}>`),
        text: (t) => out.push(t),
        close: (n) => out.push(`</${n}>`),
      });
      for (const p of pieces) s.feed(p);
      s.end();
      return out.join('');
    };
    const whole = events([xml]);
    expect(whole).toContain('x\nyyA\n&z<e{}/></e>tail text <> 中文\n</r>');
    for (let cut = 1; cut < xml.length; cut++) expect(events([xml.slice(0, cut), xml.slice(cut)])).toBe(whole);
    expect(events([...xml])).toBe(whole);
  });
});

/** Serialises a tree the way a writer would (escaping text and attributes). */
function serialise(el: XmlElement): string {
  const e = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const attrs = Object.entries(el.attrs).map(([k, v]) => ` ${k}="${e(v)}"`).join('');
  return `<${el.name}${attrs}>${e(el.text)}${el.children.map(serialise).join('')}</${el.name}>`;
}

describe('parseXml properties', () => {
  const name = fc.constantFrom('a', 'b', 'x:Item', '__proto__', 'constructor', 'toString', '人员', 'hasOwnProperty');
  const text = fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '"', "'", ' ', '中', '\u{20000}', ']]>', '\t') });
  const attrs = fc.dictionary(name, text, { maxKeys: 3 })
    .map((d) => Object.assign(Object.create(null) as Record<string, string>, d));
  const treeAt = (depth: number): fc.Arbitrary<XmlElement> => fc.record({
    name,
    attrs,
    children: depth === 0 ? fc.constant([]) : fc.array(treeAt(depth - 1), { maxLength: 3 }),
    text,
  });
  const tree = treeAt(3);

  it('round-trips well-formed documents', () => {
    fc.assert(fc.property(tree, (doc) => {
      const back = parseXml(serialise(doc), 'rt.xml');
      const norm = (el: XmlElement): unknown => ({
        name: el.name,
        attrs: Object.entries(el.attrs).map(([k, v]) => [k, v.replace(/\t/g, ' ')]),
        text: el.text,
        children: el.children.map(norm),
      });
      expect(norm(back)).toEqual(norm(doc));
    }), { seed: 20261123, numRuns: 1000 });
  });

  it('mutated documents parse or fail with an ImportError, never anything else', () => {
    const base = '<?xml version="1.0"?><Person><XingMing>张三</XingMing><JianLi a="1">1990.09&amp;<![CDATA[x]]></JianLi>' +
      '<JiaTingChengYuan><Item><ChengWei>妻子</ChengWei></Item></JiaTingChengYuan></Person>';
    const tokens = ['<', '>', '&', '&#0;', '&#x110000;', '&lol;', ']]>', '<!DOCTYPE a [<!ENTITY x "y">]>', '<!--', '-->',
      '<![CDATA[', '"', "'", '=', '/', '</a>', '<a>', '__proto__', 'constructor', '\u0000', '\uFFFF', '&#x', '<?', '?>'];
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const mutation = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom(...tokens), fc.boolean());
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
      let s = base;
      for (const [at, del, tok, insert] of muts) {
        const p = at % (s.length + 1);
        s = s.slice(0, p) + (insert ? tok : '') + s.slice(p + (insert ? 0 : del));
      }
      try {
        const root = parseXml(s, 'm.lrmx');
        expect(typeof root.name).toBe('string');
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        expect((e as ImportError).code).toMatch(/^xml\.(malformed|doctype|entity|depth|nodes)$/);
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    }), { seed: 42, numRuns: 2000 });
  });
});
