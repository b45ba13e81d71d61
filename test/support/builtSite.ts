/**
 * Builds a site once per test run and shares it between test files: the sample site for
 * `npm test`, the full corpus site for `npm run test:corpus` (≈2 minutes, so never twice).
 * The build is keyed by the project's own source files and the input, so an edited
 * converter never reuses a stale site; concurrent callers wait on a lock folder. The key names
 * nothing of the checkout it was taken in (`siteKey`), so checkouts of the same sources share
 * one build; what the build keeps about itself (its build state) is kept with it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStateFile, removeBuildState } from '../../scripts/incremental/state.ts';
import { copyBuildState } from './buildState.ts';
import { corpusResultsDir, corpusTarball, sharedDumpsDir } from '../../scripts/lib/corpus.ts';
import { historyGitDir } from '../../scripts/lib/history.ts';
import { filesBelow } from '../../src/lib/files.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** An empty folder: the notes of a test tree that has none. */
export const NO_NOTES_DIR = path.join(repoRoot, 'test/fixtures/no-notes');

export interface BuiltSite {
  readonly dist: string;
  readonly content: string;
  readonly base: string;
  /** The build's own report (dist/build-report.json). */
  readonly report: Record<string, unknown>;
  /** The day the pages say they were built (`BUILD_DATE`): a rebuild that starts from this site must give the same. */
  readonly buildDate: string;
  /**
   * The build state of `dist` (scripts/incremental/state.ts), kept beside it rather than in the
   * `.cache/` of the checkout that built it: another checkout may reuse the build (`seedDist`).
   */
  readonly stateFile: string;
}

export interface SiteInput {
  readonly name: string;
  readonly resultsDir?: string;
  readonly dumpsDir?: string;
  readonly base?: string;
  /** `SITE_URL`; without it the site is built with none (no origin anywhere). */
  readonly siteUrl?: string;
  /** `RESULTS_GIT`: the repository whose history the tree is. */
  readonly resultsGit?: string;
  /** `BUILD_DATE`. */
  readonly buildDate?: string;
  /** The tree's notes (default: none). */
  readonly notesDir?: string;
  /**
   * A digest of the contents of a tree outside the checkout (`treeDigest`), for a tree whose
   * path does not say what it holds (a changed copy of the corpus, made again each run).
   */
  readonly resultsDigest?: string;
}

/**
 * Environment for child builds: without the variables Vitest sets for Vite, which Astro would pick
 * up. A test's tree has no notes unless the test names them (`NOTES_DIR` in `extra`): the
 * repository's `content/notes/` annotates the study's tree and would name what a test tree lacks.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST|TEST_SUITE|SITE_URL)$/.test(k)),
  );
  return { ...clean, ASTRO_TELEMETRY_DISABLED: '1', NOTES_DIR: NO_NOTES_DIR, ...extra };
}

const sourceHashes = new Map<string, string>();

/** A hash of the project's own files in the checkout at `root` (taken once per test process: later edits are not seen). */
function sourceKey(root: string): string {
  const known = sourceHashes.get(root);
  if (known !== undefined) return known;
  const hash = createHash('sha1');
  for (const top of ['src', 'scripts', 'public', 'sample', 'content']) {
    for (const f of filesBelow(path.join(root, top))) {
      hash.update(`${top}/${f}\0`);
      hash.update(readFileSync(path.join(root, top, f)));
    }
  }
  for (const f of ['astro.config.mjs', 'package-lock.json']) hash.update(readFileSync(path.join(root, f)));
  const key = hash.digest('hex').slice(0, 16);
  sourceHashes.set(root, key);
  return key;
}

