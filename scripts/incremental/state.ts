/**
 * What an incremental build needs to know about the dist/ it starts from, kept outside dist/
 * (it is build bookkeeping, not part of the site) in `.cache/build-state/<key>.json`: the pages'
 * state, read by scripts/build.ts. It names the build it describes; a dist/ whose
 * build-report.json names another build (replaced by hand, a build that died between the swap
 * and writing this file) is not trusted and the next build is a full one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PageState } from './pages.ts';

export interface BuildState {
  readonly buildId: string;
  readonly pages: PageState;
}

export const newBuildId = (): string => randomUUID();

/** A short name for a dist/ folder, for the files kept about it. */
export function distKey(distDir: string): string {
  return createHash('sha1').update(path.resolve(distDir)).digest('hex').slice(0, 16);
}

/** The state file of a dist/ folder. */
export function buildStateFile(root: string, distDir: string): string {
  return path.join(root, '.cache', 'build-state', `${distKey(distDir)}.json`);
}

/** The search state earlier builds kept beside it (a delta index's bookkeeping, no longer made). */
const legacySearchState = (root: string, distDir: string) => buildStateFile(root, distDir).replace(/\.json$/, '.search.json');

function buildIdOf(distDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(distDir, 'build-report.json'), 'utf8')) as { buildId?: string }).buildId;
  } catch {
    return undefined;
  }
}

/** The pages' state of `distDir`'s build, or undefined when there is none to trust. */
export function readBuildState(root: string, distDir: string): BuildState | undefined {
  try {
    const state = JSON.parse(readFileSync(buildStateFile(root, distDir), 'utf8')) as BuildState;
    return state.buildId === buildIdOf(distDir) ? state : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

export function writeBuildState(root: string, distDir: string, state: BuildState): void {
  writeAtomically(buildStateFile(root, distDir), JSON.stringify(state));
  rmSync(legacySearchState(root, distDir), { force: true });
}

export function removeBuildState(root: string, distDir: string): void {
  rmSync(buildStateFile(root, distDir), { force: true });
  rmSync(legacySearchState(root, distDir), { force: true });
}
