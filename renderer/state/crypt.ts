/**
 * Workspace encryption in the renderer: the derived key of the current workspace (never the passphrase), the
 * passphrase prompt, and the idle lock. The key lives in this module only (not in the app store, so no devtools or
 * snapshot ever sees it); it is a non-extractable WebCrypto key.
 */
import { create } from 'zustand';
import { HengjianError } from '../../shared/contract/errors.js';
import { deriveWorkspaceKey, isSealedWorkspace, sealWorkspace, unsealWorkspace, type WorkspaceKey } from '../../shared/workspace/crypto.js';
import { audit } from './audit.js';
import { useAppStore } from './store.js';

/** Shortest passphrase accepted when encryption is turned on or the passphrase changed. */
export const MIN_PASSPHRASE = 8;
/** Idle lock default, and where the setting is kept (seconds, so tests can use a few). */
export const DEFAULT_IDLE_SECONDS = 15 * 60;
const IDLE_KEY = 'hengjian.idleLockSeconds';

let key: WorkspaceKey | null = null;
/** While locked: the key's check value (a small sealed blob), so unlocking verifies the passphrase offline. */
let lockCheck: Uint8Array | null = null;

interface Prompt {
  readonly name: string;
  readonly boot: boolean;
  readonly error: string | null;
  readonly busy: boolean;
  readonly answer: (passphrase: string | null) => void;
}

interface CryptState {
  /** The passphrase prompt (open a file, recover the autosave); null: closed. */
  prompt: Prompt | null;
  /** The idle lock is on: the view is unmounted and the key is forgotten. */
  locked: boolean;
  lockError: string | null;
  /** The 加密与锁定 dialog is open. */
  settingsOpen: boolean;
}

export const useCrypt = create<CryptState>(() => ({ prompt: null, locked: false, lockError: null, settingsOpen: false }));

/** The current workspace is encrypted (a key is held). */
export function isEncrypted(): boolean {
  return key !== null;
}

/** Set the key of the workspace that is now current (null: a plain workspace). */
export function setWorkspaceKey(k: WorkspaceKey | null): void {
  key = k;
  lockCheck = null;
  useAppStore.getState().patchWorkspace({ encrypted: k !== null });
}

/** The bytes to write for a packed workspace: sealed under the current key, else as they are. */
export async function sealForWrite(plain: Uint8Array): Promise<Uint8Array> {
  if (lockCheck) throw new HengjianError('workspace.locked', '工作区已锁定：解锁后才能保存。');
  return key ? sealWorkspace(plain, key) : plain;
}

/**
 * Plain .hjw bytes of a file, asking for the passphrase when it is sealed (again after a wrong one, with the error
 * shown). Returns the key too; null when the user cancels. Nothing is changed before the right passphrase.
 */
export async function unsealInteractive(bytes: Uint8Array, name: string, boot = false): Promise<{ plain: Uint8Array; key: WorkspaceKey | null } | null> {
  if (!isSealedWorkspace(bytes)) return { plain: bytes, key: null };
  let error: string | null = null;
  for (;;) {
    const passphrase = await new Promise<string | null>((answer) => useCrypt.setState({ prompt: { name, boot, error, busy: false, answer } }));
    if (passphrase === null) {
      useCrypt.setState({ prompt: null });
      return null;
    }
    useCrypt.setState((s) => ({ prompt: s.prompt && { ...s.prompt, busy: true, error: null } }));
    try {
      const opened = await unsealWorkspace(bytes, passphrase, name);
      useCrypt.setState({ prompt: null });
      return opened;
    } catch (e) {
      if (!(e instanceof HengjianError) || e.code !== 'workspace.crypt.passphrase') {
        useCrypt.setState({ prompt: null });
        throw e;
      }
      error = e.message;
    }
  }
}

/**
 * Turn encryption on, or change the passphrase: a new salt and key, recorded in the audit log; then `rewrite`
 * replaces the recovery copies (state/workspace.ts replaceAutosave), so no copy in the clear or under the old key is
 * left as the autosave's backup.
 */
export async function setPassphrase(passphrase: string, rewrite: () => Promise<void>): Promise<void> {
  if (passphrase.length < MIN_PASSPHRASE) throw new HengjianError('workspace.crypt.short', `口令至少 ${MIN_PASSPHRASE} 个字符。`);
  const change = key !== null;
  setWorkspaceKey(await deriveWorkspaceKey(passphrase));
  await audit.record(change ? 'crypt.passphrase' : 'crypt.on', useAppStore.getState().workspace?.name ?? '');
  await rewrite();
}

/** Turn encryption off: later saves and the autosave are in the clear; recorded in the audit log. */
export async function disableEncryption(): Promise<void> {
  if (!key) return;
  setWorkspaceKey(null);
  await audit.record('crypt.off', useAppStore.getState().workspace?.name ?? '');
}

/** The idle lock delay in milliseconds (the stored setting, else 15 minutes). */
export function idleLockMs(): number {
  const v = Number(globalThis.localStorage?.getItem(IDLE_KEY));
  return (Number.isFinite(v) && v >= 1 ? v : DEFAULT_IDLE_SECONDS) * 1000;
}

/** Store the idle lock delay, in seconds. */
export function setIdleLockSeconds(seconds: number): void {
  globalThis.localStorage?.setItem(IDLE_KEY, String(Math.max(1, Math.round(seconds))));
}

const CHECK = new TextEncoder().encode('hengjian-lock-check');

/**
 * Lock: after the pending autosave is written (`flush`), keep only a sealed check value, forget the key, and let
 * the shell unmount the views. The database and the store's documents stay in memory (see docs/security.md).
 */
export async function lockNow(flush: () => Promise<void>): Promise<void> {
  if (!key || useCrypt.getState().locked) return;
  await flush();
  lockCheck = await sealWorkspace(CHECK, key);
  key = null;
  useCrypt.getState().prompt?.answer(null); // a passphrase asked for meanwhile counts as cancelled
  useCrypt.setState({ locked: true, lockError: null, prompt: null, settingsOpen: false });
}

/** Unlock with the passphrase: the check value must open under it (a wrong one leaves the lock on). */
export async function unlock(passphrase: string): Promise<boolean> {
  if (!lockCheck) return false;
  try {
    const { key: k } = await unsealWorkspace(lockCheck, passphrase, '工作区');
    key = k;
    lockCheck = null;
    useCrypt.setState({ locked: false, lockError: null });
    return true;
  } catch (e) {
    useCrypt.setState({ lockError: e instanceof Error ? e.message : String(e) });
    return false;
  }
}
