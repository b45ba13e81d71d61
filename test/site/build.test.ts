/**
 * The build as a whole: deterministic output, bad input reported by file and line while the
 * rest builds, and dist/ replaced only by a complete build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../../scripts/lib/budgets.ts';
import { cleanEnv, repoRoot, sampleSite, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';


function build(work: string, resultsDir: string | undefined, extra: Record<string, string> = {}) {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/build.ts'], {
    cwd: repoRoot,
    env: cleanEnv({
      ...(resultsDir ? { RESULTS_DIR: resultsDir } : {}),
      DUMPS_DIR: path.join(repoRoot, 'sample/dumps'),
      CONTENT_DIR: path.join(work, 'content'),
      DIST_DIR: path.join(work, 'dist'),
      RENDER_CACHE_DIR: sharedRenderCache(),
      ...extra,
    }),
    encoding: 'utf8',
  });
}

describe('the build', () => {
  it('checks its output against the budgets the benchmark uses, and says so in build-report.json', () => {
    const report = sampleSite().report as { budget: Record<string, number>; overBudget: string[] };
    expect(report.budget).toEqual({
      totalSeconds: BUDGETS.coldBuildSeconds,
      peakMemoryMB: BUDGETS.peakMemoryMB,
      files: BUDGETS.files,
      medianReportPageKB: BUDGETS.medianReportPageKB,
      maxPageKB: BUDGETS.maxPageKB,
      maxReportPageKB: BUDGETS.maxReportPageKB,
    });
    expect(BUDGETS).toMatchObject({ coldBuildSeconds: 100, peakMemoryMB: 3584 });
    expect(report.overBudget).toEqual([]);
  });

  // That the same input gives identical files is checked where the sample is built a second
  // time anyway, beside another build on a shared content folder (hostile-tree.test.ts).

  it('names broken files and their lines, and still builds everything else', () => {
    const work = path.join(tmpdir(), `results-archive-broken-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    const tree = path.join(work, 'results');
    cpSync(path.join(repoRoot, 'sample/results'), tree, { recursive: true });
    const toml = execFileSync('find', [tree, '-name', '*.toml']).toString().trim().split('\n')[0]!;
    writeFileSync(toml, 'id = 1\ntitle = "never closed\n');
    const bad = path.join(tree, 'scraper/launchpad/1999999');
    writeFileSync(bad, Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x0a]));
    const result = build(work, tree);
    expect(result.status, result.stderr).toBe(0);
    const site = JSON.parse(readFileSync(path.join(work, 'content/site.json'), 'utf8')) as { findings: { path: string; line?: number; severity: string; message: string }[] };
    const tomlPath = `results/${path.relative(tree, toml)}`;
    expect(site.findings).toContainEqual(expect.objectContaining({ path: tomlPath, line: 2, severity: 'error' }));
    expect(site.findings).toContainEqual(expect.objectContaining({ path: 'results/scraper/launchpad/1999999', severity: 'error' }));
    const reportPage = readFileSync(path.join(work, 'dist/build-report/index.html'), 'utf8');
    expect(reportPage).toContain(tomlPath);
    expect(reportPage).toContain('results/scraper/launchpad/1999999');
    // The broken issue is still published, built from its text; so is the undecodable one.
    const id = path.basename(toml, '.toml');
    expect(readdirSync(path.join(work, 'dist/reports/gitlab'))).toContain(id);
    expect(readdirSync(path.join(work, 'dist/reports/launchpad'))).toContain('1999999');
    rmSync(work, { recursive: true, force: true });
  }, 300_000);

  it('builds a site from a folder of page dumps alone', () => {
    const work = path.join(tmpdir(), `results-archive-dumps-only-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    const result = build(work, undefined);
    expect(result.status, result.stderr).toBe(0);
    const site = JSON.parse(readFileSync(path.join(work, 'content/site.json'), 'utf8')) as { dumps: { file: string; status: string }[] };
    expect(site.dumps.length).toBe(8);
    // The seed dump's reasoning file rebuilds its run; with no scraped reports its id is of unknown source.
    const report = readFileSync(path.join(work, 'dist/reports/unknown/1893/index.html'), 'utf8');
    expect(report).toContain('mode-deepseek-r1:32b');
    const buildReport = readFileSync(path.join(work, 'dist/build-report/index.html'), 'utf8');
    for (const d of site.dumps) expect(buildReport).toContain(d.file);
    expect(site.dumps.some((d) => d.status === 'unplaced')).toBe(true);
    rmSync(work, { recursive: true, force: true });
  }, 300_000);

  it('leaves dist/ as it was when a build fails', () => {
    const work = path.join(tmpdir(), `results-archive-failing-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(work, 'dist'), { recursive: true });
    writeFileSync(path.join(work, 'dist/index.html'), 'the previous site');
    const result = build(work, path.join(work, 'no-such-tree'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no-such-tree/);
    expect(readFileSync(path.join(work, 'dist/index.html'), 'utf8')).toBe('the previous site');
    rmSync(work, { recursive: true, force: true });
  }, 120_000);
});
