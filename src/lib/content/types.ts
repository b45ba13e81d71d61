/**
 * The JSON shapes written to `content/*-data/` and read by the Astro pages. Everything a page
 * shows is here; the MDX files only carry a few small frontmatter fields and component tags.
 *
 * Corpus text is stored verbatim (NUL, CR, `{`, `<script>` all survive JSON); pages escape it and
 * make control characters visible at render time. The only HTML stored is `*Html` fields, which
 * come out of the sanitising markdown renderer (`markdown.ts`), never from corpus text directly.
 */

import type { GitlabMeta, Provenance, SplitHalves, ZeroShotParams } from '../model.ts';

/** A published CSV file (src/lib/data/publish.ts). */
export interface CsvFileInfo {
  /** Site path, relative to the base. */
  readonly path: string;
  readonly bytes: number;
  /** Data rows (the header not counted). */
  readonly rows: number;
  /** Cells a spreadsheet would take for formulas. */
  readonly formulaCells: number;
  /** The spreadsheet copy, made only when `formulaCells` > 0. */
  readonly spreadsheet?: { readonly path: string; readonly bytes: number };
}

export type ProvenanceData = Provenance;

export interface TextBlock {
  /** `text`, `without-comments`, `classified`, `thinking`, `answer`… (also the anchor prefix key). */
  readonly kind: string;
  /** Heading shown above the text. */
  readonly heading: string;
  readonly text: string;
  readonly provenance: readonly ProvenanceData[];
  /** Set when the text is too large for a page: `text` is its beginning, the whole is at `rawSlug`. */
  readonly clipped?: { readonly totalChars: number; readonly totalBytes: number; readonly shownChars: number; readonly rawSlug: string };
}

/** The GitLab metadata as shown; the markdown fields travel rendered, in `MarkdownSection`s. */
export type GitlabMetaData = Omit<GitlabMeta, 'description' | 'reproduce' | 'additional'>;

/** One rendered GitLab markdown field (description / reproduce / additional). */
export interface MarkdownSection {
  readonly field: 'description' | 'reproduce' | 'additional';
  readonly heading: string;
  /** Sanitised HTML from `markdown.ts`. */
  readonly html: string;
}

export interface ScoreData {
  readonly label: string;
  /** The value; null when it is no finite double (`1e309`), which JSON cannot hold. */
  readonly score: number | null;
  /** As the file writes it: what the page shows. */
  readonly written: string;
}

export interface VerdictData {
  readonly run: string;
  readonly runSlug: string;
  readonly task: string;
  readonly models: readonly string[];
  /** URL segments of `models`, in the same order (src/lib/slug.ts). */
  readonly modelSlugs: readonly string[];
  /** The label after review (split runs: the `reasoning/` folder; see `SplitHalves` in model.ts). */
  readonly label: string;
  /** Every label folder this id sits in, in the half `label` is read from. */
  readonly labels: readonly string[];
  /** Split runs: the `output/` label (as first filed) when it differs from `label`. */
  readonly firstFiled?: string;
  /** Split runs: how the halves stand (`reviewed`: moved out of manual-review by the reviewer). */
  readonly halves?: SplitHalves;
  readonly scores?: readonly (readonly ScoreData[])[];
  /** Text of the reasoning file before `<think>`. */
  readonly preamble?: string;
  readonly preambleLine?: number;
  readonly thinking?: string;
  /** 1-based line of the reasoning file on which `thinking` starts (anchors `<runSlug>-L<n>` use file lines). */
  readonly thinkingLine?: number;
  readonly answer?: string;
  /** 1-based line of the reasoning file on which `answer` starts. */
  readonly answerLine?: number;
  readonly finalLabel?: string;
  /** The label the answer was first filed under (output/), when the answer's last word names another. */
  readonly answerFiled?: string;
  /**
   * `same`: identical to the report text up to whitespace; `same-without-comments`: to the
   * without-comments text; `differs`: see `texts[kind = classified-(classifiedText+1)]`; `none`: no text.
   */
  readonly textStatus: 'same' | 'same-without-comments' | 'differs' | 'none';
  /** Index of the distinct classified text (shown once per report, shared by runs that saw it). */
  readonly classifiedText?: number;
  readonly files: readonly { readonly half: string; readonly label: string; readonly provenance: ProvenanceData }[];
}

