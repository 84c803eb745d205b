import { describe, expect, it } from 'vitest';
import { toWire } from '../../../shared/ingest/pipeline/parse-transfer.js';
import { parseInputs, type ReadProgress } from '../../../shared/ingest/pipeline/pipeline-parse.js';
import { crashMessage, createParseClient, timeoutMessage, type ParseWorkerFactory } from '../../../renderer/state/parse-client.js';
import type { ParseRequest } from '../../../renderer/workers/parse-protocol.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const csv = (name: string) => ({ name, data: utf8('地区,数值\n蓝浦县,1\n') });

/**
 * A stand-in for the parse worker: parses like the real one (asynchronously, result posted as wire data), except
 * for files whose name says otherwise: 'hang' never answers, 'crash' dies, 'throw' answers 'failed'.
 */
function fakeWorkers() {
  const log = { started: 0, terminated: 0, posted: [] as string[] };
  const factory: ParseWorkerFactory = (events) => {
    log.started++;
    let dead = false;
    const answer = (f: () => void) => setTimeout(() => !dead && f(), 5);
    return {
      post(req: ParseRequest) {
        log.posted.push(req.name);
        if (req.name.includes('hang')) return;
        if (req.name.includes('crash')) return answer(() => events.crash('Out of memory'));
        if (req.name.includes('throw')) return answer(() => events.message({ type: 'failed', id: req.id, code: 'import.unreadable', message: `文件 ${req.name} 无法读取：磁盘错误` }));
        answer(() => {
          events.message({ type: 'progress', id: req.id, progress: { file: req.name, done: 0, total: 1, phase: 'read' } });
          void parseInputs([{ name: req.name, bytes: req.data as Uint8Array }]).then((p) => !dead && events.message({ type: 'done', id: req.id, parsed: toWire(p).wire }));
        });
      },
      terminate() {
        dead = true;
        log.terminated++;
      },
    };
  };
  return { log, factory };
}

describe('the parse client (worker per file, time limit, crash, cancel)', () => {
  it('parses each file in the worker and merges the results, reporting progress per file', async () => {
    const { log, factory } = fakeWorkers();
    const seen: ReadProgress[] = [];
    const parsed = await createParseClient({ createWorker: factory }).parse([csv('a.csv'), csv('b.csv')], { onProgress: (p) => seen.push(p) });
    expect(parsed.sheets.map((s) => (s.kind === 'csv' ? [s.csv.file, s.csv.records] : null))).toEqual([
      ['a.csv', 2],
      ['b.csv', 2],
    ]);
    expect(parsed.failures).toEqual([]);
    expect(seen.map((p) => [p.file, p.done, p.total])).toEqual([
      ['a.csv', 0, 2],
      ['b.csv', 1, 2],
      ['', 2, 2],
    ]);
    expect(log).toEqual({ started: 1, terminated: 1, posted: ['a.csv', 'b.csv'] }); // one worker, ended when done
  });

  it('stops a file that runs past the time limit, names it, and still reads the others in a fresh worker', async () => {
    const { log, factory } = fakeWorkers();
    const t0 = Date.now();
    const parsed = await createParseClient({ createWorker: factory, timeoutMs: 100 }).parse([csv('hang.csv'), csv('ok.csv')]);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(parsed.failures).toEqual([{ file: 'hang.csv', code: 'import.timeout', message: timeoutMessage('hang.csv', 100) }]);
    expect(timeoutMessage('大表.xlsx', 30_000)).toBe('文件 大表.xlsx 读取超时（超过 30 秒），已停止读取；工作区未改动');
    expect(log.posted).toEqual(['hang.csv', 'ok.csv']);
    expect(parsed.sheets.map((s) => (s.kind === 'csv' ? s.csv.file : ''))).toEqual(['ok.csv']);
    expect(log.started).toBe(2);
    expect(log.terminated).toBe(2);
  });

  it('turns a worker crash (out of memory) or a failed read into a failure naming the file, never a rejection', async () => {
    const { log, factory } = fakeWorkers();
    const parsed = await createParseClient({ createWorker: factory }).parse([csv('crash.xlsx'), csv('throw.csv'), csv('ok.csv')]);
    expect(parsed.failures).toEqual([
      { file: 'crash.xlsx', code: 'import.worker-crashed', message: crashMessage('crash.xlsx') },
      { file: 'throw.csv', code: 'import.unreadable', message: '文件 throw.csv 无法读取：磁盘错误' },
    ]);
    expect(crashMessage('crash.xlsx')).toContain('crash.xlsx');
    expect(parsed.sheets).toHaveLength(1);
    expect(log.started).toBe(2); // the crashed worker is replaced; a failed read keeps the worker
  });

  it('gives a large file more time: 1 s per MiB on top of the limit', async () => {
    const { factory } = fakeWorkers();
    const big = { name: 'hang-big.xlsx', data: new Blob([new Uint8Array(3 * 1_048_576)]) };
    const t0 = Date.now();
    const parsed = await createParseClient({ createWorker: factory, timeoutMs: 50, msPerMiB: 100 }).parse([big]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(340);
    expect(parsed.failures[0]?.message).toBe(timeoutMessage('hang-big.xlsx', 350));
  });

  it('a worker that cannot even start is a failure too', async () => {
    const parsed = await createParseClient({
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
    }).parse([csv('a.csv')]);
    expect(parsed.failures.map((f) => [f.file, f.code])).toEqual([['a.csv', 'import.worker-crashed']]);
  });

  it('cancel terminates the worker at once, in the middle of a file', async () => {
    const { log, factory } = fakeWorkers();
    const ac = new AbortController();
    const run = createParseClient({ createWorker: factory, timeoutMs: 60_000 }).parse([csv('hang.csv'), csv('ok.csv')], { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    ac.abort();
    await expect(run).rejects.toMatchObject({ code: 'import.cancelled', message: '已取消导入，工作区未作任何改动。' });
    expect(Date.now() - t0).toBeLessThan(50);
    expect(log).toEqual({ started: 1, terminated: 1, posted: ['hang.csv'] });
  });

  it('an already cancelled signal reads nothing', async () => {
    const { log, factory } = fakeWorkers();
    const ac = new AbortController();
    ac.abort();
    await expect(createParseClient({ createWorker: factory }).parse([csv('a.csv')], { signal: ac.signal })).rejects.toMatchObject({ code: 'import.cancelled' });
    expect(log.started).toBe(0);
  });
});