/** A digest of a folder's files (paths and bytes), or of one file; `missing` when there is none. */
export function treeDigest(at: string): string {
  const hash = createHash('sha1');
  if (!existsSync(at)) return 'missing';
  if (!statSync(at).isDirectory()) return hash.update(readFileSync(at)).digest('hex');
  for (const f of filesBelow(at)) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(path.join(at, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const PATH_INPUTS = ['resultsDir', 'dumpsDir', 'notesDir', 'resultsGit'] as const;

/**
 * The key of a build of `input` by the checkout at `root`: its sources and the input, with no
 * trace of where the checkout is. An input inside the checkout (relative paths are read from
 * `root`, as the build runs there) is named by its path within it and its contents, so two
 * checkouts of the same sources and inputs share a key. One outside (the corpus cache, ../shared,
 * a test's temporary tree) is the same folder for every checkout and keeps its absolute path; its
 * contents are its owner's to name (the corpus cache by the tarball's SHA-1, or `resultsDigest`).
 */
export function siteKey(root: string, input: SiteInput): string {
  const hash = createHash('sha1').update(sourceKey(root));
  const named: Record<string, unknown> = { ...input };
  for (const field of PATH_INPUTS) {
    const given = input[field];
    if (given === undefined) continue;
    const abs = path.resolve(root, given);
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      named[field] = abs;
    } else {
      named[field] = rel.split(path.sep).join('/');
      // Not all of the checkout is among the sources (test/ is not): the input's own bytes.
      hash.update(`${field}\0${treeDigest(abs)}\0`);
    }
  }
  return hash.update(JSON.stringify(named)).digest('hex').slice(0, 16);
}

const sitesDir = path.join(tmpdir(), 'results-archive-sites');

/**
 * The markdown render cache every test build of this code shares (`RENDER_CACHE_DIR`). A
 * rendering is keyed by the renderer's version and the markdown (src/lib/content/markdown.ts),
 * so a shared cache gives each build the bytes its own would; the folder is per source hash, so
 * an edited renderer never reads an older one's output. The first build of a run fills it (cold,
 * with the pre-rendering workers); the others read it instead of loading shiki again.
 */
export function sharedRenderCache(): string {
  const dir = path.join(sitesDir, `render-cache-${sourceKey(repoRoot)}`);
  if (!existsSync(dir)) {
    // Other code's caches (a few hundred KB each) go once a day old; a younger one may be in use.
    for (const old of existsSync(sitesDir) ? readdirSync(sitesDir) : []) {
      const at = path.join(sitesDir, old);
      if (old.startsWith('render-cache-') && Date.now() - statSync(at).mtimeMs > 86_400_000) rmSync(at, { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

/**
 * Puts a copy of `site`'s output at `dist` with its build state, as if a build into `dist` had
 * made it: an incremental build into `dist` starts from it (the tests' first, full build of an
 * input the shared site already built).
 */
export function seedDist(site: BuiltSite, dist: string): void {
  rmSync(dist, { recursive: true, force: true });
  cpSync(site.dist, dist, { recursive: true });
  copyBuildState(site.stateFile, repoRoot, dist);
}

/**
 * Runs `npm run build`'s script with `env` (over a clean environment; DIST_DIR required) and
 * returns the build's report; a failed build throws with the end of its output.
 */
export function runBuild<Report = Record<string, unknown>>(env: Record<string, string>): Report {
  const r = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/build.ts'], {
    cwd: repoRoot,
    env: cleanEnv(env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`build into ${env.DIST_DIR} failed:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  return JSON.parse(readFileSync(path.join(env.DIST_DIR!, 'build-report.json'), 'utf8')) as Report;
}

/** How many shared builds of an input made from other sources are kept, and for how long after their last use. */
export const KEEP_OTHER_BUILDS = { count: 2, ms: 2 * 3600_000 };

/** When a shared build was last used (its `.complete`, touched at each use) or is being made (its lock); 0 if neither. */
function lastUsed(dir: string): number {
  const times = [path.join(dir, '.complete'), `${dir}.lock`].filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs);
  return Math.max(0, ...times);
}

/**
 * The other builds of an input (other sources') to drop when a new one is made: all but the
 * `keep.count` most recently used within `keep.ms`. Each checkout of other sources has its own
 * build, and without this two checkouts running by turns would each make theirs again every run.
 */
export function buildsToDrop(others: readonly { readonly dir: string; readonly lastUsed: number }[], now: number, keep = KEEP_OTHER_BUILDS): string[] {
  const kept = new Set(
    others
      .filter((o) => now - o.lastUsed < keep.ms)
      .sort((a, b) => b.lastUsed - a.lastUsed)
      .slice(0, keep.count)
      .map((o) => o.dir),
  );
  return others.map((o) => o.dir).filter((dir) => !kept.has(dir));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const builtThisRun = new Map<string, BuiltSite>();

export function buildSiteOnce(input: SiteInput): BuiltSite {
  // The key is taken once per test process: a later call must not see half-edited sources.
  const known = builtThisRun.get(JSON.stringify(input));
  if (known) return known;
  // Without a day of its own the build is today's, and the day is in the key: pages name their
  // build day, so yesterday's site is not what a build today gives (a rebuild from it is full).
  const site = buildSite({ ...input, buildDate: input.buildDate ?? new Date().toISOString().slice(0, 10) });
  builtThisRun.set(JSON.stringify(input), site);
  return site;
}

function buildSite(input: SiteInput & { readonly buildDate: string }): BuiltSite {
  const base = input.base ?? '/';
  const key = siteKey(repoRoot, input);
  const work = path.join(sitesDir, `${input.name}-${key}`);
  const dist = path.join(work, 'dist');
  const content = path.join(work, 'content');
  const stateFile = path.join(work, 'build-state.json');
  const done = path.join(work, '.complete');
  const lock = `${work}.lock`;
  mkdirSync(path.dirname(work), { recursive: true });
  for (;;) {
    if (existsSync(done) && existsSync(stateFile)) {
      // Used now: another checkout's build of other sources does not drop it for a while.
      const now = new Date();
      utimesSync(done, now, now);
      break;
    }
    try {
      mkdirSync(lock);
    } catch {
      // Someone else builds it: wait (a stale lock older than 20 minutes is broken).
      if (Date.now() - statSync(lock).mtimeMs > 20 * 60_000) rmSync(lock, { recursive: true, force: true });
      sleep(2000);
      continue;
    }
    try {
      // Other builds of the same input are other sources': drop them so /tmp does not fill up,
      // but for the few another checkout used lately (it may be running on one now).
      const others = readdirSync(sitesDir)
        .filter((old) => old.startsWith(`${input.name}-`) && !old.endsWith('.lock') && !old.startsWith('render-cache-') && path.join(sitesDir, old) !== work)
        .map((old) => ({ dir: path.join(sitesDir, old), lastUsed: lastUsed(path.join(sitesDir, old)) }));
      for (const old of buildsToDrop(others, Date.now())) {
        rmSync(old, { recursive: true, force: true });
        // Its build state went with it; one an older version of this file left in this
        // checkout's .cache/build-state/ (for the corpus, megabytes) goes too.
        removeBuildState(repoRoot, path.join(old, 'dist'));
      }
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      const env = cleanEnv({
        ...(input.resultsDir ? { RESULTS_DIR: input.resultsDir } : {}),
        ...(input.dumpsDir ? { DUMPS_DIR: input.dumpsDir } : {}),
        SITE_BASE: base,
        ...(input.siteUrl ? { SITE_URL: input.siteUrl } : {}),
        ...(input.resultsGit ? { RESULTS_GIT: input.resultsGit } : {}),
        BUILD_DATE: input.buildDate,
        HISTORY_CACHE_DIR: path.join(work, 'history-cache'),
        DIST_DIR: dist,
        CONTENT_DIR: content,
        RENDER_CACHE_DIR: sharedRenderCache(),
        ...(input.notesDir ? { NOTES_DIR: input.notesDir } : {}),
      });
      execFileSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
      // The build wrote its state into this checkout's .cache/ (keyed by the dist's path); it
      // moves beside the build, where every checkout that reuses the build finds it.
      copyFileSync(buildStateFile(repoRoot, dist), stateFile);
      removeBuildState(repoRoot, dist);
      writeFileSync(done, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const reportFile = path.join(dist, 'build-report.json');
  return { dist, content, base, report: JSON.parse(readFileSync(reportFile, 'utf8')) as Record<string, unknown>, buildDate: input.buildDate, stateFile };
}

/** The origin the tests give `SITE_URL` when they build with one. */
export const SAMPLE_SITE_URL = 'https://results.example.org';

export function sampleSite(base = '/', siteUrl?: string): BuiltSite {
  // Distinct name stems: a build drops older builds whose name starts with its own name and `-`.
  const name = `sample${siteUrl ? 'url' : ''}${base.replace(/\//g, '_')}`;
  return buildSiteOnce({ name, resultsDir: 'sample/results', dumpsDir: 'sample/dumps', notesDir: path.join(repoRoot, 'sample/notes'), base, ...(siteUrl ? { siteUrl } : {}) });
}

export function corpusSite(): BuiltSite {
  const resultsDir = corpusResultsDir();
  // With the upstream history: the tarball is the bundle's bf802a57 (../shared/history/README.md).
  return buildSiteOnce({ name: `corpus-${statSync(corpusTarball).size}`, resultsDir, dumpsDir: sharedDumpsDir, notesDir: path.join(repoRoot, 'content/notes'), resultsGit: historyGitDir() });
}
