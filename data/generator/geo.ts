import * as grid from './geo-grid.js';
import type { Point } from './geo-grid.js';
import { partition } from './geo-partition.js';
import type { RegionModel } from './regions.js';
import { roundTo } from './rng.js';

// Local copies: module bindings compile to getters under tsx and Vite, too slow for the inner loops.
const { cx, cy, H, neighbours, NX, NY, OUT, X0, Y0 } = grid;

/**
 * The fictional map: a blob-shaped province on a fine grid, cut into cities and counties by noisy power
 * diagrams balanced to target areas, then traced into polygons. Boundary vertices are smoothed as points of one
 * shared graph, so neighbouring polygons keep identical edges and tile without gaps or overlaps.
 */

/** Boundary vertices (grid corners) smoothed as one graph: junctions stay put, the rest relax. */
function smoothVertices(label: Int32Array): { pos: Map<number, Point>; drop: Set<number> } {
  const W = NX + 1;
  const lab = (i: number, j: number) => (i < 0 || j < 0 || i >= NX || j >= NY ? OUT : (label[j * NX + i] as number));
  const adj = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    adj.set(a, [...(adj.get(a) ?? []), b]);
    adj.set(b, [...(adj.get(b) ?? []), a]);
  };
  for (let j = 0; j <= NY; j++) {
    for (let i = 0; i <= NX; i++) {
      // Horizontal edge (i,j)–(i+1,j) separates cells (i,j−1) and (i,j); vertical edge (i,j)–(i,j+1) separates (i−1,j) and (i,j).
      if (i < NX && lab(i, j - 1) !== lab(i, j)) link(j * W + i, j * W + i + 1);
      if (j < NY && lab(i - 1, j) !== lab(i, j)) link(j * W + i, (j + 1) * W + i);
    }
  }
  const pos = new Map<number, Point>();
  for (const v of adj.keys()) pos.set(v, [v % W, Math.floor(v / W)]);
  const free = [...adj.keys()].filter((v) => adj.get(v)?.length === 2).sort((a, b) => a - b);
  for (let iter = 0; iter < 4; iter++) {
    const next = new Map<number, Point>();
    for (const v of free) {
      const [a, b] = adj.get(v) as [number, number];
      const p = pos.get(v) as Point;
      const pa = pos.get(a) as Point;
      const pb = pos.get(b) as Point;
      next.set(v, [0.5 * p[0] + 0.25 * (pa[0] + pb[0]), 0.5 * p[1] + 0.25 * (pa[1] + pb[1])]);
    }
    for (const [v, p] of next) pos.set(v, p);
  }
  // Round now, so the collinearity test sees exactly what the file holds.
  for (const [v, p] of pos) pos.set(v, [roundTo(X0 + p[0] * H, 4), roundTo(Y0 + p[1] * H, 4)]);
  const drop = new Set<number>();
  for (const v of free) {
    const [a, b] = adj.get(v) as [number, number];
    const p = pos.get(v) as Point;
    const pa = pos.get(a) as Point;
    const pb = pos.get(b) as Point;
    const cross = Math.round((pa[0] - p[0]) * 1e4) * Math.round((pb[1] - p[1]) * 1e4) - Math.round((pa[1] - p[1]) * 1e4) * Math.round((pb[0] - p[0]) * 1e4);
    if (cross === 0) drop.add(v);
  }
  return { pos, drop };
}

/** Closed rings (grid-corner ids) around the cells for which `inside` holds; outer rings counter-clockwise. */
function traceRings(cells: readonly number[], inside: (i: number, j: number) => boolean): number[][] {
  const W = NX + 1;
  const out = new Map<number, { to: number; dir: number }[]>();
  const add = (from: number, to: number, dir: number) => out.set(from, [...(out.get(from) ?? []), { to, dir }]);
  for (const k of cells) {
    const i = k % NX;
    const j = Math.floor(k / NX);
    if (!inside(i, j - 1)) add(j * W + i, j * W + i + 1, 0);
    if (!inside(i + 1, j)) add(j * W + i + 1, (j + 1) * W + i + 1, 1);
    if (!inside(i, j + 1)) add((j + 1) * W + i + 1, (j + 1) * W + i, 2);
    if (!inside(i - 1, j)) add((j + 1) * W + i, j * W + i, 3);
  }
  const used = new Set<string>();
  const rings: number[][] = [];
  for (const start of [...out.keys()].sort((a, b) => a - b)) {
    for (const first of out.get(start) ?? []) {
      if (used.has(`${start}>${first.to}`)) continue;
      const ring = [start];
      let from = start;
      let edge = first;
      for (;;) {
        used.add(`${from}>${edge.to}`);
        from = edge.to;
        if (from === start) break;
        ring.push(from);
        const options = out.get(from) ?? [];
        const prefer = [(edge.dir + 1) % 4, edge.dir, (edge.dir + 3) % 4];
        const nextEdge = prefer.map((d) => options.find((o) => o.dir === d && !used.has(`${from}>${o.to}`))).find((o) => o !== undefined);
        if (!nextEdge) throw new Error('map: open ring');
        edge = nextEdge;
      }
      rings.push(ring);
    }
  }
  return rings;
}

