import { describe, expect, it } from 'vitest';
import { paramText, savedViewNotes } from '../../shared/workspace/saved-view-notes.js';
import type { SavedView } from '../../shared/workspace/saved-views.js';

const view: SavedView = {
  id: 'v1',
  name: '茂口区地区生产总值趋势',
  view: 'trends',
  selection: { indicator: 'gdp', period: null, region: '990102', level: 'county' },
  params: { measure: 'yoy', others: ['990103', '990104'], empty: [], gone: null },
  version: 1,
  savedAt: '2026-12-07T09:30:12.000Z',
};
const zhLine = (k: string, v: string) => `${{ view: '分析', indicator: '指标', period: '期间', region: '地区', level: '层级', params: '参数', savedAt: '保存于' }[k]}：${v}`;

describe('presenter notes of a saved view', () => {
  it('names the view, then its analysis, selection and parameters, unset choices as 默认', () => {
    const lines = savedViewNotes(view, { view: '趋势分析', indicator: '地区生产总值', region: '茂口区', level: '县级', line: zhLine, unset: '默认' });
    expect(lines).toEqual([
      '茂口区地区生产总值趋势',
      '分析：趋势分析',
      '指标：地区生产总值',
      '期间：默认',
      '地区：茂口区',
      '层级：县级',
      '参数：measure=yoy；others=990103、990104',
      '保存于：2026-12-07 09:30',
    ]);
  });
  it('falls back to the ids when no display name is known', () => {
    const lines = savedViewNotes({ ...view, params: {}, savedAt: '' }, { view: '趋势分析', line: zhLine, unset: '默认' });
    expect(lines.slice(2)).toEqual(['指标：gdp', '期间：默认', '地区：990102', '层级：county']);
  });
  it('cuts long values to 60 characters', () => {
    expect([...paramText('长'.repeat(100))].length).toBe(60);
    expect(paramText({ a: 1 })).toBe('{"a":1}');
  });
});
