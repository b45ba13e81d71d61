/**
 * `npm run bench -- --scale K`: the corpus made K times larger (scripts/scaleTree.ts: every
 * report copied under new ids wherever it is named), built cold, measured as a whole:
 *
 *   - memory by process: the peak of the sum of every process's resident memory (all of the
 *     build's processes together: the driver, the content writer, the search index's node and
 *     Pagefind's binary, Astro, the link check), what each held at that moment, and each one's
 *     own peak (VmHWM), sampled from /proc (scripts/lib/processTree.ts);
 *   - CPU by process (utime + stime from /proc, Pagefind's binary included) and their sum;
 *   - wall time, and where the build says its time went;
 *   - the first search's bytes for `kvm` in Chromium (scripts/lib/searchMeasure.ts, as the corpus
 *     tests measure it).
 *
 * The K-times tree is written once into the temp folder (`SCALE_CACHE`, default
 * `<tmp>/results-archive-scale`) and reused; the build's content, render cache and output are
 * fresh each time and removed after. No history: the copies have none (the tree sits outside any
 * git repository), so K = 1 here is the corpus built without its history. The corpus's page dumps
 * (../shared/dumps) are read as in every corpus build; those showing files the K-times tree scales
 * (count tables, change lists, READMEs) no longer match them and are findings, as they would be.
 *
 * Budgets (scripts/lib/budgets.ts, `scaleBudgetMisses`): peak memory up to K = 4, CPU per K against
 * the K = 1 run on record, the first search at K = 4. Not part of CI: K = 4 takes minutes. Run it
 * alone (`flock /tmp/heavy.lock`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGETS } from './budgets.ts';
import { corpusResultsDir, sharedDumpsDir } from './corpus.ts';
import { sampleTree, type TreeFigures } from './processTree.ts';
import { scaledTreeCached } from '../scaleTree.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ScaleBenchResult {
  readonly K: number;
  readonly reports: number;
  readonly verdicts: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly memory: TreeFigures;
  readonly steps: readonly { readonly name: string; readonly seconds: number; readonly peakRssMB: number | null }[];
  readonly search: { readonly pages: number; readonly secondsAfterPages: number } | null;
  readonly firstSearchKvmBytes: number | null;
  /** The first search's bytes by kind of file (Pagefind's script and wasm, page lists, index chunks, …). */
  readonly firstSearchByKind: Readonly<Record<string, number>> | null;
  readonly files: number;
}

/** What a file of a Pagefind bundle (its path below `pagefind/`) is, for the first search's bytes. */
export function pagefindFileKind(file: string): string {
  if (file === 'shards.json') return 'shard list';
  const name = file.replace(/^shard-\d+\//, '');
  if (name.startsWith('index/')) return 'index chunks';
  if (name.startsWith('filter/')) return 'filter chunks';
  if (name.startsWith('fragment/')) return 'fragments';
  if (name.endsWith('.pf_meta')) return 'page lists';
  if (name === 'pagefind-entry.json') return 'entry files';
  if (name.startsWith('wasm.') || name.endsWith('.js')) return 'script and wasm';
  return 'other';
}

function runBuild(env: NodeJS.ProcessEnv): Promise<{ wall: number; cpu: number; memory: TreeFigures }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const sampler = sampleTree(child.pid!);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const memory = sampler.stop();
      if (code !== 0) {
        reject(new Error(`the build failed (${signal ? `signal ${signal}` : `exit ${code}`})`));
        return;
      }
      // Every process's CPU time, summed (the kernel's children total misses processes not waited for).
      const cpu = Math.round(memory.byName.reduce((n, p) => n + p.cpuSeconds, 0) * 10) / 10;
      resolve({ wall: Math.round((performance.now() - t0) / 100) / 10, cpu, memory });
    });
  });
}

