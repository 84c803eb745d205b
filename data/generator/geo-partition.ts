import * as grid from './geo-grid.js';
import type { Point } from './geo-grid.js';
import type { County, RegionModel } from './regions.js';
import { rngFor, type Rng } from './rng.js';

// Local copies: module bindings compile to getters under tsx and Vite, too slow for the inner loops.
const { components, cx, cy, KX, neighbours, NX, NY, OUT, sq, ValueNoise } = grid;

/**
 * Cutting the province into cities and counties: noisy power diagrams whose weights are tuned to target areas,
 * fragments merged, single-cell spikes smoothed away. The result is a label (county index) per grid cell.
 */

/** The province outline: overlapping ellipses roughened by noise; one piece, no holes. */
function provinceMask(rng: Rng): Int32Array {
  const noise = new ValueNoise(rng, 0.8);
  const fine = new ValueNoise(rng, 0.25);
  const ellipses: [number, number, number, number][] = [[103, 30.5, 1.7 / KX, 1.45]];
  for (let i = 0; i < 6; i++) ellipses.push([103 + rng.float(-1.5, 1.5), 30.5 + rng.float(-1.2, 1.2), rng.float(0.55, 0.95) / KX, rng.float(0.5, 0.85)]);
  const mask = new Int32Array(NX * NY).fill(OUT);
  for (let k = 0; k < NX * NY; k++) {
    const i = k % NX;
    const j = Math.floor(k / NX);
    if (i < 3 || j < 3 || i >= NX - 3 || j >= NY - 3) continue;
    const x = cx(k);
    const y = cy(k);
    let f = Infinity;
    for (const [ex, ey, rx, ry] of ellipses) {
      const dx = ((x - ex) * KX) / (rx * KX);
      const dy = (y - ey) / ry;
      f = Math.min(f, dx * dx + dy * dy);
    }
    if (f + 0.45 * noise.at(x, y) + 0.12 * fine.at(x, y) < 1) mask[k] = 0;
  }
  const all = Array.from({ length: NX * NY }, (_v, k) => k);
  const pieces = components(all, (k) => mask[k] === 0).sort((a, b) => b.length - a.length);
  for (const p of pieces.slice(1)) for (const k of p) mask[k] = OUT;
  // Fill holes: outside cells not connected to the grid border.
  for (const hole of components(all, (k) => mask[k] === OUT)) {
    const touchesBorder = hole.some((k) => k % NX === 0 || k % NX === NX - 1 || k < NX || k >= NX * (NY - 1));
    if (!touchesBorder) for (const k of hole) mask[k] = 0;
  }
  return mask;
}

/** Seeds spread over the cells: farthest-point sampling, then a few Lloyd iterations. */
function spreadSeeds(rng: Rng, cells: readonly number[], n: number): Point[] {
  const pts = cells.map((k): Point => [cx(k) * KX, cy(k)]);
  const first = pts[rng.int(0, pts.length - 1)] as Point;
  const seeds: Point[] = [first];
  const dist = pts.map((p) => sq(p[0] - first[0]) + sq(p[1] - first[1]));
  while (seeds.length < n) {
    let best = 0;
    for (let i = 1; i < pts.length; i++) if ((dist[i] as number) > (dist[best] as number)) best = i;
    const s = pts[best] as Point;
    seeds.push(s);
    pts.forEach((p, i) => (dist[i] = Math.min(dist[i] as number, sq(p[0] - s[0]) + sq(p[1] - s[1]))));
  }
  for (let iter = 0; iter < 8; iter++) {
    const sx = new Array<number>(n).fill(0);
    const sy = new Array<number>(n).fill(0);
    const cnt = new Array<number>(n).fill(0);
    for (const p of pts) {
      let best = 0;
      let bd = Infinity;
      seeds.forEach((s, i) => {
        const d = sq(p[0] - s[0]) + sq(p[1] - s[1]);
        if (d < bd) {
          bd = d;
          best = i;
        }
      });
      sx[best] = (sx[best] as number) + p[0];
      sy[best] = (sy[best] as number) + p[1];
      cnt[best] = (cnt[best] as number) + 1;
    }
    seeds.forEach((s, i) => {
      if (cnt[i]) {
        s[0] = (sx[i] as number) / (cnt[i] as number);
        s[1] = (sy[i] as number) / (cnt[i] as number);
      }
    });
  }
  return seeds.map((s): Point => [s[0] / KX, s[1]]);
}

/** Warped positions of the cells (ground-scaled), so that diagram edges wander like real borders. */
function warpField(rng: Rng, spacing: number, amplitude: number): (k: number) => Point {
  const nx = new ValueNoise(rng, spacing);
  const ny = new ValueNoise(rng, spacing);
  const nx2 = new ValueNoise(rng, spacing / 3);
  const ny2 = new ValueNoise(rng, spacing / 3);
  const wx = new Float64Array(NX * NY).fill(NaN);
  const wy = new Float64Array(NX * NY);
  return (k) => {
    if (Number.isNaN(wx[k])) {
      const x = cx(k);
      const y = cy(k);
      wx[k] = (x + amplitude * (nx.at(x, y) + 0.35 * nx2.at(x, y))) * KX;
      wy[k] = y + amplitude * (ny.at(x, y) + 0.35 * ny2.at(x, y));
    }
    return [wx[k] as number, wy[k] as number];
  };
}

