import { useEffect, useState } from 'react';

/** How many times larger than 1920×1080 the window is (never below 1): projection type grows with it on a 4K screen at 100 %. */
export function viewportScale(width: number, height: number): number {
  return Math.max(1, Math.min(width / 1920, height / 1080));
}

/** viewportScale of the window, updated on resize. */
export function useViewportScale(): number {
  const [k, setK] = useState(() => viewportScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const on = () => setK(viewportScale(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return k;
}
