/**
 * How the classifier runs compare, with each other and with the person who reviewed them. Pure:
 * a function of the results model. Every figure is over a stated population (the reports both
 * runs, or every run, labelled), and every cell keeps its reports so the pages can list them.
 */
import { MANUAL_REVIEW, type ResultsModel, type Run, type TaskId, type Verdict } from '../model.ts';
import { compare, compareIds } from '../order.ts';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal } from './stats.ts';
import type { AnswerMismatch, Comparisons, ContestedReport, PairCell, PairComparison, ReviewerChanges, TaskComparison } from './types.ts';

/** Labels are one category when they differ only in case (`KVM` / `kvm`). */
export function labelKey(label: string): string {
  return label.toLowerCase();
}

type ByRun = ReadonlyMap<string, ReadonlyMap<string, Verdict>>;

/** run name → report key → verdict (the first, should one run hold a report twice). */
export function verdictIndex(model: ResultsModel): Map<string, Map<string, Verdict>> {
  const out = new Map<string, Map<string, Verdict>>();
  for (const name of model.runs.keys()) out.set(name, new Map());
  for (const list of model.verdictsByReport.values()) {
    for (const v of list) {
      const m = out.get(v.run) ?? new Map<string, Verdict>();
      if (!m.has(v.reportKey)) m.set(v.reportKey, v);
      out.set(v.run, m);
    }
  }
  return out;
}

const computed = new WeakMap<ResultsModel, Comparisons>();

/**
 * The comparisons of a model in report-key order, made once per model: the pages and the data
 * files both read them.
 */
export function comparisonsOf(model: ResultsModel, reportOrder: (a: string, b: string) => number): Comparisons {
  let c = computed.get(model);
  if (!c) {
    c = compareRuns(model, reportOrder);
    computed.set(model, c);
  }
  return c;
}

export function compareRuns(model: ResultsModel, reportOrder: (a: string, b: string) => number): Comparisons {
  const byRun = verdictIndex(model);
  const runs = [...model.runs.values()].sort((x, y) => compare(x.name, y.name));
  const tasks: TaskComparison[] = [];
  const taskIds = [...new Set(runs.map((r) => r.task))].filter((t) => t !== 'zero-shot');
  for (const task of taskIds) {
    const names = runs.filter((r) => r.task === task).map((r) => r.name);
    if (names.length < 2) continue;
    tasks.push(compareTask(task, names, byRun, reportOrder));
  }
  const iterationPairs: PairComparison[] = [];
  for (const run of runs) {
    if (run.layout !== 'zero-shot') continue;
    for (const list of run.changeLists) {
      const from = iterationName(run.name, list.from);
      if (from === undefined || !model.runs.has(from) || from === run.name) continue;
      // Stored in name order, like every pair; the pages show both orders.
      const [a, b] = compare(from, run.name) <= 0 ? [from, run.name] : [run.name, from];
      iterationPairs.push(comparePair('change-list', 'zero-shot', a, b, byRun, reportOrder));
    }
  }
  return {
    tasks,
    iterationPairs: iterationPairs.sort((x, y) => compare(x.a, y.a) || compare(x.b, y.b)),
    reviewer: reviewerChanges(runs, byRun, reportOrder),
    answerMismatches: answerMismatches([...model.verdictsByReport.values()].flat(), reportOrder),
  };
}

/** `zero-shot/108` with list `105-108` → `zero-shot/105`. */
export function iterationName(runName: string, iteration: string): string | undefined {
  const slash = runName.lastIndexOf('/');
  return slash < 0 ? undefined : `${runName.slice(0, slash + 1)}${iteration}`;
}

