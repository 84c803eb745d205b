/**
 * One pack in the formats asked for, and the batch of every leader's pack for a quarter into one folder with an
 * index: the same code in the app (host printer, canvas rasteriser) and in the CLI (Chromium). Progress is
 * reported per pack, a signal cancels between packs, and the time each pack spends is kept by phase (model, chart
 * SSR, PDF print, PPTX, DOCX, XLSX) for the benchmark.
 */
import { html } from '../format/html.js';
import type { PackChart } from './pack-charts.js';
import { watermarkText, type PackFile, type PackFormat, type PackModel } from './pack-types.js';

/** A chart rendered as SVG by the server-side renderer, with its intended size in CSS pixels. */
export type RenderedChart = PackChart;

/** The writers (pure, shared/report) a pack goes through. */
export interface PackWriters {
  charts(model: PackModel): RenderedChart[];
  html(model: PackModel, charts: readonly RenderedChart[], fontCss: string, fontOrigin?: string): string;
  pptx(model: PackModel, images: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array>;
  docx(model: PackModel, images: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array>;
  xlsx(model: PackModel): Uint8Array;
}

/** What only the host can do: print HTML to PDF, turn SVG charts into PNG, and supply the bundled font's CSS. */
export interface PackHost {
  printPdf(htmlText: string, model: PackModel): Promise<Uint8Array>;
  rasterize(charts: readonly RenderedChart[]): Promise<Map<string, Uint8Array>>;
  /** Where the rules fontCss gives fetch their files from, when not data: URIs (the HTML's CSP allows it). */
  readonly fontOrigin?: string;
  /** @font-face rules covering `body` in the body faces and `title` in the title's bold face. */
  fontCss(text: { readonly body: string; readonly title: string }): Promise<string>;
}

/** Milliseconds a pack spent in each phase. */
export interface PackTimings {
  model: number;
  charts: number;
  html: number;
  pdf: number;
  raster: number;
  pptx: number;
  docx: number;
  xlsx: number;
}

export const emptyTimings = (): PackTimings => ({ model: 0, charts: 0, html: 0, pdf: 0, raster: 0, pptx: 0, docx: 0, xlsx: 0 });

const now = () => Date.now();

async function timed<T>(t: PackTimings, phase: keyof PackTimings, f: () => T | Promise<T>): Promise<T> {
  const start = now();
  try {
    return await f();
  } finally {
    t[phase] += now() - start;
  }
}

/** A file name safe on Windows, macOS and Linux: no separators, reserved or control characters; at most 120 chars. */
export function safeFileName(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const s = text.replace(/[\u0000-\u001f\u007f<>:"/\\|?*\ufffe\uffff]/g, '_').replace(/[. ]+$/u, '').trim();
  return (s || '未命名').slice(0, 120);
}

/** The base name of a pack's files: 2025Q3-990101-甲县-张三. */
export function packBaseName(model: PackModel): string {
  return safeFileName([model.period, model.region.code, model.region.name, model.leader?.name].filter(Boolean).join('-'));
}

/** Write one pack in the formats asked for. Charts are rendered once and shared by every format. */
export async function writePack(
  model: PackModel,
  formats: readonly PackFormat[],
  writers: PackWriters,
  host: PackHost,
  timings: PackTimings = emptyTimings(),
): Promise<PackFile[]> {
  const base = packBaseName(model);
  const files: PackFile[] = [];
  const charts = await timed(timings, 'charts', () => writers.charts(model));
  if (formats.includes('pdf')) {
    // The subsets must cover every character the page prints: the finished document's text (fixed wording, chart
    // labels and all), taken from a render without fonts.
    const text = await timed(timings, 'html', () => writers.html(model, charts, '', host.fontOrigin).replace(/<[^>]*>/g, ''));
    const fontCss = await timed(timings, 'html', () => host.fontCss({ body: text + watermarkText(model.watermark), title: model.title }));
    const page = await timed(timings, 'html', () => writers.html(model, charts, fontCss, host.fontOrigin));
    files.push({ name: `${base}.pdf`, bytes: await timed(timings, 'pdf', () => host.printPdf(page, model)) });
  }
  const needImages = formats.includes('pptx') || formats.includes('docx');
  const images = needImages ? await timed(timings, 'raster', () => host.rasterize(formats.includes('docx') ? charts : charts.filter((c) => c.key === 'heat' || c.key === 'map'))) : new Map<string, Uint8Array>();
  if (formats.includes('pptx')) files.push({ name: `${base}.pptx`, bytes: await timed(timings, 'pptx', () => writers.pptx(model, images)) });
  if (formats.includes('docx')) files.push({ name: `${base}.docx`, bytes: await timed(timings, 'docx', () => writers.docx(model, images)) });
  if (formats.includes('xlsx')) files.push({ name: `${base}.xlsx`, bytes: await timed(timings, 'xlsx', () => writers.xlsx(model)) });
  return files;
}

/** One line of the batch's index. */
export interface BatchEntry {
  readonly regionCode: string;
  readonly regionName: string;
  readonly leaderName: string | null;
  readonly files: readonly string[];
  /** Why the pack is missing, when it failed (the batch goes on with the others). */
  readonly error: string | null;
  readonly ms: number;
}

export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  readonly current: string;
}

export interface BatchResult {
  readonly files: PackFile[];
  readonly entries: readonly BatchEntry[];
  readonly cancelled: boolean;
  readonly timings: PackTimings;
}

/** A target of the batch: one region and how to build its model. */
export interface BatchTarget {
  readonly regionCode: string;
  readonly regionName: string;
  readonly leaderName: string | null;
  build(): Promise<PackModel>;
}

/**
 * Every target's pack, then the index. `concurrency` packs are in flight at once (default 1): with 2, one pack's
 * model and writers run in this thread while another prints in Chromium. A failing pack is recorded with its
 * reason and the batch goes on; a cancel stops before the next pack and keeps what is done (the index says what is
 * missing). Files and entries keep the targets' order whatever finishes first.
 */
export async function writeBatch(
  period: string,
  targets: readonly BatchTarget[],
  formats: readonly PackFormat[],
  writers: PackWriters,
  host: PackHost,
  opts: { onProgress?: (p: BatchProgress) => void; signal?: { readonly aborted: boolean }; watermark?: string; yieldEvery?: () => Promise<void>; concurrency?: number } = {},
): Promise<BatchResult> {
  const done: ({ entry: BatchEntry; files: PackFile[] } | undefined)[] = new Array(targets.length);
  const timings = emptyTimings();
  let cancelled = false;
  let next = 0;
  let finished = 0;
  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted) {
        cancelled = true;
        return;
      }
      const i = next++;
      const t = targets[i];
      if (!t) return;
      opts.onProgress?.({ done: finished, total: targets.length, current: t.regionName });
      const start = now();
      const base = { regionCode: t.regionCode, regionName: t.regionName, leaderName: t.leaderName };
      try {
        const model = await timed(timings, 'model', () => t.build());
        const written = await writePack(model, formats, writers, host, timings);
        // The index names the leader as the pack does (masked when the pack's names are).
        done[i] = { entry: { ...base, leaderName: model.leader?.name ?? t.leaderName, files: written.map((f) => f.name), error: null, ms: now() - start }, files: written };
      } catch (e) {
        done[i] = { entry: { ...base, files: [], error: e instanceof Error ? e.message : String(e), ms: now() - start }, files: [] };
      }
      finished++;
      await opts.yieldEvery?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, targets.length)) }, worker));
  const kept = done.filter((d): d is { entry: BatchEntry; files: PackFile[] } => d !== undefined);
  const entries = kept.map((d) => d.entry);
  const files = kept.flatMap((d) => d.files);
  opts.onProgress?.({ done: entries.length, total: targets.length, current: '' });
  files.push({ name: '索引.html', bytes: new TextEncoder().encode(batchIndexHtml(period, entries, targets.length, opts.watermark ?? '')) });
  return { files, entries, cancelled, timings };
}

