import { z } from './zod.js';
import { HOST_LIMITS, type FileFilter, type FileRef, type SaveFileRequest } from './host-api.js';

/** Schemas the Electron main process applies to every IPC argument before use. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const name = z.string().min(1).max(HOST_LIMITS.maxNameLength).refine((s) => !/[\u0000-\u001f]/.test(s), '名称含控制字符');

export const fileFilterSchema = z
  .object({
    name: name,
    extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/)).max(HOST_LIMITS.maxExtensions),
  })
  .strict();

export const fileFiltersSchema = z.array(fileFilterSchema).max(HOST_LIMITS.maxFilters);

export const fileRefSchema = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), name: name, size: z.number().int().nonnegative() })
  .strict();

export const saveFileRequestSchema = z
  .object({
    suggestedName: name.refine((s) => !/[\\/]/.test(s), '文件名不能含路径'),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= HOST_LIMITS.maxSaveBytes, '文件过大'),
    filters: fileFiltersSchema,
  })
  .strict();

/** Validators by method, each taking the raw IPC argument list. */
export const hostArgs = {
  info: z.tuple([]),
  openFiles: z.tuple([fileFiltersSchema, z.boolean()]),
  readFile: z.tuple([fileRefSchema]),
  saveFile: z.tuple([saveFileRequestSchema]),
} satisfies Record<string, z.ZodType>;

export type ValidatedArgs = {
  info: [];
  openFiles: [FileFilter[], boolean];
  readFile: [FileRef];
  saveFile: [SaveFileRequest];
};
