import { describe, expect, it, vi } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import { HOST_LIMITS, HOST_METHODS, type HostApi } from '../../shared/contract/host-api.js';
import { hostArgs } from '../../shared/contract/validate.js';
import { dispatchHostCall, parseHostArgs } from '../../electron/main/ipc-core.js';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const ref = { token, name: '考核结果.csv', size: 10 };
const filters = [{ name: '表格文件', extensions: ['csv', 'xlsx'] }];
const save = { suggestedName: '季度报告.pptx', bytes: new Uint8Array([1, 2, 3]), filters };

describe('hostArgs accepts well-formed calls', () => {
  it.each([
    ['info', []],
    ['openFiles', [filters, true]],
    ['openFiles', [[], false]],
    ['readFile', [ref]],
    ['saveFile', [save]],
    ['saveFiles', [[{ name: '990101-甲县.pdf', bytes: new Uint8Array([1]) }, { name: '索引.html', bytes: new Uint8Array([2]) }], '2025年三季度一把手分析材料']],
    ['printPdf', [{ html: '<!doctype html><p>x</p>', headerText: '内部资料', footerText: '张三 2026-12-07' }]],
  ] as const)('%s', (method, args) => {
    expect(hostArgs[method].safeParse(args).success).toBe(true);
  });

  it('covers every HostApi method', () => {
    expect(Object.keys(hostArgs).sort()).toEqual([...HOST_METHODS].sort());
  });
});

describe('hostArgs rejects', () => {
  it.each([
    ['extra keys on a FileRef', 'readFile', [{ ...ref, path: '/etc/passwd' }]],
    ['extra keys on a save request', 'saveFile', [{ ...save, directory: '/tmp' }]],
    ['extra keys on a filter', 'openFiles', [[{ ...filters[0], path: '/' }], true]],
    ['a token with bad characters', 'readFile', [{ ...ref, token: '../../etc/passwd/aaaaaaaaaaaaaa' }]],
    ['a token that is too short', 'readFile', [{ ...ref, token: 'abc' }]],
    ['an over-long name', 'readFile', [{ ...ref, name: '名'.repeat(HOST_LIMITS.maxNameLength + 1) }]],
    ['a name with a control character', 'readFile', [{ ...ref, name: 'a\nb.csv' }]],
    ['a negative size', 'readFile', [{ ...ref, size: -1 }]],
    ['a suggestedName with /', 'saveFile', [{ ...save, suggestedName: 'a/b.pptx' }]],
    ['a suggestedName with ..\\', 'saveFile', [{ ...save, suggestedName: '..\\evil.exe' }]],
    ['bytes as a plain array', 'saveFile', [{ ...save, bytes: [1, 2, 3] }]],
    ['bytes as an ArrayBuffer', 'saveFile', [{ ...save, bytes: new ArrayBuffer(3) }]],
    ['bytes as a string', 'saveFile', [{ ...save, bytes: 'AQID' }]],
    ['an extension with a dot', 'openFiles', [[{ name: 'x', extensions: ['.csv'] }], true]],
    ['too many filters', 'openFiles', [Array.from({ length: HOST_LIMITS.maxFilters + 1 }, () => filters[0]), true]],
    ['a missing argument', 'openFiles', [filters]],
    ['an extra argument', 'info', [1]],
    ['a non-boolean multiple', 'openFiles', [filters, 'yes']],
    ['a file name with a separator in a set', 'saveFiles', [[{ name: '../a.pdf', bytes: new Uint8Array([1]) }], 'x']],
    ['a file named ..', 'saveFiles', [[{ name: '..', bytes: new Uint8Array([1]) }], 'x']],
    ['two files of the same name (case-blind)', 'saveFiles', [[{ name: 'A.pdf', bytes: new Uint8Array([1]) }, { name: 'a.PDF', bytes: new Uint8Array([1]) }], 'x']],
    ['an empty set', 'saveFiles', [[], 'x']],
    ['a folder name with a separator', 'saveFiles', [[{ name: 'a.pdf', bytes: new Uint8Array([1]) }], 'a/b']],
    ['extra keys on a print request', 'printPdf', [{ html: 'x', headerText: '', footerText: '', url: 'app://elsewhere/x' }]],
    ['an over-long header', 'printPdf', [{ html: 'x', headerText: '长'.repeat(HOST_LIMITS.maxTemplateText + 1), footerText: '' }]],
    ['empty report HTML', 'printPdf', [{ html: '', headerText: '', footerText: '' }]],
  ] as const)('%s', (_label, method, args) => {
    expect(hostArgs[method].safeParse(args).success).toBe(false);
  });
});

