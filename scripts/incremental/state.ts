/**
 * What an incremental build needs to know about the dist/ it starts from, kept outside dist/
 * (it is build bookkeeping, not part of the site) in `.cache/build-state/`. It names the build it
 * describes; a dist/ whose build-report.json names another build (replaced by hand, a build that
 * died between the swap and writing this file) is not trusted and the next build is a full one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PageState } from './pages.ts';
import type { SearchState } from './search.ts';

export interface BuildState {
  readonly buildId: string;
  readonly pages: PageState;
  readonly search: SearchState;
}

export const newBuildId = (): string => randomUUID();

export function buildStateFile(root: string, distDir: string): string {
  return path.join(root, '.cache', 'build-state', `${createHash('sha1').update(path.resolve(distDir)).digest('hex').slice(0, 16)}.json`);
}

/** The state of `distDir`'s build, or undefined when there is none to trust. */
export function readBuildState(root: string, distDir: string): BuildState | undefined {
  try {
    const state = JSON.parse(readFileSync(buildStateFile(root, distDir), 'utf8')) as BuildState;
    const report = JSON.parse(readFileSync(path.join(distDir, 'build-report.json'), 'utf8')) as { buildId?: string };
    return report.buildId !== undefined && report.buildId === state.buildId ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeBuildState(root: string, distDir: string, state: BuildState): void {
  const file = buildStateFile(root, distDir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
