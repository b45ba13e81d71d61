/**
 * The real corpus for tests and benchmarks: read from ../shared at run time, unpacked once
 * into a cache folder outside the repository, never copied into it.
 * Missing ../shared is an error, not a skip.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.SHARED_DIR ?? path.resolve(repoRoot, '../shared');
export const corpusTarball = path.join(sharedDir, 'corpus/emulator-bug-study-results.tar.xz');
export const corpusManifest = path.join(sharedDir, 'corpus/MANIFEST.tsv.xz');
export const sharedDumpsDir = path.join(sharedDir, 'dumps');
export const sharedSeedsDir = path.join(sharedDir, 'seeds');

export function requireShared(): void {
  if (!existsSync(corpusTarball)) {
    throw new Error(
      `The real corpus is missing: ${corpusTarball} does not exist. ` +
        'Real-corpus tests read ../shared/corpus (or SHARED_DIR); they never skip.',
    );
  }
}

/**
 * Unpacks the corpus once and returns the `results/` folder. The copy is keyed by the tarball's
 * content (SHA-1, a fraction of a second): a tarball put back with a new mtime is the same corpus
 * and is not unpacked again.
 */
export function corpusResultsDir(): string {
  requireShared();
  const cacheRoot = process.env.CORPUS_CACHE ?? path.join(tmpdir(), 'results-archive-corpus');
  const key = createHash('sha1').update(readFileSync(corpusTarball)).digest('hex');
  const target = path.join(cacheRoot, key);
  const results = path.join(target, 'emulator-bug-study/results');
  if (existsSync(path.join(target, '.complete'))) return results;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync('tar', ['-xJf', corpusTarball, '-C', staging], { stdio: 'inherit' });
  execFileSync('touch', [path.join(staging, '.complete')]);
  try {
    renameSync(staging, target);
  } catch {
    // Another worker finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
  }
  return results;
}

export interface ManifestEntry {
  readonly path: string;
  readonly blob: string;
  readonly size: number;
}

export function readManifest(): ManifestEntry[] {
  requireShared();
  const text = execFileSync('xz', ['-dc', corpusManifest], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [p, blob, size] = l.split('\t');
      return { path: p!, blob: blob!, size: Number(size) };
    });
}

export function readDumpKey(): { dump: string; style: string; path: string; blob: string }[] {
  const text = readFileSync(path.join(sharedDumpsDir, 'key.tsv'), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => {
      const [dump, style, p, blob] = l.split('\t');
      return { dump: dump!, style: style!, path: p!, blob: blob! };
    });
}
