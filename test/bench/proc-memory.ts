import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc shows it: its id, parent, command line and peak resident set (VmHWM) in bytes. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: string;
  readonly peakRssBytes: number;
}

function read(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { pid, ppid, cmdline, peakRssBytes: Number(hwm ?? 0) * 1024 };
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

/**
 * Every live descendant of `root` (Linux /proc): how the Chromium bench finds the renderer processes of the browser
 * it launched, and the server `npm start` runs, to read their peak RSS. Empty where /proc does not exist.
 */
export function descendants(root: number): ProcInfo[] {
  let all: ProcInfo[];
  try {
    all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => read(Number(d))).filter((p): p is ProcInfo => p !== null);
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        out.push(p);
        grew = true;
      }
    }
  }
  return out;
}
