/**
 * Writes a K-times results tree from any results tree (what is copied and how: scripts/lib/scale.ts).
 *
 *   tsx scripts/scaleTree.ts --from DIR --to DIR --k K
 *
 * `--from` is a `results/` folder or a folder holding one; the K-times tree is written to
 * `<to>/results/` (the folder is replaced). Unchanged files (the originals, files of no known
 * layout) are hard links to the source tree where the file system allows, so a K = 4 corpus costs
 * the copies' bytes only. Used by the benchmark (`npm run bench -- --scale K`).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { classifyResultsPath } from '../src/lib/parse/resultsPath.ts';
import { findResultsRoot, listFiles } from '../src/lib/tree/walk.ts';
import { changeListIds, idOfPath, planIds, scaledFiles, type IdPlan } from './lib/scale.ts';

export interface ScaleStats {
  readonly K: number;
  readonly sourceFiles: number;
  readonly files: number;
  readonly linked: number;
  readonly written: number;
  readonly plan: IdPlan;
}

/** Writes the K-times tree of `from` to `<to>/results/` (replacing `to`). */
export function writeScaledTree(from: string, to: string, K: number): ScaleStats {
  if (!Number.isInteger(K) || K < 1) throw new Error(`K must be a whole number ≥ 1 (got ${K})`);
  const root = findResultsRoot(from);
  const rels = listFiles(root);
  const ids: string[] = [];
  for (const rel of rels) {
    const info = classifyResultsPath(`results/${rel}`);
    const id = idOfPath(info);
    if (id !== undefined) ids.push(id);
    if (info.kind === 'change-list') ids.push(...changeListIds(readFileSync(path.join(root, rel))));
  }
  const plan = planIds(ids, K);
  const staging = `${to}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const out = path.join(staging, 'results');
  const made = new Set<string>();
  let linked = 0;
  let written = 0;
  for (const rel of rels) {
    const source = path.join(root, rel);
    for (const [treePath, content] of scaledFiles(`results/${rel}`, readFileSync(source), K, plan)) {
      const target = path.join(out, treePath.slice('results/'.length));
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      if (content === 'link') {
        try {
          linkSync(source, target);
        } catch {
          copyFileSync(source, target);
        }
        linked++;
      } else {
        writeFileSync(target, content);
        written++;
      }
    }
  }
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  renameSync(staging, to);
  return { K, sourceFiles: rels.length, files: linked + written, linked, written, plan };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The K-times tree of `from`, written once into `cacheRoot` and reused while the source tree's
 * path, K and this code are the same. Returns the `results/` folder.
 */
export function scaledTreeCached(from: string, K: number, cacheRoot: string): { results: string; stats: ScaleStats | 'cached' } {
  const code = ['scaleTree.ts', 'lib/scale.ts'].map((f) => readFileSync(path.join(here, f), 'utf8')).join('\0');
  const key = createHash('sha1').update(`${path.resolve(findResultsRoot(from))}\0${K}\0${code}`).digest('hex').slice(0, 16);
  const to = path.join(cacheRoot, `K${K}-${key}`);
  const results = path.join(to, 'results');
  if (existsSync(path.join(to, '.complete'))) return { results, stats: 'cached' };
  const stats = writeScaledTree(from, to, K);
  writeFileSync(path.join(to, '.complete'), `${JSON.stringify(stats)}\n`);
  return { results, stats };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, k: { type: 'string' } } });
  if (!values.from || !values.to || !values.k) {
    console.error('usage: tsx scripts/scaleTree.ts --from DIR --to DIR --k K');
    process.exit(2);
  }
  const t0 = performance.now();
  const stats = writeScaledTree(values.from, path.resolve(values.to), Number(values.k));
  console.log(`${stats.sourceFiles} files → ${stats.files} (${stats.linked} linked, ${stats.written} written) in ${path.join(values.to, 'results')}, ${Math.round(performance.now() - t0)} ms`);
}
