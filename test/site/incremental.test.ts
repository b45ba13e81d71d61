/**
 * An incremental rebuild (scripts/incremental/) gives the site a full build of the same tree
 * gives: the same pages byte for byte, carried over or built again, and the same search index
 * (every build indexes every page), so the same answers to every search; in Chromium, the
 * rebuilt site's search finds a word only the change brought, and not a withdrawn report.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBuildState } from '../../scripts/incremental/state.ts';
import { writeState } from '../../src/lib/search/state.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { SAMPLE_SITE_URL, repoRoot, runBuild, sampleSite, seedDist, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { reportsHolding, searchSnapshot } from '../support/searchSnapshot.ts';
import { csvObjects } from '../support/dataFiles.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { differingFiles } from '../support/sameFiles.ts';

const BASE = '/archive/';
const work = path.join(tmpdir(), 'results-archive-incremental-test');
// The changed tree sits inside this project, as the sample does: a tree in the archive's own
// repository is built without history, and every page's footer says so in the same words as on
// the shared sample site this test starts from (seedDist below).
const results = path.join(repoRoot, '.cache', 'test-trees', 'incremental', 'results');
const run = path.join(results, 'classifier', 'mode-deepseek-r1:32b');
const WORD = 'zygomorphic';

interface BuildReport {
  readonly pages: { readonly mode: string; readonly reason?: string; readonly built?: number; readonly carried?: number; readonly removed?: number };
  readonly search: { readonly pages: number };
}

function build(name: string, extra: Record<string, string> = {}): BuildReport {
  return runBuild<BuildReport>({
    RESULTS_DIR: results,
    DUMPS_DIR: path.join(repoRoot, 'sample/dumps'),
    SITE_BASE: BASE,
    // The inputs of the shared sample site under /archive/ (its first, full build: seedDist below).
    SITE_URL: SAMPLE_SITE_URL,
    NOTES_DIR: path.join(repoRoot, 'sample/notes'),
    // The shared site's day, though it may have been built before midnight.
    BUILD_DATE: buildDate,
    CONTENT_DIR: path.join(work, `content-${name}`),
    DIST_DIR: path.join(work, `dist-${name}`),
    RENDER_CACHE_DIR: sharedRenderCache(),
    ...extra,
  });
}

const replace = (file: string, text: string) => {
  // Replaced, not edited in place: the copy may share inodes with nothing, but a tree may.
  rmSync(file);
  writeFileSync(file, text);
};

let buildDate: string;
let first: BuildReport;
let unchanged: BuildReport;
let rebuilt: BuildReport;
let full: BuildReport;
let fallback: BuildReport;
let browser: Browser;
let rebuiltSite: StaticSite;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  rmSync(results, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'sample/results'), results, { recursive: true });
  // The first, full build of the unchanged tree is the shared sample site of the same inputs.
  const base = sampleSite(BASE, SAMPLE_SITE_URL);
  buildDate = base.buildDate;
  seedDist(base, path.join(work, 'dist-incremental'));
  first = base.report as unknown as BuildReport;
  unchanged = build('incremental');
  cpSync(path.join(work, 'dist-incremental'), path.join(work, 'dist-before'), { recursive: true });

  // A re-run moves a verdict to another label (both halves), rewrites a reasoning file, and a
  // scraped report is withdrawn.
  for (const half of ['output', 'reasoning']) {
    mkdirSync(path.join(run, half, 'system'), { recursive: true });
    renameSync(path.join(run, half, 'user', '1742'), path.join(run, half, 'system', '1742'));
  }
  const reasoning = path.join(run, 'reasoning', 'system', '1893');
  replace(reasoning, `${readFileSync(reasoning, 'utf8')}\nOn a second look the ${WORD} trace settles it.\nsystem\n`);
  rmSync(path.join(results, 'scraper', 'fex', 'documentation', '655'));

  rebuilt = build('incremental');
  cpSync(path.join(work, 'dist-incremental'), path.join(work, 'dist-rebuilt'), { recursive: true });
  // The full build of the changed tree to hold the rebuild against: everything built, from a
  // content folder of its own.
  full = build('full', { BUILD_INCREMENTAL: '0' });
  // A dist/ its state does not describe (the state names the build in build-report.json; a
  // dist/ replaced by hand is not trusted) is built again in full.
  const report = path.join(work, 'dist-incremental', 'build-report.json');
  writeFileSync(report, readFileSync(report, 'utf8').replace(/"buildId": "[^"]+"/, '"buildId": "someone-else"'));
  fallback = build('incremental');
  rebuiltSite = await serveStatic(path.join(work, 'dist-rebuilt'), BASE);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await rebuiltSite?.close();
  for (const name of ['incremental', 'full', 'rebuilt']) removeBuildState(repoRoot, path.join(work, `dist-${name}`));
  rmSync(work, { recursive: true, force: true });
  rmSync(results, { recursive: true, force: true });
});

/** The build report names its build and times: the one file that differs by design. */
const ownReport = (rel: string) => rel === 'build-report.json';