function compareTask(task: TaskId, names: readonly string[], byRun: ByRun, order: (a: string, b: string) => number): TaskComparison {
  const pairs: PairComparison[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) pairs.push(comparePair('task', task, names[i]!, names[j]!, byRun, order));
  }
  const labelsOf = new Map<string, string[]>();
  for (const name of names) {
    for (const [report, v] of byRun.get(name) ?? []) {
      const l = labelsOf.get(report) ?? [];
      l.push(labelKey(v.label));
      labelsOf.set(report, l);
    }
  }
  const reports = [...labelsOf.keys()].sort(order);
  const common = reports.filter((r) => labelsOf.get(r)!.length === names.length);
  const unanimous = common.filter((r) => new Set(labelsOf.get(r)).size === 1);
  // Labelled by two or more runs but not all, and given one label by those: not unanimous (the
  // runs that missed it might have disagreed), said beside the unanimous count.
  const oneLabelNotAll = reports.filter((r) => {
    const l = labelsOf.get(r)!;
    return l.length > 1 && l.length < names.length && new Set(l).size === 1;
  });
  const categories = [...new Set(common.flatMap((r) => labelsOf.get(r)!))].sort(compare);
  const fleiss =
    common.length > 0
      ? fleissKappa(common.map((r) => categories.map((c) => labelsOf.get(r)!.filter((l) => l === c).length)))
      : null;
  return {
    task,
    runs: names,
    pairs,
    reports: reports.length,
    common,
    unanimous,
    oneLabelNotAll,
    alpha: krippendorffAlphaNominal(reports.map((r) => labelsOf.get(r)!)),
    fleiss,
    contested: rankContested(reports.map((report) => ({ report, labels: labelsOf.get(report)! }))),
  };
}

/**
 * Contested reports: two or more distinct labels among the runs that labelled them. Ranked by
 * how much the runs disagree: more distinct labels first, then a smaller share for the most
 * common label (3 of 7 is more contested than 5 of 7). Reports equal on both share a rank
 * (`tied`), listed in report order.
 */
export function rankContested(
  reports: readonly { readonly report: string; readonly labels: readonly string[] }[],
): ContestedReport[] {
  const rows = reports
    .map(({ report, labels }) => {
      const counts = new Map<string, number>();
      for (const l of labels) counts.set(labelKey(l), (counts.get(labelKey(l)) ?? 0) + 1);
      return { report, labels: counts.size, runs: labels.length, top: Math.max(...counts.values()) };
    })
    .filter((c) => c.labels > 1);
  // Compared as fractions without rounding: top/runs < top'/runs' ⇔ top·runs' < top'·runs.
  const byDisagreement = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.labels - a.labels || a.top * b.runs - b.top * a.runs;
  // Report order stays the order within a tie (the caller's order is report order).
  rows.sort((a, b) => byDisagreement(a, b));
  const out: ContestedReport[] = [];
  rows.forEach((c, i) => {
    const prev = out[i - 1];
    const rank = prev && byDisagreement(rows[i - 1]!, c) === 0 ? prev.rank : i + 1;
    out.push({ report: c.report, labels: c.labels, runs: c.runs, top: c.top, rank, tied: false });
  });
  const perRank = new Map<number, number>();
  for (const c of out) perRank.set(c.rank, (perRank.get(c.rank) ?? 0) + 1);
  return out.map((c) => ({ ...c, tied: perRank.get(c.rank)! > 1 }));
}

export function comparePair(
  kind: PairComparison['kind'],
  task: TaskId,
  a: string,
  b: string,
  byRun: ByRun,
  order: (a: string, b: string) => number,
): PairComparison {
  const va = byRun.get(a) ?? new Map<string, Verdict>();
  const vb = byRun.get(b) ?? new Map<string, Verdict>();
  const both = [...va.keys()].filter((k) => vb.has(k)).sort(order);
  const onlyA = [...va.keys()].filter((k) => !vb.has(k)).sort(order);
  const onlyB = [...vb.keys()].filter((k) => !va.has(k)).sort(order);
  // One display name per category and side: the run's own spelling.
  const rowName = new Map<string, string>();
  const colName = new Map<string, string>();
  for (const k of both) {
    const la = va.get(k)!.label;
    const lb = vb.get(k)!.label;
    if (!rowName.has(labelKey(la))) rowName.set(labelKey(la), la);
    if (!colName.has(labelKey(lb))) colName.set(labelKey(lb), lb);
  }
  const shared = [...rowName.keys()].filter((k) => colName.has(k)).sort(compare);
  const rowKeys = [...shared, ...[...rowName.keys()].filter((k) => !colName.has(k)).sort(compare)];
  const colKeys = [...shared, ...[...colName.keys()].filter((k) => !rowName.has(k)).sort(compare)];
  const rowIndex = new Map(rowKeys.map((k, i) => [k, i]));
  const colIndex = new Map(colKeys.map((k, i) => [k, i]));
  const matrix = rowKeys.map(() => colKeys.map(() => 0));
  const cellReports = new Map<string, string[]>();
  for (const k of both) {
    const i = rowIndex.get(labelKey(va.get(k)!.label))!;
    const j = colIndex.get(labelKey(vb.get(k)!.label))!;
    matrix[i]![j]!++;
    const id = `${i},${j}`;
    const list = cellReports.get(id) ?? [];
    list.push(k);
    cellReports.set(id, list);
  }
  const cells: PairCell[] = [];
  rowKeys.forEach((rk, i) =>
    colKeys.forEach((ck, j) => {
      const reports = cellReports.get(`${i},${j}`);
      if (reports) cells.push({ a: rowName.get(rk)!, b: colName.get(ck)!, reports });
    }),
  );
  // κ over the union of categories: a square table, rows and columns in one order.
  const union = [...new Set([...rowKeys, ...colKeys])];
  const square = union.map((rk) => union.map((ck) => (rowIndex.has(rk) && colIndex.has(ck) ? matrix[rowIndex.get(rk)!]![colIndex.get(ck)!]! : 0)));
  return {
    kind,
    task,
    a,
    b,
    both,
    onlyA,
    onlyB,
    rows: rowKeys.map((k) => rowName.get(k)!),
    columns: colKeys.map((k) => colName.get(k)!),
    matrix,
    cells,
    kappa: cohenKappa(square),
  };
}

