/**
 * The sample site's data files, loaded with csv-parse as a researcher would, counted against
 * the sample tree itself (its folders and files, not the model): verdicts, reports, scores,
 * runs, findings, the per-run files, the runs' own count tables, datapackage.json, the /data/
 * page and the links to it, and the spreadsheet copy of the file with a formula-like title.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSite, repoRoot, type BuiltSite } from '../support/builtSite.ts';
import { csvObjects, dataPackageProblems, parseCsv } from '../support/dataFiles.ts';
import { filesBelow } from '../../src/lib/files.ts';

const tree = path.join(repoRoot, 'sample/results');
const NOT_RUNS = new Set(['semantic-bugs', 'user-mode-bugs', 'zero-shot', 'dumps-saved']);

/** Run name → ids it classified, from the folders: `<run>/<label>/<id>` or `<run>/(output|reasoning)/<label>/<id>`. */
function runsOfTree(): Map<string, Set<string>> {
  const runs = new Map<string, Set<string>>();
  for (const rel of filesBelow(path.join(tree, 'classifier'))) {
    const parts = rel.split('/');
    if (parts[0] === 'zero-shot' && parts.length === 4) add(`zero-shot/${parts[1]}`, parts[3]!);
    else if (!NOT_RUNS.has(parts[0]!) && parts.length === 3) add(parts[0]!, parts[2]!);
    else if (!NOT_RUNS.has(parts[0]!) && parts.length === 4 && ['output', 'reasoning'].includes(parts[1]!)) add(parts[0]!, parts[3]!);
  }
  return runs;
  function add(run: string, id: string) {
    runs.set(run, (runs.get(run) ?? new Set()).add(id));
  }
}

/** `label: score` lines at the top of a file, up to the blank line (a `----` line between groups). */
function scoreLines(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^.+: \d+(?:\.\d+)?$/.test(line)) out.push(line);
    else if (/^-{3,}$/.test(line)) continue;
    else return line === '' ? out : [];
  }
  return [];
}

let site: BuiltSite;
const data = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
const page = (rel: string) => readFileSync(path.join(site.dist, rel, 'index.html'), 'utf8');
const runsInTree = runsOfTree();
const slugOf = (run: string) => run.toLowerCase().replace(/[:/]/g, '-');

beforeAll(() => {
  site = sampleSite();
}, 600_000);

