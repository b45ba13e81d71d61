/**
 * Where the test suites write: the system's temp folder (`TMPDIR`) that every test build, shared
 * site, unpacked corpus and Chromium profile goes to, chosen once by vitest.config.ts before any
 * test process starts (the processes inherit it).
 *
 * The corpus suite writes gigabytes (its three corpus-scale builds are about 1 GB each, and the
 * corpus unpacks to 70,736 files). On this project's 2-core VM the kernel's work of writing them
 * to disk was a large share of the suite: a corpus build into RAM-backed `/dev/shm` took 45.6 and
 * 47.4 s against 56.3 and 63.2 s on the ext4 disk (system CPU 11–12 s against 21–31 s). So the
 * suites use `/dev/shm` when it is a RAM folder with room for everything they keep there between
 * runs and the machine has the memory for it besides the builds; anywhere else, the system's own
 * temp folder, as before. `TEST_TMPDIR` names a folder to use instead.
 */
import { mkdirSync, statfsSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';

const GiB = 2 ** 30;

/** What `/dev/shm` must offer: free space for the kept builds (≈ 6 GB at most), memory for them and the builds. */
export const SHM_NEEDS = { freeBytes: 10 * GiB, totalMemBytes: 16 * GiB } as const;

/** Linux's magic number of a tmpfs file system (statfs `type`). */
const TMPFS_MAGIC = 0x01021994;

export interface ScratchFacts {
  /** `TEST_TMPDIR`, if set. */
  readonly override: string | undefined;
  /** `/dev/shm`, if it is a tmpfs: its free bytes. */
  readonly shmFreeBytes: number | undefined;
  readonly totalMemBytes: number;
  /** The system's temp folder. */
  readonly systemTmp: string;
}

/** The suites' temp folder for these facts, and why; a malformed `TEST_TMPDIR` is an error naming it. */
export function chooseScratch(f: ScratchFacts): { dir: string; why: string } {
  if (f.override !== undefined) {
    if (!path.isAbsolute(f.override)) throw new Error(`TEST_TMPDIR must be an absolute path, not ${JSON.stringify(f.override)}`);
    return { dir: f.override, why: 'TEST_TMPDIR' };
  }
  if (f.shmFreeBytes === undefined) return { dir: f.systemTmp, why: '/dev/shm is not a RAM folder here' };
  if (f.shmFreeBytes < SHM_NEEDS.freeBytes) return { dir: f.systemTmp, why: `/dev/shm has ${(f.shmFreeBytes / GiB).toFixed(1)} GiB free, under ${SHM_NEEDS.freeBytes / GiB}` };
  if (f.totalMemBytes < SHM_NEEDS.totalMemBytes) return { dir: f.systemTmp, why: `the machine has ${(f.totalMemBytes / GiB).toFixed(1)} GiB of memory, under ${SHM_NEEDS.totalMemBytes / GiB}` };
  return { dir: '/dev/shm/results-archive-tests', why: '/dev/shm is a RAM folder with room' };
}

/** The facts of this machine. */
export function scratchFacts(env: NodeJS.ProcessEnv = process.env): ScratchFacts {
  let shmFreeBytes: number | undefined;
  try {
    const s = statfsSync('/dev/shm');
    if (s.type === TMPFS_MAGIC) shmFreeBytes = s.bavail * s.bsize;
  } catch {
    // No /dev/shm: the system's temp folder.
  }
  return { override: env.TEST_TMPDIR || undefined, shmFreeBytes, totalMemBytes: totalmem(), systemTmp: tmpdir() };
}

/** Chooses the suites' temp folder, makes it, and returns it. */
export function useScratch(env: NodeJS.ProcessEnv = process.env): { dir: string; why: string } {
  const chosen = chooseScratch(scratchFacts(env));
  mkdirSync(chosen.dir, { recursive: true });
  return chosen;
}
