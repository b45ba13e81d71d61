/**
 * Locks between processes on one machine: lock folders naming their owner's pid; a lock whose
 * owner is gone is taken over. `withAstroLock`: one `astro build` at a time per checkout;
 * `withBuildLock`: one build at a time per content folder and per output folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquire(lock: string, what: string): Promise<void> {
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: number | null = null;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        owner = null; // being created right now, or left half-made
      }
      let stale: boolean;
      try {
        stale = owner !== null ? !alive(owner) : Date.now() - statSync(lock).mtimeMs > 60_000;
      } catch {
        stale = false; // released meanwhile: try again
      }
      if (stale) rmSync(lock, { recursive: true, force: true });
      else {
        if (waited === 0) console.log(`… waiting for ${what} (pid ${owner ?? '?'})`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}

async function withLocks<T>(locks: readonly { file: string; what: string }[], fn: () => Promise<T>): Promise<T> {
  // Always taken in one order, so two builds waiting on each other's second lock cannot happen.
  const sorted = [...new Map(locks.map((l) => [l.file, l])).values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  const held: string[] = [];
  try {
    for (const l of sorted) {
      await acquire(l.file, l.what);
      held.push(l.file);
    }
    return await fn();
  } finally {
    for (const file of held.reverse()) rmSync(file, { recursive: true, force: true });
  }
}

/**
 * One `astro build` at a time per checkout: Astro writes generated modules into the project's
 * `.astro/` (content-modules.mjs, and the prerender chunks whenever the output folder is outside
 * the project, as for test builds in the temp folder), so two builds at once (parallel test
 * files, two people on one checkout) would read each other's files.
 */
export function withAstroLock<T>(fn: () => Promise<T>): Promise<T> {
  return withLocks([{ file: path.join(root, '.astro', 'build.lock'), what: 'another astro build in this checkout' }], fn);
}

/**
 * One build at a time per content folder and per output folder: two builds sharing `content/`
 * would publish each other's pages; two sharing `dist/` would swap each other's output.
 */
export function withBuildLock<T>(folders: readonly string[], fn: () => Promise<T>): Promise<T> {
  const locks = folders.map((f) => {
    const abs = path.resolve(f);
    return { file: path.join(root, '.cache', 'locks', `${createHash('sha1').update(abs).digest('hex').slice(0, 16)}.lock`), what: `another build using ${abs}` };
  });
  return withLocks(locks, fn);
}

/**
 * Removes what killed builds left beside `target`: every `<name><pid>…` entry (`dist-tmp-123`,
 * `dist-tmp-123.pagefind`, `dist-old-123`) whose pid is no longer
 * running. Call it holding the build lock of `target`. Returns the removed paths.
 */
export function removeLeftovers(dir: string, prefixes: readonly string[]): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of entries) {
    for (const prefix of prefixes) {
      if (!name.startsWith(prefix)) continue;
      const pid = /^(\d+)/.exec(name.slice(prefix.length))?.[1];
      if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}