export interface AgreementData {
  readonly task: string;
  readonly runs: number;
  /** Label → run count, most frequent first. */
  readonly labels: readonly { readonly label: string; readonly runs: number }[];
  readonly summary: string;
}

export interface ReportData {
  readonly key: string;
  readonly source: string;
  readonly id: string;
  readonly section?: string;
  /** The title cut to `TITLE_MAX_CHARS` (src/lib/content/text.ts), as lists and the window title show it. */
  readonly title: string;
  /**
   * When `title` is cut: the whole title (the page's heading shows it) when it fits a page
   * (`FULL_TITLE_MAX_CHARS`), else only its length (the heading says it is cut and where it is whole).
   */
  readonly fullTitle?: string;
  readonly titleChars?: number;
  /** Where the report was first published (GitLab/Launchpad/GitHub issue), when known. */
  readonly original?: string;
  readonly gitlab?: GitlabMetaData;
  readonly markdown: readonly MarkdownSection[];
  /** Where the markdown fields were read from (the issue TOML). */
  readonly markdownProvenance?: readonly ProvenanceData[];
  /** The report text(s): the main text, launchpad's without-comments text when different. */
  readonly texts: readonly TextBlock[];
  /** A note when launchpad's without-comments text equals the main text. */
  readonly notes: readonly string[];
  readonly verdicts: readonly VerdictData[];
  /** The tree's commit this page shows (absent without git history): part of the page's input, so a new commit makes it again. */
  readonly at?: string;
  /** What changed, commit by commit, oldest first (absent without git history). */
  readonly history?: readonly ReportHistoryRow[];
  /** Curated sets (semantic-bugs, user-mode-bugs) holding this report, with their copy's scores. */
  readonly curated: readonly {
    readonly set: string;
    readonly scores?: readonly (readonly ScoreData[])[];
    /** Same meaning as VerdictData.textStatus (`differs`: see `texts[kind = classified-(classifiedText+1)]`). */
    readonly textStatus: VerdictData['textStatus'];
    readonly classifiedText?: number;
    readonly provenance: ProvenanceData;
  }[];
  readonly agreement: readonly AgreementData[];
  /** The verdict table at the top of the page, one row per run. */
  readonly table: readonly VerdictRow[];
  /** This report's rows of `data/verdicts.csv` (header included), linked from the page. */
  readonly verdictsCsv?: string;
}

export interface LabelMember {
  readonly key: string;
  readonly id: string;
  readonly title: string;
  /** The label as first filed (output/), when it differs from this page's label (after review). */
  readonly firstFiled?: string;
  /** Other labels this id also sits under in this run. */
  readonly alsoIn?: readonly string[];
}

export interface CountCompareRow {
  readonly label: string;
  readonly csv: number | null;
  readonly folders: number | null;
  readonly differs: boolean;
}

export interface CuratedFall {
  readonly set: string;
  readonly members: number;
  /** Members that this run classified. */
  readonly classified: number;
  readonly rows: readonly CountCompareRow[];
  /** Whether `csv` was compared against the run's analysis.csv. */
  readonly comparedWithAnalysis: boolean;
  /** The members the comparison counts (`the 41 gitlab semantic-bugs (of 119) classified by …`). */
  readonly basis?: string;
}

export interface RunLabelPage {
  readonly label: string;
  readonly labelSlug: string;
  /** Reports with this label after review. */
  readonly count: number;
  /** Of `count`: first filed under another label (split runs). */
  readonly movedIn: number;
  /** Reports first filed under this label whose label after review is another (split runs). */
  readonly movedOut: number;
  /** 1-based page count; page 1 is `/runs/<slug>/<label-slug>/`, page n is `.../page/<n>/`. */
  readonly pages: number;
}