/**
 * Per split run: the verdicts whose label after review (reasoning/) differs from the label as
 * first filed (output/): reviews out of `manual-review`, and differences of any other shape.
 */
export function reviewerChanges(runs: readonly Run[], byRun: ByRun, order: (a: string, b: string) => number): ReviewerChanges[] {
  const out: ReviewerChanges[] = [];
  for (const run of runs) {
    if (run.layout !== 'split') continue;
    const reviewed: ReviewerChanges['reviewed'][number][] = [];
    const differs: ReviewerChanges['differs'][number][] = [];
    const manual = new Map<string, number>();
    for (const [report, v] of byRun.get(run.name) ?? []) {
      const filed = v.firstFiled ?? (v.halves === 'same' ? v.label : undefined);
      if (filed === MANUAL_REVIEW) manual.set(v.label, (manual.get(v.label) ?? 0) + 1);
      if (v.firstFiled === undefined) continue;
      const change = { report, filed: v.firstFiled, reviewed: v.label };
      if (v.halves === 'reviewed') reviewed.push(change);
      else differs.push(change);
    }
    if (reviewed.length === 0 && differs.length === 0 && manual.size === 0) continue;
    const byLabels = (x: (typeof reviewed)[number], y: (typeof reviewed)[number]) => compare(x.filed, y.filed) || compare(x.reviewed, y.reviewed) || order(x.report, y.report);
    out.push({
      run: run.name,
      reviewed: reviewed.sort(byLabels),
      differs: differs.sort(byLabels),
      manualReview: [...manual].map(([label, count]) => ({ label, count })).sort((x, y) => y.count - x.count || compare(x.label, y.label)),
    });
  }
  return out;
}

/**
 * Answers whose last word is not the label they were first filed under (compared ignoring
 * case): the `output/` folder of a split run, the reasoning file's own folder where the id has
 * no output/ file. For the reviewed verdicts this is why a person was needed: the pipeline
 * could not read a label from the answer (`sys`, cut off) and filed it under `manual-review`.
 */
export function answerMismatches(verdicts: Iterable<Verdict>, order: (a: string, b: string) => number = compare): AnswerMismatch[] {
  const out: AnswerMismatch[] = [];
  for (const v of verdicts) {
    const answer = v.reasoning?.finalLabel;
    const file = v.files.find((f) => f.half === 'reasoning');
    if (answer === undefined || file === undefined) continue;
    const filed = v.files.find((f) => f.half === 'output')?.label ?? file.label;
    if (labelKey(answer) === labelKey(filed)) continue;
    out.push({ run: v.run, report: v.reportKey, answer, filed, path: file.provenance.path });
  }
  return out.sort((x, y) => compare(x.run, y.run) || order(x.report, y.report) || compare(x.path, y.path));
}

/** Orders report keys by id when no better order is given (tests, findings). */
export function byId(a: string, b: string): number {
  const ia = a.slice(a.indexOf('/') + 1);
  const ib = b.slice(b.indexOf('/') + 1);
  return compareIds(ia, ib) || compare(a, b);
}

/** Iteration pairs once each: `016-015` beside `015-016` joins the same two iterations. */
export function uniquePairs(pairs: readonly PairComparison[]): PairComparison[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const key = [p.a, p.b].sort().join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
