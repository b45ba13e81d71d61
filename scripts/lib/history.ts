/**
 * The upstream repository's history for tests and benchmarks: `../shared/history/` holds it as a
 * git bundle, cloned once (bare) into a cache folder outside the repository, never into it.
 * Missing ../shared is an error, not a skip.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedDir } from './corpus.ts';

export const historyBundle = path.join(sharedDir, 'history/emulator-bug-study.bundle');

/** The commit whose `results/` the corpus tarball is (../shared/history/README.md). */
export const CORPUS_COMMIT = 'bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707';

export function requireHistory(): void {
  if (!existsSync(historyBundle)) {
    throw new Error(`The upstream history is missing: ${historyBundle} does not exist. History tests read ../shared/history (or SHARED_DIR); they never skip.`);
  }
}

/**
 * A bare clone of the bundle, made once and keyed by the bundle's content (SHA-1), so a new
 * bundle is cloned again and the same one never is.
 */
export function historyGitDir(): string {
  requireHistory();
  const cacheRoot = process.env.HISTORY_CACHE ?? path.join(tmpdir(), 'results-archive-history');
  const key = createHash('sha1').update(readFileSync(historyBundle)).digest('hex');
  const target = path.join(cacheRoot, `${key}.git`);
  if (existsSync(path.join(target, '.complete'))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--bare', historyBundle, staging], { stdio: 'inherit' });
  writeFileSync(path.join(staging, '.complete'), '');
  try {
    renameSync(staging, target);
  } catch {
    // Another worker finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** `git` in the history clone; its standard output as text. */
export function historyGit(args: readonly string[]): string {
  return execFileSync('git', ['--git-dir', historyGitDir(), ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

export interface HistoryRename {
  readonly commit: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Every rename in the history (`git log -M --name-status`), oldest first: what the reviewer's
 * moves look like upstream (`reasoning/manual-review/<id>` → `reasoning/<label>/<id>`).
 */
export function historyRenames(pathPrefix = 'results/'): HistoryRename[] {
  const out: HistoryRename[] = [];
  const log = historyGit(['log', '--reverse', '-M', '--name-status', '-z', '--format=%x01%H', CORPUS_COMMIT, '--', pathPrefix]);
  // -z: every field ends in NUL; each commit starts with \x01<sha>.
  for (const chunk of log.split('\u0001').filter(Boolean)) {
    const [sha, ...fields] = chunk.split('\u0000').map((f) => f.replace(/^\n+/, '')).filter((f) => f !== '');
    for (let i = 0; i < fields.length; i++) {
      const status = fields[i]!;
      if (status.startsWith('R') || status.startsWith('C')) {
        if (status.startsWith('R')) out.push({ commit: sha!, from: fields[i + 1]!, to: fields[i + 2]! });
        i += 2;
      } else i += 1;
    }
  }
  return out;
}
