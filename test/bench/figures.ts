/**
 * The issue's list of figures, read from the bench's JSON document: each with its median and p95, native DuckDB's
 * figure for the same question where there is one, the ratio, the target and whether it is met. A part that did not
 * run gives no figures; report.ts prints them as the table's first section.
 */
import type { Figure } from './report.js';

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const at = (x: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => obj(o)?.[k], x);
const r2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : r2(a / b));

function imports(doc: unknown): Figure[] {
  const imp = obj(at(doc, 'import'));
  if (!imp || !obj(imp.csvUtf8)) return [];
  const rows = num(imp.rows) ?? 0;
  const runs = num(imp.runs);
  // Fewer than the issue's 5 timed runs (--quick) is said in the figure's name.
  const fewer = runs !== null && runs < 5 ? ` (${runs} runs)` : '';
  const t = (imp.targets ?? {}) as Record<string, number>;
  const one = (key: string, name: string, target: number, measured: (f: Obj) => number | null, against: string): Figure => {
    const f = obj(imp[key]) ?? {};
    const m = measured(f);
    return {
      part: 'ingest',
      name: `${name}, ${rows.toLocaleString('en')} rows${fewer}: ${Math.round((num(f.rowsPerSecond) ?? 0) / 1000)}k rows/s`,
      median: num(f.medianMs), p95: num(f.p95Ms), unit: 'ms',
      native: num(f.nativeMs), ratio: num(f.ratioToNative),
      target: `≤ ${target}× ${against}`, measured: m === null ? null : `${m}×`, met: m === null ? null : m <= target,
    };
  };
  return [
    one('csvUtf8', 'CSV UTF-8 full import', t.csvUtf8 ?? 2, (f) => num(f.ratio), 'read_csv'),
    one('csvGbk', 'CSV GBK full import', t.csvGbkOverUtf8 ?? 1.2, (f) => num(f.overUtf8), 'the UTF-8 import'),
    one('xlsx', 'XLSX full import', t.xlsx ?? 4, (f) => num(f.ratio), 'read_csv'),
    one('parquet', 'Parquet full import', t.parquet ?? 1.5, (f) => num(f.ratio), 'read_csv'),
  ];
}

function views(doc: unknown): Figure[] {
  const v = obj(at(doc, 'views'));
  const rows = num(at(v, 'shape', 'rows'));
  const target = obj(v?.target) ?? {};
  const per = (obj(target.perView) ?? {}) as Record<string, { medianMs?: number | null }>;
  const out: Figure[] = [];
  for (const [name, s] of Object.entries(obj(v?.views) ?? {})) {
    const x = obj(s) ?? {};
    const ms = per[name]?.medianMs === undefined ? num(target.medianMs) : (per[name]?.medianMs ?? null);
    const r = num(x.ratio);
    const median = num(x.wasmMedianMs);
    const limit = num(target.ratioToNative) ?? 1;
    out.push({
      part: 'view', name: `${name} (${rows?.toLocaleString('en')} rows)`, median, p95: num(x.wasmP95Ms), unit: 'ms', native: num(x.nativeMedianMs), ratio: r,
      target: `${ms === null ? '' : `≤ ${ms} ms, `}≤ ${limit}× native`, measured: r === null ? null : `${r}×`,
      met: median === null || r === null ? null : (ms === null || median <= ms) && r <= limit,
    });
  }
  const w = obj(v?.warnings);
  if (w && num(w.wasmMedianMs) !== null) {
    const wt = obj(w.target) ?? {};
    out.push({
      part: 'view', name: `warnings: the rule set, events of one period (${num(w.events)} events)`, median: num(w.wasmMedianMs), p95: num(w.wasmP95Ms), unit: 'ms',
      native: num(w.nativeMedianMs), ratio: num(w.ratio), target: `≤ ${num(wt.medianMs)} ms, ≤ ${num(wt.ratioToNative)}× native`, measured: `${num(w.ratio)}×`, met: w.met === true,
    });
    const ae = obj(w.allEvents);
    if (ae)
      out.push({
        part: 'view', name: 'warnings: every event of the period into JS with its message (the CLI’s --json)', median: num(ae.wasmMedianMs), p95: null, unit: 'ms',
        native: num(ae.nativeWithJsMedianMs), ratio: num(ae.ratio), target: 'reported (no target: it is the output’s size)', measured: num(ae.ratio) === null ? null : `${num(ae.ratio)}×`, met: null,
      });
    const vw = obj(w.view);
    if (vw) {
      const vt = obj(vw.target) ?? {};
      const coldRatio = ratio(num(vw.coldMs), num(vw.nativeColdMs));
      out.push({ part: 'view', name: 'warnings view, cold: kept table + first page (1 run)', median: num(vw.coldMs), p95: null, unit: 'ms', native: num(vw.nativeColdMs), ratio: coldRatio, target: '≤ 1× native', measured: coldRatio === null ? null : `${coldRatio}×`, met: coldRatio === null ? null : coldRatio <= 1 });
      const med = num(vw.warmMedianMs);
      const p = num(vw.warmP95Ms);
      const r = num(vw.warmRatio);
      out.push({
        part: 'view', name: 'warnings view, warm: a page / filter change', median: med, p95: p, unit: 'ms', native: num(vw.nativeWarmMedianMs), ratio: r,
        target: `≤ ${num(vt.medianMs)} ms (p95 ≤ ${num(vt.p95Ms)}), ≤ ${num(vt.ratioToNative)}× native`, measured: r === null ? null : `${r}×`,
        met: med === null || p === null || r === null ? null : med <= (num(vt.medianMs) ?? 0) && p <= (num(vt.p95Ms) ?? 0) && r <= (num(vt.ratioToNative) ?? 0),
      });
    }
  } else if (w) out.push({ part: 'view', name: `warnings: failed (${String(w.error)})`, median: null, p95: null, unit: 'ms', native: null, ratio: null, target: '≤ 2000 ms', measured: null, met: false });
  return out;
}

