/** Units in headers and title rows ('地区生产总值（亿元）', '单位：万元'), and conversion between magnitudes. */

/** Base units, longest first so '千瓦时' is not read as 千 × '瓦时'. */
const BASES = [
  '吨标准煤', '平方公里', '千瓦时', '立方米', '平方米', '标准煤', '个百分点', '百分点', '人次', '美元', '千瓦', '千克', '公斤',
  '公里', '千米', '公顷', '小时', '元', '人', '户', '个', '家', '项', '件', '台', '辆', '吨', '克', '米', '亩', '度',
  '床', '张', '所', '座', '套', '次', '天', '岁', '年', '份', '篇', '头', '只', '株', '处', '条', '分', '倍', '名',
  '%', '‰', 'km', 'kg', 'kWh', 't', '㎡',
].sort((a, b) => b.length - a.length);

const MAGNITUDES: Record<string, number> = { '': 1, 微: 1e-6, 毫: 1e-3, 十: 10, 百: 100, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8, 万亿: 1e12 };

/** Units that are the same thing written differently. */
const SYNONYMS: Record<string, string> = { 公斤: '千克', 千米: '公里', 百分点: '个百分点', km: '公里', kg: '千克', kWh: '千瓦时', t: '吨', '㎡': '平方米' };

interface UnitParts {
  readonly base: string;
  readonly magnitude: number;
}

/** One simple unit as magnitude × base ('万元' → 1e4 × 元); null when it is not a unit. */
function simpleUnit(u: string): UnitParts | null {
  for (const base of BASES) {
    if (!u.endsWith(base)) continue;
    const m = MAGNITUDES[u.slice(0, u.length - base.length)];
    if (m !== undefined) return { base: SYNONYMS[base] ?? base, magnitude: m };
  }
  return null;
}

/** A unit, simple or compound ('元/人', '吨标准煤/万元', '万元/人'), as its parts; null when it is not a unit. */
function unitParts(u: string): UnitParts[] | null {
  const s = u.replace(/^单位[:：]?/u, '').replace(/每/gu, '/');
  if (s === '') return null;
  const parts = s.split('/').map(simpleUnit);
  return parts.every((p): p is UnitParts => p !== null) ? parts : null;
}

/** True when the text is a unit (used to tell '（亿元）' from '（市、区）'). */
export function isUnit(text: string): boolean {
  return unitParts(text) !== null;
}

/** The unit as written, without a '单位：' prefix. */
export function cleanUnit(text: string): string {
  return text.replace(/^单位[:：]?/u, '').trim();
}

/**
 * How to turn a value in unit `from` into unit `to`: value × mul ÷ div (powers of ten, kept apart so 12345 万元
 * becomes exactly 1.2345 亿元). null when the units measure different things.
 */
export function unitScale(from: string, to: string): { mul: number; div: number } | null {
  const a = unitParts(cleanUnit(from));
  const b = unitParts(cleanUnit(to));
  if (!a || !b || a.length !== b.length) return null;
  let ratio = 1;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as UnitParts, b[i] as UnitParts];
    if (x.base !== y.base) return null;
    ratio *= i === 0 ? x.magnitude / y.magnitude : y.magnitude / x.magnitude;
  }
  return ratio >= 1 ? { mul: Math.round(ratio), div: 1 } : { mul: 1, div: Math.round(1 / ratio) };
}

/** A sheet-wide unit in a title row: '单位：万元' (one unit only; '单位：亿元、%' names several and is ignored). */
export function unitInTitle(text: string): string | null {
  const m = /单位[:：]\s*([^\s,，;；、]+)\s*$/u.exec(text.trim());
  if (!m) return null;
  const u = (m[1] as string).replace(/[)）]$/u, '');
  return isUnit(u) ? u : null;
}
