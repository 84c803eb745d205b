import { Inflate } from 'fflate';
import { ImportError } from '../../../contract/errors.js';
import type { ReadLimits } from '../../types.js';
import { decodeName, locateDirectory, unsafeName, zip64Fields } from './zip-directory.js';

/**
 * A bounded zip reader. The central directory is parsed here and checked BEFORE anything is inflated (entry count,
 * names, encryption, methods, overlapping entries, declared sizes and ratios); inflation then streams through
 * fflate in small chunks and aborts as soon as the output exceeds the declared size or the archive's budget.
 */

/** What the central directory says about one entry. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly method: number;
}

/** An entry with what reading it needs. */
export interface ZipEntry extends ZipEntryInfo {
  readonly crc: number;
  readonly dataStart: number;
}

/** Entries larger than this when inflated must respect limits.maxRatio. */
export const RATIO_FLOOR = 1024 * 1024;
/**
 * While inflating, an entry whose output passes this must keep output ≤ maxRatio × input pushed so far: a bomb
 * whose declared size was made to pass the directory checks is refused after a few MB instead of at its end.
 */
export const RUNNING_FLOOR = 4 * 1024 * 1024;
/** Input pushed to the inflater at a time: adapted so one push yields about OUT_TARGET bytes, at most 64 KB. */
const IN_MIN = 1024;
const IN_MAX = 64 * 1024;
const OUT_TARGET = 1024 * 1024;
const MB = 1024 * 1024;

let crcTables: Int32Array | undefined;

