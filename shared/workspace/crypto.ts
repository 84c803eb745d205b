/**
 * Optional workspace encryption: a whole .hjw package (manifest included) sealed with AES-256-GCM under a key derived
 * from a passphrase by PBKDF2-SHA-256. The sealed file is a small clear header followed by the ciphertext:
 *
 *   "HJWCRYPT" (8 bytes) · header length (uint16, big-endian) · header JSON (UTF-8) · ciphertext ‖ 16-byte GCM tag
 *
 * The header says only "encrypted" and how: format version, cipher, KDF, iteration count, salt and the IV. All of it
 * (magic, length and JSON) is the GCM additional data, so changing any header byte fails authentication like a
 * changed ciphertext byte. Every seal draws a fresh random 96-bit IV, so an IV is never reused with a key. WebCrypto
 * only (`crypto.subtle`, in Node 20 and the browser); the key is non-extractable and the passphrase is not kept.
 */
import { HengjianError } from '../contract/errors.js';
import { base64 as toBase64, fromBase64 } from '../util/base64.js';

/** The format version written in the header. */
export const CRYPT_VERSION = 1;
/** PBKDF2 iterations written on encryption; files with fewer are refused. */
export const MIN_ITERATIONS = 600_000;
/** The most iterations accepted on open: a crafted header must not keep the app deriving for minutes. */
export const MAX_ITERATIONS = 10_000_000;
const MAGIC = [0x48, 0x4a, 0x57, 0x43, 0x52, 0x59, 0x50, 0x54]; // "HJWCRYPT"
const PREFIX = MAGIC.length + 2;
const MAX_HEADER = 1024;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The clear header of a sealed workspace. */
export interface CryptHeader {
  readonly format: 'hengjian-workspace-encrypted';
  readonly version: number;
  readonly cipher: 'AES-256-GCM';
  readonly kdf: 'PBKDF2-SHA-256';
  readonly iterations: number;
  /** Base64 of the salt and the IV. */
  readonly salt: string;
  readonly iv: string;
}

/** A derived key with the parameters that produced it: what a session keeps instead of the passphrase. */
export interface WorkspaceKey {
  readonly key: OpaqueKey;
  readonly salt: Uint8Array;
  readonly iterations: number;
}

/** Wrong passphrase, or any authenticated byte changed: the one message the user sees for both. */
export const WRONG_PASSPHRASE = '口令错误或文件已损坏';

/** An opaque WebCrypto key (shared/ compiles without DOM types). */
export type OpaqueKey = object;
/** The part of WebCrypto used here. */
interface Subtle {
  importKey(format: 'raw', key: Uint8Array, alg: 'PBKDF2', extractable: false, usages: string[]): Promise<OpaqueKey>;
  deriveKey(alg: object, base: OpaqueKey, derived: object, extractable: false, usages: string[]): Promise<OpaqueKey>;
  encrypt(alg: object, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(alg: object, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
}
interface WebCrypto {
  readonly subtle: Subtle;
  getRandomValues<T extends Uint8Array>(a: T): T;
}
const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto;
const subtle = (): Subtle => webCrypto().subtle;
const enc = new TextEncoder();

/** True when the bytes start like a sealed workspace (a .hjw zip starts with "PK"). */
export function isSealedWorkspace(bytes: Uint8Array): boolean {
  return bytes.length >= PREFIX && MAGIC.every((b, i) => bytes[i] === b);
}

/** Derive a workspace key from a passphrase: a fresh random salt unless one is given (to check a passphrase). */
export async function deriveWorkspaceKey(passphrase: string, salt: Uint8Array = randomBytes(SALT_BYTES), iterations = MIN_ITERATIONS): Promise<WorkspaceKey> {
  if (passphrase.length === 0) throw new HengjianError('workspace.crypt.empty', '口令不能为空。');
  const base = await subtle().importKey('raw', enc.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return { key, salt, iterations };
}

/** Seal `plain` (a packed .hjw) under `k` with a fresh random IV. */
export async function sealWorkspace(plain: Uint8Array, k: WorkspaceKey): Promise<Uint8Array> {
  const iv = randomBytes(IV_BYTES);
  const header: CryptHeader = {
    format: 'hengjian-workspace-encrypted',
    version: CRYPT_VERSION,
    cipher: 'AES-256-GCM',
    kdf: 'PBKDF2-SHA-256',
    iterations: k.iterations,
    salt: toBase64(k.salt),
    iv: toBase64(iv),
  };
  const json = enc.encode(JSON.stringify(header));
  const head = new Uint8Array(PREFIX + json.length);
  head.set(MAGIC, 0);
  head[MAGIC.length] = json.length >> 8;
  head[MAGIC.length + 1] = json.length & 0xff;
  head.set(json, PREFIX);
  const cipher = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: head, tagLength: 128 }, k.key, plain));
  const out = new Uint8Array(head.length + cipher.length);
  out.set(head, 0);
  out.set(cipher, head.length);
  return out;
}