export interface RunData {
  readonly name: string;
  readonly slug: string;
  readonly layout: string;
  readonly task: string;
  readonly taskTitle: string;
  readonly models: readonly { readonly name: string; readonly slug: string }[];
  readonly thinking: boolean;
  readonly zeroShot?: ZeroShotParams;
  readonly readme?: { readonly text: string; readonly provenance: ProvenanceData };
  readonly total: number;
  /** Reports per label after review; `firstFiled`: per label as first filed (output/), where any split verdict's halves differ. */
  readonly labelCounts: readonly { readonly label: string; readonly labelSlug: string; readonly count: number; readonly firstFiled?: number }[];
  /** Static SVG markup of the label distribution, generated from numbers and escaped labels. */
  readonly chartSvg: string;
  readonly categoriesCsv?: { readonly rows: readonly CountCompareRow[]; readonly provenance: ProvenanceData; readonly differences: number };
  readonly analysisCsv?: { readonly provenance: ProvenanceData };
  readonly curated: readonly CuratedFall[];
  readonly changeLists: readonly ChangeListData[];
  /** Change lists other runs hold that start or end at this run's iteration. */
  readonly relatedChangeLists: readonly RelatedChangeList[];
  readonly labelPages: readonly RunLabelPage[];
  /** Pages of the run's list of every label (`runs/<slug>/labels/`); 0 when the run page lists them all (`labelListPages`). */
  readonly labelListPages: number;
  /** Split runs: verdicts moved by the reviewer out of manual-review, and halves that differ otherwise. */
  readonly review: { readonly reviewed: number; readonly differs: number };
  /** The run's data files (site paths relative to the base): its verdicts, its own count tables. */
  readonly downloads: {
    readonly verdicts?: CsvFileInfo;
    readonly categories?: string;
    readonly analysis?: string;
  };
  readonly compare: RunCompareData;
  /** When the run arrived and what changed in it since (absent without git history). */
  readonly history?: RunHistoryData;
}

/** A run page's links into the comparisons. */
export interface RunCompareData {
  readonly pairs: readonly { readonly other: RunRef; readonly kind: 'task' | 'change-list'; readonly kappa: KappaData }[];
  /** Answers whose last word is not the label they were first filed under. */
  readonly answerMismatches: number;
}

/** A zero-shot change list `<NNN>/<AAA>-<BBB>` (src/lib/content/changes.ts). */
export interface ChangeListData {
  readonly from: string;
  readonly to: string;
  readonly declared: number | null;
  readonly count: number;
  /** Pages of `/changes/<run-slug>/<from>-<to>/` (CHANGES_PER_PAGE rows each). */
  readonly pages: number;
  /** Labels the changes leave and reach, most frequent first. */
  readonly fromLabels: readonly string[];
  readonly toLabels: readonly string[];
  /** Non-empty from → to cells (indexes into the label lists); `first`: index of its first row in `changes`. */
  readonly moves: readonly { readonly from: number; readonly to: number; readonly count: number; readonly first: number }[];
  /** Grouped by move, in matrix order; within a move in report order. `title` cut to a line. */
  readonly changes: readonly { readonly id: string; readonly key: string | null; readonly title: string | null; readonly from: string; readonly to: string }[];
  readonly provenance: ProvenanceData;
  /** The runs of the two iterations, when the archive has them. */
  readonly fromRun?: { readonly name: string; readonly slug: string };
  readonly toRun?: { readonly name: string; readonly slug: string };
}

