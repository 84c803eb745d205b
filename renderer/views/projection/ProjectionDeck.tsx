import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Button, ConfigProvider, Tooltip } from 'antd';
import { CloseOutlined, EyeInvisibleOutlined, EyeOutlined, LeftOutlined, ProfileOutlined, RightOutlined } from '@ant-design/icons';
import { CHART_FONT } from '../../../shared/charts/theme.js';
import { PROJECTOR_PALETTE } from '../../../shared/charts/projector.js';
import { ChartLookContext } from '../../charts/chart-look.js';
import { useT } from '../../i18n/use-t.js';
import { setNameMask, useNameMask } from '../../state/name-mask.js';
import { NotesPanel, NotesWindow, openPresenterWindow, type NotesContent } from './PresenterNotes.js';
import { projectionAction, type ProjectionAction } from './projection-keys.js';
import { useFullscreen } from './use-fullscreen.js';
import { useViewportScale } from './use-viewport-scale.js';
import { useWatermarkText, Watermark } from './Watermark.js';
import type { ProjectionSlide } from './types.js';
import './projection.css';

/** Projector type: 28 px body text at 1920×1080 (k times that on a larger screen) and larger headings, black on white. */
function projectorTheme(k: number) {
  const px = (n: number) => Math.round(n * k);
  return {
    token: {
      fontFamily: CHART_FONT,
      fontSize: px(28),
      fontSizeSM: px(24),
      fontSizeLG: px(32),
      fontSizeHeading4: px(36),
      colorText: PROJECTOR_PALETTE.text,
      colorTextSecondary: '#1f1f1f',
      colorTextTertiary: '#333333',
      colorPrimary: '#b71c1c',
      borderRadius: 4,
    },
  };
}

type Notes = { readonly mode: 'closed' } | { readonly mode: 'window'; readonly win: Window } | { readonly mode: 'panel'; readonly refused: boolean };

/**
 * The projection shell: a full-screen layer (the browser's full screen where allowed) showing one slide at a time,
 * with PowerPoint's keys, a black screen, name masking (on by default), presenter notes and the watermark.
 */
export function ProjectionDeck({ slides, onExit }: { slides: readonly ProjectionSlide[]; onExit: () => void }) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const [black, setBlack] = useState(false);
  const [notes, setNotes] = useState<Notes>({ mode: 'closed' });
  const mask = useNameMask();
  const watermark = useWatermarkText();
  const k = useViewportScale();
  const theme = useMemo(() => projectorTheme(k), [k]);
  const look = useMemo(() => ({ kind: 'projector' as const, scale: 2 * k }), [k]);
  useFullscreen(onExit);
  const last = slides.length - 1;
  const at = Math.min(index, Math.max(0, last));
  const slide = slides[at];

  const go = useCallback(
    (to: number) => {
      const i = Math.max(0, Math.min(last, to));
      if (i === at) return;
      slides[i]?.enter?.();
      setIndex(i);
    },
    [at, last, slides],
  );
  const toggleNotes = useCallback(() => {
    if (notes.mode === 'window') notes.win.close();
    if (notes.mode !== 'closed') return setNotes({ mode: 'closed' });
    const win = openPresenterWindow(t('projection.notesTitle'));
    setNotes(win ? { mode: 'window', win } : { mode: 'panel', refused: true });
  }, [notes, t]);
  const act = useCallback(
    (a: ProjectionAction) => {
      if (a === 'next') go(at + 1);
      else if (a === 'prev') go(at - 1);
      else if (a === 'first') go(0);
      else if (a === 'last') go(last);
      else if (a === 'exit') onExit();
      else if (a === 'black') setBlack((b) => !b);
      else if (a === 'mask') setNameMask(!mask.on, 'projection');
      else toggleNotes();
    },
    [at, go, last, mask.on, onExit, toggleNotes],
  );
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const a = projectionAction(e);
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      act(a);
    },
    [act],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onKey]);
  const popup = useRef<Window | null>(null);
  popup.current = notes.mode === 'window' ? notes.win : null;
  useEffect(() => {
    // toasts of the shell (「视图已保存」…) are not for the room
    document.body.classList.add('hj-projecting');
    return () => {
      document.body.classList.remove('hj-projecting');
      popup.current?.close();
    };
  }, []);
  const onNotesClosed = useCallback(() => setNotes({ mode: 'closed' }), []);

  const counter = t('projection.counter', { n: slides.length ? at + 1 : 0, total: slides.length });
  const content: NotesContent = { title: slide?.title ?? '', notes: slide?.notes ?? '', counter, next: slides[at + 1]?.title ?? null };
  return (
    <div className="hj-projection" style={{ '--hj-k': k } as CSSProperties} role="dialog" aria-modal="true" aria-label={slide?.title} data-testid="projection">
      <div className="hj-projection-main">
        <header className="hj-slide-title">
          <h1 data-testid="projection-title">{slide?.title ?? t('projection.none')}</h1>
          <span className="hj-slide-counter" data-testid="projection-counter">{counter}</span>
        </header>
        <ChartLookContext.Provider value={look}>
          <ConfigProvider theme={theme}>
            <main className="hj-slide-body" key={slide?.key} data-testid="projection-slide" data-slide={slide?.key}>
              {slide?.render()}
            </main>
          </ConfigProvider>
        </ChartLookContext.Provider>
        <Watermark text={watermark} />
        <nav className="hj-projection-tools">
          <Tooltip title={t('projection.prev')}><Button type="text" icon={<LeftOutlined />} aria-label={t('projection.prev')} disabled={at === 0} onClick={() => act('prev')} /></Tooltip>
          <Tooltip title={t('projection.next')}><Button type="text" icon={<RightOutlined />} aria-label={t('projection.next')} disabled={at >= last} onClick={() => act('next')} /></Tooltip>
          <Tooltip title={t(mask.on ? 'projection.mask.on' : 'projection.mask.off')}>
            <Button type="text" icon={mask.on ? <EyeInvisibleOutlined /> : <EyeOutlined />} aria-label={t(mask.on ? 'projection.mask.on' : 'projection.mask.off')} data-testid="projection-mask" data-on={mask.on} onClick={() => act('mask')} />
          </Tooltip>
          <Tooltip title={t('projection.notes')}><Button type="text" icon={<ProfileOutlined />} aria-label={t('projection.notes')} data-testid="projection-notes" onClick={() => act('notes')} /></Tooltip>
          <Tooltip title={t('projection.exit')}><Button type="text" icon={<CloseOutlined />} aria-label={t('projection.exit')} data-testid="projection-exit" onClick={() => act('exit')} /></Tooltip>
        </nav>
      </div>
      {notes.mode === 'panel' && <NotesPanel content={content} hint={notes.refused ? t('projection.notesInPanel') : null} />}
      {notes.mode === 'window' && <NotesWindow win={notes.win} content={content} onKey={onKey} onClosed={onNotesClosed} />}
      {black && <div className="hj-projection-black" data-testid="projection-black" title={t('projection.blackShown')} onClick={() => setBlack(false)} />}
    </div>
  );
}
