/**
 * The results model for build-time endpoints (path index, sitemap). Astro prerenders every
 * endpoint in one process, so the tree is read once and shared, not once per endpoint
 * (the full corpus takes seconds to read).
 *
 * `RESULTS_DIR` (default `sample/results`) and `DUMPS_DIR` are the same variables the ingest
 * script reads.
 */
import type { ResultsModel } from '../model.ts';
import { readResultsTree } from '../tree/readTree.ts';

let cached: Promise<ResultsModel> | undefined;

export function siteResultsDir(): string {
  return process.env.RESULTS_DIR ?? 'sample/results';
}

export function siteModel(): Promise<ResultsModel> {
  const dumpsDir = process.env.DUMPS_DIR;
  cached ??= readResultsTree(siteResultsDir(), dumpsDir ? { dumpsDir } : {});
  return cached;
}