export interface RelatedChangeList {
  /** The run whose folder holds the list. */
  readonly run: string;
  readonly runSlug: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** `run-members/<run-slug>/<i>-<page>.json` (`<i>`: the label's place among the run's label pages): one page of the reports of one label of one run. */
export interface RunMembersData {
  readonly run: string;
  readonly runSlug: string;
  readonly label: string;
  readonly labelSlug: string;
  readonly members: readonly LabelMember[];
}

export interface ModelData {
  readonly name: string;
  readonly slug: string;
  readonly runs: readonly { readonly name: string; readonly slug: string; readonly task: string; readonly total: number }[];
  /** Union of labels; counts[runIndex] per label (null when the run has no such label). */
  readonly table: readonly { readonly label: string; readonly counts: readonly (number | null)[] }[];
}

export interface SiteData {
  readonly generatedFrom: string;
  readonly sources: readonly { readonly source: string; readonly count: number; readonly pages: number }[];
  readonly reportCount: number;
  readonly runsByTask: readonly {
    readonly task: string;
    readonly title: string;
    readonly runs: readonly { readonly name: string; readonly slug: string; readonly models: readonly string[]; readonly total: number }[];
  }[];
  readonly models: readonly { readonly name: string; readonly slug: string; readonly runs: number }[];
  readonly curatedSets: readonly { readonly name: string; readonly members: number; readonly missing: number }[];
  readonly findings: readonly { readonly path: string; readonly message: string; readonly line?: number; readonly severity: string }[];
  readonly findingCounts: Readonly<Record<string, number>>;
  readonly dumps: readonly {
    readonly file: string;
    readonly style: string;
    readonly status: string;
    readonly path: string | null;
    readonly candidates: readonly string[];
    readonly blob: string;
    readonly shownBlob?: string;
    readonly losses: readonly string[];
    readonly labelGuess?: string;
    readonly reportId?: string;
  }[];
  readonly inputs: { readonly total: number; readonly byLayout: Readonly<Record<string, number>> };
  readonly raw: readonly { readonly path: string; readonly blob: string; readonly size: number; readonly slug: string }[];
  readonly lost: readonly string[];
  readonly unrecognized: readonly string[];
}

/** `source-index/<source>/<page>.json`: one page of a source's report list. */
export interface SourceIndexData {
  readonly source: string;
  readonly page: number;
  readonly pages: number;
  readonly reports: readonly { readonly id: string; readonly stem: string; readonly title: string; readonly verdicts: number }[];
}

export interface RawData {
  readonly path: string;
  readonly blob: string;
  readonly slug: string;
  readonly text: string;
}

/** A run as the comparison pages name it. */
export interface RunRef {
  readonly name: string;
  readonly slug: string;
}

/** Cohen's κ of a pair as stored (null: undefined, shown as such). */
export interface KappaData {
  /** Reports both runs labelled. */
  readonly n: number;
  readonly agreement: number | null;
  readonly kappa: number | null;
  readonly se: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** A report as comparison pages list it. */
export interface ReportRef {
  readonly key: string;
  readonly title: string;
}

/** `task-data/<task>.json`: the runs of one task compared (`/tasks/<task>/`). */
export interface TaskData {
  readonly task: string;
  readonly title: string;
  readonly runs: readonly (RunRef & { readonly models: readonly RunRef[]; readonly total: number })[];
  /** `grid[i][j]`: runs i and j compared; null on the diagonal. Empty for zero-shot iterations. */
  readonly grid: readonly (readonly (KappaData | null)[])[];
  /** Reports any run of the task labelled; reports every run labelled; of those, all runs agreed. */
  readonly reports: number;
  readonly common: number;
  readonly unanimous: number;
  /** The unanimous reports (TaskComparison.unanimous), in report order. */
  readonly unanimousReports: readonly ReportRef[];
  /** Labelled by two or more runs but not all, one label among those: not counted as unanimous. */
  readonly oneLabelNotAll: number;
  readonly alpha: { readonly alpha: number | null; readonly pairable: number; readonly units: number } | null;
  readonly fleiss: number | null;
  /** Every contested report, most contested first (TaskComparison.contested). */
  readonly contested: readonly ContestedData[];
  /** Zero-shot: the iteration pairs a change list joins. */
  readonly iterationPairs: readonly { readonly a: RunRef; readonly b: RunRef; readonly kappa: KappaData }[];
}

export interface ContestedData extends ReportRef {
  /** Distinct labels among the runs that labelled it; those runs; the runs giving its most common label. */
  readonly distinct: number;
  readonly runs: number;
  readonly top: number;
  readonly rank: number;
  readonly tied: boolean;
  readonly labels: readonly { readonly run: string; readonly label: string }[];
}

/** One cell of a pair's confusion matrix, with its reports. */
export interface PairCellData {
  readonly a: string;
  readonly b: string;
  /** Slugs of the case-folded labels (the cell's URL). */
  readonly aSlug: string;
  readonly bSlug: string;
  readonly pages: number;
  readonly reports: readonly ReportRef[];
}

/** `compare-data/<a-slug>--<b-slug>.json`: two runs compared, in canonical order (run names sorted). */
export interface PairData {
  readonly kind: 'task' | 'change-list';
  readonly task: string;
  readonly taskTitle: string;
  readonly a: RunRef & { readonly total: number };
  readonly b: RunRef & { readonly total: number };
  readonly onlyA: readonly ReportRef[];
  readonly onlyB: readonly ReportRef[];
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** The rows' and columns' categories as compared: the exact label, case-folded (data-fig attributes). */
  readonly rowKeys: readonly string[];
  readonly columnKeys: readonly string[];
  readonly matrix: readonly (readonly number[])[];
  readonly kappa: KappaData;
  readonly cells: readonly PairCellData[];
  /** For iteration pairs: the change list that joins them (run slug of the list's folder, from, to). */
  readonly changeList?: { readonly runSlug: string; readonly from: string; readonly to: string };
}

/** `set-data/<name>.json`: a curated set's members and what every run said of each. */
export interface SetData {
  readonly name: string;
  readonly runs: readonly (RunRef & { readonly task: string })[];
  readonly members: readonly (ReportRef & { readonly id: string; readonly labels: readonly (string | null)[] })[];
  readonly pages: number;
  /** Runs with an analysis table, compared on the basis its total fits. */
  readonly analysis: readonly (RunRef & { readonly basis: string; readonly rows: readonly CountCompareRow[] })[];
}

/** `reviewer-data/reviewer.json`: what the person who reviewed the split runs changed, per run. */
export interface ReviewerData {
  readonly runs: readonly (RunRef & {
    readonly total: number;
    /** Labels as first filed (output/) of the moved verdicts: rows of `matrix`. */
    readonly filed: readonly string[];
    /** Labels after review (reasoning/) of the moved verdicts: columns of `matrix`. */
    readonly reviewedLabels: readonly string[];
    /** `matrix[i][j]`: verdicts first filed under filed[i] and reviewed as reviewedLabels[j]; empty (as are `filed` and `reviewedLabels`) past MATRIX_MAX_LABELS a side. */
    readonly matrix: readonly (readonly number[])[];
    /** Past MATRIX_MAX_LABELS a side: the MOVES_LISTED largest first filed → after review moves, of `moveKinds`, between so many labels a side. */
    readonly moves?: readonly { readonly filed: string; readonly label: string; readonly count: number }[];
    readonly moveKinds?: number;
    readonly labelsBySide?: { readonly filed: number; readonly reviewed: number };
    /** Moved out of manual-review by the reviewer. */
    readonly reviewed: readonly (ReportRef & { readonly filed: string; readonly label: string })[];
    /** Halves that differ in another way (not explained). */
    readonly differs: readonly (ReportRef & { readonly filed: string; readonly label: string })[];
    /** Verdicts first filed under manual-review, by their label after review. */
    readonly manualReview: readonly { readonly label: string; readonly count: number }[];
    /** Labels of `manualReview` left out (it lists RUN_LABELS_LISTED, those with the most verdicts). */
    readonly manualReviewLeft: number;
  })[];
  /** Answers whose last word is not the label they were first filed under, per run. */
  readonly answerMismatches: readonly (RunRef & { readonly count: number; readonly filedUnderManualReview: number })[];
}

/** One row of a report's verdict table. */
export interface VerdictRow {
  readonly run: string;
  readonly runSlug: string;
  readonly task: string;
  /** Runs of that task in the archive (a report is unanimous only when every one labelled it alike). */
  readonly taskRuns: number;
  readonly label: string;
  /** The label as first filed (output/), where it differs from `label` (after review). */
  readonly firstFiled?: string;
  /** Split runs: how the halves stand. */
  readonly halves?: SplitHalves;
  /**
   * Against the other runs of the task on this report: `agrees` / `differs` with the majority
   * label, `split` (no label has a majority), `alone` (no other run of the task labelled it),
   * `own-labels` (zero-shot iterations each have their own label set).
   */
  readonly majority: 'agrees' | 'differs' | 'split' | 'alone' | 'own-labels';
  readonly majorityLabel?: string;
  /** Runs of the task that gave another label, each with its cell on the pair's page. */
  readonly others: readonly { readonly run: string; readonly label: string; readonly cell: readonly [string, string, string, string] }[];
}

/** What every page says it shows (`content/tree.json`, read by the shared layout). */
export interface TreeStamp {
  /** The tree's commit; absent when the tree has no git history. */
  readonly commit?: string;
  readonly short?: string;
  /** Its committer date, `2025-09-30 14:02 UTC`. */
  readonly date?: string;
  readonly subject?: string;
  /** Why there is no history (no git repository, git could not read it). */
  readonly noHistory?: string;
  /** The day the content was written, `2026-12-04` (UTC; `BUILD_DATE` overrides it). */
  readonly built: string;
}

/** One change to a report in one commit, as its page's history lists it. */
export interface ReportChangeData {
  /** `arrived`, `reviewed`, `relabelled`, `moved` (a restructure: no verdict changed), `gone`, `text` (the file's bytes changed). */
  readonly what: 'arrived' | 'reviewed' | 'relabelled' | 'moved' | 'gone' | 'text';
  /** The run (its name today, or its last name); absent for the report's own files. */
  readonly run?: string;
  /** The run's page when it exists today (`runs/<slug>/`), else its page among the runs that ended. */
  readonly runHref?: string;
  /** The name the run had then, when it was another. */
  readonly runThen?: string;
  /** The label before (reviewed, relabelled, gone) and after (arrived, reviewed, relabelled). */
  readonly from?: string;
  readonly to?: string;
  /** Which halves: `output`, `reasoning`, `flat`, or both of a split run (`output+reasoning`). */
  readonly halves: string;
}

export interface ReportHistoryRow {
  readonly commit: string;
  readonly short: string;
  readonly date: string;
  readonly subject: string;
  /** `history/<short>/`. */
  readonly href: string;
  readonly changes: readonly ReportChangeData[];
}

/** A commit on `/history/`, newest first: its effect in numbers. */
export interface HistoryLogEntry {
  readonly commit: string;
  readonly short: string;
  readonly date: string;
  /** The date as git gave it (ISO 8601 / RFC 3339), for the feed and `<time datetime>`. */
  readonly iso: string;
  readonly subject: string;
  readonly href: string;
  /** One line per kind of effect: `+551 verdicts: phi4:14b`. */
  readonly effects: readonly string[];
  readonly changes: number;
  readonly pages: number;
}

/** `content/history/index.json`. */
export interface HistoryIndexData {
  readonly head: { readonly commit: string; readonly short: string; readonly date: string; readonly iso: string; readonly subject: string };
  readonly log: readonly HistoryLogEntry[];
  readonly ended: readonly { readonly name: string; readonly slug: string; readonly href: string; readonly arrived: string; readonly ended: string }[];
}

/** One line of a commit page: a change to one file. */
export interface HistoryChangeRow {
  readonly kind: string;
  readonly report: string;
  readonly reportHref?: string;
  readonly run?: string;
  readonly runThen?: string;
  readonly half?: string;
  readonly from?: string;
  readonly to?: string;
  readonly path: string;
  readonly fromPath?: string;
}

/** `content/history/commits/<short>/<page>.json`. */
export interface HistoryCommitPage {
  readonly entry: HistoryLogEntry;
  readonly page: number;
  readonly rows: readonly HistoryChangeRow[];
  readonly previous?: string;
  readonly next?: string;
}

/** A run's life on its page (today's runs) or on its own page (runs that ended). */
export interface RunHistoryData {
  readonly name: string;
  readonly slug: string;
  readonly names: readonly string[];
  readonly arrived: { readonly commit: string; readonly short: string; readonly date: string; readonly subject: string; readonly href: string };
  readonly changed: readonly { readonly commit: string; readonly short: string; readonly date: string; readonly subject: string; readonly href: string; readonly what: string }[];
  readonly ended?: { readonly commit: string; readonly short: string; readonly date: string; readonly subject: string; readonly href: string };
  readonly lastLabels?: readonly { readonly label: string; readonly count: number }[];
  /** Reports it had verdicts on, with their pages today (absent when the report is gone too). */
  readonly reports?: readonly { readonly key: string; readonly href?: string }[];
}
