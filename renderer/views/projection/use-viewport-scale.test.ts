import { describe, expect, it } from 'vitest';
import { viewportScale } from './use-viewport-scale.js';

describe('viewportScale', () => {
  it('is 1 at 1920×1080 and below, 2 at 3840×2160, limited by the tighter side', () => {
    expect(viewportScale(1920, 1080)).toBe(1);
    expect(viewportScale(1280, 720)).toBe(1);
    expect(viewportScale(3840, 2160)).toBe(2);
    expect(viewportScale(3840, 1080)).toBe(1); // ultra-wide: height decides
    expect(viewportScale(2560, 1440)).toBeCloseTo(4 / 3, 10);
  });
});
