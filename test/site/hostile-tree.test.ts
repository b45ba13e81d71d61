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
import { checkLinks, scanHtml } from '../../scripts/linkcheck.ts';
import type { RunData } from '../../src/lib/content/types.ts';
import { cleanEnv, repoRoot, sampleSite, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { HOSTILE, manyLabelNames, writeHostileTree } from '../support/hostileTree.ts';
import { differingFiles } from '../support/sameFiles.ts';

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
    expect(checkLinks(dist('a'), '/', { samePageFragments: true })).toEqual([]);
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

  it('gives names spelled like the site’s own files, folders and ids addresses of their own (issue 24)', () => {
    const content = path.join(work, 'content-a');
    const runs = (JSON.parse(readFileSync(path.join(content, 'path-index.json'), 'utf8')) as { runs: Record<string, string> }).runs;
    const gemma = JSON.parse(readFileSync(path.join(content, `run-data/${runs['gemma3:12b']}.json`), 'utf8')) as RunData;
    for (const label of Object.keys(HOSTILE.siteNames.labels)) {
      const page = gemma.labelPages.find((l) => l.label === label)!;
      expect(page.labelSlug, label).not.toBe(label);
      expect(readFileSync(dist('a', `runs/${runs['gemma3:12b']}/${page.labelSlug}/index.html`), 'utf8'), label).toContain(label);
    }
    // The run's data file and the pair page's matrix are still the files they were.
    expect(readFileSync(dist('a', `runs/${runs['gemma3:12b']}/verdicts.csv`), 'utf8')).toMatch(/^\S+,/);
    expect(statSync(dist('a', `compare/${runs['gemma3:12b']}/${runs['gemma3:27b']}/matrix.csv`)).isFile()).toBe(true);
    // Runs named like a report page's sections: their sections have ids of their own, and no page has an id twice.
    const report = readFileSync(dist('a', `reports/launchpad/${HOSTILE.siteNames.runReport}/index.html`), 'utf8');
    for (const run of HOSTILE.siteNames.runs) {
      expect(runs[run], run).not.toBe(run);
      expect(report, run).toContain(`<h2 id="${runs[run]}">`);
    }
    for (const f of filesBelow(dist('a')).filter((f) => f.endsWith('.html'))) {
      const ids = [...readFileSync(dist('a', f), 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), f).toEqual([]);
    }
    // A raw file whose published name is another's folder: both published, byte for byte.
    const site = JSON.parse(readFileSync(path.join(content, 'site.json'), 'utf8')) as { raw: { path: string; slug: string }[] };
    for (const rel of HOSTILE.siteNames.raw) {
      const entry = site.raw.find((r) => r.path === `results/${rel}`)!;
      expect(entry, rel).toBeDefined();
      expect(readFileSync(dist('a', `raw/${entry.slug}.txt`)).equals(readFileSync(path.join(results, rel))), rel).toBe(true);
    }
    const { findings } = readReport('a');
    const has = (p: string, message: RegExp) => expect(findings.some((f) => f.path === p && message.test(f.message)), `${p} ${String(message)}`).toBe(true);
    has('results/classifier/gemma3:12b', /label "verdicts\.csv" is not a plain URL name \(spelled like the site’s own file names/);
    has('results/classifier/gemma3:12b', /label "matrix\.csv" is not a plain URL name/);
    for (const run of HOSTILE.siteNames.runs) has(`results/classifier/${run}`, /run name .*spelled like the site’s own section ids on a report page/);
    has('results/extra/notes', /published raw as raw\/extra\/notes-[0-9a-f]{8}\.txt.*results\/extra\/notes\.txt\/readme/);
  });

  it('keeps both of two inputs that claim one output, and names every file (issue 24)', () => {
    const { twice } = HOSTILE;
    const content = path.join(work, 'content-a');
    const site = JSON.parse(readFileSync(path.join(content, 'site.json'), 'utf8')) as { raw: { path: string; slug: string }[] };
    const published = (rel: string) => {
      const entry = site.raw.find((r) => r.path === `results/${rel}`);
      expect(entry, rel).toBeDefined();
      expect(readFileSync(dist('a', `raw/${entry!.slug}.txt`)).equals(readFileSync(path.join(results, rel))), rel).toBe(true);
    };
    const { findings } = readReport('a');
    const named = (rel: string, ...others: string[]) =>
      expect(
        findings.some((f) => f.path === `results/${rel}` && others.every((o) => f.message.includes(`results/${o}`))),
        `${rel}: ${others.join(', ')}`,
      ).toBe(true);
    const gl = 'scraper/gitlab';
    const [a, b] = twice.gitlabText.paths;
    expect(readFileSync(dist('a', `reports/gitlab/${twice.gitlabText.id}/index.html`), 'utf8')).toContain(`Issue ${twice.gitlabText.id} copy 1`);
    published(`${gl}/issues_text/${b}/${twice.gitlabText.id}`);
    named(`${gl}/issues_text/${b}/${twice.gitlabText.id}`, `${gl}/issues_text/${a}/${twice.gitlabText.id}`);
    const [ta, tb] = twice.gitlabToml.paths;
    published(`${gl}/issues_toml/${tb}/${twice.gitlabToml.id}.toml`);
    named(`${gl}/issues_toml/${tb}/${twice.gitlabToml.id}.toml`, `${gl}/issues_toml/${ta}/${twice.gitlabToml.id}.toml`);
    // box64: 77, documentation-77 and documentation/77 are three pages, each with its own text.
    const stems = (JSON.parse(readFileSync(path.join(content, 'report-inputs.json'), 'utf8')) as Record<string, unknown>);
    const box64 = readFileSync(dist('a', 'reports/box64/index.html'), 'utf8');
    for (const id of twice.box64) {
      expect(box64, id).toContain(`>${id}</a>`);
      const stem = Object.keys(stems).find((k) => k === `box64/${id}` || k.startsWith(`box64/${id.replace('/', '-')}~`));
      expect(stem, id).toBeDefined();
      expect(readFileSync(dist('a', `reports/${stem}/index.html`), 'utf8'), id).toContain(`box64 file ${id}`);
    }
    named('scraper/box64/documentation/77', 'scraper/box64/77', 'scraper/box64/documentation-77');
    // An id under three labels in one half: the first shown, the others published raw, all named.
    const flat = twice.flatLabels.map((l) => `classifier/${twice.flatRun}/${l}/${twice.flatId}`).sort();
    for (const rel of flat.slice(1)) published(rel);
    expect(findings.some((f) => f.message.includes('3 labels') && flat.every((rel) => f.message.includes(`results/${rel}`)))).toBe(true);
    const split = twice.splitLabels.map((l) => `classifier/${twice.splitRun}/reasoning/${l}/${twice.splitId}`).sort();
    for (const rel of split.slice(1)) published(rel);
    expect(findings.some((f) => f.message.includes('3 labels') && split.every((rel) => f.message.includes(`results/${rel}`)))).toBe(true);
    // A page dump of a tree file with other content: the page from the tree, the dump published raw, both named.
    const page = readFileSync(dist('a', `reports/launchpad/1638427/index.html`), 'utf8');
    expect(page).not.toContain('The dump shows other content');
    const dumped = site.raw.find((r) => r.path === `dumps/${twice.dump.file}`);
    expect(dumped).toBeDefined();
    expect(readFileSync(dist('a', `raw/${dumped!.slug}.txt`), 'utf8')).toBe(twice.dump.text);
    expect(findings.some((f) => f.path === twice.dump.file && f.message.includes(`results/${twice.dump.path}`) && f.message.includes(`published raw as dumps/${twice.dump.file}`))).toBe(true);
    // A flat file beside the halves.
    const beside = `classifier/${twice.splitRun}/${twice.flatBesideSplit.label}/${twice.flatBesideSplit.id}`;
    published(beside);
    named(beside, `classifier/${twice.splitRun}/output/instruction/${twice.flatBesideSplit.id}`);
  });

  it('shows values as written or names what it changed (issue 24)', () => {
    const { altered } = HOSTILE;
    const dated = readFileSync(dist('a', `reports/gitlab/${altered.dateId}/index.html`), 'utf8');
    expect(dated).toContain('<dd>2024-02-30T10:00:00Z</dd>');
    expect(dated).toContain('<dd>2024-03-01T25:61:00Z</dd>');
    expect(dated).not.toMatch(/<time[^>]*>2024-03-01/);
    // Control characters in a GitLab field as the title shows them: as symbols, never raw.
    expect(dated).toContain('Debian␛[31m red␇ bell␈');
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(dated)).toBe(false);
    // What markdown would drop.
    expect(dated).toContain(altered.refTitle);
    expect(dated).toContain(altered.footnote);
    // Footnotes and links to headings land on the page, the description's and the steps' apart; a
    // section the text lacks is the original's.
    const { links, ids } = scanHtml(dated);
    for (const id of ['user-content-fn-1', 'user-content-reproduce.fn-1', 'user-content-reproduce.notes']) expect(ids, id).toContain(id);
    for (const url of ['#user-content-fn-1', '#user-content-reproduce.fn-1', '#user-content-reproduce.notes']) expect(links.map((l) => l.url), url).toContain(url);
    expect(links.map((l) => l.url)).toContain(`https://gitlab.com/qemu-project/qemu/-/issues/${altered.dateId}#host-environment`);
    for (const l of links.filter((l) => l.url.startsWith('#') && l.url !== '#')) expect(ids, l.url).toContain(decodeURIComponent(l.url.slice(1)));
    // A 1,000-character title is whole on its page.
    const titled = readFileSync(dist('a', `reports/gitlab/${altered.titleId}/index.html`), 'utf8');
    expect(titled).toContain(`<h1>${altered.longTitle}</h1>`);
    const { findings } = readReport('a');
    const has = (p: RegExp, message: RegExp, line?: number) =>
      expect(findings.some((f) => p.test(f.path) && message.test(f.message) && (line === undefined || f.line === line)), `${String(p)} ${String(message)}`).toBe(true);
    has(new RegExp(`${altered.dateId}\\.toml$`), /created_at "2024-02-30T10:00:00Z" is not a real date/, 4);
    has(new RegExp(`${altered.dateId}\\.toml$`), /closed_at "2024-03-01T25:61:00Z" is not a real date/, 5);
    has(/gemma3:27b\/categories\.csv$/, /count "0x12" of "syscall" is not written as a plain integer; read as 18/, 2);
    has(/gemma3:27b\/categories\.csv$/, /count "140e-1" of "performance" is not written as a plain integer; read as 14/, 3);
  });

  it('bounds a change list with thousands of labels: the largest moves on page 1, every change on its pages (issue 24)', () => {
    const { wideChanges } = HOSTILE;
    const runs = (JSON.parse(readFileSync(path.join(work, 'content-a/path-index.json'), 'utf8')) as { runs: Record<string, string> }).runs;
    const folder = dist('a', `changes/${runs['zero-shot/002']}/000-002`);
    const first = readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(first).toContain('too many for a matrix');
    expect(statSync(path.join(folder, 'index.html')).size).toBeLessThan(300 * 1024);
    const pages = Math.ceil(wideChanges.changes / 500);
    const shown = new Set<string>();
    for (let p = 1; p <= pages; p++) {
      const html = readFileSync(path.join(folder, p === 1 ? 'index.html' : `page/${p}/index.html`), 'utf8');
      for (const m of html.matchAll(/<td>(from-label-\d+)<\/td><td>to-label-\d+<\/td>\s*<\/tr>/g)) shown.add(m[1]!);
    }
    expect(shown.size).toBe(wideChanges.changes);
    // A pair of runs with more labels than a matrix is drawn for: its cells listed, each leading to its reports.
    const [a, b] = HOSTILE.widePair.runs.map((r) => runs[r]!);
    const pair = readFileSync(dist('a', `compare/${a}/${b}/index.html`), 'utf8');
    expect(pair).toContain('too many for a matrix');
    expect([...pair.matchAll(/<td>wa-\d+<\/td><td>wb-\d+<\/td>/g)]).toHaveLength(HOSTILE.widePair.labels);
    // Their run pages list the labels with the most reports and say how many more there are; every label has its page.
    const runPage = readFileSync(dist('a', `runs/${a}/index.html`), 'utf8');
    expect(runPage).toContain(`${HOSTILE.widePair.labels} labels: the 200 with the most reports are listed; ${HOSTILE.widePair.labels - 200} more`);
    expect(runPage).toContain(`(the 200 rows that differ or count most; ${HOSTILE.widePair.labels - 200} more rows are not shown)`);
    for (let i = 0; i < HOSTILE.widePair.labels; i++) expect(existsSync(dist('a', `runs/${a}/wa-${i}/index.html`)), `wa-${i}`).toBe(true);
    expect(readFileSync(dist('a', `models/${a}/index.html`), 'utf8')).toContain(`The 200 labels with the most reports are listed; ${HOSTILE.widePair.labels - 200} more are not.`);
  });

  it('lists a run’s thousands of labels on pages of their own, and bounds the reviewer’s page (issue 24)', () => {
    const { manyLabels } = HOSTILE;
    const runs = (JSON.parse(readFileSync(path.join(work, 'content-a/path-index.json'), 'utf8')) as { runs: Record<string, string> }).runs;
    const slug = runs[manyLabels.run]!;
    const size = (rel: string) => statSync(dist('a', rel)).size;
    const runPage = readFileSync(dist('a', `runs/${slug}/index.html`), 'utf8');
    expect(size(`runs/${slug}/index.html`)).toBeLessThan(300 * 1024);
    expect(runPage).toContain(`href="/runs/${slug}/labels/"`);
    // Every label once over the list's pages, each linking to its own page; the pager works without JS.
    const pages = Math.ceil(manyLabels.labels / 500);
    const listed: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const rel = `runs/${slug}/labels/${p === 1 ? '' : `page/${p}/`}index.html`;
      expect(size(rel), rel).toBeLessThan(300 * 1024);
      const html = readFileSync(dist('a', rel), 'utf8');
      for (let q = 1; q <= pages; q++) if (q !== p) expect(html, `${rel} → ${q}`).toContain(`href="/runs/${slug}/labels/${q === 1 ? '' : `page/${q}/`}"`);
      for (const m of html.matchAll(new RegExp(`href="/runs/${slug}/([^/"]+)/"`, 'g'))) if (m[1] !== 'labels') listed.push(m[1]!);
    }
    expect(existsSync(dist('a', `runs/${slug}/labels/page/${pages + 1}/index.html`))).toBe(false);
    expect(listed).toHaveLength(manyLabels.labels);
    expect(new Set(listed).size).toBe(manyLabels.labels);
    for (const seg of listed) expect(existsSync(dist('a', `runs/${slug}/${seg}/index.html`)), seg).toBe(true);
    // The label named like the list has a page of its own beside it.
    const named = listed.find((s) => s.startsWith(`${manyLabels.named}~`));
    expect(named).toBeDefined();
    expect(readFileSync(dist('a', `runs/${slug}/${named}/index.html`), 'utf8')).toContain(`<code>${manyLabels.named}</code> in`);
    expect(manyLabelNames()).toContain(manyLabels.named);
    // The reviewer moved every verdict into a label of its own: moves listed, not a 1,100-column matrix.
    expect(size('reviewer/index.html')).toBeLessThan(300 * 1024);
    const reviewer = readFileSync(dist('a', 'reviewer/index.html'), 'utf8');
    expect(reviewer).toContain(`of ${manyLabels.labels} moves`);
    expect(reviewer).toContain(`and ${manyLabels.labels - 200} more labels`);
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
    expect(differingFiles(dist('a'), dist('b'), a)).toEqual([]);
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
    expect(differingFiles(alone, dist('sample'), expected)).toEqual([]);
  });

  it('cleans what killed builds left, and only theirs', () => {
    for (const l of deadLeftovers) expect(existsSync(l), l).toBe(false);
    expect(existsSync(liveLeftover)).toBe(true);
  });
});
