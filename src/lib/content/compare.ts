/**
 * Comparison content: `task-data/<task>.json`, `compare-data/<a>--<b>.json`, `set-data/<name>.json`,
 * `reviewer-data/reviewer.json`. Built from `compareRuns` (src/lib/compare), titles from the model.
 */
import { MANUAL_REVIEW, type ResultsModel, type Run } from '../model.ts';
import type { CohenKappa } from '../compare/stats.ts';
import type { Comparisons, PairComparison } from '../compare/types.ts';
import { comparisonsOf, iterationName, labelKey, uniquePairs, verdictIndex } from '../compare/comparisons.ts';
import { analysisBasis, verdictsByRunAndId } from '../tree/curated.ts';
import { labelSlug } from '../slug.ts';
import { cutTitle, visibleName } from './text.ts';
import { compare as cmp, compareKeys } from '../order.ts';
import { modelSlugOf } from './modelPages.ts';
import { TASK_ORDER, TASK_TITLES } from './tasks.ts';
import { largestMoves, MATRIX_MAX_LABELS } from './changes.ts';
import { listedLabels } from './run.ts';
import type { KappaData, PairData, ReportRef, ReviewerData, RunCompareData, RunRef, SetData, TaskData } from './types.ts';

/** Reports listed per page of one confusion-matrix cell. */
export const CELL_PAGE_SIZE = 250;
/** Reports listed per page of a task's contested and unanimous lists (the task page shows the first). */
export const TASK_LIST_PAGE_SIZE = 100;
/** Members listed per page of a curated set. */
export const SET_PAGE_SIZE = 100;

export function kappaData(k: CohenKappa): KappaData {
  return { n: k.n, agreement: k.agreement, kappa: k.kappa, se: k.se, low: k.low, high: k.high };
}

/** `compare-data/` file stem of a pair in canonical order. */
export function pairStem(aSlug: string, bSlug: string): string {
  return `${aSlug}--${bSlug}`;
}

export interface ComparisonContent {
  readonly comparisons: Comparisons;
  readonly files: ReadonlyMap<string, unknown>;
}

