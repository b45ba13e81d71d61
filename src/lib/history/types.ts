/**
 * The tree's history as the site shows it: immutable, built by replaying `git log --raw -M`
 * (replay.ts) and kept beside the ResultsModel (it describes the same tree over time).
 */
import type { Finding } from '../model.ts';

export interface HistoryCommit {
  readonly sha: string;
  /** Committer date, ISO 8601 with its offset, as git gives it. */
  readonly date: string;
  readonly subject: string;
  readonly parents: readonly string[];
}

/**
 * - `appear`: a run's verdict on a report appears (with its label), or, without `run`, a report's file appears;
 * - `move`: a verdict's file moved: `review` (`reasoning/manual-review` → a label, a person's
 *   word), `relabel` (another label, by anyone else), `restructure` (the path changed, the label
 *   did not: not a change of verdict); without `run`, a report's file moved;
 * - `disappear`: a verdict's (or a report's) file is gone, and no rename carried it on;
 * - `text`: the file's bytes changed (blob id), path and label unchanged.
 */
export type HistoryEventKind = 'appear' | 'move' | 'disappear' | 'text';
export type MoveKind = 'review' | 'relabel' | 'restructure';
export type Half = 'output' | 'reasoning' | 'flat';

export interface HistoryEvent {
  readonly commit: string;
  readonly kind: HistoryEventKind;
  /** The report the file is about (today's report key, `unknown/<id>` when no report has the id). */
  readonly report: string;
  /** Verdict events: the run under its last name (today's, or the name it had when it ended). */
  readonly run?: string;
  /** The run's name at this commit when it was another (`deepseek-2` for today's `deepseek-r1:14b`). */
  readonly runThen?: string;
  readonly half?: Half;
  /** The half before a move, when it changed (a restructure that moved `output/<label>` up a level). */
  readonly fromHalf?: Half;
  /** Label before (move, disappear, text). */
  readonly from?: string;
  /** Label after (appear, move, text). */
  readonly to?: string;
  readonly move?: MoveKind;
  /** The path at this commit, as it was then. */
  readonly path: string;
  /** A move's path before. */
  readonly fromPath?: string;
}

/** A run over time, under its last name. */
export interface RunLife {
  readonly name: string;
  /** Every name it had, oldest first (one for most runs). */
  readonly names: readonly string[];
  /** The commit its first verdict appeared in. */
  readonly arrived: string;
  /** Commits after the arrival that changed its verdicts (moves and texts included), oldest first. */
  readonly changed: readonly string[];
  /** The commit that removed its last file, when it no longer exists. */
  readonly ended?: string;
  /** For a run that ended: its label counts just before (the label after review for split runs). */
  readonly lastLabels?: Readonly<Record<string, number>>;
  /** For a run that ended: the reports it had verdicts on. */
  readonly reports?: readonly string[];
}

export interface HistoryModel {
  /** The commit the tree is (the newest one read); every page names it. */
  readonly head: HistoryCommit;
  /** Commits that touch the results tree, oldest first (after a merge only its first-parent line). */
  readonly commits: readonly HistoryCommit[];
  /** In commit order, then in the order git listed the paths. */
  readonly events: readonly HistoryEvent[];
  /** Keyed by last name. */
  readonly runs: ReadonlyMap<string, RunLife>;
  readonly findings: readonly Finding[];
}

/** No git history: the site builds as before and says why there is none. */
export interface NoHistory {
  readonly reason: string;
  readonly findings: readonly Finding[];
}

export type HistoryInput = HistoryModel | NoHistory;

export function hasHistory(h: HistoryInput | undefined): h is HistoryModel {
  return h !== undefined && 'head' in h;
}
