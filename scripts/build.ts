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
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeLeftovers, withAstroLock, withBuildLock } from './astroLock.ts';
import { REPORT_INPUTS_FILE } from '../src/lib/content/layout.ts';
import { notesDir } from '../src/lib/dirs.ts';
import { settings, type Settings } from '../src/lib/settings.ts';
import { REPORT_RECORDS_READY, linkCheckResultOf, resultOf, tellContentReady } from './lib/stepMessages.ts';
import { carryPages, pageFingerprint, planPages, reportPageFile, stagePartialContent, type PagePlan } from './incremental/pages.ts';
import { distKey, newBuildId, readBuildState, writeBuildState } from './incremental/state.ts';
import { BUDGETS } from './lib/budgets.ts';
import { peakTotalMemoryKB, sampleProcessTree } from './lib/processMemory.ts';
import { filesBelow } from '../src/lib/files.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

/** Said by the build report (JSON and page) when the site has no origin of its own. */
const SITE_URL_NOT_SET = 'SITE_URL is not set: no page names an origin (no canonical or OpenGraph URL, no sitemap.xml); cite lines show the path and, in the browser, the address the page was opened at.';

/**
 * The build's share of the budgets (scripts/lib/budgets.ts), as build-report.json names them;
 * exceeded budgets are reported (and fail the build when BUDGET_STRICT=1).
 */
const BUDGET = {
  totalSeconds: BUDGETS.coldBuildSeconds,
  peakMemoryMB: BUDGETS.peakMemoryMB,
  files: BUDGETS.files,
  medianReportPageKB: BUDGETS.medianReportPageKB,
  maxPageKB: BUDGETS.maxPageKB,
  maxReportPageKB: BUDGETS.maxReportPageKB,
};

interface StepResult {
  readonly name: string;
  readonly seconds: number;
  readonly peakRssMB: number | null;
  readonly stdoutTail: string;
}

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, options: StepOptions = {}): Promise<StepResult> {
  return startStep(name, cmd, args, env, options).done;
}

interface StepOptions {
  /** Called with each whole line the step prints. */
  readonly onLine?: (line: string) => void;
  /** Give the step a standard input to write to (`child.stdin`). */
  readonly stdin?: boolean;
}