/** A power diagram over the cells whose weights are tuned so that each seed gets its target share of cells. */
function balancedDiagram(cells: readonly number[], seeds: readonly Point[], targets: readonly number[], warp: (k: number) => Point, scale: number): Map<number, number> {
  const total = targets.reduce((s, t) => s + t, 0);
  const want = targets.map((t) => (t / total) * cells.length);
  const n = seeds.length;
  const w = new Float64Array(n);
  const sx = Float64Array.from(seeds, (s) => s[0] * KX);
  const sy = Float64Array.from(seeds, (s) => s[1]);
  const px = Float64Array.from(cells, (k) => warp(k)[0]);
  const py = Float64Array.from(cells, (k) => warp(k)[1]);
  const assign = new Int32Array(cells.length);
  const count = new Float64Array(n);
  for (let iter = 0; iter < 60; iter++) {
    count.fill(0);
    for (let c = 0; c < cells.length; c++) {
      const x = px[c] as number;
      const y = py[c] as number;
      let best = 0;
      let bd = Infinity;
      for (let i = 0; i < n; i++) {
        const d = sq(x - (sx[i] as number)) + sq(y - (sy[i] as number)) - (w[i] as number);
        if (d < bd) {
          bd = d;
          best = i;
        }
      }
      assign[c] = best;
      count[best] = (count[best] as number) + 1;
    }
    const rate = iter < 40 ? 0.5 : 0.2;
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) + (rate * scale * ((want[i] as number) - (count[i] as number))) / (want[i] as number);
  }
  return new Map(cells.map((k, c) => [k, assign[c] as number]));
}

