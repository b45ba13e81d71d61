/**
 * The budgets of the issues, in one place: the build checks its output against them
 * (scripts/build.ts: `overBudget` in build-report.json, a failed build with BUDGET_STRICT=1) and
 * the benchmark measures the corpus against them (scripts/bench.ts, `npm run bench`). Seconds,
 * MB (2^20 bytes), files, KB (2^10 bytes).
 */
export const BUDGETS = {
  /** A cold build of the full corpus: convert, Astro, search index. */
  coldBuildSeconds: 100,
  /** Peak memory of a build: its whole process tree (3.5 GB). */
  peakMemoryMB: 3584,
  /** Everything in dist/. */
  files: 20_000,
  /** The median report page's HTML. */
  medianReportPageKB: 150,
  /** Any page that is not a report page (source lists included). */
  maxPageKB: 300,
  /** Any report page. */
  maxReportPageKB: 1024,
  /** Bytes a cold first search query transfers, keystroke to results. */
  firstQueryKB: 300,
  /** What 200 notes may add to a cold build. */
  notesSeconds: 10,
  /** The history step of a cold build (git log and the replay). */
  historyColdSeconds: 10,
  /** The history step of a rebuild (from its cache). */
  historyRebuildSeconds: 2,
  /** `npm run bench -- --scale K`, K ≤ 4: peak memory of every process together (6 GB). */
  scalePeakMemoryMB: 6144,
  /** `--scale K`: CPU time, every process, at most this many times K × the K = 1 figure (4.6× at K = 4). */
  scaleCpuPerK: 1.15,
  /** `--scale 4`: bytes of the first search for `kvm` (one index's, before the shards). */
  scaleFirstSearchKvmKB: 660,
} as const;

export type Budgets = typeof BUDGETS;
