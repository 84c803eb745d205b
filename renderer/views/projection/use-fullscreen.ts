import { useEffect, useRef } from 'react';

/**
 * The browser's full screen for as long as the caller is mounted, where it is allowed (the click or F5 that started
 * projection is the user gesture it needs); refused, the fixed full-viewport layer is all there is. Leaving full
 * screen by the browser's own Esc ends projection too (`onLeft`).
 */
export function useFullscreen(onLeft: () => void): void {
  const left = useRef(onLeft);
  left.current = onLeft;
  useEffect(() => {
    let entered = false;
    const root = document.documentElement;
    const onChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) left.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    if (!document.fullscreenElement && typeof root.requestFullscreen === 'function') root.requestFullscreen().catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (entered && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}
