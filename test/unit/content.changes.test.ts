import { describe, expect, it } from 'vitest';
import { CHANGES_PER_PAGE, changeListData, cutTitle, drawsMatrix, iterationRunName, largestMoves, MATRIX_MAX_LABELS, MOVES_LISTED, relatedChangeLists } from '../../src/lib/content/changes.ts';
import { compareKeys } from '../../src/lib/order.ts';
import { labelListPages, LABELS_PER_PAGE, listedCountRows, listedLabels, listedModelRows, RUN_LABELS_LISTED } from '../../src/lib/content/run.ts';
import { buildContent } from '../../src/lib/content/index.ts';
import type { ReviewerData, RunData } from '../../src/lib/content/types.ts';
import { runLabelPagePath, runLabelsPagePath } from '../../src/lib/paths.ts';
import { labelSlug, siteNameUse } from '../../src/lib/slug.ts';
import { modelOf } from '../support/memoryTree.ts';
import type { ChangeList, ResultsModel, Run } from '../../src/lib/model.ts';
import { fixtureModel } from '../fixtures/model.ts';

const prov = { path: 'results/classifier/zero-shot/105/104-105', blob: '0'.repeat(40), via: 'tree' as const };

/** The fixture model with zero-shot/104 and /105 and a list 104-105 of `changes` held by 105. */
function withList(changes: ChangeList['changes']): { model: ResultsModel; holder: Run; list: ChangeList } {
  const base = fixtureModel();
  const holder = base.runs.get('zero-shot/105')!;
  const list: ChangeList = { from: '104', to: '105', declared: changes.length, changes, provenance: prov };
  const runs = new Map(base.runs);
  runs.set(holder.name, { ...holder, changeLists: [list] });
  runs.set('zero-shot/104', { ...holder, name: 'zero-shot/104', slug: 'zero-shot-104', changeLists: [] });
  return { model: { ...base, runs }, holder: runs.get(holder.name)!, list };
}