/** CRC-32 (zip's), slicing by 8 bytes. */
function crc32(crc: number, d: Uint8Array): number {
  let t = crcTables;
  if (!t) {
    t = crcTables = new Int32Array(256 * 8);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
    for (let n = 0; n < 256; n++) {
      for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n]! >>> 8) ^ t[t[(k - 1) * 256 + n]! & 0xff]!;
    }
  }
  let c = ~crc;
  let i = 0;
  for (const n8 = d.length - 7; i < n8; i += 8) {
    const a = c ^ (d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24));
    c = t[1792 + (a & 0xff)]! ^ t[1536 + ((a >>> 8) & 0xff)]! ^ t[1280 + ((a >>> 16) & 0xff)]! ^ t[1024 + (a >>> 24)]! ^
      t[768 + d[i + 4]!]! ^ t[512 + d[i + 5]!]! ^ t[256 + d[i + 6]!]! ^ t[d[i + 7]!]!;
  }
  for (; i < d.length; i++) c = t[(c ^ d[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** An opened archive: entries checked, inflation budget shared by every entry read from it. */
export class ZipArchive {
  private inflated = 0;
  /** What each entry added to `inflated` when last read: reading an entry again replaces its count, not adds to it. */
  private readonly counted = new Map<ZipEntry, number>();

  private constructor(
    private readonly bytes: Uint8Array,
    readonly file: string,
    private readonly limits: ReadLimits,
    readonly entries: readonly ZipEntry[],
  ) {}

  /** Parses and checks the central directory (nothing is inflated). */
  static open(bytes: Uint8Array, file: string, limits: ReadLimits): ZipArchive {
    const fail = (code: string, msg: string): never => {
      throw new ImportError(code, `压缩文件 ${file} ${msg}`, { file });
    };
    if (bytes.length > limits.maxFileBytes) fail('zip.too-large', `超过 ${Math.round(limits.maxFileBytes / MB)} MB，已拒绝`);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dir = locateDirectory(bytes);
    if (!dir) return fail('zip.not-zip', '不是有效的 ZIP 文件（找不到中央目录，文件可能已截断或损坏）');
    const { total, size: cdSize, offset: cdOffset } = dir;
    if (dir.split) fail('zip.corrupt', '是分卷压缩文件，不支持');
    if (total > limits.maxZipEntries) fail('zip.entries', `含有 ${total} 个条目，超过上限 ${limits.maxZipEntries}，已拒绝`);
    if (cdOffset + cdSize > dir.end) fail('zip.corrupt', '的中央目录位置错误（文件可能已截断或损坏）');
    const entries: ZipEntry[] = [];
    const seen = new Set<string>();
    const spans: [number, number][] = [];
    let p = cdOffset;
    for (let k = 0; k < total; k++) {
      if (p + 46 > cdOffset + cdSize || dv.getUint32(p, true) !== 0x02014b50) fail('zip.corrupt', '的中央目录已损坏');
      const flags = dv.getUint16(p + 8, true);
      const method = dv.getUint16(p + 10, true);
      const crc = dv.getUint32(p + 16, true);
      const nameLen = dv.getUint16(p + 28, true);
      const extra = p + 46 + nameLen;
      const next = extra + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
      if (next > cdOffset + cdSize) fail('zip.corrupt', '的中央目录已损坏');
      const wide = zip64Fields(dv, [dv.getUint32(p + 24, true), dv.getUint32(p + 20, true), dv.getUint32(p + 42, true)],
        extra, extra + dv.getUint16(p + 30, true));
      if (!wide) return fail('zip.corrupt', '的 ZIP64 扩展字段已损坏');
      const [uncompressedSize, compressedSize, local] = wide;
      const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
      const shown = JSON.stringify(name.slice(0, 80));
      if (unsafeName(name)) fail('zip.name', `含有不安全的条目名 ${shown}（绝对路径、“..” 或空字符），已拒绝`);
      if (seen.has(name.toLowerCase())) fail('zip.duplicate', `含有重名条目 ${shown}，已拒绝`);
      seen.add(name.toLowerCase());
      if ((flags & 0x41) !== 0 || method === 99) fail('zip.encrypted', `的条目 ${shown} 已加密，请先取消密码保护`);
      if (method !== 0 && method !== 8) fail('zip.method', `的条目 ${shown} 使用不支持的压缩方法 ${method}`);
      if (method === 0 && compressedSize !== uncompressedSize) fail('zip.corrupt', `的条目 ${shown} 大小不一致`);
      if (local + 30 > cdOffset || !Number.isSafeInteger(compressedSize + uncompressedSize) || dv.getUint32(local, true) !== 0x04034b50) fail('zip.corrupt', `的条目 ${shown} 的本地头已损坏`);
      const dataStart = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
      if (dataStart + compressedSize > cdOffset) fail('zip.corrupt', `的条目 ${shown} 超出文件范围（文件可能已截断）`);
      spans.push([local, dataStart + compressedSize]);
      entries.push({ name, compressedSize, uncompressedSize, method, crc, dataStart });
      p = next;
    }
    spans.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < spans.length; k++) {
      if ((spans[k] as [number, number])[0] < (spans[k - 1] as [number, number])[1]) fail('zip.overlap', '的条目互相重叠（压缩炸弹特征），已拒绝');
    }
    return new ZipArchive(bytes, file, limits, entries);
  }

  private bomb(detail: string): never {
    const max = Math.round(this.limits.maxInflatedBytes / MB);
    throw new ImportError('zip.bomb', `压缩文件 ${this.file} 解压后超过 ${max} MB，可能是压缩炸弹，已拒绝（${detail}）`, { file: this.file });
  }

  /** Checks declared sizes of the entries about to be read: their sum and each entry's ratio. */
  check(selected: readonly ZipEntryInfo[]): void {
    let sum = this.inflated;
    for (const e of selected) {
      sum += e.uncompressedSize;
      if (e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > this.limits.maxRatio * e.compressedSize) {
        const ratio = e.compressedSize === 0 ? '∞' : Math.round(e.uncompressedSize / e.compressedSize);
        this.bomb(`条目 ${e.name} 压缩比 ${ratio}:1 超过 ${this.limits.maxRatio}:1`);
      }
    }
    if (sum > this.limits.maxInflatedBytes) this.bomb(`声明的解压大小合计 ${Math.round(sum / MB)} MB`);
  }

  /** Streams one entry's content to onChunk; the declared size and the archive budget are enforced as it goes. */
  inflate(entry: ZipEntryInfo, onChunk: (chunk: Uint8Array) => void): void {
    const e = this.entries.find((x) => x === entry || x.name === entry.name);
    if (!e) throw new ImportError('zip.missing', `压缩文件 ${this.file} 中没有条目 ${entry.name}`, { file: this.file });
    this.inflated -= this.counted.get(e) ?? 0;
    this.counted.delete(e);
    this.check([e]);
    const data = this.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    let out = 0;
    let fed = 0;
    let crc = 0;
    const ratio = this.limits.maxRatio;
    const take = (chunk: Uint8Array): void => {
      out += chunk.length;
      if (out > e.uncompressedSize) {
        // A flipped bit and a lying bomb look alike here; say what was seen, not a size never reached.
        throw new ImportError(
          'zip.bomb',
          `压缩文件 ${this.file} 的条目 ${e.name} 解压后的实际大小超过声明的 ${e.uncompressedSize} 字节（大小与目录不符）：文件已损坏或是压缩炸弹，已停止解压`,
          { file: this.file },
        );
      }
      if (out > RUNNING_FLOOR && out > ratio * fed) {
        this.bomb(`条目 ${e.name} 前 ${Math.round(fed / 1024)} KB 解压出 ${Math.round(out / MB)} MB，压缩比超过 ${ratio}:1`);
      }
      if (this.inflated + out > this.limits.maxInflatedBytes) this.bomb(`条目 ${e.name}`);
      crc = crc32(crc, chunk);
      if (chunk.length > 0) onChunk(chunk);
    };
    try {
      if (e.method === 0) { fed = data.length; take(data); }
      else {
        const inf = new Inflate((chunk) => take(chunk));
        if (data.length === 0) inf.push(data, true);
        for (let p = 0, size = 4 * 1024; p < data.length;) {
          const end = Math.min(data.length, p + size);
          const before = out;
          fed = end;
          inf.push(data.subarray(p, end), end === data.length);
          const ratio = (out - before) / (end - p);
          size = Math.max(IN_MIN, Math.min(2 * size, IN_MAX, Math.floor(OUT_TARGET / Math.max(ratio, 1))));
          p = end;
        }
      }
    } catch (err) {
      if (err instanceof ImportError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new ImportError('zip.corrupt', `压缩文件 ${this.file} 的条目 ${e.name} 解压失败（${why}），文件可能已损坏`, { file: this.file });
    } finally {
      this.inflated += out;
      this.counted.set(e, out);
    }
    if (out !== e.uncompressedSize) {
      throw new ImportError('zip.corrupt', `压缩文件 ${this.file} 的条目 ${e.name} 大小与目录不符，文件可能已损坏`, { file: this.file });
    }
    if (crc !== e.crc) throw new ImportError('zip.crc', `压缩文件 ${this.file} 的条目 ${e.name} 校验失败，文件已损坏`, { file: this.file });
  }

  /** Inflates one entry into a new array. */
  read(entry: ZipEntryInfo): Uint8Array {
    const buf = new Uint8Array(entry.uncompressedSize);
    let at = 0;
    this.inflate(entry, (chunk) => { buf.set(chunk, at); at += chunk.length; });
    return buf;
  }
}

/** Lists a zip's entries after the central-directory checks (nothing is inflated). */
export function listZip(bytes: Uint8Array, file: string, limits: ReadLimits): ZipEntryInfo[] {
  return ZipArchive.open(bytes, file, limits).entries.map(({ name, compressedSize, uncompressedSize, method }) =>
    ({ name, compressedSize, uncompressedSize, method }));
}

/** Inflates the file entries (directories skipped) that pass filter, in directory order, within limits. */
export function unzip(
  bytes: Uint8Array, file: string, limits: ReadLimits, filter?: (name: string) => boolean,
): { name: string; bytes: Uint8Array }[] {
  const zip = ZipArchive.open(bytes, file, limits);
  const selected = zip.entries.filter((e) => !e.name.endsWith('/') && (!filter || filter(e.name)));
  zip.check(selected);
  return selected.map((e) => ({ name: e.name, bytes: zip.read(e) }));
}
