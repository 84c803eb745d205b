import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/use-t.js';

/** What the presenter reads: the slide's title and notes, its place and the next slide's title. */
export interface NotesContent {
  readonly title: string;
  readonly notes: string;
  readonly counter: string;
  readonly next: string | null;
}

function NotesBody({ c }: { c: NotesContent }) {
  const t = useT();
  return (
    <div className="hj-notes-body" data-testid="presenter-notes">
      <div className="hj-notes-counter">{c.counter}</div>
      <h2>{c.title}</h2>
      {c.notes.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      <p className="hj-notes-next">{c.next ? t('projection.nextSlide', { title: c.next }) : t('projection.last')}</p>
    </div>
  );
}

/**
 * Open the presenter window ('hj-presenter', for a second screen; Electron allows exactly this about:blank window,
 * sandboxed and without the host API, see electron/main/security.ts). Returns null where windows are refused (a
 * browser's popup blocker); the caller then shows the notes in a side panel.
 */
export function openPresenterWindow(title: string): Window | null {
  let win: Window | null = null;
  try {
    win = window.open('', 'hj-presenter', 'popup,width=960,height=720');
  } catch {
    win = null;
  }
  if (!win) return null;
  win.document.title = title;
  const st = win.document.body.style;
  st.margin = '0';
  st.fontFamily = "'Noto Sans SC', 'Microsoft YaHei', sans-serif";
  st.background = '#111';
  st.color = '#fff';
  return win;
}

/** The notes in the presenter window (a portal into its document); its keys drive the deck too. */
export function NotesWindow({ win, content, onKey, onClosed }: { win: Window; content: NotesContent; onKey: (e: KeyboardEvent) => void; onClosed: () => void }) {
  useEffect(() => {
    win.addEventListener('keydown', onKey);
    win.addEventListener('pagehide', onClosed);
    return () => {
      win.removeEventListener('keydown', onKey);
      win.removeEventListener('pagehide', onClosed);
    };
  }, [win, onKey, onClosed]);
  return createPortal(
    <div style={{ padding: 32, fontSize: 28, lineHeight: 1.5 }}>
      <NotesBody c={content} />
    </div>,
    win.document.body,
  );
}

/** The notes beside the slide, where no second window can be opened. */
export function NotesPanel({ content, hint }: { content: NotesContent; hint: string | null }) {
  const t = useT();
  return (
    <aside className="hj-notes-panel" aria-label={t('projection.notesTitle')}>
      {hint && <div className="hj-notes-hint">{hint}</div>}
      <NotesBody c={content} />
    </aside>
  );
}
