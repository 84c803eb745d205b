/** Errors a user can meet, with the detail to fix the cause. Messages are Chinese; `code` is stable. */
export class HengjianError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'HengjianError';
  }
}

/** A problem in an input file, located by file, row and column. */
export class ImportError extends HengjianError {
  constructor(
    code: string,
    message: string,
    readonly location: { file: string; sheet?: string; row?: number; column?: string },
  ) {
    super(code, message, { ...location });
    this.name = 'ImportError';
  }
}

/** Text for any thrown value, for error panels and the CLI. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
