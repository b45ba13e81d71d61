import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildStateFile } from '../../scripts/incremental/state.ts';

/** The state of one dist/ made the state of another (a copied dist/). */
export function copyBuildState(root: string, fromDist: string, toDist: string): void {
  const from = buildStateFile(root, fromDist);
  const to = buildStateFile(root, toDist);
  if (!existsSync(from)) throw new Error(`${fromDist} has no build state (${from})`);
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}