function roster(doc: unknown): Figure[] {
  const r = obj(at(doc, 'roster'));
  if (!r) return [];
  const out: Figure[] = [];
  for (const by of ['unit', 'region']) {
    const x = obj(r[by]);
    if (!x) continue;
    const cr = num(x.coldRatio);
    const wm = num(x.warmMedianMs);
    const wr = num(x.warmRatio);
    out.push({ part: 'roster', name: `干部结构 by ${by}, cold: new date (${num(r.cadres)} cadres)`, median: num(x.coldMedianMs), p95: num(x.coldP95Ms), unit: 'ms', native: num(x.nativeColdMedianMs), ratio: cr, target: '≤ 1× native', measured: cr === null ? null : `${cr}×`, met: cr === null ? null : cr <= 1 });
    out.push({ part: 'roster', name: `干部结构 by ${by}, warm: grouping changed`, median: wm, p95: num(x.warmP95Ms), unit: 'ms', native: num(x.nativeWarmMedianMs), ratio: wr, target: '≤ 50 ms, ≤ 1× native', measured: wr === null ? null : `${wr}×`, met: wm === null || wr === null ? null : wm <= 50 && wr <= 1 });
  }
  return out;
}

function chromium(doc: unknown): Figure[] {
  const c = obj(at(doc, 'chromium'));
  if (!c) return [];
  const out: Figure[] = [];
  for (const [key, label] of [['ranking', 'ranking bar, 3,000 regions: option + render'], ['rankingAllBars', 'ranking bar, every bar drawn: option + render'], ['heatmap', 'heat map, 3,000 regions: option + render']] as const) {
    const x = obj(at(c, 'chartsAt3000', key));
    if (!x) continue;
    const med = num(at(x, 'totalMs', 'median'));
    const limit = num(at(x, 'target', 'medianMs')) ?? 100;
    out.push({ part: 'chromium', name: label, median: med, p95: num(at(x, 'totalMs', 'p95')), unit: 'ms', native: null, ratio: null, target: `≤ ${limit} ms`, measured: null, met: med === null ? null : med <= limit });
  }
  for (const key of ['coldStart', 'coldStartSaved']) {
    const x = obj(c[key]);
    if (!x) continue;
    const med = num(at(x, 'firstChartMs', 'median'));
    const limit = num(at(x, 'target', 'medianMs')) ?? 1500;
    const shown = (x.workspacesShown as unknown[] | undefined)?.join(', ');
    const loads = num(at(x, 'firstChartMs', 'runs'));
    const what = `${key === 'coldStart' ? 'sample workspace' : String(x.what).split(',')[0]}${shown ? ` (opened: ${shown})` : ''}${loads !== null && loads < 5 ? ` (${loads} loads)` : ''}`;
    out.push({ part: 'chromium', name: `cold start to first chart: ${what}`, median: med, p95: num(at(x, 'firstChartMs', 'p95')), unit: 'ms', native: null, ratio: null, target: `≤ ${limit} ms`, measured: null, met: med === null ? null : med <= limit });
  }
  const m = obj(c.memory);
  if (m) out.push({ part: 'memory', name: 'renderer process peak RSS (Chromium, workers and wasm included)', median: num(m.rendererProcessPeakRssMb), p95: null, unit: 'MB', native: null, ratio: null, target: '—', measured: null, met: null });
  return out;
}

function packs(doc: unknown): Figure[] {
  const out: Figure[] = [];
  for (const key of ['onePack', 'packs']) {
    const p = obj(at(doc, key));
    if (!p || typeof p.error === 'string') continue;
    const n = num(p.packs);
    const whole = n === 115;
    const name = key === 'onePack' ? 'one pack (PDF + PPTX), alone: workspace load, Chromium start, the pack' : `batch of ${n} packs (PDF + PPTX)${whole ? '' : ', the first of the 115'}`;
    // The 60 s target is for the 115: a batch of a few, with the workspace load and Chromium start in it, is not comparable.
    const target = key === 'onePack' ? '—' : whole ? `≤ ${num(p.targetMs)} ms` : '60 s for all 115 (`--packs`): not comparable';
    out.push({ part: 'packs', name, median: num(p.wallMs), p95: null, unit: 'ms', native: null, ratio: null, target, measured: null, met: key === 'packs' && whole ? p.met === true : null });
  }
  return out;
}

/** A part that failed (run.ts keeps its error): one row saying so. */
function failures(doc: unknown): Figure[] {
  return ['import', 'views', 'roster', 'onePack', 'packs', 'chromium']
    .filter((k) => typeof at(doc, k, 'error') === 'string')
    .map((k) => ({ part: k, name: `failed: ${String(at(doc, k, 'error'))}`, median: null, p95: null, unit: '—', native: null, ratio: null, target: '—', measured: null, met: false }));
}

/** Every figure the document holds, in the issue's order. */
export function figuresOf(doc: unknown): Figure[] {
  const node = num(at(doc, 'nodePeakRssMb'));
  return [
    ...failures(doc),
    ...imports(doc), ...views(doc), ...roster(doc), ...chromium(doc), ...packs(doc),
    ...(node === null ? [] : [{ part: 'memory', name: 'Node process peak RSS (this bench: duckdb-wasm, native DuckDB, the pack batch)', median: node, p95: null, unit: 'MB', native: null, ratio: null, target: '—', measured: null, met: null } satisfies Figure]),
  ];
}
