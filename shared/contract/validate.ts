import { z } from './zod.js';
import { HOST_LIMITS, type FileFilter, type FileRef, type HostApi, type NamedFile, type PrintPdfRequest, type SaveFileRequest } from './host-api.js';

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

const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const fileRefSchema = z.object({ token, name: name, size: z.number().int().nonnegative() }).strict();

/** A packed workspace: a zip (local file header first), at most maxWorkspaceBytes. */
export const workspaceBytesSchema = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= HOST_LIMITS.maxWorkspaceBytes, '工作区文件过大')
  .refine((b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04, '不是衡鉴工作区文件（.hjw）');

const fileName = name.refine((s) => !/[\\/]/.test(s), '文件名不能含路径');

export const saveFileRequestSchema = z
  .object({
    suggestedName: fileName,
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= HOST_LIMITS.maxSaveBytes, '文件过大'),
    filters: fileFiltersSchema,
  })
  .strict();

const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= HOST_LIMITS.maxSaveBytes, '文件过大');

export const namedFilesSchema = z
  .array(z.object({ name: fileName.refine((s) => s !== '.' && s !== '..', '文件名无效'), bytes }).strict())
  .min(1)
  .max(HOST_LIMITS.maxFiles)
  .refine((files) => new Set(files.map((f) => f.name.toLowerCase())).size === files.length, '文件名重复');

const templateText = z.string().max(HOST_LIMITS.maxTemplateText);

export const printPdfRequestSchema = z
  .object({
    html: z.string().min(1).refine((s) => s.length <= HOST_LIMITS.maxHtmlBytes, '报告过大'),
    headerText: templateText,
    footerText: templateText,
    marginFontCss: z.string().max(HOST_LIMITS.maxHtmlBytes).optional(),
  })
  .strict();

/** Validators by method, each taking the raw IPC argument list. */
export const hostArgs = {
  info: z.tuple([]),
  openFiles: z.tuple([fileFiltersSchema, z.boolean()]),
  readFile: z.tuple([fileRefSchema]),
  saveFile: z.tuple([saveFileRequestSchema]),
  saveWorkspaceAs: z.tuple([workspaceBytesSchema, fileName]),
  saveWorkspaceTo: z.tuple([token, workspaceBytesSchema]),
  openWorkspace: z.tuple([]),
  writeAutosave: z.tuple([workspaceBytesSchema]),
  readAutosave: z.tuple([]),
  clearAutosave: z.tuple([]),
  saveFiles: z.tuple([namedFilesSchema, fileName]),
  printPdf: z.tuple([printPdfRequestSchema]),
  blockedRequests: z.tuple([]),
} satisfies Record<keyof HostApi, z.ZodType>;

export type ValidatedArgs = {
  info: [];
  openFiles: [FileFilter[], boolean];
  readFile: [FileRef];
  saveFile: [SaveFileRequest];
  saveWorkspaceAs: [Uint8Array, string];
  saveWorkspaceTo: [string, Uint8Array];
  openWorkspace: [];
  writeAutosave: [Uint8Array];
  readAutosave: [];
  clearAutosave: [];
  saveFiles: [NamedFile[], string];
  printPdf: [PrintPdfRequest];
  blockedRequests: [];
};
