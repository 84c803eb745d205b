import { md5Hex } from '../util/md5.js';

/**
 * The one cadre key, the same from every source (a roster sheet in SQL, an .lrmx form in JS), so a person's
 * appointments and assessments link up. Name + birth month when both are known, else the ID number; hashed, so
 * the sensitive ID number never appears in a key.
 */
export function cadreKey(name: string | null, birthYm: string | null, idNo: string | null): string | null {
  if (name && birthYm) return `G${md5Hex(`nb:${name}|${birthYm}`).slice(0, 16)}`;
  if (idNo) return `G${md5Hex(`id:${idNo}`).slice(0, 16)}`;
  return null;
}

/** The same key in SQL, over SQL expressions of name, birth month and ID number. */
export function cadreKeySql(name: string, birthYm: string, idNo: string): string {
  return (
    `CASE WHEN ${name} IS NOT NULL AND ${birthYm} IS NOT NULL THEN 'G' || substr(md5('nb:' || ${name} || '|' || ${birthYm}), 1, 16) ` +
    `WHEN ${idNo} IS NOT NULL THEN 'G' || substr(md5('id:' || ${idNo}), 1, 16) END`
  );
}
