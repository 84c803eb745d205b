import { describe, expect, it, vi } from 'vitest';
import type { HostApi } from '../../shared/contract/host-api.js';
import { auditHead, parseAuditLog, verifyAuditLog } from '../../shared/workspace/audit-log.js';
import { audit, setAuditHost } from './audit.js';
import { setNameMask } from './name-mask.js';
import { useAppStore, type WorkspaceInfo } from './store.js';

const workspace: WorkspaceInfo = { name: '测试', source: 'new', demo: false, location: null, fileName: null, dirty: false, documents: {}, recoveredFrom: null };
const host = { info: async () => ({ kind: 'electron', platform: 'linux', appVersion: '0', user: '张三', machine: 'PC-01' }) } as unknown as HostApi;

describe('audit.record: the UI entry point', () => {
  it('chains records onto the workspace log in call order, by the host user, and asks for an autosave for each but the open', async () => {
    useAppStore.setState({ workspace, maskNames: true });
    const changed = vi.fn();
    setAuditHost(host, changed);
    // Called together: the queue keeps them in order and each chains onto the one before.
    const done = [audit.record('workspace.open', '测试.hjw'), audit.record('export', '排名.xlsx', '已取消')];
    expect(useAppStore.getState().workspace?.dirty).toBe(false);
    await Promise.all(done);
    let ws = useAppStore.getState().workspace as WorkspaceInfo;
    expect(ws.dirty).toBe(true); // the export changed the log (the open alone does not make the workspace unsaved)
    setNameMask(false, 'projection');
    await audit.record('rules.save', '预警规则 R1');
    ws = useAppStore.getState().workspace as WorkspaceInfo;
    const records = parseAuditLog(ws.audit ?? '').records;
    expect(records.map((r) => [r.seq, r.action, r.object, r.result, r.user, r.machine])).toEqual([
      [0, 'workspace.open', '测试.hjw', '成功', '张三', 'PC-01'],
      [1, 'export', '排名.xlsx', '已取消', '张三', 'PC-01'],
      [2, 'unmask', '人员姓名（projection）', '显示完整姓名', '张三', 'PC-01'],
      [3, 'rules.save', '预警规则 R1', '成功', '张三', 'PC-01'],
    ]);
    expect(ws.auditHead).toEqual(auditHead(ws.audit ?? ''));
    expect((await verifyAuditLog(ws.audit ?? '', ws.auditHead)).ok).toBe(true);
    // The open starts no autosave of its own (it would write the whole workspace just after opening it).
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('records a failure around an action and rethrows it', async () => {
    useAppStore.setState({ workspace });
    setAuditHost(host, () => undefined);
    await expect(audit.around('export', '报告.pdf', () => Promise.reject(new Error('磁盘已满')), () => '成功')).rejects.toThrow('磁盘已满');
    await audit.record('print', '红黄榜'); // waits for the queue
    const records = parseAuditLog(useAppStore.getState().workspace?.audit ?? '').records;
    expect(records.map((r) => [r.action, r.result])).toEqual([['export', '失败：磁盘已满'], ['print', '成功']]);
  });
});
