/**
 * Memory and CPU of a whole process tree, by process, sampled from Linux's /proc (the scale
 * benchmark, scripts/lib/scaleBench.ts): every descendant of a root process (the build, its steps,
 * Pagefind's binary, Astro) is found at each sample; its resident memory (VmRSS), peak (VmHWM) and
 * CPU time (utime + stime of /proc/<pid>/stat) are kept under a name saying what it is
 * (`nameOfProcess`). The peak of the sum of every live process's resident memory is the build's
 * peak memory, and what each held at that moment is kept with it.
 *
 * CPU by process is the last sample of each process (up to one interval of its last CPU time is
 * missed). (The kernel's total of a process's children, cutime, is no substitute: it counts only
 * processes that were waited for, and missed 40 % of a corpus build.)
 */
import { readFileSync } from 'node:fs';

export const CLOCK_TICKS = 100;

/** utime, stime, cutime, cstime (clock ticks) of a /proc/<pid>/stat line; the name may hold spaces and parentheses. */
export function parseStat(line: string): { utime: number; stime: number; cutime: number; cstime: number } {
  const rest = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // After the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), 1-based over the whole line.
  const field = (n: number) => Number(rest[n - 3]);
  return { utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
}

/** What a process of the build is, from its command line (NUL-separated argv). */
export function nameOfProcess(cmdline: string): string {
  const argv = cmdline.split('\0').filter((a) => a.length > 0);
  const text = argv.join(' ');
  if (/pagefind(_extended)?\b.*--service/.test(text) || /\/pagefind(_extended)?$/.test(argv[0] ?? '')) return 'Pagefind';
  if (text.includes('scripts/write-content.ts')) return 'content writer';
  if (text.includes('scripts/search-index.ts')) return 'search index (node)';
  if (text.includes('scripts/linkcheck.ts')) return 'link check';
  if (/\bastro\b.*\bbuild\b/.test(text)) return 'Astro';
  if (text.includes('scripts/build.ts')) return 'build driver';
  if (/\bgit\b/.test(argv[0] ?? '')) return 'git';
  return argv[0]?.split('/').pop() || 'other';
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  const kids = read(`/proc/${pid}/task/${pid}/children`);
  if (kids) for (const k of kids.trim().split(/\s+/)) if (k) out.push(Number(k));
  return out;
}

function descendants(root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...children(p));
  }
  return out;
}

export interface ProcessFigures {
  readonly name: string;
  /** Largest VmHWM of a process of this name (MB). */
  readonly peakMB: number;
  /** CPU seconds of every process of this name, summed (last sample of each). */
  readonly cpuSeconds: number;
  readonly processes: number;
}

export interface TreeFigures {
  /** Largest sum of every live process's resident memory (MB), and what each name held then. */
  readonly peakTotalMB: number;
  readonly atPeak: Readonly<Record<string, number>>;
  readonly byName: readonly ProcessFigures[];
}

/** Samples `root` and its descendants every `intervalMs` until `stop()`. */
export function sampleTree(root: number, intervalMs = 200): { stop(): TreeFigures } {
  const seen = new Map<number, { name: string; hwmKB: number; ticks: number }>();
  let peakKB = 0;
  let atPeak: Record<string, number> = {};
  const sample = () => {
    const now: Record<string, number> = {};
    let total = 0;
    for (const pid of descendants(root)) {
      const status = read(`/proc/${pid}/status`);
      const stat = read(`/proc/${pid}/stat`);
      if (status === null || stat === null) continue;
      // Named at every sample: a wrapper (node_modules/.bin/node) execs the real program under the same pid.
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (cmdline === null || cmdline === '') continue;
      let entry = seen.get(pid);
      if (!entry) {
        entry = { name: nameOfProcess(cmdline), hwmKB: 0, ticks: 0 };
        seen.set(pid, entry);
      } else entry.name = nameOfProcess(cmdline);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      const t = parseStat(stat);
      entry.hwmKB = Math.max(entry.hwmKB, hwm);
      entry.ticks = Math.max(entry.ticks, t.utime + t.stime);
      now[entry.name] = (now[entry.name] ?? 0) + rss;
      total += rss;
    }
    if (total > peakKB) {
      peakKB = total;
      atPeak = now;
    }
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      const by = new Map<string, { peakKB: number; ticks: number; processes: number }>();
      for (const e of seen.values()) {
        const f = by.get(e.name) ?? { peakKB: 0, ticks: 0, processes: 0 };
        f.peakKB = Math.max(f.peakKB, e.hwmKB);
        f.ticks += e.ticks;
        f.processes++;
        by.set(e.name, f);
      }
      const mb = (kb: number) => Math.round(kb / 1024);
      return {
        peakTotalMB: mb(peakKB),
        atPeak: Object.fromEntries(Object.entries(atPeak).sort((a, b) => b[1] - a[1]).map(([n, kb]) => [n, mb(kb)])),
        byName: [...by].map(([name, f]) => ({ name, peakMB: mb(f.peakKB), cpuSeconds: Math.round((f.ticks / CLOCK_TICKS) * 10) / 10, processes: f.processes })).sort((a, b) => b.cpuSeconds - a.cpuSeconds),
      };
    },
  };
}
