/**
 * How runs are compared, on small trees built in memory: which runs are paired, over which
 * reports, what each cell holds, the reviewer's moves, answers against folders, change lists
 * against the iterations they join, and each report's verdict table.
 */
import { describe, expect, it } from 'vitest';
import { compareRuns, byId, rankContested } from '../../src/lib/compare/comparisons.ts';
import { verdictTable } from '../../src/lib/content/verdictTable.ts';
import { comparisonContent } from '../../src/lib/content/compare.ts';
import { parse } from 'csv-parse/sync';
import { dataFilesInMemory } from '../../src/lib/data/publish.ts';
import { taskAgreement } from '../../src/lib/search/facets.ts';
import type { PairData, ReviewerData, TaskData } from '../../src/lib/content/types.ts';
import { modelOf } from '../support/memoryTree.ts';

const S = 'results/scraper/launchpad';
const C = 'results/classifier';
const text = (id: string) => `Bug ${id}\nbody of ${id}\n`;
const reasoning = (label: string) => `<think>\nthinking\n</think>\n\nso it is ${label}\n`;

function tree(): Record<string, string> {
  const t: Record<string, string> = {};
  for (const id of ['1', '2', '3', '4', '5']) t[`${S}/${id}`] = text(id);
  // Split run a (user-mode labels), [output/ (first filed), reasoning/ (after review), answer]: 3 was
  // first filed under manual-review and reviewed as runtime (the reasoning file moved, as upstream);
  // the answer for 2 says "syscalls".
  const a: Record<string, [string, string, string]> = { '1': ['syscall', 'syscall', 'syscall'], '2': ['syscall', 'syscall', 'syscalls'], '3': ['manual-review', 'runtime', 'unclear'], '4': ['instruction', 'instruction', 'instruction'] };
  for (const [id, [filed, reviewed, answer]] of Object.entries(a)) {
    t[`${C}/a:1b/output/${filed}/${id}`] = text(id);
    t[`${C}/a:1b/reasoning/${reviewed}/${id}`] = reasoning(answer);
  }
  // Flat run b: the same task by its labels (no prefix; one stray `performance` label), misses report 4, has 5.
  for (const [id, label] of [['1', 'syscall'], ['2', 'Runtime'], ['3', 'runtime'], ['5', 'performance']]) t[`${C}/b:2b/${label}/${id}`] = text(id!);
  // Another task, one run only.
  t[`${C}/mode-c:3b/user/1`] = text('1');
  // Two zero-shot iterations and the change list that joins them (one line wrong, one move unlisted).
  for (const [id, l1, l2] of [['1', 'x', 'y'], ['2', 'x', 'x'], ['3', 'z', 'y']]) {
    t[`${C}/zero-shot/001/${l1}/${id}`] = `${l1}: 0.9\n\n${text(id!)}`;
    t[`${C}/zero-shot/002/${l2}/${id}`] = `${l2}: 0.9\n\n${text(id!)}`;
  }
  t[`${C}/zero-shot/002/001-002`] = '2 changes:\n1: x -> y\n2: x -> z\n';
  return t;
}

