/**
 * GB/T 2260 administrative division codes: 6 digits, PPCCXX. PP0000 is a province, PPCC00 a city (地级),
 * anything else a county (县级). Codes PP90XX are county-level units administered directly by the province
 * (省直辖县级行政单位), so their parent is the province.
 */
export type RegionLevel = 'province' | 'city' | 'county';

export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county'];

const SIX_DIGITS = /^\d{6}$/;

/** True for a well-formed 6-digit code with a province part in 11..99. */
export function isRegionCode(code: string): boolean {
  if (!SIX_DIGITS.test(code)) return false;
  const p = Number(code.slice(0, 2));
  return p >= 11 && p <= 99;
}

/**
 * Normalise what spreadsheets hold: numbers, full-width digits, spaces, and 12-digit statistical codes
 * (统计用区划代码, whose first 6 digits are the GB/T 2260 code). Returns null if it is not a code.
 */
export function normalizeRegionCode(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  let s = typeof raw === 'number' ? (Number.isInteger(raw) ? String(raw) : '') : String(raw);
  s = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  if (/^\d{12}$/.test(s) && s.endsWith('000000')) s = s.slice(0, 6);
  else if (/^\d{9}$/.test(s) && s.endsWith('000')) s = s.slice(0, 6);
  return isRegionCode(s) ? s : null;
}

function assertCode(code: string): void {
  if (!isRegionCode(code)) throw new Error(`不是有效的六位行政区划代码：${code}`);
}

/** The level a code denotes by its shape. */
export function regionLevel(code: string): RegionLevel {
  assertCode(code);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The province code of any code (PP0000). */
export function provinceOf(code: string): string {
  assertCode(code);
  return `${code.slice(0, 2)}0000`;
}

/** The city code of a county or city (PPCC00); null for provinces and for province-administered counties. */
export function cityOf(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'province') return null;
  if (code.slice(2, 4) === '90') return null;
  return `${code.slice(0, 4)}00`;
}

/** The county code of a county; null for cities and provinces. */
export function countyOf(code: string): string | null {
  return regionLevel(code) === 'county' ? code : null;
}

/** The parent by code shape: county → city (or province for PP90XX), city → province, province → null. */
export function parentOf(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'province') return null;
  if (level === 'city') return provinceOf(code);
  return cityOf(code) ?? provinceOf(code);
}

/** True when `child` lies inside `ancestor` (a code contains itself). */
export function isWithin(child: string, ancestor: string): boolean {
  const level = regionLevel(ancestor);
  if (level === 'province') return child.slice(0, 2) === ancestor.slice(0, 2);
  if (level === 'city') return child.slice(0, 4) === ancestor.slice(0, 4);
  return child === ancestor;
}
