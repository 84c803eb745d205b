import { describe, expect, it } from 'vitest';
import { projectionAction } from './projection-keys.js';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null }> = {}) =>
  projectionAction({ key: k, ctrlKey: false, altKey: false, metaKey: false, target: null, ...extra });

describe('projection keys (PowerPoint’s)', () => {
  it('pages with arrows, PageUp/PageDown and space; Home/End go to the ends', () => {
    expect(['ArrowRight', 'PageDown', ' '].map((k) => key(k))).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map((k) => key(k))).toEqual(['prev', 'prev']);
    expect([key('Home'), key('End')]).toEqual(['first', 'last']);
  });
  it('B and . black the screen, M masks, N opens notes, Esc exits', () => {
    expect([key('b'), key('B'), key('.'), key('m'), key('M'), key('n'), key('Escape')]).toEqual(['black', 'black', 'black', 'mask', 'mask', 'notes', 'exit']);
  });
  it('leaves chords, other keys and typing in a field alone', () => {
    expect(key('m', { ctrlKey: true })).toBeNull();
    expect(key('ArrowRight', { altKey: true })).toBeNull();
    expect(key('x')).toBeNull();
    expect(key('b', { target: { tagName: 'INPUT' } as unknown as EventTarget })).toBeNull();
    expect(key('b', { target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget })).toBeNull();
  });
});
