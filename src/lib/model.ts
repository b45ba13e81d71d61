/**
 * The typed, immutable model of a results tree. Everything downstream (content
 * writer, pages, search index) reads only these types, never the file system.
 *
 * Every object carries its provenance: the tree path(s) and git blob id(s) it
 * was read from, and whether it came from the tree itself or from a page dump.
 */

import type { HistoryModel } from './history/types.ts';

/** Where a report was scraped from. `unknown`: a classifier file whose id no scraped report has. */
export type Source =
  | 'gitlab'
  | 'gitlab-semantic'
  | 'launchpad'
  | 'mailinglist'
  | 'box64'
  | 'fex'
  | 'unknown';

export const SOURCES: readonly Source[] = [
  'gitlab',
  'gitlab-semantic',
  'launchpad',
  'mailinglist',
  'box64',
  'fex',
  'unknown',
];

export interface Provenance {
  /** Path inside the repository, always starting with `results/`. */
  readonly path: string;
  /** Git blob id (sha-1) of the bytes the model was built from. */
  readonly blob: string;
  /** `tree`: read from the results tree; `dump`: recovered from a saved cgit page. */
  readonly via: 'tree' | 'dump';
  /** For `via: 'dump'`: the dump's file name. */
  readonly dumpFile?: string;
  /** For `via: 'dump'`: whether the recovered text is proven byte-exact. */
  readonly exact?: boolean;
}

/** Metadata of a QEMU GitLab issue; the string "n/a" in the TOML becomes `undefined`. */
export interface GitlabMeta {
  readonly state?: string;
  readonly createdAt?: string;
  readonly closedAt?: string;
  readonly labels: readonly string[];
  readonly url?: string;
  readonly hostOs?: string;
  readonly hostArch?: string;
  readonly qemuVersion?: string;
  readonly guestOs?: string;
  readonly guestArch?: string;
  /** Markdown, as written on GitLab. */
  readonly description?: string;
  readonly reproduce?: string;
  readonly additional?: string;
  /**
   * Values of the TOML the page has no place for (keys the scraper does not write, `labels` that
   * are not a list of strings, a `url` that is not http(s)), as TOML text: shown raw and reported.
   */
  readonly unshown?: readonly { readonly key: string; readonly raw: string; readonly line?: number; readonly why: string }[];
  /** From the folder names `target_<arch>/host_<host>/accel_<accel>`; `missing` stays `missing`. */
  readonly target: string;
  readonly host: string;
  readonly accel: string;
}

export interface Report {
  /** `${source}/${id}`: the identity of a report everywhere (URLs, verdicts, search). */
  readonly key: string;
  readonly source: Source;
  readonly id: string;
  readonly title: string;
  /** The full text (title line included, as in the tree); with comments where both exist. */
  readonly text?: string;
  /** Launchpad only: the same bug without its comments. */
  readonly textWithoutComments?: string;
  readonly gitlab?: GitlabMeta;
  /** Sub-folder under the source, e.g. `documentation` for some box64/fex issues. */
  readonly section?: string;
  readonly provenance: readonly Provenance[];
}

export type RunLayout = 'split' | 'flat' | 'zero-shot';

/**
 * What a run was asked to do. `categories`: the 16-category task; `mode`: user vs system;
 * `accel`: kvm/tcg/vmm; `user-mode`: instruction/runtime/syscall on the user-mode set;
 * `zero-shot`: an NLI iteration with its own label set.
 */
export type TaskId = 'categories' | 'mode' | 'accel' | 'user-mode' | 'zero-shot';

export interface ZeroShotParams {
  readonly model?: string;
  readonly compareModel?: string;
  readonly multiLabel?: boolean;
  readonly numberBugs?: number;
  /** The README's sentence of intent. */
  readonly intent?: string;
}

export interface CountRow {
  readonly category: string;
  readonly count: number;
}

