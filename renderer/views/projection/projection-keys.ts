/** What a key does in projection mode (PowerPoint's keys): a pure mapping, unit-tested. */
export type ProjectionAction = 'next' | 'prev' | 'first' | 'last' | 'exit' | 'black' | 'mask' | 'notes';

const KEYS: Record<string, ProjectionAction> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  Enter: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  Backspace: 'prev',
  Home: 'first',
  End: 'last',
  Escape: 'exit',
  b: 'black',
  B: 'black',
  '.': 'black',
  m: 'mask',
  M: 'mask',
  n: 'notes',
  N: 'notes',
};

/** The action of a key press, or null (modifier chords and typing in a field are left alone). */
export function projectionAction(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null }): ProjectionAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const el = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return null;
  return KEYS[e.key] ?? null;
}