export function comparisonContent(model: ResultsModel, runTotals: ReadonlyMap<string, number>): ComparisonContent {
  const comparisons = comparisonsOf(model, compareKeys);
  const files = new Map<string, unknown>();
  // Names and titles as the pages show them: look-alike characters written out, long titles cut
  // (the exact names are in the data files; URLs use the slugs).
  const ref = (name: string): RunRef => ({ name: visibleName(name), slug: model.runs.get(name)!.slug });
  const report = (key: string): ReportRef => ({ key, title: cutTitle(model.reports.get(key)?.title ?? key) });

  const pairData = (p: PairComparison): PairData => {
    const data: { -readonly [K in keyof PairData]: PairData[K] } = {
      kind: p.kind,
      task: p.task,
      taskTitle: TASK_TITLES[p.task] ?? p.task,
      a: { ...ref(p.a), total: runTotals.get(p.a) ?? 0 },
      b: { ...ref(p.b), total: runTotals.get(p.b) ?? 0 },
      onlyA: p.onlyA.map(report),
      onlyB: p.onlyB.map(report),
      rows: p.rows.map(visibleName),
      columns: p.columns.map(visibleName),
      rowKeys: p.rows.map(labelKey),
      columnKeys: p.columns.map(labelKey),
      matrix: p.matrix,
      kappa: kappaData(p.kappa),
      cells: p.cells.map((c) => ({
        a: visibleName(c.a),
        b: visibleName(c.b),
        aSlug: labelSlug(labelKey(c.a)),
        bSlug: labelSlug(labelKey(c.b)),
        pages: Math.max(1, Math.ceil(c.reports.length / CELL_PAGE_SIZE)),
        reports: c.reports.map(report),
      })),
    };
    if (p.kind === 'change-list') {
      const joins = (run: string, l: { from: string; to: string }) => new Set([iterationName(run, l.from), iterationName(run, l.to)]);
      for (const holder of [model.runs.get(p.b)!, model.runs.get(p.a)!]) {
        const list = holder.changeLists.find((l) => { const j = joins(holder.name, l); return j.has(p.a) && j.has(p.b); });
        if (list && !data.changeList) data.changeList = { runSlug: holder.slug, from: list.from, to: list.to };
      }
    }
    return data;
  };

  const pairs = [...comparisons.tasks.flatMap((t) => t.pairs), ...uniquePairs(comparisons.iterationPairs)];
  for (const p of pairs) {
    const d = pairData(p);
    files.set(`compare-data/${pairStem(d.a.slug, d.b.slug)}.json`, d);
  }

  // Tasks: every task with runs, compared where it has two or more.
  const byRun = verdictIndex(model);
  const runs = [...model.runs.values()].sort((x, y) => compareKeys(x.name, y.name));
  const tasks = TASK_ORDER.filter((t) => runs.some((r) => r.task === t));
  for (const task of tasks) {
    const taskRuns = runs.filter((r) => r.task === task);
    const t = comparisons.tasks.find((c) => c.task === task);
    const grid = t
      ? t.runs.map((x) =>
          t.runs.map((y) => {
            if (x === y) return null;
            const p = t.pairs.find((q) => (q.a === x && q.b === y) || (q.a === y && q.b === x))!;
            return kappaData(p.kappa);
          }),
        )
      : [];
    const data: TaskData = {
      task,
      title: TASK_TITLES[task] ?? task,
      runs: taskRuns.map((r) => ({ ...ref(r.name), models: r.models.map((m) => ({ name: visibleName(m), slug: modelSlugOf(model, m) })), total: runTotals.get(r.name) ?? 0 })),
      grid,
      reports: t?.reports ?? new Set(taskRuns.flatMap((r) => [...(byRun.get(r.name)?.keys() ?? [])])).size,
      common: t?.common.length ?? 0,
      unanimous: t?.unanimous.length ?? 0,
      unanimousReports: (t?.unanimous ?? []).map(report),
      oneLabelNotAll: t?.oneLabelNotAll.length ?? 0,
      alpha: t ? { alpha: t.alpha.alpha, pairable: t.alpha.pairable, units: t.alpha.units } : null,
      fleiss: t?.fleiss ?? null,
      contested: (t?.contested ?? []).map((c) => ({
        ...report(c.report),
        distinct: c.labels,
        runs: c.runs,
        top: c.top,
        rank: c.rank,
        tied: c.tied,
        labels: t!.runs.flatMap((name) => {
          const v = byRun.get(name)?.get(c.report);
          return v ? [{ run: visibleName(name), label: visibleName(v.label) }] : [];
        }),
      })),
      iterationPairs:
        task === 'zero-shot'
          ? uniquePairs(comparisons.iterationPairs).map((p) => ({ a: ref(p.a), b: ref(p.b), kappa: kappaData(p.kappa) }))
          : [],
    };
    files.set(`task-data/${task}.json`, data);
  }

  // Curated sets.
  const byRunId = verdictsByRunAndId([...model.verdictsByReport.values()].flat());
  for (const set of model.curatedSets) {
    const keys = new Set(set.members.map((m) => m.reportKey));
    const setRuns = runs.filter((r) => [...(byRun.get(r.name)?.keys() ?? [])].some((k) => keys.has(k)));
    setRuns.sort((x, y) => TASK_ORDER.indexOf(x.task) - TASK_ORDER.indexOf(y.task) || compareKeys(x.name, y.name));
    const analysis: SetData['analysis'][number][] = [];
    if (set.name === 'semantic-bugs') {
      for (const r of setRuns) {
        const basis = analysisBasis(r, byRunId.get(r.name) ?? new Map(), set.members);
        if (!basis || !r.analysisCsv) continue;
        const csv = new Map<string, number>();
        for (const row of r.analysisCsv.rows) csv.set(row.category, (csv.get(row.category) ?? 0) + row.count);
        const labels = [...new Set([...csv.keys(), ...Object.keys(basis.fell)])].sort();
        analysis.push({
          ...ref(r.name),
          basis: basis.name,
          rows: labels.map((label) => {
            const shownLabel = visibleName(label);
            const c = csv.get(label) ?? null;
            const f = basis.fell[label] ?? null;
            return { label: shownLabel, csv: c, folders: f, differs: (c ?? 0) !== (f ?? 0) };
          }),
        });
      }
    }
    const data: SetData = {
      name: set.name,
      runs: setRuns.map((r) => ({ ...ref(r.name), task: r.task })),
      members: set.members.map((m) => ({
        ...report(m.reportKey),
        id: m.id,
        labels: setRuns.map((r) => { const l = byRun.get(r.name)?.get(m.reportKey)?.label; return l === undefined ? null : visibleName(l); }),
      })),
      pages: Math.max(1, Math.ceil(set.members.length / SET_PAGE_SIZE)),
      analysis,
    };
    files.set(`set-data/${set.name}.json`, data);
  }

  // The reviewer.
  const mismatches = new Map<string, { count: number; filedUnderManualReview: number }>();
  for (const m of comparisons.answerMismatches) {
    const e = mismatches.get(m.run) ?? { count: 0, filedUnderManualReview: 0 };
    e.count++;
    if (m.filed === MANUAL_REVIEW) e.filedUnderManualReview++;
    mismatches.set(m.run, e);
  }
  const reviewer: ReviewerData = {
    runs: comparisons.reviewer.map((r) => {
      const moved = [...r.reviewed, ...r.differs];
      const filed = [...new Set(moved.map((c) => c.filed))].sort(cmp);
      const reviewedLabels = [...new Set(moved.map((c) => c.reviewed))].sort(cmp);
      const change = (c: (typeof moved)[number]) => ({ ...report(c.report), filed: visibleName(c.filed), label: visibleName(c.reviewed) });
      // Within the bound of every label matrix (MATRIX_MAX_LABELS a side) the moves are a matrix;
      // past it, the largest moves are listed, as a change list's page does.
      const drawn = filed.length <= MATRIX_MAX_LABELS && reviewedLabels.length <= MATRIX_MAX_LABELS;
      const cells = new Map<string, { filed: string; label: string; count: number; first: number }>();
      moved.forEach((c, i) => {
        const k = JSON.stringify([c.filed, c.reviewed]);
        const cell = cells.get(k) ?? { filed: c.filed, label: c.reviewed, count: 0, first: i };
        cell.count++;
        cells.set(k, cell);
      });
      // The labels the manual-review verdicts went to: the rule of every label list (listedLabels).
      const manualReview = listedLabels(r.manualReview);
      return {
        ...ref(r.run),
        total: runTotals.get(r.run) ?? 0,
        filed: drawn ? filed.map(visibleName) : [],
        reviewedLabels: drawn ? reviewedLabels.map(visibleName) : [],
        matrix: drawn ? filed.map((f) => reviewedLabels.map((l) => cells.get(JSON.stringify([f, l]))?.count ?? 0)) : [],
        ...(drawn
          ? {}
          : {
              moves: largestMoves([...cells.values()]).map((m) => ({ filed: visibleName(m.filed), label: visibleName(m.label), count: m.count })),
              moveKinds: cells.size,
              labelsBySide: { filed: filed.length, reviewed: reviewedLabels.length },
            }),
        reviewed: r.reviewed.map(change),
        differs: r.differs.map(change),
        manualReview: manualReview.shown.map((m) => ({ label: visibleName(m.label), count: m.count })),
        manualReviewLeft: manualReview.left,
      };
    }),
    answerMismatches: [...mismatches].map(([name, e]) => ({ ...ref(name), ...e })),
  };
  files.set('reviewer-data/reviewer.json', reviewer);
  return { comparisons, files };
}


/** What a run page says of its comparisons: its task page, every pair it is in, its answers. */
export function runComparisons(comparisons: Comparisons, run: Run, model: ResultsModel): RunCompareData {
  const pairs = [...comparisons.tasks.flatMap((t) => t.pairs), ...uniquePairs(comparisons.iterationPairs)]
    .filter((p) => p.a === run.name || p.b === run.name)
    .map((p) => {
      const other = p.a === run.name ? p.b : p.a;
      return { other: { name: visibleName(other), slug: model.runs.get(other)!.slug }, kind: p.kind, kappa: kappaData(p.kappa) };
    });
  return {
    pairs,
    answerMismatches: comparisons.answerMismatches.filter((m) => m.run === run.name).length,
  };
}
