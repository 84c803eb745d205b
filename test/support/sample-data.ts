import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The committed sample workspace folder. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample/', import.meta.url));

/**
 * A deliberately independent reader of the sample CSVs (RFC 4180), used as the test oracle: expected numbers are
 * computed here in plain JS, not through the product's SQL.
 */
export function readSampleTable(name: string): Record<string, string>[] {
  const text = readFileSync(`${SAMPLE_DIR}tables/${name}.csv`, 'utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export interface ExpectedTop {
  readonly period: string;
  readonly top: { code: string; name: string; value: number }[];
}

/** The best counties (ties included) on an indicator in its latest period, by the indicator's direction. */
export function expectedTopCounties(indicatorId: string): ExpectedTop {
  const regions = readSampleTable('regions');
  const indicator = readSampleTable('indicators').find((i) => i.indicator_id === indicatorId);
  if (!indicator) throw new Error(`no indicator ${indicatorId}`);
  const dir = Number(indicator.direction);
  const values = readSampleTable('indicator_values').filter((v) => v.indicator_id === indicatorId && v.value !== '');
  const period = values.map((v) => v.period).sort().at(-1) as string;
  const end = periodEnd(period);
  const counties = new Map<string | undefined, string | undefined>(
    regions
      .filter((r) => r.level === 'county' && (!r.valid_from || r.valid_from <= end) && (!r.valid_to || r.valid_to >= end))
      .map((r) => [r.region_code, r.name]),
  );
  const inPeriod = values.filter((v) => v.period === period && counties.has(v.region_code));
  const best = Math.max(...inPeriod.map((v) => Number(v.value) * dir));
  const top = inPeriod
    .filter((v) => Number(v.value) * dir === best)
    .map((v) => ({ code: v.region_code as string, name: counties.get(v.region_code as string) as string, value: Number(v.value) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { period, top };
}

function periodEnd(p: string): string {
  const q = /^(\d{4})Q([1-4])$/.exec(p);
  if (q) return `${q[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(q[2]) - 1]}`;
  return `${p.slice(0, 4)}-12-31`;
}
