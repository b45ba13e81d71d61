import { defineConfig } from 'vitest/config';
import { CorpusSequencer } from './test/support/corpusOrder.ts';
import { useScratch } from './test/support/scratch.ts';

const corpus = process.env.TEST_SUITE === 'corpus';
// Every test process, build and browser writes below this temp folder (test/support/scratch.ts:
// RAM-backed /dev/shm where there is room for it). Set here, before any test process is started:
// every process inherits it.
process.env.TMPDIR = useScratch().dir;

// `npm test`: unit tests (fixtures, the embedded sample) and browser tests on the sample site.
// `npm run test:corpus`: the same kinds of checks on the real corpus in ../shared (must exist).
export default defineConfig({
  test: {
    include: corpus ? ['test/corpus/**/*.test.ts'] : ['test/unit/**/*.test.ts', 'test/site/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Two cores. The sample suite runs three files at a time: a site test waits on its build (one
    // Astro at a time, scripts/astroLock.ts) or on Chromium for much of its time, and another file
    // uses the core. The corpus suite runs two: its files share one full corpus build (≈4 GB, made
    // once under a lock, test/support/builtSite.ts), and its two longest files each make more
    // corpus-scale builds after it (the incremental rebuild and the changed tree's full build; the
    // split search index) while the other worker takes the rest. One file at a time left a quarter
    // of the two cores idle (measured: 179 of 711 core-seconds in a cold run).
    maxWorkers: corpus ? 2 : 3,
    // Which corpus files start first: the longest chain of builds, and beside it what needs no build.
    ...(corpus ? { sequence: { sequencer: CorpusSequencer } } : {}),
    // datapackage.json's `created` (src/lib/data/publish.ts) is the build's time unless
    // SOURCE_DATE_EPOCH says otherwise: fixed here, so two builds of one input stay byte-identical.
    env: { SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1764806400' },
  },
});
