/**
 * Kill the saving process at every write, fsync, rename (and, for the autosave, link) it makes, with strace's fault
 * injection, and check that the file on disk always opens as the complete old or the complete new workspace.
 *
 * The child is bundled with esbuild and run by plain node rather than tsx: tsx's transpiler service is another
 * process with its own writes, which would spend the kill points on it instead of on the save.
 * strace counts `when=N` per thread and per syscall; UV_THREADPOOL_SIZE=1 puts every fs call on one thread, so
 * N walks the save's own syscalls in order (interleaved with libuv's eventfd wake-ups, which are kill points too).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../shared/db/connector.js';
import { openPortableWorkspace, portableSnapshot } from '../../shared/workspace/open.js';
import { AUTOSAVE_BACKUP, AUTOSAVE_FILE, readAutosaveFile } from '../../electron/node/autosave.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { loadFiles, trickyWorkspace } from './fixture.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SYSCALLS = ['write', 'pwrite64', 'fsync', 'fdatasync', 'rename', 'renameat', 'renameat2'];
const AUTOSAVE_SYSCALLS = [...SYSCALLS, 'link', 'linkat'];
const TRACED = AUTOSAVE_SYSCALLS.join(',');

/** The absolute path of a working strace, or the reason there is none. */
function findStrace(): { path: string } | { reason: string } {
  const found = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'strace')).find((p) => fs.existsSync(p));
  if (!found) return { reason: 'strace is not installed (apt-get install strace; CI installs it)' };
  const probe = spawnSync(found, ['-f', '-o', '/dev/null', '-e', 'trace=write', process.execPath, '-e', '0'], { encoding: 'utf8' });
  if (probe.status !== 0) return { reason: `strace cannot trace here (ptrace refused?): ${(probe.stderr || String(probe.error)).trim()}` };
  return { path: found };
}

const strace = findStrace();
if ('reason' in strace) console.warn(`[save-crash] skipped: ${strace.reason}`);
const STRACE = 'path' in strace ? strace.path : '';

