import { describe, expect, it } from 'vitest';
import type { HonourData, RegionStanding } from '../../shared/analytics/honour-lists.js';
import { honourResultOf } from '../../shared/analytics/honour-lists-result.js';
import { tableCsv } from '../../shared/format/table-export.js';
import { honourPageHtml, honourTable } from '../../shared/report/honour-page.js';

const standing = (code: string, name: string, rank: number, leader: string | null): RegionStanding => ({
  regionCode: code, name, group: null, composite: 100 - rank, rank, of: 4, groupRank: null, groupOf: 0, bottomRank: 5 - rank, tied: 1,
  leaderId: leader, leaderName: leader && `<b>${leader}</b>`, red: [], yellow: [],
});

// Pure: the lists of a hand-made period (no engine). Names come from user files: they must never become markup.
const data: HonourData = {
  level: 'county',
  periods: new Map([['2025Q3', { period: '2025Q3', hasData: true, records: [], standings: [
    standing('990101', '<img src=x onerror=alert(1)>县', 1, 'L1'),
    standing('990102', '=HYPERLINK("http://x")', 2, null),
    standing('990103', '丙县', 3, 'L3'),
    standing('990104', '丁县', 4, 'L4'),
  ] }]]),
  imported: new Map(),
};

describe('红黄榜 page and table', () => {
  const r = honourResultOf(data, { policy: { top: 1, bottom: 1 } }, '2025Q3');

  it('builds a 公文-style page with every value escaped', () => {
    const page = honourPageHtml(r, { generatedAt: '2026/1/6', workspaceName: '<工作区>', demo: true });
    expect(page).toContain('<h1>2025年第三季度红黄榜</h1>');
    expect(page).toContain('内部资料');
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;县');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;b&gt;L1&lt;/b&gt;');
    expect(page).toContain('&lt;工作区&gt;');
    expect(page).toContain('本页数据为示例数据');
    // Sections: regions' 红榜 and 黄榜, cadres' 红榜 and 黄榜, then the comparison (no previous quarter here).
    expect([...page.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1])).toEqual([
      '一、地区红榜（表扬）（1）', '二、地区黄榜（警示）（1）', '三、干部红榜（表扬）（1）', '四、干部黄榜（警示）（1）', '五、与上季度比较',
    ]);
    expect(page).toContain('上期（2025年第二季度）无数据，本期上榜者均记为新上榜');
  });

  it('exports both lists as one table whose formula-like names stay text', () => {
    const t = honourTable(r);
    expect(t.rows.map((x) => [x[0], x[1], x[2], x[8]])).toEqual([
      ['红榜（表扬）', '地区', 1, '新上榜'], ['黄榜（警示）', '地区', 4, '新上榜'], ['红榜（表扬）', '干部', 1, '新上榜'], ['黄榜（警示）', '干部', 4, '新上榜'],
    ]);
    const withFormula = honourTable(honourResultOf(data, { policy: { top: 2, bottom: 1 } }, '2025Q3'));
    expect(withFormula.rows[1]?.[3]).toBe('=HYPERLINK("http://x")');
    expect(new TextDecoder().decode(tableCsv(withFormula))).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