function signedArea(ring: readonly Point[]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Point;
    const q = ring[(i + 1) % ring.length] as Point;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

function pointInRing(pt: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Point;
    const b = ring[j] as Point;
    if (a[1] > pt[1] !== b[1] > pt[1] && pt[0] < ((b[0] - a[0]) * (pt[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

type Geometry = { type: 'Polygon'; coordinates: Point[][] } | { type: 'MultiPolygon'; coordinates: Point[][][] };

/** Polygon(s) of a set of cells, with smoothed shared vertices. */
function geometryOf(cells: readonly number[], inside: (i: number, j: number) => boolean, smooth: { pos: Map<number, Point>; drop: Set<number> }): Geometry {
  const W = NX + 1;
  const grid = traceRings(cells, inside);
  const outers: { grid: Point[]; coords: Point[]; holes: Point[][] }[] = [];
  const holes: { grid: Point[]; coords: Point[] }[] = [];
  for (const ring of grid) {
    const g = ring.map((v): Point => [v % W, Math.floor(v / W)]);
    const coords: Point[] = [];
    for (const v of ring) {
      if (smooth.drop.has(v)) continue;
      const p = smooth.pos.get(v) as Point;
      const last = coords[coords.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
    const head = coords[0] as Point;
    const tail = coords[coords.length - 1] as Point;
    if (coords.length > 1 && head[0] === tail[0] && head[1] === tail[1]) coords.pop();
    if (coords.length < 3) continue;
    coords.push(coords[0] as Point);
    if (signedArea(g) > 0) outers.push({ grid: g, coords, holes: [] });
    else holes.push({ grid: g, coords });
  }
  for (const h of holes) {
    const a = h.grid[0] as Point;
    const b = h.grid[1] as Point;
    // The cell on the right of a hole's first edge lies in the hole.
    const probe: Point = [(a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.5, (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.5];
    const owner = outers.find((o) => pointInRing(probe, o.grid));
    if (owner) owner.holes.push(h.coords);
  }
  const polys = outers.sort((a, b) => signedArea(b.grid) - signedArea(a.grid)).map((o) => [o.coords, ...o.holes]);
  if (polys.length === 1) return { type: 'Polygon', coordinates: polys[0] as Point[][] };
  return { type: 'MultiPolygon', coordinates: polys };
}

/** A label point inside the cells: the cell deepest inside (farthest from other cells), ties to the lowest id. */
function labelPoint(cells: readonly number[]): Point {
  const set = new Set(cells);
  const depth = new Map<number, number>();
  let frontier = cells.filter((k) => neighbours(k).length < 4 || neighbours(k).some((n) => !set.has(n)));
  for (const k of frontier) depth.set(k, 0);
  let d = 0;
  while (frontier.length) {
    d++;
    const next: number[] = [];
    for (const k of frontier) {
      for (const n of neighbours(k)) {
        if (set.has(n) && !depth.has(n)) {
          depth.set(n, d);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  let best = cells[0] as number;
  for (const k of cells) if ((depth.get(k) ?? 0) > (depth.get(best) ?? 0) || ((depth.get(k) ?? 0) === (depth.get(best) ?? 0) && k < best)) best = k;
  return [roundTo(cx(best), 4), roundTo(cy(best), 4)];
}

export interface Feature {
  readonly type: 'Feature';
  readonly properties: { adcode: number; name: string; level: 'city' | 'county'; parent: number; center: Point };
  readonly geometry: Geometry;
}

/** The sample map as GeoJSON text: cities, then counties, each in code order; one feature per line. */
export function generateMap(model: RegionModel): string {
  const { label, counties } = partition(model);
  const smooth = smoothVertices(label);
  const indexOf = new Map(counties.map((c, i) => [c.code, i]));
  const cellsOf = (set: Set<number>) => {
    const out: number[] = [];
    for (let k = 0; k < NX * NY; k++) if (set.has(label[k] as number)) out.push(k);
    return out;
  };
  const feature = (code: string, name: string, level: 'city' | 'county', parent: string, members: readonly string[]): Feature => {
    const set = new Set(members.map((m) => indexOf.get(m) as number));
    const cells = cellsOf(set);
    const inside = (i: number, j: number) => i >= 0 && j >= 0 && i < NX && j < NY && set.has(label[j * NX + i] as number);
    return {
      type: 'Feature',
      properties: { adcode: Number(code), name, level, parent: Number(parent), center: labelPoint(cells) },
      geometry: geometryOf(cells, inside, smooth),
    };
  };
  const features: Feature[] = [
    ...model.cities.map((c) => feature(c.code, c.name, 'city', model.province.code, c.counties.map((x) => x.code))),
    ...model.counties.map((c) => feature(c.code, c.name, 'county', c.parent, [c.code])),
  ];
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