/** The index page of a batch: one row per region with links to its files (relative, so the folder can move). */
export function batchIndexHtml(period: string, entries: readonly BatchEntry[], total: number, watermark: string): string {
  const rows = entries
    .map((e, i) => {
      const links = e.files.map((f) => html`<a href="${encodeURIComponent(f)}">${f.slice(f.lastIndexOf('.') + 1).toUpperCase()}</a>`).join(' ');
      return html`<tr><td>${i + 1}</td><td>${e.regionCode}</td><td>${e.regionName}</td><td>${e.leaderName ?? '（空缺）'}</td><td>` + (e.error ? html`<span class="err">未生成：${e.error}</span>` : links) + '</td></tr>';
    })
    .join('');
  const missing = total - entries.filter((e) => !e.error).length;
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    html`<title>${period}一把手分析材料索引</title>` +
    '<style>body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}.err{color:#b00}</style></head><body>' +
    html`<p>内部资料</p><h1>${period}一把手分析材料索引</h1><p>共${total}个地区，已生成${total - missing}份${missing ? `，未生成${missing}份` : ''}。${watermark}</p>` +
    '<table><thead><tr><th>序号</th><th>区划代码</th><th>地区</th><th>一把手</th><th>文件</th></tr></thead><tbody>' +
    rows +
    '</tbody></table></body></html>'
  );
}
