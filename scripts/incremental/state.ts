/**
 * What an incremental build needs to know about the dist/ it starts from, kept outside dist/
 * (it is build bookkeeping, not part of the site) in `.cache/build-state/`: the pages' state
 * (`<key>.json`, read by scripts/build.ts) and the search index's (`<key>.search.json`, megabytes
 * with the base vocabulary, read only by scripts/search-index.ts). Each names the build it
 * describes; a dist/ whose build-report.json names another build (replaced by hand, a build that
 * died between the swap and writing these files) is not trusted and the next build is a full one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PageState } from './pages.ts';
import type { SearchState } from './search.ts';

export interface BuildState {
  readonly buildId: string;
  readonly pages: PageState;
}

export const newBuildId = (): string => randomUUID();

/** A short name for a dist/ folder, for the files kept about it. */
export function distKey(distDir: string): string {
  return createHash('sha1').update(path.resolve(distDir)).digest('hex').slice(0, 16);
}

export function buildStateFiles(root: string, distDir: string): { readonly pages: string; readonly search: string } {
  const stem = path.join(root, '.cache', 'build-state', distKey(distDir));
  return { pages: `${stem}.json`, search: `${stem}.search.json` };
}

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
    const state = JSON.parse(readFileSync(buildStateFiles(root, distDir).pages, 'utf8')) as BuildState;
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
  writeAtomically(buildStateFiles(root, distDir).pages, JSON.stringify(state));
}

/** A search state file, if it names `buildId`. */
export function readSearchState(file: string, buildId: string): SearchState | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { buildId: string; search: SearchState };
    return saved.buildId === buildId ? saved.search : undefined;
  } catch {
    return undefined;
  }
}

export function writeSearchState(file: string, buildId: string, search: SearchState): void {
  writeAtomically(file, JSON.stringify({ buildId, search }));
}

/** For tests: the state of one dist/ made the state of another (a copied dist/). */
export function copyBuildState(root: string, fromDist: string, toDist: string): void {
  const from = buildStateFiles(root, fromDist);
  const to = buildStateFiles(root, toDist);
  for (const kind of ['pages', 'search'] as const) {
    if (!existsSync(from[kind])) throw new Error(`${fromDist} has no build state (${from[kind]})`);
    mkdirSync(path.dirname(to[kind]), { recursive: true });
    copyFileSync(from[kind], to[kind]);
  }
}

export function removeBuildState(root: string, distDir: string): void {
  for (const file of Object.values(buildStateFiles(root, distDir))) rmSync(file, { force: true });
}
