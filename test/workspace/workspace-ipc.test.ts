import { describe, expect, it, vi } from 'vitest';
import { HOST_LIMITS, type HostApi } from '../../shared/contract/host-api.js';
import { hostArgs } from '../../shared/contract/validate.js';
import { dispatchHostCall, parseHostArgs } from '../../electron/main/ipc-core.js';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const hjw = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]);
const trusted = 'app://hengjian/index.html';

describe('IPC validation of the workspace methods', () => {
  it.each([
    ['saveWorkspaceAs', [hjw, '2025年三季度.hjw']],
    ['saveWorkspaceAs', [hjw, '未命名']],
    ['saveWorkspaceTo', [token, hjw]],
    ['openWorkspace', []],
    ['writeAutosave', [hjw]],
    ['readAutosave', []],
    ['clearAutosave', []],
  ] as const)('accepts %s(%#)', (method, args) => {
    expect(hostArgs[method].safeParse(args).success).toBe(true);
  });

  const tooBig = new Uint8Array(1);
  Object.defineProperty(tooBig, 'byteLength', { value: HOST_LIMITS.maxWorkspaceBytes + 1 });

  it.each([
    ['a path as the suggested name', 'saveWorkspaceAs', [hjw, '../../.bashrc']],
    ['a Windows path as the suggested name', 'saveWorkspaceAs', [hjw, 'C:\\Users\\a.hjw']],
    ['an empty name', 'saveWorkspaceAs', [hjw, '']],
    ['a name with a control character', 'saveWorkspaceAs', [hjw, 'a\u0000.hjw']],
    ['arguments in the wrong order', 'saveWorkspaceAs', ['a.hjw', hjw]],
    ['bytes that are not a zip', 'saveWorkspaceAs', [new Uint8Array([0x3c, 0x68, 0x74, 0x6d]), 'a.hjw']],
    ['bytes as a plain array', 'writeAutosave', [[0x50, 0x4b, 3, 4]]],
    ['bytes as an ArrayBuffer', 'writeAutosave', [new ArrayBuffer(4)]],
    ['bytes over the size cap', 'writeAutosave', [tooBig]],
    ['a path instead of a location token', 'saveWorkspaceTo', ['/home/user/a.hjw', hjw]],
    ['a short token', 'saveWorkspaceTo', ['abc', hjw]],
    ['a FileRef instead of a token', 'saveWorkspaceTo', [{ token, name: 'a.hjw', size: 1 }, hjw]],
    ['a missing argument', 'saveWorkspaceTo', [token]],
    ['an argument to openWorkspace', 'openWorkspace', ['/etc/passwd']],
    ['an argument to readAutosave', 'readAutosave', [1]],
    ['an argument to clearAutosave', 'clearAutosave', [true]],
  ] as const)('rejects %s', (_label, method, args) => {
    expect(hostArgs[method].safeParse(args).success).toBe(false);
  });

  it('explains refusals in Chinese', () => {
    expect(() => parseHostArgs('saveWorkspaceAs', [hjw, 'a/b.hjw'])).toThrow(/调用 saveWorkspaceAs 的参数无效：1：文件名不能含路径/);
    expect(() => parseHostArgs('writeAutosave', [new Uint8Array([1, 2, 3, 4])])).toThrow(/不是衡鉴工作区文件/);
    expect(() => parseHostArgs('writeAutosave', [tooBig])).toThrow(/工作区文件过大/);
  });

  it('never reaches the host with a refused call', async () => {
    const host = { saveWorkspaceTo: vi.fn(async () => ({ saved: false as const })) } as unknown as HostApi;
    await expect(dispatchHostCall(host, 'saveWorkspaceTo', trusted, ['/etc/passwd', hjw])).rejects.toThrow(/参数无效/);
    await expect(dispatchHostCall(host, 'saveWorkspaceTo', 'file:///tmp/evil.html', [token, hjw])).rejects.toThrow(/调用方不是衡鉴/);
    expect(host.saveWorkspaceTo).not.toHaveBeenCalled();
    await dispatchHostCall(host, 'saveWorkspaceTo', trusted, [token, hjw]);
    expect(host.saveWorkspaceTo).toHaveBeenCalledWith(token, hjw);
  });
});