describe.skipIf(STRACE === '')('saving survives SIGKILL at every syscall', () => {
  let work: string;
  let child: string;
  let db: Connector;
  const ws: Record<'older' | 'old' | 'new', string> = { older: '', old: '', new: '' };
  const markers = new Map<string, string>();
  const killPoints: Record<string, number> = {};

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-crash-'));
    child = path.join(work, 'child.mjs');
    buildSync({ entryPoints: [path.join(HERE, 'save-crash-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
    db = await createNodeConnector();
    for (const [key, marker] of [['older', '更旧'], ['old', '旧'], ['new', '新']] as const) {
      await loadFiles(db, trickyWorkspace(marker));
      // The new workspace is a few MB, so its write takes several write() calls (Node writes 512 KiB at a time).
      if (key === 'new') {
        await db.query(`INSERT INTO indicator_values SELECT '990101', 'GDP', 'P' || i, random() * 1e6, random(), NULL, NULL, NULL, NULL FROM range(60000) t(i)`);
      }
      ws[key] = path.join(work, `${key}.hjw`);
      fs.writeFileSync(ws[key], await portableSnapshot(db, { name: marker }));
    }
    expect(fs.statSync(ws.new).size).toBeGreaterThan(1024 * 1024);
  });

  afterAll(async () => {
    await db?.close();
    fs.rmSync(work, { recursive: true, force: true });
    const total = Object.values(killPoints).reduce((a, b) => a + b, 0);
    console.log(`[save-crash] ${total} kill points: ${JSON.stringify(killPoints)}`);
  });

  /** The marker of a .hjw, by opening it for real (unpack, load, row counts); cached by content hash. */
  async function markerOf(bytes: Uint8Array): Promise<string> {
    const key = createHash('sha256').update(bytes).digest('hex');
    let m = markers.get(key);
    if (m === undefined) {
      await openPortableWorkspace(db, bytes, 'crash.hjw');
      m = String((await db.query(`SELECT name FROM regions WHERE region_code = '990101'`)).rows[0]?.name);
      markers.set(key, m);
    }
    return m;
  }

  function run(mode: 'save' | 'autosave', target: string, syscall: string | null, n = 0): 'killed' | 'completed' {
    const inject = syscall ? ['-e', `inject=${syscall}:signal=KILL:when=${n}`] : [];
    const r = spawnSync(STRACE, ['-f', '-o', '/dev/null', '-e', `trace=${TRACED}`, ...inject, process.execPath, child, mode, target, ws.new], {
      env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.signal === 'SIGKILL' || r.status === 137) return 'killed';
    if (r.status === 0) return 'completed';
    throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`);
  }

  it('a user save (temp + fsync + rename + directory fsync) leaves the old or the new file, never a torn one', async () => {
    const dir = path.join(work, 'save');
    fs.mkdirSync(dir);
    const target = path.join(dir, '工作区.hjw');
    const seen = new Set<string>();
    for (const syscall of SYSCALLS) {
      let kills = 0;
      for (let n = 1; ; n++) {
        expect(n, `${syscall} never completed`).toBeLessThan(500);
        fs.rmSync(target, { force: true });
        fs.copyFileSync(ws.old, target); // temp files of earlier kills stay: they must not break later saves
        if (run('save', target, syscall, n) === 'completed') break;
        kills++;
        const m = await markerOf(new Uint8Array(fs.readFileSync(target)));
        expect(['旧', '新'], `${syscall} #${n}`).toContain(m);
        seen.add(m);
      }
      killPoints[`save:${syscall}`] = kills;
      expect(await markerOf(new Uint8Array(fs.readFileSync(target)))).toBe('新');
    }
    expect([...seen].sort()).toEqual(['新', '旧'].sort()); // kills landed both before and after the rename
    const strays = fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    fs.copyFileSync(ws.old, target);
    expect(run('save', target, null)).toBe('completed');
    expect(await markerOf(new Uint8Array(fs.readFileSync(target)))).toBe('新');
    console.log(`[save-crash] user save: ${strays.length} stray temp files after the kills; the next save succeeded beside them`);
  });

  it('the autosave always has a complete main copy, and the backup is always a complete earlier one', async () => {
    const dir = path.join(work, 'autosave');
    fs.mkdirSync(dir);
    const seen = new Set<string>();
    for (const syscall of AUTOSAVE_SYSCALLS) {
      let kills = 0;
      for (let n = 1; ; n++) {
        expect(n, `${syscall} never completed`).toBeLessThan(500);
        // Remove first: after a kill the two may be hard links to one file, and copying into one would change both.
        for (const f of [AUTOSAVE_FILE, AUTOSAVE_BACKUP]) fs.rmSync(path.join(dir, f), { force: true });
        fs.copyFileSync(ws.old, path.join(dir, AUTOSAVE_FILE));
        fs.copyFileSync(ws.older, path.join(dir, AUTOSAVE_BACKUP));
        if (run('autosave', dir, syscall, n) === 'completed') break;
        kills++;
        const read = await readAutosaveFile(dir, 2 ** 31 - 1);
        expect(read?.fromBackup, `${syscall} #${n}`).toBe(false);
        const m = await markerOf(read!.bytes);
        expect(['旧', '新'], `${syscall} #${n}`).toContain(m);
        seen.add(m);
        const backup = await markerOf(new Uint8Array(fs.readFileSync(path.join(dir, AUTOSAVE_BACKUP))));
        expect(['更旧', '旧'], `${syscall} #${n} backup`).toContain(backup);
      }
      killPoints[`autosave:${syscall}`] = kills;
      expect(await markerOf(new Uint8Array(fs.readFileSync(path.join(dir, AUTOSAVE_FILE))))).toBe('新');
      expect(await markerOf(new Uint8Array(fs.readFileSync(path.join(dir, AUTOSAVE_BACKUP))))).toBe('旧');
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // the completed write swept the strays
    }
    expect([...seen].sort()).toEqual(['新', '旧'].sort());
  });
}, 600_000);
