import { useEffect, useState } from 'react';

/**
 * The screen's devicePixelRatio, updated when it changes (the window dragged to a 4K projector, or zoomed), so a
 * canvas chart is drawn again at the new ratio instead of being scaled up blurred.
 */
export function usePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    const query = window.matchMedia?.(`(resolution: ${ratio}dppx)`);
    if (!query) return;
    const on = () => setRatio(window.devicePixelRatio || 1);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [ratio]);
  return ratio;
}
