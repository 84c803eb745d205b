import { describe, expect, it, vi } from 'vitest';
import { deriveWorkspaceKey, isSealedWorkspace, unsealWithKey } from '../../shared/workspace/crypto.js';
import { isEncrypted, lockNow, sealForWrite, setWorkspaceKey, unlock, useCrypt } from './crypt.js';
import { useAppStore, type WorkspaceInfo } from './store.js';

const workspace: WorkspaceInfo = { name: '测试', source: 'new', demo: false, location: null, fileName: null, dirty: false, documents: {}, recoveredFrom: null };
const PASS = '测试口令 lock-1234';

describe('the idle lock: what the renderer forgets and refuses', () => {
  it('flushes the autosave, forgets the key, refuses every save while locked, and unlocks only with the passphrase', async () => {
    useAppStore.setState({ workspace });
    const key = await deriveWorkspaceKey(PASS);
    setWorkspaceKey(key);
    expect(useAppStore.getState().workspace?.encrypted).toBe(true);
    const plain = new TextEncoder().encode('PK workspace bytes');
    expect(isSealedWorkspace(await sealForWrite(plain))).toBe(true);

    const flush = vi.fn(async () => undefined);
    await lockNow(flush);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(useCrypt.getState().locked).toBe(true);
    expect(isEncrypted()).toBe(false); // the key is gone from the module
    await expect(sealForWrite(plain)).rejects.toThrow('工作区已锁定'); // never written in the clear meanwhile

    expect(await unlock('不对的口令')).toBe(false);
    expect(useCrypt.getState().locked).toBe(true);
    expect(useCrypt.getState().lockError).toContain('口令错误或文件已损坏');

    expect(await unlock(PASS)).toBe(true);
    expect(useCrypt.getState()).toMatchObject({ locked: false, lockError: null });
    const sealed = await sealForWrite(plain);
    expect(new TextDecoder().decode(await unsealWithKey(sealed, key))).toBe('PK workspace bytes'); // the same key again
    setWorkspaceKey(null);
    expect(await sealForWrite(plain)).toBe(plain);
  });
});
