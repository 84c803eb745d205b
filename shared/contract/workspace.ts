import { z } from './zod.js';

/** Version of the workspace layout; bump it with a migration in shared/contract/migrate (from day one). */
export const WORKSPACE_SCHEMA_VERSION = 2;

const relativePath = z
  .string()
  .regex(/^[A-Za-z0-9_./-]{1,128}$/)
  .refine((p) => !p.split('/').includes('..'), '路径不能含 ..');

export const tableEntrySchema = z
  .object({
    name: z.string().regex(/^[a-z_]{1,64}$/),
    /** Path relative to the workspace root. */
    file: relativePath,
    format: z.literal('csv'),
    rows: z.number().int().nonnegative(),
  })
  .strict();

/** One JSON document of the workspace; `kind` is open so that documents of later versions still validate. */
export const documentEntrySchema = z
  .object({
    kind: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    file: relativePath,
    format: z.literal('json'),
  })
  .strict();

export const workspaceManifestSchema = z
  .object({
    format: z.literal('hengjian-workspace'),
    schemaVersion: z.number().int().positive(),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** A demonstration workspace of fictional data (the embedded sample): the app marks it wherever it shows. */
    demo: z.boolean().optional(),
    createdAt: z.string(),
    tables: z.array(tableEntrySchema),
    geojson: relativePath.optional(),
    /** Opaque JSON documents saved with the data (column mappings, saved views, rules…), one file each. */
    documents: z.array(documentEntrySchema).max(64).optional(),
    /** The audit log (audit.jsonl): its record count and last hash, so records cut off its end are detected. */
    audit: z
      .object({ file: relativePath, records: z.number().int().nonnegative(), head: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .optional(),
  })
  .strict();

export type WorkspaceManifest = z.infer<typeof workspaceManifestSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;
export type DocumentEntry = z.infer<typeof documentEntrySchema>;