describe('compareRuns', () => {
  const model = modelOf(tree());
  const c = compareRuns(model, byId);

  it('pairs the runs of one task, told by their labels, and leaves a lone run alone', () => {
    expect(model.runs.get('b:2b')!.task).toBe('user-mode');
    expect(c.tasks.map((t) => [t.task, t.runs])).toEqual([['user-mode', ['a:1b', 'b:2b']]]);
  });

  it('states the population and counts each cell, ignoring case, with the reports in it', () => {
    const p = c.tasks[0]!.pairs[0]!;
    expect(p).toMatchObject({ a: 'a:1b', b: 'b:2b', both: ['launchpad/1', 'launchpad/2', 'launchpad/3'], onlyA: ['launchpad/4'], onlyB: ['launchpad/5'] });
    // a: syscall, syscall, runtime (reviewed); b: syscall, Runtime, runtime.
    expect(p.rows).toEqual(['runtime', 'syscall']);
    expect(p.columns).toEqual(['Runtime', 'syscall']);
    expect(p.matrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(p.cells).toEqual([
      { a: 'runtime', b: 'Runtime', reports: ['launchpad/3'] },
      { a: 'syscall', b: 'Runtime', reports: ['launchpad/2'] },
      { a: 'syscall', b: 'syscall', reports: ['launchpad/1'] },
    ]);
    expect(p.kappa.n).toBe(3);
    expect(p.kappa.agreement).toBeCloseTo(2 / 3, 12);
    // p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9; κ = (2/3 − 4/9) / (5/9) = 0.4
    expect(p.kappa.kappa).toBeCloseTo(0.4, 12);
  });

  it('counts agreement over the reports every run labelled', () => {
    const t = c.tasks[0]!;
    expect(t.common).toEqual(['launchpad/1', 'launchpad/2', 'launchpad/3']);
    expect(t.unanimous).toEqual(['launchpad/1', 'launchpad/3']);
    expect(t.oneLabelNotAll).toEqual([]);
    expect(t.contested.map((x) => x.report)).toEqual(['launchpad/2']);
  });

  it('ranks contested reports by distinct labels, then by the share of the most common label, ties shared', () => {
    const ranked = rankContested([
      { report: 'r1', labels: ['a', 'a', 'a', 'b'] }, // 2 labels, top 3/4
      { report: 'r2', labels: ['a', 'b', 'c'] }, // 3 labels, top 1/3
      { report: 'r3', labels: ['a', 'A', 'b', 'b'] }, // 2 labels (case aside), top 2/4
      { report: 'r4', labels: ['x', 'y'] }, // 2 labels, top 1/2: tied with r3
      { report: 'r5', labels: ['x', 'X'] }, // one label: not contested
    ]);
    expect(ranked.map((c) => [c.report, c.rank, c.tied, c.labels, c.top, c.runs])).toEqual([
      ['r2', 1, false, 3, 1, 3],
      ['r3', 2, true, 2, 2, 4],
      ['r4', 2, true, 2, 1, 2],
      ['r1', 4, false, 2, 3, 4],
    ]);
  });

  it('records the reviewer’s moves, out of manual-review, and where manual-review went', () => {
    expect(c.reviewer).toEqual([
      { run: 'a:1b', reviewed: [{ report: 'launchpad/3', filed: 'manual-review', reviewed: 'runtime' }], differs: [], manualReview: [{ label: 'runtime', count: 1 }] },
    ]);
  });

  it('finds answers whose last word is not the label they were first filed under', () => {
    expect(c.answerMismatches.map((m) => [m.report, m.answer, m.filed])).toEqual([
      ['launchpad/2', 'syscalls', 'syscall'],
      ['launchpad/3', 'unclear', 'manual-review'],
    ]);
    expect(model.findings.filter((f) => f.message.includes("the answer's last word")).map((f) => f.path)).toEqual([
      `${C}/a:1b/reasoning/runtime/3`,
      `${C}/a:1b/reasoning/syscall/2`,
    ]);
  });

  it('pairs iterations a change list joins, and checks the list against them', () => {
    expect(c.iterationPairs.map((p) => [p.a, p.b, p.kind])).toEqual([['zero-shot/001', 'zero-shot/002', 'change-list']]);
    const list = model.findings.filter((f) => f.path === `${C}/zero-shot/002/001-002`).map((f) => [f.line, f.message]);
    expect(list).toEqual([
      [undefined, 'change list does not list 3, whose label moved z -> y'],
      [3, 'change list lists 2 as x -> z; the folders say x -> x'],
    ]);
  });

  it('a prefix the labels overrule is a finding', () => {
    const m = modelOf({ [`${S}/1`]: text('1'), [`${C}/mode-q:1b/kvm/1`]: text('1') });
    expect(m.runs.get('mode-q:1b')!.task).toBe('accel');
    expect(m.findings.some((f) => f.message.includes('the name suggests the mode task'))).toBe(true);
  });
});

describe('comparison content', () => {
  const model = modelOf(tree());
  const totals = new Map([...model.runs.keys()].map((n) => [n, 0]));
  const { files } = comparisonContent(model, totals);

  it('writes a page per task, one per pair in canonical order, and the reviewer', () => {
    expect([...files.keys()].sort()).toEqual([
      'compare-data/a-1b--b-2b.json',
      'compare-data/zero-shot-001--zero-shot-002.json',
      'reviewer-data/reviewer.json',
      'task-data/mode.json',
      'task-data/user-mode.json',
      'task-data/zero-shot.json',
    ]);
    const t = files.get('task-data/user-mode.json') as TaskData;
    expect(t.grid[0]![0]).toBeNull();
    expect(t.grid[0]![1]!.kappa).toBeCloseTo(0.4, 12);
    expect(t.grid[1]![0]).toEqual(t.grid[0]![1]);
    expect((files.get('task-data/mode.json') as TaskData).grid).toEqual([]);
    const p = files.get('compare-data/a-1b--b-2b.json') as PairData;
    expect(p.cells.map((x) => [x.aSlug, x.bSlug, x.reports.map((r) => r.title)])).toEqual([
      ['runtime', 'runtime', ['Bug 3']],
      ['syscall', 'runtime', ['Bug 2']],
      ['syscall', 'syscall', ['Bug 1']],
    ]);
    const r = files.get('reviewer-data/reviewer.json') as ReviewerData;
    expect(r.runs[0]).toMatchObject({ name: 'a:1b', filed: ['manual-review'], reviewedLabels: ['runtime'], matrix: [[1]] });
    expect(r.runs[0]!.reviewed).toEqual([{ key: 'launchpad/3', title: 'Bug 3', filed: 'manual-review', label: 'runtime' }]);
    expect(r.answerMismatches).toEqual([{ name: 'a:1b', slug: 'a-1b', count: 2, filedUnderManualReview: 1 }]);
  });

  it('puts every pair in data/agreement.csv with the figures the page shows', async () => {
    const rows = parse((await dataFilesInMemory(model)).files.get('data/agreement.csv')!) as string[][];
    expect(rows[0]).toEqual(['task', 'kind', 'run_a', 'run_b', 'n_both', 'only_a', 'only_b', 'agreement', 'kappa', 'kappa_se', 'kappa_low', 'kappa_high']);
    expect(rows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['user-mode', 'task', 'a:1b', 'b:2b', '3', '1', '1'],
      ['zero-shot', 'change-list', 'zero-shot/001', 'zero-shot/002', '3', '0', '0'],
    ]);
    const pair = files.get('compare-data/a-1b--b-2b.json') as PairData;
    expect(Number(rows[1]![8])).toBe(pair.kappa.kappa);
    expect(Number(rows[1]![10])).toBe(pair.kappa.low);
  });
});