describe('the sample site’s data files', () => {
  it('have one verdicts row for every id in every run folder', () => {
    const rows = csvObjects(data('data/verdicts.csv'));
    const expected = [...runsInTree].flatMap(([run, ids]) => [...ids].map((id) => `${run} ${id}`)).sort();
    expect(rows.map((r) => `${r.run} ${r.id}`).sort()).toEqual(expected);
    expect(new Set(rows.map((r) => r.run)).size).toBe(runsInTree.size);
    expect(runsInTree.size).toBe(11);
  });

  it('have one per-run verdicts.csv per run, each that run’s rows, linked from the run’s page', () => {
    const whole = parseCsv(data('data/verdicts.csv'));
    for (const [run, ids] of runsInTree) {
      const part = parseCsv(data(`runs/${slugOf(run)}/verdicts.csv`));
      expect(part.header).toEqual(whole.header);
      expect(part.rows.map((r) => r[1]).sort(), run).toEqual([...ids].sort());
      expect(part.rows).toEqual(whole.rows.filter((r) => r[2] === run));
      expect(page(`runs/${slugOf(run)}`)).toContain(`href="/runs/${slugOf(run)}/verdicts.csv"`);
    }
  });

  it('publish each run’s own categories.csv and analysis.csv byte for byte, linked where the page names them', () => {
    let published = 0;
    for (const run of runsInTree.keys()) {
      for (const name of ['categories.csv', 'analysis.csv']) {
        const inTree = path.join(tree, 'classifier', run, name);
        const files = readdirSync(path.dirname(inTree));
        if (!files.includes(name)) continue;
        expect(readFileSync(path.join(site.dist, 'runs', slugOf(run), name)).equals(readFileSync(inTree)), `${run}/${name}`).toBe(true);
        expect(page(`runs/${slugOf(run)}`)).toContain(`href="/runs/${slugOf(run)}/${name}"`);
        published++;
      }
    }
    expect(published).toBe(filesBelow(path.join(tree, 'classifier')).filter((f) => /(^|\/)(categories|analysis)\.csv$/.test(f)).length);
  });

  it('have a reports row for every scraped report', () => {
    const rows = csvObjects(data('data/reports.csv'));
    const scraped = filesBelow(path.join(tree, 'scraper')).filter((f) => !f.startsWith('launchpad-without-comments/') && !f.includes('/issues_toml/'));
    expect(rows.filter((r) => r.source !== 'unknown')).toHaveLength(scraped.length);
    const lp = rows.find((r) => r.source === 'launchpad' && r.id === '1905562')!;
    expect(lp.title).toBe('-netdev user,restrict=on: guest loses its DHCP lease after 24 hours');
    expect(lp.url).toBe('https://bugs.launchpad.net/qemu/+bug/1905562');
    expect(rows.find((r) => r.source === 'mailinglist' && r.id === '03807713')).toBeDefined();
    const g = rows.find((r) => r.source === 'gitlab' && r.id === '1893')!;
    expect(g).toMatchObject({ target: 'i386', host: 'x86', accel: 'KVM', state: 'closed' });
    expect(JSON.parse(g.gitlab_labels!)).toHaveLength(4);
  });

  it('have a scores row for every score line of the zero-shot and curated files, written as the file writes it', () => {
    const rows = csvObjects(data('data/scores.csv'));
    const classifier = path.join(tree, 'classifier');
    const lines = filesBelow(classifier).flatMap((f) => scoreLines(readFileSync(path.join(classifier, f), 'utf8')));
    expect(rows).toHaveLength(lines.length);
    expect(rows.map((r) => `${r.label}: ${r.score}`).sort()).toEqual(lines.sort());
    // `other: 0.550` stays 0.550, in the file and on the report page.
    const other = rows.find((r) => r.run === 'zero-shot/002' && r.id === '07215546' && r.label === 'other')!;
    expect(other.score).toBe('0.550');
    expect(page('reports/mailinglist/07215546')).toContain('<span class="bv">0.550</span>');
  });

  it('have a runs row per run and a findings row per finding of the build report', () => {
    expect(csvObjects(data('data/runs.csv')).map((r) => r.run).sort()).toEqual([...runsInTree.keys()].sort());
    const findings = JSON.parse(readFileSync(path.join(site.content, 'site.json'), 'utf8')).findings as unknown[];
    expect(csvObjects(data('data/findings.csv'))).toHaveLength(findings.length);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('are described by a datapackage.json that holds against them', () => {
    expect(dataPackageProblems(path.join(site.dist, 'data'))).toEqual([]);
    const pkg = JSON.parse(data('data/datapackage.json')) as { resources: { path: string }[] };
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(['agreement.csv', 'findings.csv', 'history.csv', 'reports.csv', 'runs.csv', 'scores.csv', 'verdicts.csv']);
  });

  it('keep the formula-like title exact and give a spreadsheet copy that defuses it', () => {
    expect(data('data/reports.csv')).toContain('\r\nlaunchpad,1905562,,"-netdev user,restrict=on: guest loses its DHCP lease after 24 hours",');
    const copy = csvObjects(data('data/reports.spreadsheet.csv'));
    expect(copy.find((r) => r.id === '1905562')!.title).toBe("'-netdev user,restrict=on: guest loses its DHCP lease after 24 hours");
    // Only the files holding such a cell have a copy.
    expect(filesBelow(site.dist).filter((f) => f.includes('.spreadsheet.'))).toEqual(['data/reports.spreadsheet.csv']);
    const html = page('data');
    expect(html).toContain('href="/data/reports.spreadsheet.csv"');
    expect(html).toMatch(/kept exact/);
  });
});

describe('the /data/ page', () => {
  it('lists every file with its size and rows, its columns, and a pandas line; home and run pages link to it', () => {
    const html = page('data');
    const pkg = JSON.parse(data('data/datapackage.json')) as { resources: { name: string; path: string; schema: { fields: { name: string }[] } }[] };
    for (const r of pkg.resources) {
      const file = `data/${r.path}`;
      const bytes = readFileSync(path.join(site.dist, file)).length;
      const rows = parseCsv(data(file)).rows.length;
      const row = new RegExp(`<tr><td><a href="/${file}"><code>${file}</code></a>.*?</td><td class="num">([\\d.]+) (B|kB|MB)</td><td class="num">([\\d,]+)</td>`).exec(html);
      expect(row, file).not.toBeNull();
      const shown = Number(row![1]) * { B: 1, kB: 1000, MB: 1e6 }[row![2] as 'B' | 'kB' | 'MB'];
      expect(Math.abs(shown - bytes), file).toBeLessThanOrEqual(bytes * 0.05 + 1);
      expect(Number(row![3]!.replace(/,/g, '')), file).toBe(rows);
      // Built without SITE_URL: the path on the site, no invented origin.
      expect(html).toContain(`pd.read_csv(&quot;/${file}&quot;`);
      for (const f of r.schema.fields) expect(html, `${file} ${f.name}`).toContain(`<td><code>${f.name}</code></td>`);
    }
    expect(page('')).toContain('href="/data/"');
    for (const run of runsInTree.keys()) expect(page(`runs/${slugOf(run)}`)).toContain('href="/data/"');
  });
});
