/**
 * `pack`: the quarterly 一把手 analysis packs, one region's or every leader's, written into --out with an index
 * (索引.html); the same shared/report code as the app, PDFs printed by Chromium. Prints what it wrote and where
 * each pack's time went.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatTime } from '../../../shared/format/time.js';
import { writeBatch, type BatchTarget, type PackHost } from '../../../shared/report/pack-batch.js';
import { buildPackFrom, packContext, packTargets } from '../../../shared/report/pack-model.js';
import { readViewSettings } from '../../../shared/workspace/view-settings.js';
import { PACK_FORMATS, watermarkText, type PackFormat, type Watermark } from '../../../shared/report/pack-types.js';
import { packWriters } from '../../../shared/report/pack-writers.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { appendAuditToTarget, cliAuditEntry } from '../../node/workspace-audit.js';
import { openNodePackHost, type NodePackHost } from '../../node/pack-node-host.js';
import { checkPeriod, optionalFlag as optional, requireFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { onWorkspace } from './open.js';

/** --formats pdf,pptx,docx,xlsx (default all four). */
export function formatsFlag(args: ParsedArgs): PackFormat[] {
  const raw = optional(args, 'formats');
  if (raw === null) return [...PACK_FORMATS];
  const asked = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = asked.filter((f) => !(PACK_FORMATS as readonly string[]).includes(f));
  if (bad.length || !asked.length) throw new UsageError(`--formats 只能是 ${PACK_FORMATS.join(',')} 中的一个或几个：${raw}`);
  return PACK_FORMATS.filter((f) => asked.includes(f));
}

/** Who, when, where: the watermark of everything this run writes. */
export function cliWatermark(args: ParsedArgs): Watermark {
  const text = optional(args, 'watermark-text');
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (a container): keep 'unknown'
  }
  return { user, time: formatTime(new Date().toISOString()), machine: os.hostname(), ...(text !== null ? { text } : {}) };
}

/** Only a rasteriser and a font source when no PDF is asked: no Chromium is started for them... unless images are needed. */
function needsChromium(formats: readonly PackFormat[]): boolean {
  return formats.some((f) => f !== 'xlsx');
}

const noChromium: PackHost = {
  printPdf: () => Promise.reject(new Error('未启动 Chromium')),
  rasterize: async () => new Map(),
  fontCss: async () => '',
};

/** --limit n: only the first n packs of the batch, in its order (a smaller batch; the benchmark's quick run). */
export function limitFlag(args: ParsedArgs): number | null {
  const raw = optional(args, 'limit');
  if (raw === null) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit 需要一个正整数：${raw}`);
  return n;
}

/** `pack --workspace <dir> --period <p> [--leader <cadre_id>|--region <code>] [--limit n] --out <dir> [--formats …] [--watermark-text …]`. */
export async function packCommand(args: ParsedArgs): Promise<CommandResult> {
  const period = requireFlag(args, 'period');
  checkPeriod(period);
  const out = path.resolve(requireFlag(args, 'out'));
  const formats = formatsFlag(args);
  const leader = optional(args, 'leader');
  const region = optional(args, 'region');
  const limit = limitFlag(args);
  if (leader !== null && region !== null) throw new UsageError('--leader 与 --region 只能给一个');
  const given = cliWatermark(args);
  return onWorkspace(args, async (db, ws, target) => {
    // Without --watermark-text the workspace's watermark setting applies, as in the app.
    const watermark: Watermark = given.text !== undefined ? given : { ...given, text: readViewSettings(ws.documents.views).watermark };
    const all = await packTargets(db, period);
    const started = Date.now();
    const ctx = await packContext(db, period, { watermark, documents: ws.documents, demo: ws.demo });
    const contextMs = Date.now() - started;
    let chosen: { regionCode: string; regionName: string; leaderName: string | null }[] = leader !== null ? all.filter((t) => t.leaderId === leader) : region !== null ? all.filter((t) => t.regionCode === region) : all;
    // A region without a 一把手 at the period's end still gets its pack (the leader's section says so).
    const vacant = region !== null && !chosen.length ? ctx.regions.get(region) : undefined;
    if (vacant && region !== null) chosen = [{ regionCode: region, regionName: vacant.name, leaderName: null }];
    if (limit !== null) chosen = chosen.slice(0, limit);
    if (!chosen.length) {
      throw new UsageError(leader !== null ? `${period} 期末没有干部 ${leader} 担任一把手的地区` : region !== null ? `工作区中没有地区 ${region}` : `${period} 期末没有任何地区有在任一把手`);
    }
    const host: NodePackHost | null = needsChromium(formats) ? await openNodePackHost() : null;
    try {
      const targets: BatchTarget[] = chosen.map((t) => ({ regionCode: t.regionCode, regionName: t.regionName, leaderName: t.leaderName, build: () => buildPackFrom(ctx, { period, regionCode: t.regionCode }) }));
      const result = await writeBatch(period, targets, formats, packWriters(ws.documents.maps), host ?? noChromium, {
        watermark: watermarkText(watermark),
        // Three packs in flight: while one is built and written in this thread, the others print in Chromium
        // (measured on 2 cores, 115 packs PDF+PPTX: 1 at a time 214 s, 2 at a time 81 s, 3 at a time 68-72 s).
        concurrency: 3,
        onProgress: (p) => {
          if (p.current) process.stderr.write(`[pack] ${p.done + 1}/${p.total} ${p.current}\n`);
        },
      });
      await fs.mkdir(out, { recursive: true });
      for (const f of result.files) await writeFileAtomic(path.join(out, f.name), f.bytes);
      await appendAuditToTarget(target, [
        cliAuditEntry('export', `${period} 一把手分析材料（${formats.join('、')}）→ ${out}`, `${result.entries.filter((e) => !e.error).length}/${chosen.length} 份已写入`),
      ]);
      const sizes = new Map(result.files.map((f) => [f.name, f.bytes.length]));
      const totalMs = Date.now() - started;
      const failed = result.entries.filter((e) => e.error);
      const packs = result.entries.map((e) => ({ ...e, files: e.files.map((name) => ({ name, path: path.join(out, name), bytes: sizes.get(name) ?? 0 })) }));
      const perPack = (ms: number) => Math.round(ms / Math.max(1, result.entries.length));
      const json = {
        workspace: { path: target.path, name: ws.name },
        period,
        out,
        formats,
        watermark: watermarkText(watermark),
        index: path.join(out, '索引.html'),
        packs,
        failed: failed.length,
        blockedRequests: host?.blocked ?? [],
        timings: { totalMs, contextMs, perPackMs: perPack(totalMs - contextMs), phasesMs: result.timings },
      };
      const lines = [
        `工作区：${ws.name}`,
        `${period}：${result.entries.length - failed.length}/${chosen.length} 份已写入 ${out}（${formats.join('、')}），索引 索引.html`,
        ...failed.map((e) => `  未生成 ${e.regionCode} ${e.regionName}：${e.error}`),
        `用时 ${(totalMs / 1000).toFixed(1)} 秒（每份约 ${perPack(totalMs - contextMs)} 毫秒；公共计算 ${contextMs} 毫秒）`,
      ];
      return { json, text: lines.join('\n'), exitCode: failed.length ? 3 : 0 };
    } finally {
      await host?.close();
    }
  });
}
