/**
 * A results tree written to break converters (test/support/hostileTree.ts) builds: no bad file
 * stops the build, every item gets its pages and every internal link lands, every problem is a
 * finding with its file (and line), pages stay within budget, builds are identical under any time
 * zone and locale, two builds on one content folder never publish each other's pages, and what a
 * killed build left is cleaned by the next one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/linkcheck.ts';
import type { RunData } from '../../src/lib/content/types.ts';
import { cleanEnv, repoRoot, sampleSite, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { HOSTILE, writeHostileTree } from '../support/hostileTree.ts';

const work = path.join(tmpdir(), `results-archive-hostile-${process.pid}`);
let results: string;

interface Finding {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}
interface BuildReport {
  readonly findings: readonly Finding[];
  readonly overBudget: readonly string[];
  readonly model: { readonly inputs: { readonly total: number; readonly byLayout: Record<string, number> } };
}

/** `npm run build`'s script, started (not waited for); resolves with its exit code and output. */
function startBuild(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: repoRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const dirs = (name: string) => ({
  CONTENT_DIR: path.join(work, `content-${name}`),
  DIST_DIR: path.join(work, `dist-${name}`),
  RENDER_CACHE_DIR: path.join(work, `cache-${name}`),
  DUMPS_DIR: path.join(work, 'dumps'),
});

const dist = (name: string, rel = '') => path.join(work, `dist-${name}`, rel);
const readReport = (name: string) => JSON.parse(readFileSync(dist(name, 'build-report.json'), 'utf8')) as BuildReport;

/** A pid that is certainly not running: a process that has just ended. */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

let deadLeftovers: string[];
let liveLeftover: string;
let first: { status: number | null; output: string };
let second: { status: number | null; output: string };
let sample: { status: number | null; output: string };

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  results = writeHostileTree(work);

  // What a SIGKILLed build leaves beside its output, and one of a build still running (this test).
  const dead = deadPid();
  deadLeftovers = [dist(`a-tmp-${dead}`), path.join(work, `dist-a-tmp-${dead}.pagefind`), dist(`a-old-${dead}`)];
  for (const d of [deadLeftovers[0]!, deadLeftovers[2]!]) mkdirSync(d, { recursive: true });
  writeFileSync(deadLeftovers[1]!, '{}');
  liveLeftover = path.join(work, `dist-a-tmp-${process.pid}.pagefind`);
  writeFileSync(liveLeftover, '{}');

  first = await startBuild({ RESULTS_DIR: results, ...dirs('a'), TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
  // Two builds at once on one content folder: the hostile tree and the sample, each into its own dist.
  const shared = { CONTENT_DIR: path.join(work, 'content-shared') };
  [second, sample] = await Promise.all([
    startBuild({ RESULTS_DIR: results, ...dirs('b'), ...shared, TZ: 'America/Adak', LANG: 'C', LC_ALL: 'C' }),
    startBuild({ RESULTS_DIR: path.join(repoRoot, 'sample/results'), ...dirs('sample'), DUMPS_DIR: path.join(repoRoot, 'sample/dumps'), NOTES_DIR: path.join(repoRoot, 'sample/notes'), RENDER_CACHE_DIR: sharedRenderCache(), ...shared }),
  ]);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a hostile tree', () => {
  it('builds: no bad file stops the build', () => {
    expect(first.status, first.output).toBe(0);
    expect(second.status, second.output).toBe(0);
  });

  it('gives every item its pages, and every internal link of the site lands on a built file', () => {
    const content = path.join(work, 'content-a');
    const pages = JSON.parse(readFileSync(path.join(content, 'site-pages.json'), 'utf8')) as string[];
    for (const p of pages) expect(existsSync(dist('a', `${decodeURIComponent(p)}index.html`)), p).toBe(true);
    const runs = (JSON.parse(readFileSync(path.join(content, 'path-index.json'), 'utf8')) as { runs: Record<string, string> }).runs;
    for (const name of [...HOSTILE.caseRuns, HOSTILE.queryRun, HOSTILE.encodedRun, HOSTILE.rtlRun]) {
      expect(runs[name], name).toBeDefined();
      expect(existsSync(dist('a', `runs/${runs[name]}/index.html`)), name).toBe(true);
    }
    expect(new Set(HOSTILE.caseRuns.map((n) => runs[n])).size).toBe(2);
    const labelsRun = JSON.parse(readFileSync(path.join(content, `run-data/${runs['labels:1b']}.json`), 'utf8')) as RunData;
    expect(labelsRun.labelPages.map((l) => l.label).sort()).toEqual([...HOSTILE.labels].sort());
    for (const l of labelsRun.labelPages) expect(existsSync(dist('a', `runs/${runs['labels:1b']}/${l.labelSlug}/index.html`)), l.label).toBe(true);
    const box64 = readFileSync(dist('a', 'reports/box64/index.html'), 'utf8');
    for (const id of [...HOSTILE.collidingIds, HOSTILE.longId, 'index.html', HOSTILE.zeroWidthId]) {
      const shown = id.replace(/\u200b/g, '⟨U+200B⟩');
      expect(box64, id).toContain(`>${shown.replace(/&/g, '&amp;')}</a>`);
    }
    expect(checkLinks(dist('a'), '/')).toEqual([]);
  });

  it('lists every problem in build-report.json with its file (and line)', () => {
    const { findings, model } = readReport('a');
    const has = (p: string | RegExp, message: RegExp, line?: number) =>
      expect(
        findings.some((f) => (typeof p === 'string' ? f.path === p : p.test(f.path)) && message.test(f.message) && (line === undefined || f.line === line)),
        `${String(p)} ${String(message)}`,
      ).toBe(true);
    has('results/classifier/gemma3:12b/categories.csv', /not valid CSV/, 2);
    has('results/classifier/gemma3:12b/analysis.csv', /not valid CSV/, 2);
    has('results/scraper/launchpad/1000001', /symbolic link: not followed/);
    has('results/scraper/box64/loop', /symbolic link: not followed/);
    has('results/scraper/mailinglist/00000001', /FIFO/);
    has('results/scraper/box64/a b', /not a plain URL name/);
    has('results/scraper/box64/index.html', /not a plain URL name/);
    has(`results/scraper/box64/${HOSTILE.longId}`, /not a plain URL name/);
    has('results/classifier/case:1b', /taken by "Case:1b"/);
    has(`results/classifier/${HOSTILE.queryRun}`, /run name .* not a plain URL name/);
    has(`results/scraper/box64/${HOSTILE.zeroWidthId}`, /12⟨U\+200B⟩34.*invisible or direction-changing/);
    has(`results/classifier/${HOSTILE.rtlRun}`, /mode-⟨U\+202E⟩evil:1b.*invisible or direction-changing/);
    has('results/classifier/labels:1b', /label "漢字" is not a plain URL name/);
    has(/7001\.toml$/, /TOML value secret_key/, 8);
    has(/7001\.toml$/, /TOML value labels: not a list/, 6);
    has(/7001\.toml$/, /TOML value url: not an http/, 7);
    has(/7002\.toml$/, /not on a known upstream host/);
    expect(model.inputs.byLayout['not read: symlink']).toBe(2);
    expect(model.inputs.byLayout['not read: fifo']).toBe(1);
    // The build report page shows them all, look-alike names escaped.
    const page = readFileSync(dist('a', 'build-report/index.html'), 'utf8');
    expect(page).toContain('results/scraper/mailinglist/00000001');
    expect(page).not.toContain('\u202e');
  });

  it('calls a one-line dump that fits two tree files ambiguous, not exact', () => {
    const site = JSON.parse(readFileSync(path.join(work, 'content-a/site.json'), 'utf8')) as { dumps: { file: string; status: string; path: string | null; candidates: string[] }[] };
    const dump = site.dumps.find((d) => d.file === HOSTILE.oneLine.dump)!;
    expect(dump.candidates).toEqual([`results/classifier/gemma3:12b/runtime/${HOSTILE.oneLine.id}`, `results/scraper/launchpad/${HOSTILE.oneLine.id}`]);
    expect(dump.path).toBeNull();
    expect(dump.status).not.toBe('exact');
    expect(readFileSync(dist('a', 'build-report/index.html'), 'utf8')).toContain(HOSTILE.oneLine.dump);
  });

  it('never reads what a symlink points to', () => {
    for (const f of filesBelow(dist('a'))) {
      if (f.startsWith('pagefind')) continue;
      expect(readFileSync(dist('a', f), 'utf8').includes('root:x:0:0'), f).toBe(false);
    }
  });

  it('shows what it cannot place: text before <think>, TOML values raw, a foreign url as text', () => {
    const reasoning = readFileSync(dist('a', 'reports/launchpad/1873340/index.html'), 'utf8');
    expect(reasoning).toContain(HOSTILE.preamble);
    const odd = readFileSync(dist('a', `reports/gitlab/${HOSTILE.oddTomlId}/index.html`), 'utf8');
    for (const raw of ['secret_key = &quot;shown raw&quot;', 'labels = &quot;not-a-list&quot;', 'url = &quot;ftp://example.org/x&quot;', '[nested]']) expect(odd).toContain(raw);
    const foreign = readFileSync(dist('a', `reports/gitlab/${HOSTILE.foreignUrlId}/index.html`), 'utf8');
    expect(foreign).toContain('<code>https://evil.example/phish</code>');
    expect(foreign).not.toContain('href="https://evil.example/phish"');
  });

  it('shows look-alike names visibly escaped', () => {
    const runs = (JSON.parse(readFileSync(path.join(work, 'content-a/path-index.json'), 'utf8')) as { runs: Record<string, string> }).runs;
    const page = readFileSync(dist('a', `runs/${runs[HOSTILE.rtlRun]}/index.html`), 'utf8');
    expect(page).toContain('mode-⟨U+202E⟩evil:1b');
    // The tree has these characters only in names: no page may carry one unescaped.
    for (const f of filesBelow(dist('a')).filter((f) => f.endsWith('.html'))) {
      expect(/[\u200b\u202e]/.test(readFileSync(dist('a', f), 'utf8')), f).toBe(false);
    }
  });

  it('cuts titles and list entries, keeps the whole 5 MB line as raw text, and keeps every page in budget', () => {
    const page = readFileSync(dist('a', `reports/launchpad/${HOSTILE.hugeLaunchpadId}/index.html`), 'utf8');
    const title = /<title>([^<]*)<\/title>/.exec(page)![1]!;
    expect(title.length).toBeLessThan(400);
    const raw = /href="([^"]*texts~[^"]*\.txt)"/.exec(page)![1]!;
    expect(readFileSync(dist('a', decodeURIComponent(raw))).equals(readFileSync(path.join(results, `scraper/launchpad/${HOSTILE.hugeLaunchpadId}`)))).toBe(true);
    for (const f of filesBelow(dist('a')).filter((f) => f.endsWith('.html'))) {
      const limit = /^reports\/[^/]+\/[^/]+\/index\.html$/.test(f) ? 1024 : 300;
      expect(statSync(dist('a', f)).size, f).toBeLessThan(limit * 1024);
    }
    expect(readReport('a').overBudget.filter((o) => !/took|memory/.test(o))).toEqual([]);
  });

  it('builds the same files under any time zone and locale', () => {
    const a = filesBelow(dist('a')).filter((f) => f !== 'build-report.json').sort();
    const b = filesBelow(dist('b')).filter((f) => f !== 'build-report.json').sort();
    expect(b).toEqual(a);
    expect(a.filter((f) => !readFileSync(dist('a', f)).equals(readFileSync(dist('b', f))))).toEqual([]);
  });

  // The sample's second build is also the check that the same input gives identical files.
  it('never publishes another build’s pages when two share a content folder, and builds the sample identically to its own build', () => {
    expect(sample.status, sample.output).toBe(0);
    // The hostile build (b) equals the one with a content folder of its own (a); the sample build
    // holds the sample's pages and none of the hostile tree's.
    expect(existsSync(dist('b', `reports/launchpad/${HOSTILE.hugeLaunchpadId}/index.html`))).toBe(true);
    expect(existsSync(dist('sample', `reports/launchpad/${HOSTILE.hugeLaunchpadId}/index.html`))).toBe(false);
    const alone = sampleSite().dist;
    const expected = filesBelow(alone).filter((f) => f !== 'build-report.json').sort();
    expect(filesBelow(dist('sample')).filter((f) => f !== 'build-report.json').sort()).toEqual(expected);
    expect(expected.filter((f) => !readFileSync(path.join(alone, f)).equals(readFileSync(dist('sample', f))))).toEqual([]);
  });

  it('cleans what killed builds left, and only theirs', () => {
    for (const l of deadLeftovers) expect(existsSync(l), l).toBe(false);
    expect(existsSync(liveLeftover)).toBe(true);
  });
});