export interface CountTable {
  readonly rows: readonly CountRow[];
  /** The file's text as read (published as is, beside the run's page). */
  readonly text: string;
  readonly provenance: Provenance;
}

export interface Change {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** 1-based line of the change list. */
  readonly line: number;
}

/** `<NNN>/<AAA>-<BBB>`: how verdicts moved from iteration AAA to BBB. */
export interface ChangeList {
  readonly from: string;
  readonly to: string;
  /** The `N changes:` header; may disagree with `changes.length` (a finding). */
  readonly declared: number | undefined;
  readonly changes: readonly Change[];
  readonly provenance: Provenance;
}

export interface Run {
  /** As in the tree: `mode-deepseek-r1:32b`, `zero-shot/105`. */
  readonly name: string;
  /** URL-safe: `mode-deepseek-r1-32b`, `zero-shot-105`. */
  readonly slug: string;
  readonly layout: RunLayout;
  readonly task: TaskId;
  /** Model names; zero-shot runs with a compare model have two. Empty when not recorded. */
  readonly models: readonly string[];
  /** False for `no-thinking-` runs. */
  readonly thinking: boolean;
  readonly zeroShot?: ZeroShotParams;
  readonly readme?: { readonly text: string; readonly provenance: Provenance };
  /** Labels seen in the folders, sorted. */
  readonly labels: readonly string[];
  /** Verdicts per label after review (`Verdict.labels`: reasoning/ for split runs), counted from the folders. */
  readonly labelCounts: Readonly<Record<string, number>>;
  readonly categoriesCsv?: CountTable;
  readonly analysisCsv?: CountTable;
  readonly changeLists: readonly ChangeList[];
}

export interface Score {
  readonly label: string;
  /** The number the text stands for (`1e309` is Infinity, `1e-400` is 0: see `written`). */
  readonly score: number;
  /** The score exactly as the file writes it (`0.922`, `1e-05`): what pages and data files show. */
  readonly written: string;
}

export interface Reasoning {
  /** Text before `<think>`, when there is any (trimmed). */
  readonly preamble?: string;
  /** 1-based line of the reasoning file on which `preamble` starts. */
  readonly preambleLine?: number;
  /** Inside `<think>…</think>`, when present (trimmed). */
  readonly thinking?: string;
  /** 1-based line of the reasoning file on which `thinking` starts. */
  readonly thinkingLine?: number;
  /** What follows the thinking, the final label line included (trimmed). */
  readonly answer: string;
  /** 1-based line of the reasoning file on which `answer` starts. */
  readonly answerLine: number;
  /** The last word of the answer, cleaned of markup, when there is one. */
  readonly finalLabel?: string;
}

/** One file of a run about one report. */
export interface VerdictFile {
  readonly half: 'output' | 'reasoning' | 'flat';
  readonly label: string;
  readonly provenance: Provenance;
}

/**
 * How the two halves of a split run's verdict stand to each other. The pipeline files the
 * report (`output/<label>/<id>`) and the model's answer (`reasoning/<label>/<id>`) under one
 * label, `manual-review` when it cannot read a label from the answer; a person then reviewed
 * those cases by moving the **reasoning/** file to the label they chose (upstream commits
 * 5aa276ef and 35f097a3; the runs' categories.csv count reasoning/). So `output/` is the label
 * as first filed and `reasoning/` the label after review.
 *  - `same`: one label in both halves;
 *  - `reviewed`: first filed under `manual-review`, moved by the reviewer to another label;
 *  - `differs`: any other difference: not a review the archive can explain (a finding);
 *  - `output-only`, `reasoning-only`: the id is in one half only (a finding).
 */
export type SplitHalves = 'same' | 'reviewed' | 'differs' | 'output-only' | 'reasoning-only';

/** The label folder the pipeline files a report under when it cannot read the model's label. */
export const MANUAL_REVIEW = 'manual-review';

