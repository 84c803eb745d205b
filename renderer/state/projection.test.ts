import { describe, expect, it } from 'vitest';
import { startProjection, stopProjection, useProjection } from './projection.js';
import { useAppStore, type WorkspaceInfo } from './store.js';

const saved = {
  saved: [
    { id: 'v1', name: '趋势', view: 'trends', version: 1, savedAt: '', selection: { indicator: 'gdp', period: '2025Q3', region: '990102', level: 'county' }, params: { measure: 'yoy' } },
  ],
};

describe('projection borrows the working state and gives it back', () => {
  it('applies the first saved view and masks names while on; restores view, selection, parameters and masking on exit', () => {
    const workspace = { documents: { views: saved } } as unknown as WorkspaceInfo;
    useAppStore.setState({ workspace, view: 'heatmap', selection: { indicator: 'pop', period: '2024Q4', region: null, level: 'city' }, viewParams: { trends: { measure: 'value' } }, maskNames: false });
    startProjection({ kind: 'saved' });
    let s = useAppStore.getState();
    expect(useProjection.getState().source).toEqual({ kind: 'saved' });
    expect(s.maskNames).toBe(true);
    expect(s.selection).toEqual({ indicator: 'gdp', period: '2025Q3', region: '990102', level: 'county' });
    expect(s.viewParams.trends).toEqual({ measure: 'yoy' });
    expect(s.view).toBe('heatmap'); // the shell's view is not switched: the deck shows the slide itself
    stopProjection();
    s = useAppStore.getState();
    expect(useProjection.getState().source).toBeNull();
    expect(s.maskNames).toBe(false);
    expect(s.view).toBe('heatmap');
    expect(s.selection).toEqual({ indicator: 'pop', period: '2024Q4', region: null, level: 'city' });
    expect(s.viewParams.trends).toEqual({ measure: 'value' });
  });

  it('enters a fixed slide list’s first slide (a pack’s, later)', () => {
    const entered: string[] = [];
    const slide = (key: string) => ({ key, title: key, notes: '', render: () => null, enter: () => entered.push(key) });
    startProjection({ kind: 'slides', slides: [slide('a'), slide('b')] });
    expect(entered).toEqual(['a']);
    startProjection({ kind: 'saved' }); // already projecting: ignored
    expect(useProjection.getState().source?.kind).toBe('slides');
    stopProjection();
    expect(useProjection.getState().source).toBeNull();
  });
});
