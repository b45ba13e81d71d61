/**
 * One `astro build` at a time per checkout: shared by the build script and tests that run Astro.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One `astro build` at a time per checkout: Astro writes generated modules into the project's
 * `.astro/` (content-modules.mjs, and the prerender chunks whenever the output folder is outside
 * the project, as for test builds in the temp folder), so two builds at once (parallel test
 * files, two people on one checkout) would read each other's files. A lock folder naming its
 * owner's pid; a lock whose owner is gone is taken over.
 */
export async function withAstroLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, '.astro', 'build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: number | null = null;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        owner = null; // being created right now, or left half-made
      }
      const stale = owner !== null ? !alive(owner) : Date.now() - statSync(lock).mtimeMs > 60_000;
      if (stale) rmSync(lock, { recursive: true, force: true });
      else {
        if (waited === 0) console.log(`… waiting for another astro build in this checkout (pid ${owner ?? '?'})`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

