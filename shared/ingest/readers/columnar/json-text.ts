/**
 * JSON text as the JSON and GeoJSON readers take it: the file size checked against ReadLimits first, decoded in any
 * encoding, long numbers kept as text (JSON only: GeoJSON coordinates such as 116.39029832458496 carry 17 digits and
 * must stay numbers, and its codes have at most 12), and a syntax error in Chinese naming the file.
 */
import { ImportError } from '../../../contract/errors.js';
import { decodeSource, type TextWarning } from '../encoding.js';
import type { ReadLimits, SourceFile } from '../../types.js';
import { quoteLongNumbers } from './json-numbers.js';

const MB = 1024 * 1024;

/** Refuses a file past the size limit before anything is decoded. */
export function tooLarge(file: SourceFile, limits: ReadLimits, kind: string): void {
  if (file.bytes.length > limits.maxFileBytes) {
    throw new ImportError(`${kind}.too-large`, `文件 ${file.name} 超过 ${Math.round(limits.maxFileBytes / MB)} MB，已拒绝`, { file: file.name });
  }
}

/** Parses JSON text, with the syntax error in Chinese. */
export function parseJsonText(file: SourceFile, limits: ReadLimits, kind: 'json' | 'geojson'): { value: unknown; warnings: readonly TextWarning[] } {
  tooLarge(file, limits, kind);
  if (file.bytes.length === 0) throw new ImportError('file.empty', `文件 ${file.name} 为空（0 字节），没有可导入的内容`, { file: file.name });
  const decoded = decodeSource(file.bytes, file.name);
  try {
    return { value: JSON.parse(kind === 'json' ? quoteLongNumbers(decoded.text) : decoded.text) as unknown, warnings: decoded.warnings };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ImportError(`${kind}.syntax`, `文件 ${file.name} 不是有效的 JSON（${why}），请检查文件是否完整`, { file: file.name });
  }
}
