/**
 * The order the corpus suite's files start in, two at a time (vitest.config.ts). The suite's time
 * is its longest chain of builds: the shared corpus build (test/support/builtSite.ts), then the
 * incremental test's rebuild and its full build of the changed tree. So that chain starts first,
 * and the other worker takes the files that need no built site while the corpus is being built
 * (otherwise it waits on the build's lock with a core to spare), then the split search index, the
 * other long chain, then the rest, longest first (as timed in a cold run, December 2026), so the
 * two workers end together rather than one finishing a long file alone. Files not named here
 * follow in Vitest's own order (longest first once it has timed them; on a fresh clone it has
 * not, and would start with whichever files it lists first).
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** By file name (`<name>.test.ts` in test/corpus/), in the order they start. */
export const CORPUS_FIRST = [
  'incremental',
  'reader',
  'reader-dumps',
  'dumps',
  'links',
  'search-shards',
  'site-nothing-lost',
  'reading',
  'data',
  'site-links',
  'figures',
  'search',
  'history',
  'text-browsers',
  'reviewer',
  'compare',
  'notes',
  'ordinary-names',
] as const;

/** `files` with those of `first` (by name) ahead of the others, in that order; the others keep theirs. */
export function startFirst<T>(files: readonly T[], nameOf: (f: T) => string, first: readonly string[]): T[] {
  const rank = (f: T) => {
    const i = first.indexOf(nameOf(f));
    return i < 0 ? first.length : i;
  };
  return files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export class CorpusSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return startFirst(await super.sort(files), (f) => path.basename(f.moduleId, '.test.ts'), CORPUS_FIRST);
  }
}
