import { HengjianError, errorMessage } from '../../shared/contract/errors.js';

/** What a command produces: one JSON document for --json, and text for people. */
export interface CommandResult {
  readonly json: unknown;
  readonly text: string;
  /** Non-zero when the command ran but found problems (e.g. rejected rows). */
  readonly exitCode?: number;
}

/** The JSON document printed for a failure, so scripts always get one document. */
export function errorDocument(e: unknown): { error: { code: string; message: string; detail?: unknown } } {
  if (e instanceof HengjianError) return { error: { code: e.code, message: e.message, detail: e.detail } };
  return { error: { code: e instanceof Error && e.name === 'UsageError' ? 'usage' : 'internal', message: errorMessage(e) } };
}