/** The header of a sealed workspace, checked: a damaged or unsafe header is refused before any derivation. */
export function readCryptHeader(bytes: Uint8Array, fileName = '工作区'): { header: CryptHeader; aad: Uint8Array; cipher: Uint8Array; salt: Uint8Array; iv: Uint8Array } {
  const damaged = (why: string) => new HengjianError('workspace.crypt.header', `${fileName}：${WRONG_PASSPHRASE}（${why}）。`, { file: fileName });
  if (!isSealedWorkspace(bytes)) throw damaged('不是加密工作区');
  const len = ((bytes[MAGIC.length] as number) << 8) | (bytes[MAGIC.length + 1] as number);
  if (len === 0 || len > MAX_HEADER || bytes.length < PREFIX + len + TAG_BYTES) throw damaged('文件头长度无效');
  let h: Partial<CryptHeader>;
  try {
    h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + len))) as Partial<CryptHeader>;
  } catch {
    throw damaged('文件头无法解析');
  }
  if (h.format !== 'hengjian-workspace-encrypted' || h.cipher !== 'AES-256-GCM' || h.kdf !== 'PBKDF2-SHA-256') throw damaged('未知的加密方式');
  if (h.version !== CRYPT_VERSION) {
    throw new HengjianError('workspace.crypt.version', `${fileName} 的加密格式版本（${String(h.version)}）不受支持：请用更新版本的衡鉴打开。`, { file: fileName });
  }
  const it = h.iterations;
  if (typeof it !== 'number' || !Number.isInteger(it) || it < MIN_ITERATIONS || it > MAX_ITERATIONS) {
    throw new HengjianError(
      'workspace.crypt.iterations',
      `${fileName} 的密钥派生参数不安全或无效（迭代次数 ${String(it)}，应在 ${MIN_ITERATIONS}–${MAX_ITERATIONS} 之间），拒绝打开。`,
      { file: fileName },
    );
  }
  const salt = fromBase64(h.salt);
  const iv = fromBase64(h.iv);
  if (!salt || salt.length < SALT_BYTES || salt.length > 64) throw damaged('盐值无效');
  if (!iv || iv.length !== IV_BYTES) throw damaged('IV 无效');
  return { header: h as CryptHeader, aad: bytes.subarray(0, PREFIX + len), cipher: bytes.subarray(PREFIX + len), salt, iv };
}

/**
 * Open a sealed workspace: the plain .hjw bytes and the key (kept for later saves, so the passphrase is not).
 * A wrong passphrase and any changed byte are the same error, WRONG_PASSPHRASE; nothing is changed anywhere.
 */
export async function unsealWorkspace(bytes: Uint8Array, passphrase: string, fileName = '工作区'): Promise<{ plain: Uint8Array; key: WorkspaceKey }> {
  const { aad, cipher, salt, iv, header } = readCryptHeader(bytes, fileName);
  const key = await deriveWorkspaceKey(passphrase, salt, header.iterations);
  return { plain: await decryptWith(key, iv, aad, cipher, fileName), key };
}

/** Open a sealed workspace with a key already derived (same salt and iterations), e.g. to check it at unlock. */
export async function unsealWithKey(bytes: Uint8Array, key: WorkspaceKey, fileName = '工作区'): Promise<Uint8Array> {
  const { aad, cipher, iv } = readCryptHeader(bytes, fileName);
  return decryptWith(key, iv, aad, cipher, fileName);
}

async function decryptWith(k: WorkspaceKey, iv: Uint8Array, aad: Uint8Array, cipher: Uint8Array, fileName: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k.key, cipher));
  } catch {
    throw new HengjianError('workspace.crypt.passphrase', `${fileName}：${WRONG_PASSPHRASE}。`, { file: fileName });
  }
}

function randomBytes(n: number): Uint8Array {
  return webCrypto().getRandomValues(new Uint8Array(n));
}
