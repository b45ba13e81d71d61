/**
 * The content writer's pure functions on the hand-made fixture model: no MDX is generated, JSON keeps every byte, markdown is sanitised, output is deterministic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, rawSlugs } from '../../src/lib/content/index.ts';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../src/lib/content/markdown.ts';
import { compareKeys } from '../../src/lib/order.ts';
import type { ReportData, RunData, RunMembersData, SiteData } from '../../src/lib/content/types.ts';
import type { ResultsModel } from '../../src/lib/model.ts';
import { GITLAB_MARKDOWN, HOSTILE_TEXT, fixtureModel } from '../fixtures/model.ts';
import { tempDir } from '../support/tempDirs.ts';

let md: MarkdownRenderer;
let files: Map<string, string>;
const model = fixtureModel();

beforeAll(async () => {
  md = createMarkdownRenderer({ cacheDir: null });
  files = buildContent(model, { markdown: md });
});

function json<T>(path: string): T {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no content file ${path}; have ${[...files.keys()].join(', ')}`);
  return JSON.parse(text) as T;
}

describe('generated content', () => {
  it('holds no MDX at all: MDX is only what archivists write (content/notes/)', () => {
    expect([...files.keys()].filter((p) => /\.mdx?$/.test(p))).toEqual([]);
  });

  it('has one run-data file per run and one model-data file per model, from which the plain pages render', () => {
    expect([...files.keys()].filter((p) => p.startsWith('run-data/')).sort()).toEqual(
      [...model.runs.values()].map((r) => `run-data/${r.slug}.json`).sort(),
    );
    for (const r of model.runs.values()) expect(json<{ name: string }>(`run-data/${r.slug}.json`).name).toBe(r.name);
    expect([...files.keys()].filter((p) => p.startsWith('model-data/')).length).toBe(new Set([...model.runs.values()].flatMap((r) => r.models)).size);
  });

  it('writes no file per report except its JSON: the pages are listed by report-inputs.json', () => {
    expect([...files.keys()].filter((p) => p.startsWith('reports/'))).toEqual([]);
    const inputs = json<Record<string, string>>('report-inputs.json');
    expect(Object.keys(inputs).sort()).toEqual([...model.reports.values()].map((r) => `${r.source}/${r.id}`).sort());
    for (const stem of Object.keys(inputs)) expect(files.has(`report-data/${stem}.json`), stem).toBe(true);
  });
});

describe('report JSON', () => {
  it('round-trips NUL, ESC, CRLF, braces and <script> byte for byte', () => {
    const gl = json<ReportData>('report-data/gitlab/101.json');
    expect(gl.texts[0]!.text).toBe(model.reports.get('gitlab/101')!.text);
    expect(gl.texts[0]!.text).toContain(HOSTILE_TEXT);
    expect(gl.title).toBe('QEMU crashes with {braces} and <script>');

    const box = json<ReportData>('report-data/box64/101.json');
    expect(box.texts[0]!.text).toBe('box64 segfaults on <Steam>\nlog:\u0000\u0000 binary junk\n\u001b[1mBOLD\u001b[0m\n');

    const lp = json<ReportData>('report-data/launchpad/1001.json');
    expect(lp.texts.map((t) => t.kind)).toEqual(['text', 'without-comments', 'classified-1']);
    expect(lp.texts[0]!.text).toContain('\r\n');
    expect(lp.texts[1]!.text).toBe(model.reports.get('launchpad/1001')!.textWithoutComments);

    const v = gl.verdicts.find((x) => x.run === 'deepseek-r1:14b')!;
    expect(v.thinking).toContain('\u0000');
    expect(v.thinking).toContain('<script>');
  });

  it('keeps box64/101 and gitlab/101 apart (ids collide across sources)', () => {
    expect(json<ReportData>('report-data/box64/101.json').key).toBe('box64/101');
    expect(json<ReportData>('report-data/gitlab/101.json').key).toBe('gitlab/101');
  });

  it('records the label after review and the first filing, scores in file order, and text identity', () => {
    const gl = json<ReportData>('report-data/gitlab/101.json');
    const ds = gl.verdicts.find((x) => x.run === 'deepseek-r1:14b')!;
    expect(ds.label).toBe('device');
    expect(ds).toMatchObject({ firstFiled: 'manual-review', halves: 'reviewed', finalLabel: 'dev', answerFiled: 'manual-review' });
    expect(ds.runSlug).toBe('deepseek-r1-14b');
    expect(ds.textStatus).toBe('same');
    const zs = gl.verdicts.find((x) => x.run === 'zero-shot/105')!;
    expect(zs.scores!.length).toBe(2);
    expect(zs.scores![0]!.map((s) => s.label)).toEqual(['semantic-x86', 'TCG-arm', 'other', 'a', 'b', 'c']);
    expect(gl.verdicts.find((x) => x.run === 'gemma3:12b')!.firstFiled).toBeUndefined();
  });

  it('shows a differing classified text once and links verdicts to it', () => {
    const lp = json<ReportData>('report-data/launchpad/1001.json');
    const ds = lp.verdicts.find((x) => x.run === 'deepseek-r1:14b')!;
    expect(ds.textStatus).toBe('differs');
    expect(ds.classifiedText).toBe(0);
    expect(lp.texts[2]!.text).toBe('Guest hangs on boot (edited by the classifier pipeline)\n');
    // Whitespace-only differences count as the same text.
    const bz = json<ReportData>('report-data/gitlab-semantic/gitlab_semantic_bzhi.json');
    expect(bz.verdicts[0]!.textStatus).toBe('same');
    expect(bz.texts.map((t) => t.kind)).toEqual(['text', 'classified-1']); // the curated copy differs
  });

  it('records curated-set membership with the copy\'s scores and text status', () => {
    const gl = json<ReportData>('report-data/gitlab/101.json');
    expect(gl.curated).toEqual([
      {
        set: 'semantic-bugs',
        textStatus: 'same',
        scores: [[{ label: 'semantic-x86', score: 0.8, written: '0.8' }, { label: 'other', score: 0.2, written: '0.2' }]],
        provenance: expect.objectContaining({ path: 'results/classifier/semantic-bugs/101' }),
      },
    ]);
    const bz = json<ReportData>('report-data/gitlab-semantic/gitlab_semantic_bzhi.json');
    expect(bz.curated[0]).toMatchObject({ set: 'semantic-bugs', textStatus: 'differs', classifiedText: 0 });
    expect(bz.texts[1]).toMatchObject({ kind: 'classified-1', text: 'A different text of the bzhi bug <b>\n' });
    const lp = json<ReportData>('report-data/launchpad/1001.json');
    expect(lp.curated[0]).toMatchObject({ set: 'user-mode-bugs', textStatus: 'same-without-comments' });
  });

  it('summarises agreement per task', () => {
    const gl = json<ReportData>('report-data/gitlab/101.json');
    const cat = gl.agreement.find((a) => a.task === 'categories')!;
    expect(cat.runs).toBe(2);
    expect(cat.summary).toContain('all 2 runs agree on device');
    const lp = json<ReportData>('report-data/launchpad/1001.json');
    expect(lp.agreement.find((a) => a.task === 'categories')!.summary).toContain('network');
  });

  it('notes a launchpad without-comments text identical to the main text instead of repeating it', () => {
    const lp = json<ReportData>('report-data/launchpad/1002.json');
    expect(lp.texts.map((t) => t.kind)).toEqual(['text']);
    expect(lp.notes.join(' ')).toMatch(/byte-identical/);
  });

  it('handles a report with no scraped text (unknown source)', () => {
    const u = json<ReportData>('report-data/unknown/99999.json');
    expect(u.texts.map((t) => t.kind)).toEqual(['classified-1']);
    expect(u.texts[0]!.text).toContain('{}');
  });
});

describe('GitLab markdown', () => {
  it('is rendered to sanitised HTML with no script, handler or javascript: link, and shows <script> as text', () => {
    const gl = json<ReportData>('report-data/gitlab/101.json');
    expect(gl.markdown.map((m) => m.field)).toEqual(['description', 'reproduce']);
    const html = gl.markdown.map((m) => m.html).join('\n');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // no real tag carries a handler (escaped text may show one)
    expect(html).not.toMatch(/<b[\s>]/); // raw HTML is shown, not interpreted
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/uploads/0123/log.txt"');
    expect(html).toMatch(/<pre class="shiki[^"]*"[^>]*data-lang="c"/); // highlighted C
    expect(html).toContain('<code class="language-unknownlang">plain &#x3C;tag> {braces}'); // unknown language: plain
    expect(html).toContain('<h4 id="user-content-description">Description</h4>'); // headings demoted under the page's h2/h3
    expect(gl.markdownProvenance).toBeDefined();
  });

  it('makes NUL visible instead of dropping it', () => {
    expect(md('a\u0000b')).toContain('a\u2400b');
  });

  it('is the same with and without the disk cache', async () => {
    const dir = tempDir('render-cache');
    const cached = createMarkdownRenderer({ cacheDir: dir });
    const first = cached(GITLAB_MARKDOWN);
    const second = cached(GITLAB_MARKDOWN);
    expect(cached.stats).toEqual({ hits: 1, misses: 1 });
    expect(second).toBe(first);
    expect(first).toBe(md(GITLAB_MARKDOWN));
  });
});

describe('runs, models, site', () => {
  it('compares categories.csv with the folders and flags differences', () => {
    const run = json<RunData>('run-data/deepseek-r1-14b.json');
    const network = run.categoriesCsv!.rows.find((r) => r.label === 'network')!;
    expect(network).toEqual({ label: 'network', csv: 2, folders: 1, differs: true });
    expect(run.categoriesCsv!.rows.find((r) => r.label === 'device')!.differs).toBe(false);
    expect(run.categoriesCsv!.rows.find((r) => r.label === 'manual-review')).toEqual({ label: 'manual-review', csv: null, folders: 0, differs: false });
    expect(run.categoriesCsv!.differences).toBe(1);
    expect(run.review).toEqual({ reviewed: 1, differs: 0 });
    // Beside the counts after review, the counts as first filed, where they differ.
    expect(run.labelCounts.find((r) => r.label === 'manual-review')).toMatchObject({ count: 0, firstFiled: 1 });
    expect(run.labelCounts.find((r) => r.label === 'device')).toMatchObject({ count: 2, firstFiled: 1 });
  });

  it('recomputes how the curated sets fell and compares semantic-bugs with analysis.csv', () => {
    const run = json<RunData>('run-data/deepseek-r1-14b.json');
    const sem = run.curated.find((c) => c.set === 'semantic-bugs')!;
    expect(sem.members).toBe(2);
    expect(sem.classified).toBe(2);
    expect(sem.comparedWithAnalysis).toBe(true);
    expect(sem.rows).toEqual([
      { label: 'device', csv: 1, folders: 1, differs: false },
      { label: 'network', csv: 1, folders: null, differs: true },
      { label: 'operating system', csv: null, folders: 1, differs: true },
    ]);
    const um = run.curated.find((c) => c.set === 'user-mode-bugs')!;
    expect(um.comparedWithAnalysis).toBe(false);
    expect(um.classified).toBe(1);
  });

  it('keeps KVM and kvm apart and lists an id under every folder it sits in', () => {
    const run = json<RunData>('run-data/accel-gemma3-12b.json');
    expect(run.labelPages.map((l) => l.label)).toEqual(['KVM', 'kvm', 'tcg']);
    const kvm = json<RunMembersData>('run-members/accel-gemma3-12b/1-1.json');
    expect(kvm.label).toBe('kvm');
    expect(kvm.members).toEqual([{ key: 'gitlab/101', id: '101', title: 'QEMU crashes with {braces} and <script>', alsoIn: ['KVM'] }]);
    expect(run.chartSvg).toContain('<svg');
    expect(run.chartSvg).not.toContain('<script');
  });

  it('escapes labels in the SVG chart', () => {
    const run = json<RunData>('run-data/deepseek-r1-14b.json');
    expect(run.chartSvg).toContain('>operating system</text>');
    const zs = json<RunData>('run-data/zero-shot-105.json');
    expect(zs.changeLists[0]).toMatchObject({ from: '104', to: '105', declared: 3, count: 2, pages: 1 });
    expect(zs.changeLists[0]!.changes[1]).toMatchObject({ id: '1001', key: 'launchpad/1001', from: 'semantic-x86', to: 'TCG-arm' });
    expect(zs.changeLists[0]!.changes[1]!.title).toBe(model.reports.get('launchpad/1001')!.title);
    expect(zs.zeroShot?.intent).toBe('Try <fewer> labels & see {what} happens.');
  });

  it('builds model pages with label counts side by side', () => {
    const m = json<{ runs: { name: string }[]; table: { label: string; counts: (number | null)[] }[] }>('model-data/gemma3-12b.json');
    expect(m.runs.map((r) => r.name)).toEqual(['accel-gemma3:12b', 'gemma3:12b']);
    expect(m.table.find((r) => r.label === 'network')!.counts).toEqual([null, 2]);
    expect(m.table.find((r) => r.label === 'KVM')!.counts).toEqual([1, null]);
  });

  it('puts findings, dumps, accounting and raw files into site.json', () => {
    const site = json<SiteData>('site.json');
    expect(site.reportCount).toBe(model.reports.size);
    expect(site.findings.length).toBe(3);
    expect(site.findingCounts).toEqual({ warning: 2, info: 1 });
    expect(site.dumps.map((d) => d.status)).toEqual(['exact', 'unplaced']);
    expect(site.dumps[1]!.labelGuess).toBe('network');
    expect(site.raw.map((r) => r.slug)).toEqual(['classifier/notes.md', 'classifier/odd-dir/data-1-.bin']);
    expect(site.runsByTask.map((t) => t.task)).toEqual(['categories', 'accel', 'zero-shot']);
    const raw = json<{ text: string }>('raw-data/classifier/odd-dir/data-1-.bin.json');
    expect(raw.text).toBe('NUL\u0000inside');
  });
});

describe('determinism', () => {
  function reversed(m: ResultsModel): ResultsModel {
    return {
      ...m,
      reports: new Map([...m.reports].reverse()),
      runs: new Map([...m.runs].reverse()),
      verdictsByReport: new Map([...m.verdictsByReport].reverse()),
      raw: [...m.raw].reverse(),
    };
  }

  it('gives byte-identical files for the same model, whatever the map order', () => {
    const again = buildContent(fixtureModel(), { markdown: md });
    expect([...again]).toEqual([...files]);
    const rev = buildContent(reversed(fixtureModel()), { markdown: md });
    expect([...rev.keys()]).toEqual([...files.keys()]);
    for (const [p, t] of files) expect(rev.get(p), p).toBe(t);
  });

  it('orders report keys by source, then numerically', () => {
    expect(['launchpad/2', 'gitlab/10', 'gitlab/9', 'box64/1', 'gitlab/x'].sort(compareKeys)).toEqual([
      'gitlab/9',
      'gitlab/10',
      'gitlab/x',
      'launchpad/2',
      'box64/1',
    ]);
  });

  it('gives raw files distinct, path-safe slugs', () => {
    const s = rawSlugs(['results/a b/c', 'results/a-b/c', 'results/../x', 'results/.hidden']);
    expect(new Set(s.values()).size).toBe(4);
    for (const v of s.values()) {
      expect(v).toMatch(/^[A-Za-z0-9._/-]+$/);
      expect(v.split('/')).not.toContain('..');
      expect(v.split('/').every((seg) => !seg.startsWith('.'))).toBe(true);
    }
  });
});
