import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSampleTable, SAMPLE_DIR } from '../support/sample-data.js';

const ROOT = path.resolve(SAMPLE_DIR, '../..');

/** Run the CLI as users do; stdout must be exactly one JSON document. */
function cli(...args: string[]): { code: number; json: Record<string, unknown> } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Record<string, unknown> };
}

type Dim = { id: string; overall: Record<string, number>; groups: { key: string; name: string; counts: Record<string, number> }[] };

describe('CLI structure and roster on the sample (--json)', { timeout: 120_000 }, () => {
  it('structure: every statistic sums to the head count, which the independent CSV reader confirms', () => {
    const r = cli('structure', '--workspace', SAMPLE_DIR, '--date', '2025-12-31', '--by', 'region', '--retire-within', '3');
    expect(r.code).toBe(0);
    const cadres = readSampleTable('cadres');
    const overall = r.json.overall as { total: number; under35: number; under40: number };
    expect(overall.total).toBe(cadres.length);
    // Oracle: sample births are all YYYY-MM; age at 2025-12 = whole years between the months.
    const ages = cadres.map((c) => Math.floor((2025 * 12 + 11 - (Number(c.birth_ym?.slice(0, 4)) * 12 + Number(c.birth_ym?.slice(5, 7)) - 1)) / 12));
    expect(overall.under35).toBe(ages.filter((a) => a < 35).length);
    expect(overall.under40).toBe(ages.filter((a) => a < 40).length);
    const dims = r.json.dimensions as Dim[];
    expect(dims.find((d) => d.id === 'gender')?.overall).toEqual({ 男: cadres.filter((c) => c.gender === '男').length, 女: cadres.filter((c) => c.gender === '女').length, 未知: 0 });
    for (const d of dims) {
      expect(Object.values(d.overall).reduce((a, b) => a + b, 0), d.id).toBe(overall.total);
      expect(d.groups.reduce((s, g) => s + Object.values(g.counts).reduce((a, b) => a + b, 0), 0), d.id).toBe(overall.total);
    }
    expect(Object.keys(dims.find((d) => d.id === 'retirement')?.overall ?? {})).toEqual(['已到退休年龄', '3年内到龄', '3年后到龄', '未知']);
    expect((r.json.notes as string[]).join('')).toContain('男女均60周岁');
    expect(cli('structure', '--workspace', SAMPLE_DIR, '--by', 'street').code).toBe(2);
  });

  it('roster: searches a name, masks ID numbers 6+4 unless --show-personal', () => {
    const r = cli('roster', '--workspace', SAMPLE_DIR, '--search', '林宁鑫');
    expect(r.code).toBe(0);
    expect(r.json.total).toBe(readSampleTable('cadres').filter((c) => c.name?.includes('林宁鑫')).length);
    const rows = r.json.rows as { cadre_id: string; id_no: string }[];
    expect(rows.find((x) => x.cadre_id === 'C00001')?.id_no).toBe('990105********7458');
    const open = cli('roster', '--workspace', SAMPLE_DIR, '--search', 'C00001', '--show-personal');
    expect((open.json.rows as { id_no: string }[])[0]?.id_no).toBe('990105196509267458');
  });
});