describe('incremental build', () => {
  it('builds everything the first time, nothing when nothing changed, and only what changed after, indexing every page each time', () => {
    expect(first.pages.mode).toBe('full');
    expect(unchanged.pages).toMatchObject({ mode: 'partial', built: 0, removed: 0 });
    // Exactly the report pages that came out different were built again (1742, moved; 1893,
    // reasoning rewritten); the withdrawn report is gone.
    const reportPage = /^reports\/[^/]+\/[^/]+\/index\.html$/;
    const before = path.join(work, 'dist-before');
    const after = path.join(work, 'dist-rebuilt');
    const changed = filesBelow(after).filter(
      (f) => reportPage.test(f) && (!existsSync(path.join(before, f)) || !readFileSync(path.join(before, f)).equals(readFileSync(path.join(after, f)))),
    );
    expect(changed).toContain('reports/gitlab/1893/index.html');
    expect(rebuilt.pages).toMatchObject({ mode: 'partial', built: changed.length, removed: 1 });
    expect(rebuilt.pages.carried).toBe(filesBelow(after).filter((f) => reportPage.test(f)).length - changed.length);
    // The index holds every indexed page of each site (reports, runs, models), whatever was rebuilt.
    const indexed = (dist: string) => filesBelow(dist).filter((f) => f.endsWith('.html') && readFileSync(path.join(dist, f), 'utf8').includes('data-pagefind-body')).length;
    expect(first.search.pages).toBe(indexed(before));
    expect(unchanged.search.pages).toBe(first.search.pages);
    expect(rebuilt.search.pages).toBe(first.search.pages - 1);
    expect(full.search.pages).toBe(rebuilt.search.pages);
    expect(full.pages).toMatchObject({ mode: 'full', reason: 'BUILD_INCREMENTAL=0' });
  });

  // Byte for byte, search bundle included: a search of the rebuilt site answers as the full
  // build's does, whatever the query, so no query needs asking of both.
  it('gives the same site as a full build (BUILD_INCREMENTAL=0, a content folder of its own) of the changed tree, search index included, byte for byte', () => {
    const a = path.join(work, 'dist-rebuilt');
    const b = path.join(work, 'dist-full');
    const filesA = filesBelow(a).filter((f) => !ownReport(f));
    expect(filesBelow(b).filter((f) => !ownReport(f))).toEqual(filesA);
    expect(filesA.filter((f) => f.startsWith('pagefind/fragment/')).length).toBe(full.search.pages);
    expect(filesA.length).toBeGreaterThan(50);
    expect(differingFiles(a, b, filesA)).toEqual([]);
    expect(existsSync(path.join(a, 'reports/fex/655/index.html'))).toBe(false);
  });

  it('makes the data files again from the changed tree: none is carried over stale', () => {
    const verdictOf = (dist: string, file: string) =>
      csvObjects(readFileSync(path.join(work, dist, file), 'utf8')).find((r) => r.run === 'mode-deepseek-r1:32b' && r.id === '1742');
    for (const file of ['data/verdicts.csv', 'runs/mode-deepseek-r1-32b/verdicts.csv']) {
      expect(verdictOf('dist-before', file), file).toMatchObject({ label: 'user', first_filed_label: 'user', halves: 'same' });
      expect(verdictOf('dist-rebuilt', file), file).toMatchObject({ label: 'system', first_filed_label: 'system', halves: 'same' });
    }
    const reports = (dist: string) => csvObjects(readFileSync(path.join(work, dist, 'data/reports.csv'), 'utf8')).map((r) => `${r.source}/${r.id}`);
    expect(reports('dist-before')).toContain('fex/655');
    expect(reports('dist-rebuilt')).not.toContain('fex/655');
  });

  it('falls back to a full build, the same site, when the previous dist/ is not the one its state describes', () => {
    // `fallback`, in beforeAll: built into dist-incremental after its build-report.json was replaced.
    expect(fallback.pages).toMatchObject({ mode: 'full', reason: expect.stringMatching(/no previous build/) });
    const a = path.join(work, 'dist-incremental');
    const b = path.join(work, 'dist-full');
    const files = filesBelow(a).filter((f) => !ownReport(f));
    expect(filesBelow(b).filter((f) => !ownReport(f))).toEqual(files);
    expect(differingFiles(a, b, files)).toEqual([]);
  });
});

describe('search after an incremental build', () => {
  it('finds a word only the change brought on exactly the reports that have it, a moved verdict under its new label, and a withdrawn report nowhere', async () => {
    const holding = reportsHolding(path.join(work, 'content-incremental'), WORD, BASE);
    expect(holding).toEqual(['/archive/reports/gitlab/1893/']);
    const found = await searchSnapshot(browser, rebuiltSite, `?q=${WORD}`);
    expect(found.failed).toEqual([]);
    expect([...found.hits].sort()).toEqual(holding);
    const moved = await searchSnapshot(browser, rebuiltSite, `?${writeState({ q: '', filters: { verdict: ['mode-deepseek-r1:32b → system'] }, sort: '' }).slice(1)}`);
    expect(moved.hits).toContain('/archive/reports/gitlab/1742/');
    const gone = await searchSnapshot(browser, rebuiltSite, '?source=fex');
    expect(gone.hits.length).toBeGreaterThan(0);
    expect(gone.hits.some((h) => h.includes('/fex/655/'))).toBe(false);
  });
});
