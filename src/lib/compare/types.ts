/**
 * How the runs compare: derived from the results model by `compareRuns` (comparisons.ts), read by
 * the content writer. Runs and reports are named by run name and report key, as in the model.
 */
import type { TaskId } from '../model.ts';
import type { CohenKappa, KrippendorffAlpha } from './stats.ts';

/**
 * Which label of a verdict is compared: the run's label after review (`Verdict.label`, the
 * `reasoning/` half of a split run). Labels are compared ignoring case, so `KVM` in one run
 * and `kvm` in another are one category.
 */
export type LabelKey = string;

/** One cell of a confusion matrix: the reports run a put under `a` and run b under `b`. */
export interface PairCell {
  readonly a: string;
  readonly b: string;
  readonly reports: readonly string[];
}

export interface PairComparison {
  /** `task`: two runs of one task; `change-list`: two zero-shot iterations a change list joins. */
  readonly kind: 'task' | 'change-list';
  readonly task: TaskId;
  readonly a: string;
  readonly b: string;
  /** Report keys in both runs, in one run only. */
  readonly both: readonly string[];
  readonly onlyA: readonly string[];
  readonly onlyB: readonly string[];
  /** Row labels (a's) and column labels (b's) seen in the common population, shared ones first. */
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** `matrix[i][j]`: reports a labelled rows[i] and b labelled columns[j]. */
  readonly matrix: readonly (readonly number[])[];
  /** Non-empty cells, row by row. */
  readonly cells: readonly PairCell[];
  readonly kappa: CohenKappa;
}

export interface TaskComparison {
  readonly task: TaskId;
  /** Run names, in run order. */
  readonly runs: readonly string[];
  /** Every pair of runs (a before b in run order). */
  readonly pairs: readonly PairComparison[];
  /** Reports at least one run of the task labelled. */
  readonly reports: number;
  /** Reports every run labelled. */
  readonly common: readonly string[];
  /**
   * Unanimous: of `common` (every run of the task labelled it), the reports all runs gave one
   * label (case aside). The one definition the task page, the tasks list and search use.
   */
  readonly unanimous: readonly string[];
  /** Labelled by two or more runs but not by all, and given one label by those: not unanimous. */
  readonly oneLabelNotAll: readonly string[];
  /** Nominal α over every report of the task, runs missing some allowed. */
  readonly alpha: KrippendorffAlpha;
  /** Fleiss' κ over `common` (every run rated every one of these). */
  readonly fleiss: number | null;
  /** Every contested report (two or more distinct labels), most contested first; see `rankContested`. */
  readonly contested: readonly ContestedReport[];
}

export interface ContestedReport {
  readonly report: string;
  /** Distinct labels (case aside) among the runs that labelled it. */
  readonly labels: number;
  /** Runs of the task that labelled it. */
  readonly runs: number;
  /** Runs that gave its most common label (the share is top / runs). */
  readonly top: number;
  /** 1-based; reports equal in labels and share have one rank. */
  readonly rank: number;
  /** Another report has the same rank. */
  readonly tied: boolean;
}

/**
 * A split run's verdicts whose label after review (`reasoning/`) differs from the label as first
 * filed (`output/`); see `SplitHalves` in model.ts.
 */
export interface ReviewerChanges {
  readonly run: string;
  /** Moved by the reviewer out of `manual-review` (`filed`) to the label they chose (`reviewed`). */
  readonly reviewed: readonly ReviewChange[];
  /** Halves that differ in any other way: shown as they are, not explained. */
  readonly differs: readonly ReviewChange[];
  /** The verdicts first filed under `manual-review`, by their label after review (unreviewed ones stay `manual-review`). */
  readonly manualReview: readonly { readonly label: string; readonly count: number }[];
}

export interface ReviewChange {
  readonly report: string;
  /** The `output/` label: as first filed. */
  readonly filed: string;
  /** The `reasoning/` label: after review. */
  readonly reviewed: string;
}

/** The last word of a reasoning file against the label it was first filed under. */
export interface AnswerMismatch {
  readonly run: string;
  readonly report: string;
  readonly answer: string;
  /** The `output/` label (the reasoning file's own folder where the id has no output/ file). */
  readonly filed: string;
  readonly path: string;
}

export interface Comparisons {
  readonly tasks: readonly TaskComparison[];
  /** Pairs of zero-shot iterations joined by a change list. */
  readonly iterationPairs: readonly PairComparison[];
  readonly reviewer: readonly ReviewerChanges[];
  readonly answerMismatches: readonly AnswerMismatch[];
}