describe('parseHostArgs / dispatchHostCall', () => {
  const host: HostApi = {
    info: vi.fn(async () => ({ kind: 'electron' as const, platform: 'linux', appVersion: '0.1.0' })),
    openFiles: vi.fn(async () => []),
    readFile: vi.fn(async () => new Uint8Array([7])),
    saveFile: vi.fn(async () => ({ saved: false as const })),
    saveWorkspaceAs: vi.fn(async () => ({ saved: false as const })),
    saveWorkspaceTo: vi.fn(async () => ({ saved: false as const })),
    openWorkspace: vi.fn(async () => null),
    writeAutosave: vi.fn(async () => undefined),
    readAutosave: vi.fn(async () => null),
    clearAutosave: vi.fn(async () => undefined),
    saveFiles: vi.fn(async () => ({ saved: false as const })),
    printPdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    blockedRequests: vi.fn(async () => ({ count: 2, urls: ['file:///x', 'ftp://y/'] })),
  };

  it('reports invalid arguments in Chinese with the path of the problem', () => {
    expect(() => parseHostArgs('readFile', [{ ...ref, extra: 1 }])).toThrow(HengjianError);
    expect(() => parseHostArgs('readFile', [{ ...ref, extra: 1 }])).toThrow(/调用 readFile 的参数无效：0：.*未知的键/);
    expect(() => parseHostArgs('saveFile', [{ ...save, suggestedName: 'a/b' }])).toThrow(/文件名不能含路径/);
  });

  it('refuses senders that are not app://hengjian', async () => {
    for (const url of ['http://127.0.0.1:4173/', 'file:///x/index.html', 'about:srcdoc', null, undefined]) {
      await expect(dispatchHostCall(host, 'info', url, [])).rejects.toThrow(/调用方不是衡鉴自己的页面/);
    }
    expect(host.info).not.toHaveBeenCalled();
  });

  it('hands the blocked-request count only to our page, and takes no argument', async () => {
    await expect(dispatchHostCall(host, 'blockedRequests', 'http://127.0.0.1:4173/', [])).rejects.toThrow(/调用方不是衡鉴自己的页面/);
    await expect(dispatchHostCall(host, 'blockedRequests', 'app://hengjian/index.html', [1])).rejects.toThrow(/调用 blockedRequests 的参数无效/);
    expect(host.blockedRequests).not.toHaveBeenCalled();
    await expect(dispatchHostCall(host, 'blockedRequests', 'app://hengjian/index.html', [])).resolves.toEqual({ count: 2, urls: ['file:///x', 'ftp://y/'] });
  });

  it('calls the host with validated arguments', async () => {
    await expect(dispatchHostCall(host, 'readFile', 'app://hengjian/index.html', [ref])).resolves.toEqual(new Uint8Array([7]));
    expect(host.readFile).toHaveBeenCalledWith(ref);
    await expect(dispatchHostCall(host, 'readFile', 'app://hengjian/index.html', [{ ...ref, token: 'x' }])).rejects.toThrow(
      /参数无效/,
    );
    expect(host.readFile).toHaveBeenCalledTimes(1);
  });
});
