/**
 * Incremental builds on the real corpus: after one run's files change (the benchmark's change:
 * 20 files of qwen3:32b moved between labels, 10 reasoning files rewritten with a word no corpus
 * file has), a rebuild that starts from the full corpus site builds only the report pages that
 * change, indexes every page, and gives what a full build of the changed tree gives: the same
 * site byte for byte, search index included (so the same answer to every search: no query is
 * asked of both), and in Chromium the new word found on exactly the reports that have it.
 *
 * The full build of the changed tree is shared like the corpus site (test/support/builtSite.ts):
 * keyed by the sources and the changed tree's contents, it is made once, not on every run of the
 * suite. The rebuild, what this file tests, is made every run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBuildState } from '../../scripts/incremental/state.ts';
import { copyBuildState } from '../support/buildState.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { buildSiteOnce, corpusSite, repoRoot, runBuild, sharedRenderCache, treeDigest, type BuiltSite } from '../support/builtSite.ts';
import { historyGitDir } from '../../scripts/lib/history.ts';
import { CHANGE_WORD, changeOneRun } from '../../scripts/lib/changeRun.ts';
import { corpusResultsDir, corpusTarball, sharedDumpsDir } from '../../scripts/lib/corpus.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { reportsHolding, searchSnapshot } from '../support/searchSnapshot.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { differingFiles } from '../support/sameFiles.ts';

const work = path.join(tmpdir(), 'results-archive-corpus-incremental');
const tree = path.join(work, 'results');

interface BuildReport {
  readonly totalSeconds: number;
  readonly pages: { readonly mode: string; readonly built?: number; readonly carried?: number; readonly removed?: number };
  readonly search: { readonly pages: number; readonly secondsAfterPages: number };
}

/** The rebuild: from a copy of the corpus site, with the settings the full build below is made with. */
function rebuild(base: BuiltSite): BuildReport {
  return runBuild<BuildReport>({
    RESULTS_DIR: tree,
    DUMPS_DIR: sharedDumpsDir,
    SITE_BASE: base.base,
    // The base site's day (pages name it), though it may have been built before midnight.
    BUILD_DATE: base.buildDate,
    CONTENT_DIR: path.join(work, 'content-incremental'),
    DIST_DIR: path.join(work, 'dist-incremental'),
    // The render cache the base site was built with (shared by the run's builds).
    RENDER_CACHE_DIR: sharedRenderCache(),
    // The same history as the base site (corpusSite reads the bundle), its log from the base's cache.
    RESULTS_GIT: historyGitDir(),
    HISTORY_CACHE_DIR: path.join(path.dirname(base.dist), 'history-cache'),
  });
}

/**
 * The full build of the changed tree with the rebuild's settings (no notes: neither names any),
 * shared between runs: its key has the tree's path (the same every run) and its contents' digest.
 */
function fullBuild(base: BuiltSite): BuiltSite {
  return buildSiteOnce({
    name: `changedcorpus-${statSync(corpusTarball).size}`,
    resultsDir: tree,
    resultsDigest: treeDigest(tree),
    dumpsDir: sharedDumpsDir,
    base: base.base,
    buildDate: base.buildDate,
    resultsGit: historyGitDir(),
  });
}

let base: BuiltSite;
let rebuilt: BuildReport;
let fullSiteBuilt: BuiltSite;
let full: BuildReport;
let browser: Browser;
let incrementalSite: StaticSite;
const reportPage = /^reports\/[^/]+\/[^/]+\/index\.html$/;

beforeAll(async () => {
  base = corpusSite();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  execFileSync('cp', ['-al', corpusResultsDir(), tree]);
  // Start from a copy of the corpus site, as if it were this dist/: its files (hard links: builds
  // only ever replace files), its content folder (a real copy: the writer rewrites files in
  // place) and its build state.
  execFileSync('cp', ['-al', base.dist, path.join(work, 'dist-incremental')]);
  cpSync(base.content, path.join(work, 'content-incremental'), { recursive: true });
  copyBuildState(base.stateFile, repoRoot, path.join(work, 'dist-incremental'));

  expect(changeOneRun(tree, 'qwen3:32b')).toBe(30);
  rebuilt = rebuild(base);
  fullSiteBuilt = fullBuild(base);
  full = fullSiteBuilt.report as unknown as BuildReport;
  incrementalSite = await serveStatic(path.join(work, 'dist-incremental'), base.base);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await incrementalSite?.close();
  removeBuildState(repoRoot, path.join(work, 'dist-incremental'));
  rmSync(work, { recursive: true, force: true });
});

describe('incremental rebuild of the corpus after one run changed', () => {
  it('builds exactly the report pages that changed and indexes every page', () => {
    const before = base.dist;
    const after = path.join(work, 'dist-incremental');
    const pages = filesBelow(after).filter((f) => reportPage.test(f));
    const changed = pages.filter((f) => !existsSync(path.join(before, f)) || !readFileSync(path.join(before, f)).equals(readFileSync(path.join(after, f))));
    expect(changed.length).toBeGreaterThan(10);
    expect(rebuilt.pages).toEqual({ mode: 'partial', built: changed.length, carried: pages.length - changed.length, removed: 0 });
    expect(rebuilt.search.pages).toBeGreaterThan(pages.length);
    expect(rebuilt.search.pages).toBe(full.search.pages);
    expect(full.pages.mode).toBe('full');
    console.log(`rebuild: ${rebuilt.totalSeconds} s (pages waited ${rebuilt.search.secondsAfterPages} s for the index); full build (shared, made ${String(fullSiteBuilt.report.builtAt)}): ${full.totalSeconds} s`);
  });

  it('gives the same site as a full build of the changed tree, search index included, byte for byte', () => {
    const a = path.join(work, 'dist-incremental');
    const b = fullSiteBuilt.dist;
    const skip = (rel: string) => rel === 'build-report.json';
    const filesA = filesBelow(a).filter((f) => !skip(f));
    expect(filesA).toEqual(filesBelow(b).filter((f) => !skip(f)));
    expect(filesA.length).toBeGreaterThan(8000);
    expect(filesA.filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(1000);
    expect(differingFiles(a, b, filesA)).toEqual([]);
  });

  it('finds the word the change brought on exactly the reports that have it', async () => {
    const holding = reportsHolding(path.join(work, 'content-incremental'), CHANGE_WORD, base.base);
    // Each of the 10 rewritten reasoning files is one report's.
    expect(holding.length).toBeGreaterThan(5);
    expect(holding.length).toBeLessThanOrEqual(10);
    const found = await searchSnapshot(browser, incrementalSite, `?q=${CHANGE_WORD}`);
    expect([...found.hits].sort()).toEqual(holding);
    expect(found.status.startsWith(`${holding.length} results for`)).toBe(true);
  }, 120_000);
});