describe('change lists', () => {
  it('names the run of another iteration of the same series', () => {
    expect(iterationRunName('zero-shot/108', '105')).toBe('zero-shot/105');
    expect(iterationRunName('a/b/108', '016')).toBe('a/b/016');
  });

  it('cuts long titles to one line', () => {
    expect(cutTitle('short\ttitle\n')).toBe('short title');
    const cut = cutTitle('x'.repeat(500), 20);
    expect(cut).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('counts moves as a matrix, groups the rows by move, and finds each move’s first row', () => {
    const { model, holder, list } = withList([
      { id: '1001', from: 'semantic-x86', to: 'TCG-arm', line: 2 },
      { id: '101', from: 'other', to: 'semantic-x86', line: 3 },
      { id: '9', from: 'other', to: 'semantic-x86', line: 4 },
      { id: '77', from: 'other', to: 'TCG-arm', line: 5 },
    ]);
    const idToKey = new Map<string, string | null>([['1001', 'launchpad/1001'], ['101', 'gitlab/101']]);
    const d = changeListData(model, holder, list, idToKey, compareKeys);
    expect(d.fromLabels).toEqual(['other', 'semantic-x86']);
    expect(d.toLabels).toEqual(['TCG-arm', 'semantic-x86']);
    expect(d.changes.map((c) => c.id)).toEqual(['77', '101', '9', '1001']);
    expect(d.moves).toEqual([
      { from: 0, to: 0, count: 1, first: 0 },
      { from: 0, to: 1, count: 2, first: 1 },
      { from: 1, to: 0, count: 1, first: 3 },
    ]);
    expect(d.moves.reduce((n, m) => n + m.count, 0)).toBe(d.count);
    expect(d.changes[3]).toEqual({ id: '1001', key: 'launchpad/1001', title: cutTitle(model.reports.get('launchpad/1001')!.title), from: 'semantic-x86', to: 'TCG-arm' });
    expect(d.changes[0]!.key).toBeNull();
    expect(d.changes[0]!.title).toBeNull();
    expect(d.fromRun).toEqual({ name: 'zero-shot/104', slug: 'zero-shot-104' });
    expect(d.toRun).toEqual({ name: 'zero-shot/105', slug: holder.slug });
    expect(d.pages).toBe(1);
  });

  it('pages long lists and links each list from the other iteration’s run', () => {
    const many = Array.from({ length: CHANGES_PER_PAGE + 1 }, (_, i) => ({ id: String(i), from: 'a', to: 'b', line: i + 2 }));
    const { model, holder, list } = withList(many);
    expect(changeListData(model, holder, list, new Map(), compareKeys).pages).toBe(2);
    expect(relatedChangeLists(model, model.runs.get('zero-shot/104')!)).toEqual([{ run: 'zero-shot/105', runSlug: holder.slug, from: '104', to: '105', count: many.length }]);
    expect(relatedChangeLists(model, holder)).toEqual([]);
  });
});

describe('a change list too wide for a matrix (issue 24)', () => {
  it('draws the matrix up to MATRIX_MAX_LABELS labels a side, and lists the largest moves past it', () => {
    const labels = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);
    expect(drawsMatrix({ fromLabels: labels(MATRIX_MAX_LABELS), toLabels: labels(3) })).toBe(true);
    expect(drawsMatrix({ fromLabels: labels(3), toLabels: labels(MATRIX_MAX_LABELS + 1) })).toBe(false);
    const moves = Array.from({ length: 1000 }, (_, i) => ({ from: i, to: i, count: i % 7 === 0 ? 5 : 1, first: i }));
    const listed = largestMoves(moves);
    expect(listed).toHaveLength(MOVES_LISTED);
    expect(listed.slice(0, 3).map((m) => m.first)).toEqual([0, 7, 14]);
    expect(listed.filter((m) => m.count === 5)).toHaveLength(143);
    // Ties keep the list's order.
    expect(listed.slice(143, 146).map((m) => m.first)).toEqual([1, 2, 3]);
  });
});

describe('a run page with more labels than it lists (issue 24)', () => {
  it('lists the labels with the most reports, in their own order, and counts the rest', () => {
    const rows = Array.from({ length: RUN_LABELS_LISTED + 50 }, (_, i) => ({ label: `l${String(i).padStart(3, '0')}`, count: i % 2 === 0 ? 2 : 1 }));
    const { shown, left } = listedLabels(rows);
    expect(left).toBe(50);
    expect(shown).toHaveLength(RUN_LABELS_LISTED);
    expect(shown.filter((r) => r.count === 2)).toHaveLength(125);
    expect(shown.map((r) => r.label)).toEqual([...shown.map((r) => r.label)].sort());
    expect(listedLabels(rows.slice(0, 10))).toEqual({ shown: rows.slice(0, 10), left: 0 });
    // A model's table: counted over its runs.
    const table = rows.map((r, i) => ({ label: r.label, counts: [r.count, i < 5 ? 100 : null] }));
    const model = listedModelRows(table);
    expect(model.left).toBe(50);
    expect(model.shown.slice(0, 5)).toEqual(table.slice(0, 5));
    // A count table: the rows that differ are never the ones left out.
    const counts = rows.map((r, i) => ({ label: r.label, csv: i === 249 ? 9 : r.count, folders: r.count, differs: i === 249 }));
    const listed = listedCountRows(counts, 'Label counts');
    expect(listed.shown).toHaveLength(RUN_LABELS_LISTED);
    expect(listed.shown.at(-1)!.label).toBe('l249');
    expect(listed.caption).toBe(`Label counts (the ${RUN_LABELS_LISTED} rows that differ or count most; 50 more rows are not shown)`);
    expect(listedCountRows(counts.slice(0, 3), 'c')).toEqual({ shown: counts.slice(0, 3), caption: 'c' });
  });
});

describe('a run with thousands of labels: every label listed on pages of their own, by one rule (issue 24)', () => {
  it('needs the list only past what the run page lists, LABELS_PER_PAGE a page', () => {
    expect(labelListPages(0)).toBe(0);
    expect(labelListPages(RUN_LABELS_LISTED)).toBe(0);
    expect(labelListPages(RUN_LABELS_LISTED + 1)).toBe(1);
    expect(labelListPages(LABELS_PER_PAGE)).toBe(1);
    expect(labelListPages(LABELS_PER_PAGE + 1)).toBe(2);
    expect(labelListPages(5000)).toBe(Math.ceil(5000 / LABELS_PER_PAGE));
  });

  it('gives the list stable, readable URLs that no label takes', () => {
    expect(runLabelsPagePath('many-1b')).toBe('runs/many-1b/labels/');
    expect(runLabelsPagePath('many-1b', 1)).toBe('runs/many-1b/labels/');
    expect(runLabelsPagePath('many-1b', 3)).toBe('runs/many-1b/labels/page/3/');
    // A label named like the list (or its pager) gets a segment of its own.
    expect(siteNameUse('labels')).toBeDefined();
    expect(siteNameUse('Labels')).toBeDefined();
    for (const name of ['labels', 'Labels', 'page']) {
      expect(labelSlug(name), name).toMatch(/~[0-9a-f]{10}$/);
      expect(runLabelPagePath('many-1b', labelSlug(name)), name).not.toBe(runLabelsPagePath('many-1b'));
    }
    expect(labelSlug('labels-2')).toBe('labels-2');
  });

  it('writes the run data for a 2,345-label run (labels named like the list among them) so that every label is on exactly one list page', () => {
    const n = 2345;
    const tree: Record<string, string> = {};
    const names = Array.from({ length: n - 2 }, (_, i) => `l-${String(i).padStart(4, '0')}`).concat(['labels', 'page']);
    names.forEach((label, i) => (tree[`results/classifier/many:1b/${label}/${5_000_000 + i}`] = `Report ${i}\ntext\n`));
    const files = buildContent(modelOf(tree), { markdown: (s: string) => s });
    const run = JSON.parse(files.get('run-data/many-1b.json')!) as RunData;
    expect(run.labelPages).toHaveLength(n);
    expect(run.labelListPages).toBe(Math.ceil(n / LABELS_PER_PAGE));
    // The list pages cover every label once, in label order (the page slices labelPages).
    const pages = Array.from({ length: run.labelListPages }, (_, p) => run.labelPages.slice(p * LABELS_PER_PAGE, (p + 1) * LABELS_PER_PAGE));
    expect(pages.flat().map((l) => l.label).sort()).toEqual([...names].sort());
    expect(pages.at(-1)!.length).toBe(n - (run.labelListPages - 1) * LABELS_PER_PAGE);
    // No label page is at a list page's address.
    const listPaths = new Set(Array.from({ length: run.labelListPages }, (_, p) => runLabelsPagePath(run.slug, p + 1)));
    for (const l of run.labelPages) expect(listPaths.has(runLabelPagePath(run.slug, l.labelSlug)), l.label).toBe(false);
    expect(run.labelPages.find((l) => l.label === 'labels')!.labelSlug).toMatch(/^labels~/);
    // A run within the bound needs no list.
    const small = buildContent(modelOf({ 'results/classifier/few:1b/kvm/1': 'Report\n' }), { markdown: (s: string) => s });
    expect((JSON.parse(small.get('run-data/few-1b.json')!) as RunData).labelListPages).toBe(0);
  });
});

describe('the reviewer’s page past the label bound (issue 24)', () => {
  /** A split run whose `n` verdicts were all first filed under manual-review and moved into `n` labels (`m` more into `kvm`). */
  const reviewed = (n: number, m = 0) => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < n + m; i++) {
      const label = i < n ? `r-${String(i).padStart(4, '0')}` : 'kvm';
      tree[`results/classifier/rev:1b/output/manual-review/${6_000_000 + i}`] = `Report ${i}\n`;
      tree[`results/classifier/rev:1b/reasoning/${label}/${6_000_000 + i}`] = `<think>\nx\n</think>\n\n${label}\n`;
    }
    const files = buildContent(modelOf(tree), { markdown: (s: string) => s });
    return (JSON.parse(files.get('reviewer-data/reviewer.json')!) as ReviewerData).runs.find((r) => r.name === 'rev:1b')!;
  };

  it('draws the first filed → after review matrix within MATRIX_MAX_LABELS a side', () => {
    const r = reviewed(MATRIX_MAX_LABELS);
    expect(r.reviewedLabels).toHaveLength(MATRIX_MAX_LABELS);
    expect(r.matrix).toEqual([Array.from({ length: MATRIX_MAX_LABELS }, () => 1)]);
    expect(r.moves).toBeUndefined();
  });

  it('lists the largest moves instead past it, and the labels the manual-review verdicts went to within the label bound', () => {
    const n = 1500;
    const r = reviewed(n, 7);
    expect(r.matrix).toEqual([]);
    expect(r.reviewedLabels).toEqual([]);
    expect(r.moveKinds).toBe(n + 1);
    expect(r.labelsBySide).toEqual({ filed: 1, reviewed: n + 1 });
    expect(r.moves).toHaveLength(MOVES_LISTED);
    expect(r.moves![0]).toEqual({ filed: 'manual-review', label: 'kvm', count: 7 });
    expect(r.reviewed).toHaveLength(n + 7);
    expect(r.manualReview).toHaveLength(RUN_LABELS_LISTED);
    expect(r.manualReview.find((m) => m.label === 'kvm')!.count).toBe(7);
    expect(r.manualReviewLeft).toBe(n + 1 - RUN_LABELS_LISTED);
  });
});
