/**
 * 分析报告 in the app: the quarter's targets (regions with a 一把手 at its end), one pack's model for preview and
 * projection, and the batch written through the host (Electron: a new folder, PDFs printed by printToPDF; a plain
 * browser: one zip, no PDF). The same shared/report code as the CLI.
 */
import type { HostApi, SaveResult } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { listAllPeriods } from '../../shared/model/catalog.js';
import { parsePeriod } from '../../shared/model/period.js';
import { writeBatch, type BatchEntry, type BatchProgress, type PackHost } from '../../shared/report/pack-batch.js';
import { buildPack, buildPackFrom, packContext, packTargets, type PackTarget } from '../../shared/report/pack-model.js';
import { watermarkText, type PackFormat, type PackModel, type Watermark } from '../../shared/report/pack-types.js';
import { packWriters } from '../../shared/report/pack-writers.js';
import { audit } from './audit.js';
import { useAppStore } from './store.js';

/** The quarters of the data, newest first (packs are quarterly). */
export async function packPeriods(db: Connector): Promise<string[]> {
  return (await listAllPeriods(db)).filter((p) => parsePeriod(p)?.kind === 'quarter').sort().reverse();
}

/** The regions with a 一把手 at the period's end. */
export async function packTargetsQuery(db: Connector, period: string): Promise<PackTarget[]> {
  return packTargets(db, period);
}

export interface PackPreviewParams {
  readonly period: string;
  readonly regionCode: string;
  readonly watermark: Watermark;
  readonly maskNames: boolean;
  /** The workspace's documents (they travel in the params, so an edit builds again). */
  readonly documents: Record<string, unknown>;
  readonly demo: boolean;
}

/** One region's pack model (preview and projection). */
export async function packPreviewQuery(db: Connector, p: PackPreviewParams): Promise<PackModel> {
  return buildPack(db, { period: p.period, regionCode: p.regionCode }, { watermark: p.watermark, documents: p.documents, maskNames: p.maskNames, demo: p.demo });
}

export interface BatchRequest {
  readonly period: string;
  /** null: every target of the period. */
  readonly regionCodes: readonly string[] | null;
  readonly formats: readonly PackFormat[];
  readonly watermark: Watermark;
  readonly maskNames: boolean;
}

export interface BatchOutcome {
  readonly saved: SaveResult;
  readonly entries: readonly BatchEntry[];
  readonly total: number;
  readonly cancelled: boolean;
}

/** Build and write the packs asked for, then save them into one folder; the window stays responsive between packs. */
export async function runPackBatch(host: HostApi, packHost: PackHost, db: Connector, req: BatchRequest, onProgress: (p: BatchProgress) => void, signal: AbortSignal): Promise<BatchOutcome> {
  const ws = useAppStore.getState().workspace;
  const documents = ws?.documents ?? {};
  const all = await packTargets(db, req.period);
  const chosen = req.regionCodes === null ? all : all.filter((t) => req.regionCodes?.includes(t.regionCode));
  const ctx = await packContext(db, req.period, { watermark: req.watermark, documents, maskNames: req.maskNames, demo: ws?.demo ?? false });
  const result = await writeBatch(
    req.period,
    chosen.map((t) => ({ regionCode: t.regionCode, regionName: t.regionName, leaderName: t.leaderName, build: () => buildPackFrom(ctx, { period: req.period, regionCode: t.regionCode }) })),
    req.formats,
    packWriters(documents.maps),
    packHost,
    { onProgress, signal, watermark: watermarkText(req.watermark), yieldEvery: () => new Promise((r) => setTimeout(r, 0)) },
  );
  const written = result.entries.filter((e) => !e.error).length;
  if (written === 0 && result.cancelled) return { saved: { saved: false }, entries: result.entries, total: chosen.length, cancelled: true };
  const folder = chosen.length === 1 && chosen[0] ? `${req.period}-${chosen[0].regionName}分析报告` : `${req.period}一把手分析报告`;
  const folderName = folder.replace(/[\\/:*?"<>|]/g, '_');
  const saved = await audit.around('export', `${folderName}（${req.formats.join('、')}，${written} 份）`, () => host.saveFiles(result.files, folderName), (x) => audit.outcome(x.saved));
  return { saved, entries: result.entries, total: chosen.length, cancelled: result.cancelled };
}