/** Give every fragment of a label but its largest piece to the neighbouring label it shares most border with. */
function mergeFragments(cells: readonly number[], label: Int32Array, allowed: (from: number, to: number) => boolean): void {
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    const labels = [...new Set(cells.map((k) => label[k] as number))].filter((l) => l !== OUT).sort((a, b) => a - b);
    for (const l of labels) {
      const pieces = components(
        cells.filter((k) => label[k] === l),
        (k) => label[k] === l,
      ).sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number));
      for (const piece of pieces.slice(1)) {
        const votes = new Map<number, number>();
        for (const k of piece) {
          for (const n of neighbours(k)) {
            const m = label[n] as number;
            if (m !== l && m !== OUT && allowed(l, m)) votes.set(m, (votes.get(m) ?? 0) + 1);
          }
        }
        const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
        if (!best) continue;
        for (const k of piece) label[k] = best[0];
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** Pseudo-angle in [0, 4) without trigonometry. */
function pseudoAngle(dx: number, dy: number): number {
  const p = dx / (Math.abs(dx) + Math.abs(dy) || 1);
  return dy < 0 ? 3 + p : 1 - p;
}

export interface Partition {
  /** County index per cell (OUT outside). */
  readonly label: Int32Array;
  /** County list in label order. */
  readonly counties: readonly County[];
}

export function partition(model: RegionModel): Partition {
  const rng = rngFor('map');
  const mask = provinceMask(rng.fork('mask'));
  const cells = Array.from({ length: NX * NY }, (_v, k) => k).filter((k) => mask[k] === 0);

  // Cities: seeds spread over the province; the most central one is the capital, the rest go round it.
  const nCities = model.cities.length;
  const seeds = spreadSeeds(rng.fork('city-seeds'), cells, nCities);
  const mx = cells.reduce((s, k) => s + cx(k), 0) / cells.length;
  const my = cells.reduce((s, k) => s + cy(k), 0) / cells.length;
  const d2 = (p: Point) => sq((p[0] - mx) * KX) + sq(p[1] - my);
  const capital = seeds.reduce((best, s, i) => (d2(s) < d2(seeds[best] as Point) ? i : best), 0);
  const capitalSeed = seeds[capital] as Point;
  const others = seeds
    .map((s, i) => ({ s, i }))
    .filter((x) => x.i !== capital)
    .sort((a, b) => pseudoAngle(a.s[0] - capitalSeed[0], a.s[1] - capitalSeed[1]) - pseudoAngle(b.s[0] - capitalSeed[0], b.s[1] - capitalSeed[1]));
  const citySeeds = [capitalSeed, ...others.map((x) => x.s)];
  const cityArea = model.cities.map((c) => c.counties.reduce((s, x) => s + x.area, 0));
  const cityWarp = warpField(rng.fork('city-warp'), 1.1, 0.42);
  const cityOf = balancedDiagram(cells, citySeeds, cityArea, cityWarp, 0.15);
  const cityLabel = new Int32Array(NX * NY).fill(OUT);
  for (const k of cells) cityLabel[k] = cityOf.get(k) as number;
  mergeFragments(cells, cityLabel, () => true);

  // Province-administered units: discs carved where three cities meet, away from the border.
  const avgCell = cells.length / model.counties.reduce((s, c) => s + c.area, 0);
  const junctions = cells.filter((k) => {
    const i = k % NX;
    const j = Math.floor(k / NX);
    const around = new Set<number>();
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) around.add(cityLabel[(j + dj) * NX + i + di] as number);
    if (around.has(OUT) || around.size < 3) return false;
    for (let dj = -8; dj <= 8; dj++) for (let di = -8; di <= 8; di++) if (mask[(j + dj) * NX + i + di] !== 0) return false;
    return true;
  });
  const directCells: number[][] = [];
  const jr = rng.fork('direct');
  const chosen: number[] = [];
  for (const unit of model.direct) {
    const options = junctions.filter((k) => chosen.every((c) => sq(cx(c) - cx(k)) + sq(cy(c) - cy(k)) > 1.44));
    const at = jr.pick(options.length ? options : junctions);
    chosen.push(at);
    const size = Math.round(unit.area * avgCell);
    const near = cells
      .filter((k) => cityLabel[k] !== OUT && (cityLabel[k] as number) < nCities)
      .map((k) => ({ k, d: sq((cx(k) - cx(at)) * KX) + sq(cy(k) - cy(at)) + 0.002 * cityWarp(k)[0] }))
      .sort((a, b) => a.d - b.d || a.k - b.k)
      .slice(0, size)
      .map((x) => x.k);
    directCells.push(near);
    for (const k of near) cityLabel[k] = nCities + directCells.length - 1;
  }
  mergeFragments(cells, cityLabel, (from, to) => from < nCities && to < nCities);

  // Counties inside each city; districts round the city seat, the others by angle around it.
  const counties: County[] = [];
  const label = new Int32Array(NX * NY).fill(OUT);
  const countyWarp = warpField(rng.fork('county-warp'), 0.5, 0.14);
  model.cities.forEach((city, ci) => {
    const own = cells.filter((k) => cityLabel[k] === ci);
    const n = city.counties.length;
    const s = spreadSeeds(rng.fork(`seeds-${city.code}`), own, n);
    const seat = citySeeds[ci] as Point;
    const byDistance = s.map((p, i) => ({ p, i, d: sq((p[0] - seat[0]) * KX) + sq(p[1] - seat[1]) }));
    byDistance.sort((a, b) => a.d - b.d);
    const districts = city.counties.filter((c) => c.kind === 'district');
    const rest = city.counties.filter((c) => c.kind !== 'district');
    const districtSeeds = byDistance.slice(0, districts.length);
    const restSeeds = byDistance
      .slice(districts.length)
      .sort((a, b) => pseudoAngle(a.p[0] - seat[0], a.p[1] - seat[1]) - pseudoAngle(b.p[0] - seat[0], b.p[1] - seat[1]));
    const ordered = [...districts, ...rest];
    const orderedSeeds = [...districtSeeds, ...restSeeds].map((x) => x.p);
    const assign = balancedDiagram(own, orderedSeeds, ordered.map((c) => c.area), countyWarp, 0.04);
    const offset = counties.length;
    counties.push(...ordered);
    for (const k of own) label[k] = offset + (assign.get(k) as number);
  });
  model.direct.forEach((unit, di) => {
    counties.push(unit);
    for (const k of cells) if (cityLabel[k] === nCities + di) label[k] = counties.length - 1;
  });
  const parentOf = (l: number) => (counties[l] as County).parent;
  const sameParent = (a: number, b: number) => parentOf(a) === parentOf(b);
  mergeFragments(cells, label, sameParent);

  // Smooth single-cell spikes: a cell with three or four neighbours of one other label joins it.
  for (let pass = 0; pass < 2; pass++) {
    const next = Int32Array.from(label);
    for (let k = 0; k < NX * NY; k++) {
      const votes = new Map<number, number>();
      for (const n of neighbours(k)) votes.set(label[n] as number, (votes.get(label[n] as number) ?? 0) + 1);
      for (const [l, v] of votes) if (l !== label[k] && v >= 3 && (l === OUT || label[k] === OUT || sameParent(l, label[k] as number))) next[k] = l;
    }
    label.set(next);
  }
  const all = Array.from({ length: NX * NY }, (_v, k) => k).filter((k) => label[k] !== OUT);
  mergeFragments(all, label, sameParent);
  counties.forEach((c, l) => {
    const n = all.filter((k) => label[k] === l).length;
    if (n < 12) throw new Error(`map: ${c.code} has only ${n} cells`);
  });
  return { label, counties };
}

