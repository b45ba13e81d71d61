/**
 * A report's verdict table: every run's label against the other runs of its task, each
 * disagreement pointing at the cell of the pair's confusion matrix that holds this report.
 */
import type { Run, Verdict } from '../model.ts';
import { labelKey } from '../compare/comparisons.ts';
import { labelSlug, runSlug } from '../slug.ts';
import { compare as cmp } from '../order.ts';
import type { VerdictRow } from './types.ts';

/** Runs of a task are compared in pairs ordered by run name: the pair's canonical URL. */
export function canonicalPair(x: string, y: string): [string, string] {
  return cmp(x, y) <= 0 ? [x, y] : [y, x];
}

/** The cell of the pair (x, y) holding a report x labelled `lx` and y labelled `ly`, as URL parts. */
export function cellRef(x: string, lx: string, y: string, ly: string, slugOf: (run: string) => string = runSlug): [string, string, string, string] {
  const [a] = canonicalPair(x, y);
  return a === x
    ? [slugOf(x), slugOf(y), labelSlug(labelKey(lx)), labelSlug(labelKey(ly))]
    : [slugOf(y), slugOf(x), labelSlug(labelKey(ly)), labelSlug(labelKey(lx))];
}

/** The label most runs gave (case-folded), or undefined on a tie. */
export function majorityLabel(labels: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(labelKey(l), (counts.get(labelKey(l)) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0 || (sorted.length > 1 && sorted[0]![1] === sorted[1]![1])) return undefined;
  return sorted[0]![0];
}

export function verdictTable(verdicts: readonly Verdict[], runs: ReadonlyMap<string, Run>): VerdictRow[] {
  const taskOf = (v: Verdict) => runs.get(v.run)?.task ?? 'unknown';
  const slugOf = (run: string) => runs.get(run)?.slug ?? runSlug(run);
  const runsOfTask = new Map<string, number>();
  for (const r of runs.values()) runsOfTask.set(r.task, (runsOfTask.get(r.task) ?? 0) + 1);
  return verdicts.map((v) => {
    const task = taskOf(v);
    const row: { -readonly [K in keyof VerdictRow]: VerdictRow[K] } = {
      run: v.run,
      runSlug: slugOf(v.run),
      task,
      taskRuns: runsOfTask.get(task) ?? 0,
      label: v.label,
      majority: 'own-labels',
      others: [],
    };
    if (v.firstFiled !== undefined) row.firstFiled = v.firstFiled;
    if (v.halves !== undefined) row.halves = v.halves;
    if (task === 'zero-shot') return row;
    const peers = verdicts.filter((o) => taskOf(o) === task);
    if (peers.length === 1) {
      row.majority = 'alone';
      return row;
    }
    const majority = majorityLabel(peers.map((o) => o.label));
    if (majority === undefined) row.majority = 'split';
    else {
      row.majority = labelKey(v.label) === majority ? 'agrees' : 'differs';
      row.majorityLabel = peers.find((o) => labelKey(o.label) === majority)!.label;
    }
    row.others = peers
      .filter((o) => o !== v && labelKey(o.label) !== labelKey(v.label))
      .map((o) => ({ run: o.run, label: o.label, cell: cellRef(v.run, v.label, o.run, o.label, slugOf) }));
    return row;
  });
}
