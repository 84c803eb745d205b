import { useEffect, useState } from 'react';

/** A chart height that fits the window below the view's toolbar (offset px), never below `min`. */
export function useChartHeight(offset: number, min = 360): number {
  const [h, setH] = useState(() => Math.max(min, window.innerHeight - offset));
  useEffect(() => {
    const on = () => setH(Math.max(min, window.innerHeight - offset));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset, min]);
  return h;
}
