import { defineConfig } from 'vitest/config';

// `npm test`: unit tests (fixtures, the embedded sample) and browser tests on the sample site.
// `npm run test:corpus`: the same kinds of checks on the real corpus in ../shared (must exist).
export default defineConfig({
  test: {
    include: process.env.TEST_SUITE === 'corpus' ? ['test/corpus/**/*.test.ts'] : ['test/unit/**/*.test.ts', 'test/site/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Three files at a time on two cores: a site test waits on its build (one Astro at a time,
    // scripts/astroLock.ts) or on Chromium for much of its time, and another file uses the core.
    maxWorkers: process.env.TEST_SUITE === 'corpus' ? undefined : 3,
    // datapackage.json's `created` (src/lib/data/publish.ts) is the build's time unless
    // SOURCE_DATE_EPOCH says otherwise: fixed here, so two builds of one input stay byte-identical.
    env: { SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1764806400' },
    // The corpus suite shares one full build (≈2 min, ≈4 GB): its files run one after another.
    fileParallelism: process.env.TEST_SUITE !== 'corpus',
  },
});