export interface Verdict {
  readonly run: string;
  readonly reportKey: string;
  /** The id as the run's file names it. */
  readonly id: string;
  /**
   * The run's label after review: the label folder of the `reasoning/` half for split runs (the
   * `output/` one where the id has no reasoning file), the label folder for flat and zero-shot
   * runs. Every count, chart and comparison uses this label.
   */
  readonly label: string;
  /** Every label folder this id sits in, in the half `label` is read from (usually one). */
  readonly labels: readonly string[];
  /** Split runs: the `output/` label (as first filed by the pipeline) when it differs from `label`. */
  readonly firstFiled?: string;
  /** Split runs only: how the `output/` and `reasoning/` halves stand to each other. */
  readonly halves?: SplitHalves;
  /** The report text as classified (output / flat / after zero-shot scores). */
  readonly text?: string;
  readonly reasoning?: Reasoning;
  /** Zero-shot scores, in file order; several groups where the file has `----` split lines. */
  readonly scores?: readonly (readonly Score[])[];
  readonly files: readonly VerdictFile[];
}

export interface CuratedSet {
  /** `semantic-bugs` or `user-mode-bugs`. */
  readonly name: string;
  readonly members: readonly CuratedMember[];
}

export interface CuratedMember {
  readonly id: string;
  readonly reportKey: string;
  readonly provenance: Provenance;
  /** The member file's text (after its zero-shot scores, where it has them). */
  readonly text: string;
  readonly scores?: readonly (readonly Score[])[];
}

export interface Finding {
  readonly path: string;
  readonly message: string;
  /** 1-based line, where it helps. */
  readonly line?: number;
  readonly severity: 'error' | 'warning' | 'info';
}

export type DumpStyle = 'seed' | 'w3m' | 'lynx' | 'blame' | 'flat' | 'plain' | 'unknown';
export type DumpStatus = 'exact' | 'approximate' | 'unplaced';

export interface Dump {
  /** The dump's file name (relative to the dumps folder, or the tree path when found inside it). */
  readonly file: string;
  readonly style: DumpStyle;
  /** Tree path, set only when exactly one place fits. */
  readonly path: string | null;
  /** Every tree path the dump's text fits. */
  readonly candidates: readonly string[];
  readonly status: DumpStatus;
  /** Blob id shown by the page, if any. */
  readonly shownBlob?: string;
  /** Blob id of the recovered text (with the final-newline choice that matched, if any). */
  readonly blob: string;
  /** The recovered text. */
  readonly text: string;
  /** What is known to be lost for `approximate` dumps. */
  readonly losses: readonly string[];
  /** For unplaced dumps: the last word of the text, as a label guess. */
  readonly labelGuess?: string;
  /** Report id recovered from the path or candidates, when they agree. */
  readonly reportId?: string;
}

/** A file the reader did not recognise: kept and published raw, never dropped. */
export interface RawFile {
  readonly path: string;
  readonly blob: string;
  readonly text: string;
}

export interface InputAccounting {
  readonly total: number;
  readonly byLayout: Readonly<Record<string, number>>;
}

export interface ResultsModel {
  /** Folder the tree was read from (for messages only; never in URLs). */
  readonly root: string;
  readonly reports: ReadonlyMap<string, Report>;
  readonly runs: ReadonlyMap<string, Run>;
  /** Keyed by report key, then in run order. */
  readonly verdictsByReport: ReadonlyMap<string, readonly Verdict[]>;
  readonly curatedSets: readonly CuratedSet[];
  readonly dumps: readonly Dump[];
  readonly raw: readonly RawFile[];
  readonly findings: readonly Finding[];
  readonly inputs: InputAccounting;
  /** Paths that were read but ended in no model object (must stay empty). */
  readonly lost: readonly string[];
  readonly unrecognized: readonly string[];
  /** The tree's git history, when it was read from git (src/lib/tree/history.ts). */
  readonly history?: HistoryModel;
}