/** A step started and left running (`done` when it ends), for steps that run side by side. */
function startStep(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, options: StepOptions = {}): { child: ChildProcess; done: Promise<StepResult> } {
  let child!: ChildProcess;
  const done = new Promise<StepResult>((resolve, reject) => {
    const t0 = performance.now();
    console.log(`\n▶ ${name}: ${path.relative(root, cmd) || cmd} ${args.join(' ')}`);
    child = spawn(cmd, args, { cwd: root, env, stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
    // A step that ended early closes its input: its own failure is what the build reports, not EPIPE.
    child.stdin?.on('error', () => undefined);
    let out = '';
    let partial = '';
    child.stdout!.on('data', (d: Buffer) => {
      process.stdout.write(d);
      const text = d.toString('utf8');
      out = (out + text).slice(-4000);
      if (options.onLine) {
        const lines = (partial + text).split('\n');
        partial = lines.pop()!;
        for (const line of lines) options.onLine(line);
      }
    });
    // Peak RSS of the process tree, sampled (VmHWM of each process seen; summed per sample).
    const memory = sampleProcessTree(child.pid!);
    child.on('error', (e) => {
      memory.stop();
      reject(new Error(`${name}: could not start ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      const peakKB = memory.stop();
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (code !== 0) {
        reject(new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`}) after ${seconds} s`));
        return;
      }
      resolve({ name, seconds, peakRssMB: peakKB ? Math.round(peakKB / 1024) : null, stdoutTail: out });
    });
  });
  return { child, done };
}

/**
 * The pages' steps (Astro, the link check) of a partial build, run at a lower CPU priority
 * (`nice`) than the search index written beside them: when few pages change, the index, one
 * core's work Pagefind cannot share out, is what the build waits for last, and at equal priority
 * the pages took the cores it needs. In a full build Astro is the longer step: equal priority.
 */
function pagesStep(partial: boolean, cmd: string, args: string[]): [string, string[]] {
  return !partial || process.platform === 'win32' ? [cmd, args] : ['nice', ['-n', '10', cmd, ...args]];
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! : 0;
}

async function main() {
  // Every setting read and checked once: a value its variable does not take stops the build here.
  const s = settings();
  const contentDir = s.contentDir;
  const distDir = path.resolve(root, s.distDir);
  // Two builds on one content or output folder would publish each other's pages: one at a time.
  await withBuildLock([path.resolve(root, contentDir), distDir], () => build(s, contentDir, distDir));
}

async function build(s: Settings, contentDir: string, distDir: string) {
  const t0 = performance.now();
  // What killed builds left: their output and its search bundle, `<dist>-tmp-<pid>.pagefind` (never a live build's).
  const leftovers = removeLeftovers(path.dirname(distDir), [`${path.basename(distDir)}-tmp-`, `${path.basename(distDir)}-old-`]);
  if (leftovers.length) console.log(`▶ removed what killed builds left: ${leftovers.map((l) => path.relative(root, l)).join(', ')}`);
  const siteUrl = s.siteUrl;
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
  const steps: StepResult[] = [];
  const buildId = newBuildId();
  const fingerprint = pageFingerprint(root, env);
  const previous = s.incremental ? readBuildState(root, distDir) : undefined;
  // The search index is written beside the site Astro makes (Astro empties its own folder first).
  const searchBundle = `${tmpDir}.pagefind`;
  // The report records the content writer hands the search index.
  const recordsDir = `${tmpDir}.records`;
  let searching: { child: ChildProcess; done: Promise<StepResult> } | undefined;
  let plan: PagePlan = { kind: 'full', reason: 'not planned' };
  let reportInputs: Record<string, string> = {};
  let search: unknown = null;
  try {
    // The search index starts on the report records as soon as the content writer has written
    // them, reads them while the rest of the content is made, and writes its bundle beside Astro.
    rmSync(searchBundle, { recursive: true, force: true });
    // Its node process only makes the run and model records (Pagefind's binary holds the index): a small heap.
    const searchEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim() };
    const searchArgs = ['scripts/search-index.ts', path.resolve(root, contentDir), searchBundle, '--report-records', recordsDir];
    const startSearch = () => {
      searching = startStep('search index (from the report records on)', bin('node'), searchArgs, searchEnv, { stdin: true });
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
    const indexing: { child: ChildProcess; done: Promise<StepResult> } = searching;
    tellContentReady(indexing.child.stdin!);
    rmSync(tmpDir, { recursive: true, force: true });

    reportInputs = JSON.parse(readFileSync(path.resolve(root, contentDir, REPORT_INPUTS_FILE), 'utf8')) as Record<string, string>;
    plan = previous
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
      steps.push({ name: 'carry over', seconds: Math.round((performance.now() - t) / 100) / 10, peakRssMB: null, stdoutTail: '' });
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
    search = { ...(typeof result === 'object' && result ? result : {}), secondsAfterPages: Math.round((performance.now() - pagesDone) / 100) / 10 };
    const links = linkCheckResultOf(checked.value.stdoutTail);
    if (links.broken > 0) throw new Error(links.message);
    renameSync(searchBundle, path.join(tmpDir, 'pagefind'));
  } catch (e) {
    if (searching !== undefined) {
      searching.child.kill();
      await searching.done.catch(() => undefined);
    }
    rmSync(tmpDir, { recursive: true, force: true });
    rmSync(searchBundle, { recursive: true, force: true });
    rmSync(recordsDir, { recursive: true, force: true });
    throw e;
  }

  // Measure the output.
  const files = filesBelow(tmpDir).map((rel) => ({ rel, size: statSync(path.join(tmpDir, rel)).size }));
  const pages = files.filter((f) => f.rel.endsWith('.html'));
  const reportPages = pages.filter((f) => /^reports\/[^/]+\/[^/]+\/index\.html$/.test(f.rel) && !/\/page\//.test(f.rel));
  const sizes = reportPages.map((f) => f.size).sort((a, b) => a - b);
  const largest = [...pages].sort((a, b) => b.size - a.size).slice(0, 10);
  const totalSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const peak = Math.max(Math.round(peakTotalMemoryKB() / 1024), ...steps.map((s) => s.peakRssMB ?? 0));
  const content = resultOf(steps[0]!.stdoutTail);
  let site: { findingCounts?: unknown; findings?: unknown[]; inputs?: unknown; lost?: unknown[]; unrecognized?: unknown[] } = {};
  try {
    site = JSON.parse(readFileSync(path.resolve(root, contentDir, 'site.json'), 'utf8'));
  } catch {
    site = {};
  }
  const report = {
    buildId,
    builtAt: new Date().toISOString(),
    resultsDir,
    dumpsDir: dumpsDir ?? null,
    base: s.siteBase,
    siteUrl: siteUrl ?? null,
    notes: siteUrl ? [] : [SITE_URL_NOT_SET],
    totalSeconds,
    steps: steps.map(({ stdoutTail: _t, ...s }) => s),
    peakRssMB: peak,
    content,
    pages:
      plan.kind === 'full'
        ? { mode: 'full', reason: plan.reason }
        : { mode: 'partial', built: plan.rebuild.length, carried: plan.carry.length, removed: plan.removed.length },
    search,
    model: { findingCounts: site.findingCounts ?? null, inputs: site.inputs ?? null, lost: site.lost?.length ?? null, unrecognized: site.unrecognized?.length ?? null },
    // Every finding of the reader, as on /build-report/: path, line (where it helps), severity, message.
    findings: site.findings ?? [],
    output: {
      files: files.length + 1, // + this report
      htmlPages: pages.length,
      pagefindFiles: files.filter((f) => f.rel.startsWith('pagefind/')).length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      reportPages: reportPages.length,
      reportPageKB: { median: Math.round(quantile(sizes, 0.5) / 102.4) / 10, p90: Math.round(quantile(sizes, 0.9) / 102.4) / 10, max: Math.round((sizes.at(-1) ?? 0) / 102.4) / 10 },
      largestPages: largest.map((f) => ({ path: f.rel, kb: Math.round(f.size / 102.4) / 10 })),
    },
    budget: BUDGET,
    overBudget: [] as string[],
  };
  if (totalSeconds > BUDGET.totalSeconds) report.overBudget.push(`build took ${totalSeconds} s (budget ${BUDGET.totalSeconds} s)`);
  if (peak > BUDGET.peakMemoryMB) report.overBudget.push(`peak memory ${peak} MB (budget ${BUDGET.peakMemoryMB} MB)`);
  if (report.output.files > BUDGET.files) report.overBudget.push(`${report.output.files} files (budget ${BUDGET.files})`);
  if (report.output.reportPageKB.median > BUDGET.medianReportPageKB) report.overBudget.push(`median report page ${report.output.reportPageKB.median} KB`);
  // Every page has a size budget: report pages one, every other page (source lists included) the other.
  const reportPageSet = new Set(reportPages.map((f) => f.rel));
  const tooBigReports = reportPages.filter((f) => f.size > BUDGET.maxReportPageKB * 1024);
  if (tooBigReports.length) report.overBudget.push(`${tooBigReports.length} report pages over ${BUDGET.maxReportPageKB} KB: ${tooBigReports.slice(0, 5).map((f) => f.rel).join(', ')}`);
  const tooBig = pages.filter((f) => !reportPageSet.has(f.rel) && f.size > BUDGET.maxPageKB * 1024);
  if (tooBig.length) report.overBudget.push(`${tooBig.length} other pages over ${BUDGET.maxPageKB} KB: ${tooBig.slice(0, 5).map((f) => f.rel).join(', ')}`);
  writeFileSync(path.join(tmpDir, 'build-report.json'), JSON.stringify(report, null, 2) + '\n');

  if (report.overBudget.length && s.budgetStrict) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw new Error(`over budget: ${report.overBudget.join('; ')}`);
  }

  // Swap in the new site: dist/ is only ever replaced by a complete build. The state is written
  // after the swap and names this build, so a crash between the two only costs a full build.
  const old = `${distDir}-old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(tmpDir, distDir);
  rmSync(old, { recursive: true, force: true });
  writeBuildState(root, distDir, { buildId, pages: { fingerprint, reports: reportInputs } });

  console.log(
    `\n✓ built ${path.relative(root, distDir)}/ in ${totalSeconds} s: ${report.output.files} files, ${report.output.htmlPages} pages, ` +
      `median report page ${report.output.reportPageKB.median} KB, peak RSS ${peak} MB` +
      report.notes.map((n) => `\nℹ ${n}`).join('') +
      (report.overBudget.length ? `\n⚠ over budget: ${report.overBudget.join('; ')}` : ''),
  );
}

main().catch((e) => {
  console.error(`\n✗ build failed: ${e instanceof Error ? e.message : String(e)}`);
  console.error('dist/ was left as it was.');
  process.exit(1);
});