describe('the verdict table of a report', () => {
  const model = modelOf(tree());
  const rows = verdictTable(model.verdictsByReport.get('launchpad/2')!, model.runs);

  it('says who agrees, what the reviewer changed, and links each disagreement to its cell', () => {
    const a = rows.find((r) => r.run === 'a:1b')!;
    expect(a).toMatchObject({ task: 'user-mode', label: 'syscall', majority: 'split' });
    expect(a.others).toEqual([{ run: 'b:2b', label: 'Runtime', cell: ['a-1b', 'b-2b', 'syscall', 'runtime'] }]);
    const b = rows.find((r) => r.run === 'b:2b')!;
    // From b's side the cell is the same one: the pair's canonical order puts a first.
    expect(b.others[0]!.cell).toEqual(['a-1b', 'b-2b', 'syscall', 'runtime']);
    expect(rows.find((r) => r.run === 'zero-shot/001')!.majority).toBe('own-labels');
    const three = verdictTable(model.verdictsByReport.get('launchpad/3')!, model.runs);
    expect(three.find((r) => r.run === 'a:1b')).toMatchObject({ firstFiled: 'manual-review', halves: 'reviewed', label: 'runtime', majority: 'agrees' });
    expect(taskAgreement({ table: rows })).toEqual([['user-mode', 'contested']]);
    expect(taskAgreement({ table: three })).toEqual([['user-mode', 'unanimous']]);
    // One label among the runs that labelled it, but a run of the task did not: not unanimous.
    const missing = three.map((r) => ({ ...r, taskRuns: r.taskRuns + 1 }));
    expect(taskAgreement({ table: missing })).toEqual([['user-mode', 'one label, not every run']]);
  });
});
