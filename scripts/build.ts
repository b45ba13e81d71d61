/**
 * `npm run build`: results tree → content/ → astro build → pagefind → dist/ (replaced only on success).
 *
 * Settings: the environment, read and checked once by src/lib/settings.ts (every variable, its
 * default and what it takes are listed there): RESULTS_DIR and DUMPS_DIR (neither: the embedded
 * sample), SITE_BASE, SITE_URL, CONTENT_DIR, NOTES_DIR, DIST_DIR, UPSTREAM_TREE_URL with
 * UPSTREAM_COMMIT (src/lib/links/upstream.ts), BUILD_DATE, BUILD_INCREMENTAL, BUDGET_STRICT, …
 *
 * Incremental: a build that starts from a dist/ it knows (scripts/incremental/state.ts) builds only
 * the report pages whose content changed and carries the others over; BUILD_INCREMENTAL=0 builds
 * everything. The search index is always built in full, from the content writer's records: it
 * starts on the report records while the rest of content/ is written and writes its bundle beside
 * Astro (scripts/search-index.ts).
 *
 * Each step runs as its own child process (so the model's memory is gone before Astro starts),
 * and its wall time and peak RSS (VmHWM, polled from /proc) are recorded in
 * dist/build-report.json together with the output's file count and page sizes.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeLeftovers, withAstroLock, withBuildLock } from './astroLock.ts';
import { REPORT_INPUTS_FILE } from '../src/lib/content/layout.ts';
import { notesDir } from '../src/lib/dirs.ts';
import { settings, type Settings } from '../src/lib/settings.ts';
import { REPORT_RECORDS_READY, linkCheckResultOf, resultOf, tellContentReady } from './lib/stepMessages.ts';
import { carryPages, pageFingerprint, planPages, reportPageFile, stagePartialContent, type PagePlan } from './incremental/pages.ts';
import { distKey, newBuildId, readBuildState, writeBuildState } from './incremental/state.ts';
import { buildReport, type BuildReport } from './lib/buildReport.ts';
import { pagesStep, secondsSince, startStep, step as runStep, type RunningStep, type StepOptions, type StepResult } from './lib/steps.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const step = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, options?: StepOptions) => runStep(root, name, cmd, args, env, options);

async function main() {
  // Every setting read and checked once: a value its variable does not take stops the build here.
  const s = settings();
  const contentDir = s.contentDir;
  const distDir = path.resolve(root, s.distDir);
  // Two builds on one content or output folder would publish each other's pages: one at a time.
  await withBuildLock([path.resolve(root, contentDir), distDir], () => build(s, contentDir, distDir));
}

/** Where the build reads from and writes to, and the environment its steps run in. */
interface BuildInputs {
  readonly s: Settings;
  readonly contentDir: string;
  readonly distDir: string;
  readonly resultsDir: string | undefined;
  readonly dumpsDir: string | undefined;
  /** The new site, made beside dist/ and swapped in when complete. */
  readonly tmpDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** What the steps made: their results, the pages' plan and the report inputs it rests on, the index's account. */
interface MadeSite {
  readonly steps: StepResult[];
  readonly plan: PagePlan;
  readonly reportInputs: Record<string, string>;
  readonly search: unknown;
}

async function build(s: Settings, contentDir: string, distDir: string) {
  const t0 = performance.now();
  // What killed builds left: their output and its search bundle, `<dist>-tmp-<pid>.pagefind` (never a live build's).
  const leftovers = removeLeftovers(path.dirname(distDir), [`${path.basename(distDir)}-tmp-`, `${path.basename(distDir)}-old-`]);
  if (leftovers.length) console.log(`▶ removed what killed builds left: ${leftovers.map((l) => path.relative(root, l)).join(', ')}`);
  const inputs = buildInputs(s, contentDir, distDir);
  const buildId = newBuildId();
  const fingerprint = pageFingerprint(root, inputs.env);
  const made = await makeSite(inputs, fingerprint);
  const report = buildReport({
    settings: s,
    buildId,
    resultsDir: inputs.resultsDir,
    dumpsDir: inputs.dumpsDir,
    outDir: inputs.tmpDir,
    contentDir: path.resolve(root, contentDir),
    totalSeconds: secondsSince(t0),
    steps: made.steps,
    plan: made.plan,
    search: made.search,
  });
  writeFileSync(path.join(inputs.tmpDir, 'build-report.json'), JSON.stringify(report, null, 2) + '\n');
  if (report.overBudget.length && s.budgetStrict) {
    rmSync(inputs.tmpDir, { recursive: true, force: true });
    throw new Error(`over budget: ${report.overBudget.join('; ')}`);
  }
  swapIn(inputs.tmpDir, distDir);
  writeBuildState(root, distDir, { buildId, pages: { fingerprint, reports: made.reportInputs } });
  console.log(summaryLine(distDir, report));
}

function buildInputs(s: Settings, contentDir: string, distDir: string): BuildInputs {
  // Neither given: the embedded sample (tree and dumps). Only DUMPS_DIR: a site from the dumps alone.
  const useSample = s.resultsDir === undefined && s.dumpsDir === undefined;
  const resultsDir = useSample ? 'sample/results' : s.resultsDir;
  const dumpsDir = useSample ? 'sample/dumps' : s.dumpsDir;
  const tmpDir = `${distDir}-tmp-${process.pid}`;
  if (resultsDir !== undefined && !existsSync(path.resolve(root, resultsDir))) throw new Error(`RESULTS_DIR ${resultsDir} does not exist`);
  if (dumpsDir !== undefined && !existsSync(path.resolve(root, dumpsDir))) throw new Error(`DUMPS_DIR ${dumpsDir} does not exist`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(resultsDir ? { RESULTS_DIR: resultsDir } : {}),
    CONTENT_DIR: contentDir,
    NOTES_DIR: notesDir(process.env, { sample: resultsDir !== undefined && path.resolve(root, resultsDir) === path.resolve(root, 'sample/results') }),
    ASTRO_OUT_DIR: tmpDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(dumpsDir ? { DUMPS_DIR: dumpsDir } : {}),
    // The day every page says it was built, decided once: it reaches the pages (PAGE_ENV), so a
    // build on another day makes every page again, and an incremental build equals a full one.
    BUILD_DATE: s.buildDate ?? new Date().toISOString().slice(0, 10),
  };
  return { s, contentDir, distDir, resultsDir, dumpsDir, tmpDir, env };
}

/**
 * The steps: the content writer; the search index, started on the report records as soon as the
 * writer has written them, reading them while the rest of the content is made and writing its
 * bundle beside Astro; Astro (all pages, or the changed ones with the rest carried over); the
 * link check. On failure nothing of this build is left.
 */
async function makeSite({ s, contentDir, distDir, resultsDir, dumpsDir, tmpDir, env }: BuildInputs, fingerprint: string): Promise<MadeSite> {
  const steps: StepResult[] = [];
  const previous = s.incremental ? readBuildState(root, distDir) : undefined;
  // The search index is written beside the site Astro makes (Astro empties its own folder first).
  const searchBundle = `${tmpDir}.pagefind`;
  // The report records the content writer hands the search index.
  const recordsDir = `${tmpDir}.records`;
  let searching: RunningStep | undefined;
  try {
    rmSync(searchBundle, { recursive: true, force: true });
    // Its node process only makes the run and model records (Pagefind's binary holds the index): a small heap.
    const searchEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim() };
    const searchArgs = ['scripts/search-index.ts', path.resolve(root, contentDir), searchBundle, '--report-records', recordsDir];
    const startSearch = () => {
      searching = startStep(root, 'search index (from the report records on)', bin('node'), searchArgs, searchEnv, { stdin: true });
      // A failure surfaces where it is awaited, once the pages are done.
      searching.done.catch(() => undefined);
    };
    const wcArgs = ['scripts/write-content.ts', ...(resultsDir ? ['--results', resultsDir] : []), '--out', contentDir, '--search-records', recordsDir];
    if (dumpsDir) wcArgs.push('--dumps', dumpsDir);
    // A tree inside this project's own repository (the embedded sample, however it is named) has
    // the archive's commits around it, not the study's: no history unless RESULTS_GIT names one.
    const insideArchive = resultsDir !== undefined && !path.relative(root, path.resolve(root, resultsDir)).startsWith('..');
    if (insideArchive && !s.resultsGit) wcArgs.push('--no-enclosing-git');
    const onLine = (line: string) => {
      if (line === REPORT_RECORDS_READY && searching === undefined) startSearch();
    };
    steps.push(await step('write-content', bin('node'), wcArgs, env, { onLine }));
    if (searching === undefined) throw new Error(`write-content finished without saying ${REPORT_RECORDS_READY}`);
    const indexing: RunningStep = searching;
    tellContentReady(indexing.child.stdin!);
    rmSync(tmpDir, { recursive: true, force: true });

    const reportInputs = JSON.parse(readFileSync(path.resolve(root, contentDir, REPORT_INPUTS_FILE), 'utf8')) as Record<string, string>;
    const plan: PagePlan = previous
      ? planPages(previous.pages, fingerprint, reportInputs, (stem) => existsSync(path.join(distDir, reportPageFile(stem))))
      : { kind: 'full', reason: s.incremental ? 'no previous build to start from' : 'BUILD_INCREMENTAL=0' };
    console.log(
      plan.kind === 'full'
        ? `\n▶ pages: all (${plan.reason})`
        : `\n▶ pages: ${plan.rebuild.length} report pages to build, ${plan.carry.length} carried over, ${plan.removed.length} removed`,
    );
    // The search index writes its bundle beside Astro: Astro's heap is held down so the two fit together.
    let astroEnv: NodeJS.ProcessEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${s.astroHeapMB}`.trim() };
    if (plan.kind === 'partial') {
      const staging = path.join(root, '.cache', 'partial-content', distKey(distDir));
      stagePartialContent(path.resolve(root, contentDir), staging, plan.rebuild);
      astroEnv = { ...astroEnv, CONTENT_DIR: staging };
    }
    const partial = plan.kind === 'partial';
    steps.push(await withAstroLock(() => step('astro build', ...pagesStep(partial, bin('astro'), ['build', '--silent']), astroEnv)));
    if (plan.kind === 'partial') {
      const t = performance.now();
      carryPages(distDir, tmpDir, plan.carry);
      steps.push({ name: 'carry over', seconds: secondsSince(t), peakRssMB: null, stdoutTail: '' });
    }
    const pagesDone = performance.now();
    // Every internal link must land on a built file (and id): a page missing behind a green build
    // is a failed build. Checked while the index finishes (the pages link to no file of the index).
    const checking = step('link check', ...pagesStep(partial, bin('node'), ['scripts/linkcheck.ts', tmpDir, s.siteBase]), env);
    const [indexed, checked] = await Promise.allSettled([indexing.done, checking]);
    if (indexed.status === 'rejected') throw indexed.reason;
    if (checked.status === 'rejected') throw checked.reason;
    steps.push(indexed.value, checked.value);
    const result = resultOf(indexed.value.stdoutTail);
    // What the index added to the build: how long the pages were done before it was.
    const search = { ...(typeof result === 'object' && result ? result : {}), secondsAfterPages: secondsSince(pagesDone) };
    const links = linkCheckResultOf(checked.value.stdoutTail);
    if (links.broken > 0) throw new Error(links.message);
    renameSync(searchBundle, path.join(tmpDir, 'pagefind'));
    return { steps, plan, reportInputs, search };
  } catch (e) {
    const running = searching as RunningStep | undefined;
    if (running !== undefined) {
      running.child.kill();
      await running.done.catch(() => undefined);
    }
    rmSync(tmpDir, { recursive: true, force: true });
    rmSync(searchBundle, { recursive: true, force: true });
    rmSync(recordsDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Swaps in the new site: dist/ is only ever replaced by a complete build. The build state is
 * written after the swap and names this build, so a crash between the two only costs a full build.
 */
function swapIn(tmpDir: string, distDir: string): void {
  const old = `${distDir}-old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(tmpDir, distDir);
  rmSync(old, { recursive: true, force: true });
}

function summaryLine(distDir: string, report: BuildReport): string {
  return (
    `\n✓ built ${path.relative(root, distDir)}/ in ${report.totalSeconds} s: ${report.output.files} files, ${report.output.htmlPages} pages, ` +
    `median report page ${report.output.reportPageKB.median} KB, peak RSS ${report.peakRssMB} MB` +
    report.notes.map((n) => `\nℹ ${n}`).join('') +
    (report.overBudget.length ? `\n⚠ over budget: ${report.overBudget.join('; ')}` : '')
  );
}

main().catch((e) => {
  console.error(`\n✗ build failed: ${e instanceof Error ? e.message : String(e)}`);
  console.error('dist/ was left as it was.');
  process.exit(1);
});
