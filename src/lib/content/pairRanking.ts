/**
 * Pairs of runs ranked by Cohen's κ, for `/compare/` (every task) and `/compare/<run>/` (one
 * run's partners): read from the task and run data the other comparison pages show, so a pair's
 * κ and n are the same figures everywhere. Pure.
 */
import { compare as cmp } from '../order.ts';
import type { KappaData, RunRef, TaskData } from './types.ts';

export interface RankedPair {
  readonly a: RunRef;
  readonly b: RunRef;
  readonly kind: 'task' | 'change-list';
  readonly kappa: KappaData;
}

/** Highest κ first; an undefined κ last; then more reports compared; then by names. */
export function byKappa(x: { readonly kappa: KappaData; readonly a: RunRef; readonly b: RunRef }, y: { readonly kappa: KappaData; readonly a: RunRef; readonly b: RunRef }): number {
  const kx = x.kappa.kappa;
  const ky = y.kappa.kappa;
  if (kx === null || ky === null) return kx === ky ? y.kappa.n - x.kappa.n || cmp(x.a.name, y.a.name) || cmp(x.b.name, y.b.name) : kx === null ? 1 : -1;
  return ky - kx || y.kappa.n - x.kappa.n || cmp(x.a.name, y.a.name) || cmp(x.b.name, y.b.name);
}

/** Every pair of a task once (a before b in run order), ranked by κ. */
export function rankedTaskPairs(task: TaskData): RankedPair[] {
  const out: RankedPair[] = [];
  task.grid.forEach((row, i) =>
    row.forEach((k, j) => {
      if (k !== null && i < j) out.push({ a: task.runs[i]!, b: task.runs[j]!, kind: 'task', kappa: k });
    }),
  );
  for (const p of task.iterationPairs) out.push({ a: p.a, b: p.b, kind: 'change-list', kappa: p.kappa });
  return out.sort(byKappa);
}
