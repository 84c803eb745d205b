/**
 * Workspace encryption (shared/workspace/crypto.ts): round trip, wrong passphrase, every authenticated part tampered,
 * weak KDF parameters refused, and the grep test: an encrypted save and autosave hold no planted personal data in
 * any encoding, while the same save unencrypted does. PBKDF2 at 600,000 iterations takes about half a second, so the
 * key is derived once and reused; only the round trip and the wrong passphrase derive again.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { unzip } from '../../shared/ingest/readers/zip/zip.js';
import {
  deriveWorkspaceKey,
  isSealedWorkspace,
  MIN_ITERATIONS,
  readCryptHeader,
  sealWorkspace,
  unsealWithKey,
  unsealWorkspace,
  WRONG_PASSPHRASE,
  type WorkspaceKey,
} from '../../shared/workspace/crypto.js';
import { packWorkspace, unpackWorkspace, WORKSPACE_LIMITS } from '../../shared/workspace/portable.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { readAutosaveFile, writeAutosaveFile, AUTOSAVE_BACKUP, AUTOSAVE_FILE } from '../../electron/node/autosave.js';
import { writeFileAtomic } from '../../electron/node/atomic-write.js';
import { useAppStore } from '../../renderer/state/store.js';
import { setPassphrase, setWorkspaceKey } from '../../renderer/state/crypt.js';
import { replaceAutosave, saveWorkspace, writeAutosaveNow } from '../../renderer/state/workspace.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';
import { loadFiles } from './fixture.js';

const PASS = '正确的口令 correct horse';
const ID_NO = '110101199003071234';
const NAME = '欧阳秘密';
const enc = new TextEncoder();

let key: WorkspaceKey;
let plain: Uint8Array;

beforeAll(async () => {
  key = await deriveWorkspaceKey(PASS);
  plain = packWorkspace(fixtureWorkspace({ cadres: [{ cadre_id: 'C9', name: NAME, gender: '女', id_no: ID_NO }] }).files);
});

/** Position of `needle` in `hay`, or -1. */
function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** `text` as UTF-8, UTF-16LE and GBK bytes. */
function encodings(text: string): Uint8Array[] {
  return [enc.encode(text), new Uint8Array(Buffer.from(text, 'utf16le')), new Uint8Array(iconv.encode(text, 'gbk'))];
}

/**
 * What a person with the file finds: the raw bytes, and, when they are a zip, every entry inflated (deflate hides
 * text from a raw grep, but not from unzip).
 */
function readable(bytes: Uint8Array): Uint8Array[] {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return [bytes];
  return [bytes, ...unzip(bytes, 'x.hjw', WORKSPACE_LIMITS, () => true).map((e) => e.bytes)];
}

function finds(bytes: Uint8Array, text: string): boolean {
  return readable(bytes).some((b) => encodings(text).some((n) => indexOf(b, n) >= 0));
}

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] as number) ^ 0x01;
  return out;
}

async function refused(p: Promise<unknown>): Promise<HengjianError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HengjianError);
  return e as HengjianError;
}

