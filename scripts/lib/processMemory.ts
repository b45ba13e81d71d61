/**
 * Memory of the build's step processes, sampled from Linux's /proc: each step's peak (the VmHWM
 * of every process of its tree, summed) and the build's peak over steps that run side by side
 * (the resident memory of every live step process, summed at each sample). Elsewhere than
 * Linux no sample is taken and the peaks stay 0.
 */
import { readFileSync } from 'node:fs';

function readMemKB(pid: number): { hwm: number; rss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return hwm && rss ? { hwm: Number(hwm[1]), rss: Number(rss[1]) } : null;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return kids ? kids.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** Resident memory of every live sampled process, and the largest sum seen. */
const liveRssKB = new Map<number, number>();
let peakTotalKB = 0;

/** The build's peak so far: the largest sum of every sampled process's resident memory (KB). */
export function peakTotalMemoryKB(): number {
  return peakTotalKB;
}

/**
 * Samples the process `pid` and its children every `intervalMs` until `stop()`, which returns
 * the tree's peak: the VmHWM of each process seen, summed (KB; 0 when none was read).
 */
export function sampleProcessTree(pid: number, intervalMs = 250): { stop(): number } {
  let peakKB = 0;
  const hwm = new Map<number, number>();
  const poll = setInterval(() => {
    const pids = [pid, ...childPids(pid)];
    for (const p of pids) {
      const v = readMemKB(p);
      if (v === null) continue;
      hwm.set(p, Math.max(hwm.get(p) ?? 0, v.hwm));
      liveRssKB.set(p, v.rss);
    }
    for (const p of hwm.keys()) if (!pids.includes(p)) liveRssKB.delete(p);
    peakTotalKB = Math.max(peakTotalKB, [...liveRssKB.values()].reduce((a, b) => a + b, 0));
    peakKB = Math.max(peakKB, [...hwm.values()].reduce((a, b) => a + b, 0));
  }, intervalMs);
  return {
    stop() {
      clearInterval(poll);
      for (const p of hwm.keys()) liveRssKB.delete(p);
      return peakKB;
    },
  };
}
