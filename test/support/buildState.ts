import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildStateFile } from '../../scripts/incremental/state.ts';

/**
 * A build state file (a shared build keeps its own: test/support/builtSite.ts) made the state of
 * `toDist` in the checkout at `root`, as if the build had been made into `toDist` (a copied dist/).
 */
export function copyBuildState(stateFile: string, root: string, toDist: string): void {
  const to = buildStateFile(root, toDist);
  if (!existsSync(stateFile)) throw new Error(`no build state at ${stateFile}`);
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(stateFile, to);
}
