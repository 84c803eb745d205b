/**
 * Opaque tokens for files the user picked in a dialog. The renderer only ever holds tokens; the host reads only
 * paths it issued a token for, so a compromised page cannot name arbitrary files.
 */
import { randomBytes } from 'node:crypto';
import { HengjianError } from '../../shared/contract/errors.js';

/** A fresh token: 24 random bytes as 32 base64url characters. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Issues and resolves tokens for user-picked paths, for the life of the process. */
export class FileTokens {
  readonly #paths = new Map<string, string>();

  /** Authorise `filePath` and return its token. */
  issue(filePath: string): string {
    let token = newToken();
    while (this.#paths.has(token)) token = newToken();
    this.#paths.set(token, filePath);
    return token;
  }

  /** The path behind a token; throws 'file not authorised' for a token this registry never issued. */
  resolve(token: string): string {
    const filePath = this.#paths.get(token);
    if (filePath === undefined) {
      throw new HengjianError('file-not-authorised', '文件未授权：请通过“打开文件”重新选择该文件 (file not authorised)');
    }
    return filePath;
  }

  /** Forget a token (e.g. when its workspace closes). */
  revoke(token: string): void {
    this.#paths.delete(token);
  }

  /** How many tokens are live. */
  get size(): number {
    return this.#paths.size;
  }
}