export async function scaleBench(K: number): Promise<ScaleBenchResult> {
  const cacheRoot = process.env.SCALE_CACHE ?? path.join(tmpdir(), 'results-archive-scale');
  console.log(`== the corpus ${K} times (scripts/scaleTree.ts)`);
  const t0 = performance.now();
  const { results, stats } = scaledTreeCached(corpusResultsDir(), K, cacheRoot);
  console.log(`  ${results}: ${stats === 'cached' ? 'already written' : `${stats.files} files (${stats.written} written)`} in ${Math.round(performance.now() - t0) / 1000} s`);

  const work = path.join(cacheRoot, `work-K${K}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dist = path.join(work, 'dist');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    RESULTS_DIR: results,
    DUMPS_DIR: sharedDumpsDir,
    CONTENT_DIR: path.join(work, 'content'),
    DIST_DIR: dist,
    RENDER_CACHE_DIR: path.join(work, 'render-cache'),
    HISTORY_CACHE_DIR: path.join(work, 'history-cache'),
    BUILD_INCREMENTAL: '0',
  };
  delete env.RESULTS_GIT;
  try {
    console.log(`\n== cold build of the corpus × ${K}`);
    const run = await runBuild(env);
    const report = JSON.parse(readFileSync(path.join(dist, 'build-report.json'), 'utf8')) as {
      steps: { name: string; seconds: number; peakRssMB: number | null }[];
      content: { reports?: number } | null;
      search: { pages?: number; secondsAfterPages?: number } | null;
      output: { files: number };
    };
    const site = JSON.parse(readFileSync(path.join(env.CONTENT_DIR!, 'site.json'), 'utf8')) as { reportCount: number; runsByTask: { runs: { total: number }[] }[] };
    const verdicts = site.runsByTask.flatMap((t) => t.runs).reduce((n, r) => n + r.total, 0);
    let firstSearch: number | null = null;
    let byKind: Record<string, number> | null = null;
    try {
      const { measureSearch } = await import('./searchMeasure.ts');
      const measured = await measureSearch(dist, '/', 'kvm');
      firstSearch = measured.firstQueryBytes;
      byKind = {};
      for (const r of measured.requests) {
        const kind = pagefindFileKind(decodeURIComponent(r.path).replace(/^pagefind\//, ''));
        byKind[kind] = (byKind[kind] ?? 0) + r.bytes;
      }
    } catch (e) {
      console.log(`  (first search not measured: ${e instanceof Error ? e.message : String(e)})`);
    }
    return {
      K,
      reports: site.reportCount,
      verdicts,
      wallSeconds: run.wall,
      cpuSeconds: run.cpu,
      memory: run.memory,
      steps: report.steps,
      search: report.search ? { pages: report.search.pages ?? 0, secondsAfterPages: report.search.secondsAfterPages ?? 0 } : null,
      firstSearchKvmBytes: firstSearch,
      firstSearchByKind: byKind,
      files: report.output.files,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printScaleBench(r: ScaleBenchResult): string {
  const lines = [
    '',
    `| corpus × ${r.K} | |`,
    '| --- | --- |',
    `| reports | ${r.reports.toLocaleString('en')} |`,
    `| verdicts | ${r.verdicts.toLocaleString('en')} |`,
    `| wall time | ${r.wallSeconds} s |`,
    `| CPU time, every process | ${r.cpuSeconds} s |`,
    `| peak memory, every process together | ${r.memory.peakTotalMB} MB (${Object.entries(r.memory.atPeak).map(([n, mb]) => `${n} ${mb} MB`).join(', ')}) |`,
    `| first search \`kvm\` | ${r.firstSearchKvmBytes === null ? '–' : `${Math.round(r.firstSearchKvmBytes / 1024)} KB`}${r.firstSearchByKind ? ` (${Object.entries(r.firstSearchByKind).map(([k, n]) => `${k} ${Math.round(n / 1024)} KB`).join(', ')})` : ''} |`,
    `| pages indexed | ${r.search?.pages ?? '–'}; the pages waited ${r.search?.secondsAfterPages ?? '–'} s for the index |`,
    `| files in dist/ | ${r.files} |`,
    '',
    '| process | own peak (VmHWM) | CPU |',
    '| --- | ---: | ---: |',
    ...r.memory.byName.map((p) => `| ${p.name}${p.processes > 1 ? ` (${p.processes})` : ''} | ${p.peakMB} MB | ${p.cpuSeconds} s |`),
    '',
    `steps: ${r.steps.map((s) => `${s.name} ${s.seconds} s`).join(', ')}`,
  ];
  return lines.join('\n');
}

/**
 * The scale budgets a run misses, as sentences. Memory is held to its budget up to K = 4 (larger
 * trees are measured against the README's projection); CPU against K times the K = 1 run's, when
 * one is on record; the first search at K = 4.
 */
export function scaleBudgetMisses(
  r: Pick<ScaleBenchResult, 'K' | 'cpuSeconds' | 'memory' | 'firstSearchKvmBytes'>,
  k1: Pick<ScaleBenchResult, 'cpuSeconds'> | null,
  budgets: { readonly [B in 'scalePeakMemoryMB' | 'scaleCpuPerK' | 'scaleFirstSearchKvmKB']: number } = BUDGETS,
): string[] {
  const misses: string[] = [];
  if (r.K <= 4 && r.memory.peakTotalMB > budgets.scalePeakMemoryMB) {
    misses.push(`peak memory ${r.memory.peakTotalMB} MB (budget ${budgets.scalePeakMemoryMB} MB)`);
  }
  if (k1 && r.K > 1) {
    const ratio = r.cpuSeconds / k1.cpuSeconds;
    if (ratio > budgets.scaleCpuPerK * r.K) {
      misses.push(`CPU ${r.cpuSeconds} s is ${ratio.toFixed(2)}× the K = 1 run's ${k1.cpuSeconds} s (budget ${(budgets.scaleCpuPerK * r.K).toFixed(2)}×)`);
    }
  }
  if (r.K === 4) {
    if (r.firstSearchKvmBytes === null) misses.push('the first search was not measured');
    else if (r.firstSearchKvmBytes > budgets.scaleFirstSearchKvmKB * 1024) {
      misses.push(`first search \`kvm\` ${Math.round(r.firstSearchKvmBytes / 1024)} KB (budget ${budgets.scaleFirstSearchKvmKB} KB)`);
    }
  }
  return misses;
}

/**
 * Runs the scale bench, prints it, keeps its figures in .cache/bench-scale-K<K>.json and exits
 * non-zero when a scale budget is missed (CPU against .cache/bench-scale-K1.json, when there).
 */
export async function runScaleBench(K: number): Promise<void> {
  const r = await scaleBench(K);
  console.log(printScaleBench(r));
  mkdirSync(path.join(root, '.cache'), { recursive: true });
  const k1File = path.join(root, '.cache', 'bench-scale-K1.json');
  const k1 = K === 1 ? null : existsSync(k1File) ? (JSON.parse(readFileSync(k1File, 'utf8')) as Pick<ScaleBenchResult, 'cpuSeconds'>) : null;
  writeFileSync(path.join(root, '.cache', `bench-scale-K${K}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...r }, null, 2)}\n`);
  if (K > 1 && !k1) console.log('\n(no K = 1 run on record in .cache/bench-scale-K1.json: CPU not compared)');
  const misses = scaleBudgetMisses(r, k1);
  for (const m of misses) console.log(`✗ over budget: ${m}`);
  if (misses.length > 0) process.exitCode = 1;
}
