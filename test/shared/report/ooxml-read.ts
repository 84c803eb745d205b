/** Reading OOXML packages back in tests: unzip (nested packages too), parse a worksheet's cells, unescape XML text. */
import { strFromU8, unzipSync } from 'fflate';

/** Every part of a package as bytes, nested packages (chart workbooks) flattened as 'outer.xlsx!inner/part.xml'. */
export function parts(bytes: Uint8Array, prefix = ''): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (name.endsWith('/')) continue;
    out[prefix + name] = data;
    if (/\.(xlsx|docx|pptx)$/.test(name)) Object.assign(out, parts(data, `${prefix}${name}!`));
  }
  return out;
}

/** The XML and relationship parts as text. */
export function xmlParts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(parts(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

/** Text with the five predefined XML entities decoded. */
export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }) as Record<string, string>)[e] as string,
  );
}

/** A worksheet's cells by reference: numbers for <v> cells, strings for inline strings. */
export function sheetCells(xml: string): Map<string, number | string> {
  const cells = new Map<string, number | string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>([\s\S]*?)<\/c>/g)) {
    const [, ref, attrs, inner] = m as unknown as [string, string, string, string];
    if (attrs.includes('t="inlineStr"')) cells.set(ref, unescapeXml(/<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? ''));
    else {
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      if (v !== undefined) cells.set(ref, Number(v));
    }
  }
  return cells;
}

/** Sheet names of a workbook, in order, mapped to their part names (sheetN follows rIdN as tablesXlsx writes it). */
export function sheetsByName(p: Record<string, string>): Map<string, string> {
  const wb = p['xl/workbook.xml'] ?? '';
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet name="([^"]*)" sheetId="\d+" r:id="rId(\d+)"\/>/g)) out.set(unescapeXml(m[1] as string), p[`xl/worksheets/sheet${m[2]}.xml`] ?? '');
  return out;
}