describe('sealWorkspace / unsealWorkspace', () => {
  it('round-trips a workspace, with a fresh IV each time and the header in the clear', async () => {
    const a = await sealWorkspace(plain, key);
    const b = await sealWorkspace(plain, key);
    expect(isSealedWorkspace(a)).toBe(true);
    expect(isSealedWorkspace(plain)).toBe(false);
    const ha = readCryptHeader(a);
    expect(ha.header).toMatchObject({ version: 1, cipher: 'AES-256-GCM', kdf: 'PBKDF2-SHA-256', iterations: MIN_ITERATIONS });
    expect(ha.iv.length).toBe(12);
    expect(ha.salt.length).toBe(16);
    expect(Buffer.from(ha.iv).equals(Buffer.from(readCryptHeader(b).iv))).toBe(false); // never the same IV twice
    expect(a.length).toBe(ha.aad.length + plain.length + 16); // ciphertext + 16-byte tag
    const opened = await unsealWorkspace(a, PASS); // a new derivation from the header's salt and iterations
    expect(Buffer.from(opened.plain).equals(Buffer.from(plain))).toBe(true);
    expect(unpackWorkspace(opened.plain, 'x.hjw').has('tables/cadres.csv')).toBe(true);
    expect(Buffer.from(await unsealWithKey(b, opened.key)).equals(Buffer.from(plain))).toBe(true);
  });

  it('refuses a wrong passphrase with 口令错误或文件已损坏', async () => {
    const sealed = await sealWorkspace(plain, key);
    const e = await refused(unsealWorkspace(sealed, PASS + '!', '甲.hjw'));
    expect(e.code).toBe('workspace.crypt.passphrase');
    expect(e.message).toBe(`甲.hjw：${WRONG_PASSPHRASE}。`);
  });

  it('refuses a changed ciphertext byte, tag byte, IV or header byte (the header is GCM additional data)', async () => {
    const sealed = await sealWorkspace(plain, key);
    const { aad } = readCryptHeader(sealed);
    const text = Buffer.from(sealed.subarray(0, aad.length)).toString('latin1');
    const header = (from: string, to: string): Uint8Array => {
      expect(to.length).toBe(from.length);
      const at = text.indexOf(from);
      expect(at).toBeGreaterThan(0);
      const out = sealed.slice();
      out.set(enc.encode(to), at);
      return out;
    };
    const { iv, salt } = readCryptHeader(sealed).header;
    const otherIv = (iv[0] === 'A' ? 'B' : 'A') + iv.slice(1);
    const cases: [string, Uint8Array][] = [
      ['ciphertext', flip(sealed, aad.length + 100)],
      ['tag', flip(sealed, sealed.length - 1)],
      ['iv', header(`"iv":"${iv}"`, `"iv":"${otherIv}"`)],
      ['iterations', header('"iterations":600000', '"iterations":600001')],
      ['salt', header(`"salt":"${salt}"`, `"salt":"${(salt[0] === 'A' ? 'B' : 'A') + salt.slice(1)}"`)],
    ];
    for (const [what, bytes] of cases) {
      const e = await refused(unsealWithKey(bytes, key));
      expect([what, e.code]).toEqual([what, 'workspace.crypt.passphrase']);
    }
    expect(Buffer.from(await unsealWithKey(sealed, key)).equals(Buffer.from(plain))).toBe(true); // the untouched file opens
  });

  it('refuses a crafted file with fewer than 600,000 iterations before deriving anything', async () => {
    const weak = await deriveWorkspaceKey(PASS, new Uint8Array(16).fill(7), 1000);
    const sealed = await sealWorkspace(plain, weak);
    expect(readCryptHeader.bind(null, sealed, '弱.hjw')).toThrow(/迭代次数 1000/);
    const e = await refused(unsealWorkspace(sealed, PASS, '弱.hjw'));
    expect(e.code).toBe('workspace.crypt.iterations');
    // …and one with an absurd count (a denial of service) too.
    const huge = Buffer.from(sealed).toString('latin1').replace('"iterations":1000', '"iterations":9e99');
    expect((await refused(unsealWorkspace(new Uint8Array(Buffer.from(huge, 'latin1')), PASS))).code).toBe('workspace.crypt.iterations');
  });

  it('refuses a truncated file and names an encrypted file when opened without a passphrase', async () => {
    const sealed = await sealWorkspace(plain, key);
    expect(() => readCryptHeader(sealed.subarray(0, readCryptHeader(sealed).aad.length + 8))).toThrow(WRONG_PASSPHRASE);
    expect(() => unpackWorkspace(sealed, '甲.hjw')).toThrow('已加密');
  });
});

