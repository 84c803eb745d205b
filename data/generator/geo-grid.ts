import type { Rng } from './rng.js';

/** The grid the map is drawn on: cells of 1/32 degree over lon 100–106, lat 28–33. */

export const X0 = 100;
export const Y0 = 28;
export const H = 1 / 32;
export const NX = 192;
export const NY = 160;
/** Longitude is squeezed by cos(30.5°) so that shapes look round on the ground. */
export const KX = 0.8616;
export const OUT = -1;

export type Point = [number, number];

/** x², by multiplication (Math.pow and ** are not exactly specified). */
export const sq = (x: number) => x * x;

/** Smooth value noise on a lattice, interpolated with smoothstep. */
export class ValueNoise {
  private readonly values: number[];
  private readonly cols: number;
  constructor(
    rng: Rng,
    private readonly spacing: number,
  ) {
    this.cols = Math.ceil(7 / spacing) + 3;
    const rows = Math.ceil(6 / spacing) + 3;
    this.values = Array.from({ length: this.cols * rows }, () => rng.float(-1, 1));
  }

  at(x: number, y: number): number {
    const fx = (x - X0 + 0.5) / this.spacing;
    const fy = (y - Y0 + 0.5) / this.spacing;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const s = (t: number) => t * t * (3 - 2 * t);
    const tx = s(fx - ix);
    const ty = s(fy - iy);
    const v = (i: number, j: number) => this.values[j * this.cols + i] as number;
    const top = v(ix, iy) * (1 - tx) + v(ix + 1, iy) * tx;
    const bottom = v(ix, iy + 1) * (1 - tx) + v(ix + 1, iy + 1) * tx;
    return top * (1 - ty) + bottom * ty;
  }
}

export const cx = (k: number) => X0 + ((k % NX) + 0.5) * H;
export const cy = (k: number) => Y0 + (Math.floor(k / NX) + 0.5) * H;

export function neighbours(k: number): number[] {
  const i = k % NX;
  const j = Math.floor(k / NX);
  const out: number[] = [];
  if (i > 0) out.push(k - 1);
  if (i < NX - 1) out.push(k + 1);
  if (j > 0) out.push(k - NX);
  if (j < NY - 1) out.push(k + NX);
  return out;
}

/** Connected components (4-neighbourhood) of the cells for which `inside` holds. */
export function components(cells: readonly number[], inside: (k: number) => boolean): number[][] {
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of cells) {
    if (seen.has(start) || !inside(start)) continue;
    const comp = [start];
    seen.add(start);
    for (let q = 0; q < comp.length; q++) {
      for (const n of neighbours(comp[q] as number)) {
        if (!seen.has(n) && inside(n)) {
          seen.add(n);
          comp.push(n);
        }
      }
    }
    out.push(comp);
  }
  return out;
}

