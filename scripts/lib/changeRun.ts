/**
 * A change to a results tree as a re-run or a review makes it: some of a run's files move
 * between labels (both halves) and some reasoning files are rewritten. Used by the benchmark's
 * rebuild and the corpus test of incremental builds. Files are replaced, never written in
 * place, so a hard-linked copy of the corpus leaves the corpus cache untouched.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A word no corpus file has: the rewritten reasoning files bring it (a search must find it on exactly those reports). */
export const CHANGE_WORD = 'xylofrobnicate';

/** Returns how many files changed. */
export function changeOneRun(resultsDir: string, run: string): number {
  const runDir = path.join(resultsDir, 'classifier', run);
  let changed = 0;
  for (const half of ['output', 'reasoning']) {
    const labels = readdirSync(path.join(runDir, half)).sort();
    const [from, to] = [labels[0]!, labels[1]!];
    for (const id of readdirSync(path.join(runDir, half, from)).sort().slice(0, 10)) {
      mkdirSync(path.join(runDir, half, to), { recursive: true });
      renameSync(path.join(runDir, half, from, id), path.join(runDir, half, to, id));
      changed++;
    }
    if (half === 'reasoning') {
      for (const id of readdirSync(path.join(runDir, half, to)).sort().slice(-10)) {
        const file = path.join(runDir, half, to, id);
        const text = readFileSync(file, 'utf8');
        rmSync(file);
        writeFileSync(file, `${text}\n(re-run for the benchmark: ${CHANGE_WORD})\n${to}`);
        changed++;
      }
    }
  }
  return changed;
}