describe('the grep test: an encrypted save and autosave hold no planted personal data', () => {
  let dir: string;
  let autosaveDir: string;
  let db: Connector;
  let host: HostApi;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hj-crypt-'));
    autosaveDir = path.join(dir, 'autosave');
    db = await createNodeConnector();
    await loadFiles(db, fixtureWorkspace({ cadres: [{ cadre_id: 'C9', name: NAME, gender: '女', id_no: ID_NO }] }).files);
    useAppStore.setState({
      engine: { status: 'ready', db, counts: {}, dataVersion: 1 } as never,
      workspace: { name: `${NAME}的工作区`, source: 'new', demo: false, location: null, fileName: null, dirty: true, documents: {}, recoveredFrom: null },
    });
    // The Electron host's file half: save-as writes the picked file atomically, the autosave keeps a .bak.
    host = {
      saveWorkspaceAs: async (bytes: Uint8Array, suggested: string) => {
        await writeFileAtomic(path.join(dir, suggested), bytes);
        return { saved: true, location: suggested, name: suggested };
      },
      writeAutosave: (bytes: Uint8Array) => writeAutosaveFile(autosaveDir, bytes),
    } as unknown as HostApi;
  });
  afterAll(async () => {
    setWorkspaceKey(null);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The app's own save path (state/workspace.ts saveWorkspace): the file, then the autosave and its backup. */
  async function saveAs(name: string): Promise<Uint8Array[]> {
    useAppStore.getState().patchWorkspace({ name });
    expect(await saveWorkspace(host, true)).toBe(`${name}.hjw`);
    return Promise.all([path.join(dir, `${name}.hjw`), path.join(autosaveDir, AUTOSAVE_FILE), path.join(autosaveDir, AUTOSAVE_BACKUP)].map(async (f) => new Uint8Array(await readFile(f))));
  }

  it('finds the ID number, the name and the manifest in the unencrypted save and autosave (so the test can fail)', async () => {
    setWorkspaceKey(null);
    await writeAutosaveNow(host); // a first copy, so the save's autosave has a backup
    const [file, autosave, backup] = await saveAs('明文');
    for (const bytes of [file, autosave, backup] as Uint8Array[]) {
      expect(finds(bytes, ID_NO)).toBe(true);
      expect(finds(bytes, NAME)).toBe(true);
      expect(finds(bytes, '"format": "hengjian-workspace"')).toBe(true);
      expect(finds(bytes, 'manifest.json')).toBe(true);
    }
  });

  it('finds none of them in the encrypted save, its autosave or the autosave backup once encryption is turned on', async () => {
    await setPassphrase(PASS, () => replaceAutosave(host)); // what 加密与锁定 → 启用加密 does
    // Before any save: the recovery copy and its backup (the plain copy a moment ago) are both sealed already.
    const recovery = await Promise.all([AUTOSAVE_FILE, AUTOSAVE_BACKUP].map(async (f) => new Uint8Array(await readFile(path.join(autosaveDir, f)))));
    const copies = [...recovery, ...(await saveAs('加密'))];
    for (const bytes of copies) {
      expect(isSealedWorkspace(bytes)).toBe(true);
      for (const text of [ID_NO, NAME, '"format": "hengjian-workspace"', 'manifest.json', 'tables/', 'cadres', 'audit.jsonl']) expect([text, finds(bytes, text)]).toEqual([text, false]);
    }
    // The autosave reader accepts the sealed copy (it is plausible), and the passphrase opens the saved file.
    expect((await readAutosaveFile(autosaveDir, 1e9))?.bytes.length).toBe(copies[3]?.length);
    const files = unpackWorkspace((await unsealWorkspace(copies[2] as Uint8Array, PASS)).plain, '加密.hjw');
    expect(new TextDecoder().decode(files.get('tables/cadres.csv'))).toContain(`C9,${NAME}`);
    expect(new TextDecoder().decode(files.get('tables/cadres.csv'))).toContain(ID_NO);
    expect(new TextDecoder().decode(files.get('audit.jsonl'))).toContain('"action":"crypt.on"');
  });
});
