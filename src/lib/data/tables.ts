/**
 * The tables the site publishes under `<base>data/`. One entry each: its CSV, its resource in
 * datapackage.json and its section of the /data/ page all come from the entry.
 */
import type { HistoryEvent } from '../history/types.ts';
import type { Finding, Report, ResultsModel, Run, Score, Verdict } from '../model.ts';
import { originalReportUrl } from '../content/report.ts';
import { compare as cmp, compareKeys } from '../order.ts';
import { verdictsByRun } from '../content/runVerdicts.ts';
import { cellText, defineTable, type AnyDataTable } from './table.ts';
import { csvText } from './csv.ts';
import { comparisonsOf, uniquePairs } from '../compare/comparisons.ts';
import type { PairComparison } from '../compare/types.ts';

/** Source and id of a report key (`gitlab/2469`), from the report where the model has it. */
function sourceAndId(model: ResultsModel, key: string): { source: string; id: string } {
  const r = model.reports.get(key);
  if (r) return { source: r.source, id: r.id };
  const i = key.indexOf('/');
  return { source: key.slice(0, i), id: key.slice(i + 1) };
}

const runsByName = (model: ResultsModel): Run[] => [...model.runs.values()].sort((a, b) => cmp(a.name, b.name));

/** A run's published verdict files: its path under the base (`runs/<slug>/verdicts.csv`). */
export function runVerdictsPath(run: Pick<Run, 'slug'>): string {
  return `runs/${run.slug}/verdicts.csv`;
}

const SOURCE = 'Where the report was scraped from: gitlab, gitlab-semantic, launchpad, mailinglist, box64, fex; unknown when no scrape has the id.';
const ID = 'The report id as the tree names it (leading zeros kept); unique together with source.';
const RUN = 'The run as the tree names it (`mode-deepseek-r1:32b`, `zero-shot/105`).';

interface VerdictRow {
  readonly verdict: Verdict;
  readonly run: Run;
  readonly source: string;
  readonly id: string;
}

const verdicts = defineTable<VerdictRow>({
  name: 'verdicts',
  title: 'Verdicts',
  row: 'a run × report: the label one run gave one report',
  description:
    'Every verdict of every classifier run, with the tree paths and git blob ids of the files it was read from. The report texts and the reasoning stay on the report pages.',
  primaryKey: ['source', 'id', 'run'],
  foreignKeys: [
    { fields: ['source', 'id'], reference: { resource: 'reports', fields: ['source', 'id'] } },
    { fields: ['run'], reference: { resource: 'runs', fields: ['run'] } },
  ],
  rows: function* (model) {
    const byRun = verdictsByRun(model);
    for (const run of runsByName(model)) {
      for (const verdict of byRun.get(run.name) ?? []) yield { verdict, run, ...sourceAndId(model, verdict.reportKey) };
    }
  },
  parts: { of: 'run', path: (row) => runVerdictsPath(row.run) },
  fields: [
    { name: 'source', type: 'string', description: SOURCE, value: (r) => r.source },
    { name: 'id', type: 'string', description: ID, value: (r) => r.id },
    { name: 'run', type: 'string', description: RUN, value: (r) => r.run.name },
    { name: 'task', type: 'string', description: 'What the run was asked: categories, mode, accel, user-mode or zero-shot.', value: (r) => r.run.task },
    { name: 'models', type: 'array', description: 'The run’s model names (two for zero-shot runs with a compare model; empty when not recorded).', value: (r) => r.run.models },
    {
      name: 'label',
      type: 'string',
      description:
        'The run’s label after review, the one every count and comparison of the site uses: for split runs the label folder of the `reasoning/` half (where the reviewer moved the files first filed under manual-review), for flat and zero-shot runs the label folder.',
      value: (r) => r.verdict.label,
    },
    { name: 'labels', type: 'array', description: 'Every label folder holding this id in the half `label` is read from (usually just `label`).', value: (r) => r.verdict.labels },
    {
      name: 'first_filed_label',
      type: 'string',
      description:
        'Split runs: the label folder of the `output/` half, the label as first filed by the pipeline (manual-review when it could not read a label from the answer). Empty for other layouts and where the id has no output/ file.',
      value: (r) => r.verdict.files.find((f) => f.half === 'output')?.label,
    },
    {
      name: 'halves',
      type: 'string',
      description:
        'Split runs: how `first_filed_label` stands to `label`: same; reviewed (first filed under manual-review, moved by the reviewer); differs (another difference, not explained); output-only or reasoning-only (the id is in one half only). Empty for other layouts.',
      constraints: { enum: ['same', 'reviewed', 'differs', 'output-only', 'reasoning-only'] },
      value: (r) => r.verdict.halves,
    },
    {
      name: 'answer_label',
      type: 'string',
      description: 'The last word of the model’s reasoning (cleaned of markup), where the run has reasoning and it ends in a word.',
      value: (r) => r.verdict.reasoning?.finalLabel,
    },
    {
      name: 'top_score',
      type: 'number',
      description: 'Zero-shot runs: the first score of the file, written exactly as the file has it.',
      value: (r) => topScore(r.verdict)?.written,
    },
    { name: 'top_score_label', type: 'string', description: 'The label of `top_score`.', value: (r) => topScore(r.verdict)?.label },
    {
      name: 'paths',
      type: 'array',
      description: 'Tree paths (from `results/`) of the run’s files about this report, output/ or flat before reasoning/.',
      value: (r) => r.verdict.files.map((f) => f.provenance.path),
    },
    { name: 'blobs', type: 'array', description: 'Git blob ids (sha-1) of those files, in the same order as `paths`.', value: (r) => r.verdict.files.map((f) => f.provenance.blob) },
  ],
});

function topScore(v: Verdict): Score | undefined {
  return v.scores?.[0]?.[0];
}

const reports = defineTable<Report>({
  name: 'reports',
  title: 'Reports',
  row: 'a scraped report (or an id no scrape has, with source unknown)',
  description: 'The scraped bug reports: titles, GitLab metadata and where each was read from. The texts are on the report pages.',
  primaryKey: ['source', 'id'],
  rows: (model) => [...model.reports.values()].sort((a, b) => compareKeys(a.key, b.key)),
  fields: [
    { name: 'source', type: 'string', description: SOURCE, value: (r) => r.source },
    { name: 'id', type: 'string', description: ID, value: (r) => r.id },
    { name: 'section', type: 'string', description: 'Sub-folder under the source, e.g. documentation for some box64/FEX issues.', value: (r) => r.section },
    { name: 'title', type: 'string', description: 'The title (the GitLab TOML’s, else the text’s first line).', value: (r) => r.title },
    { name: 'state', type: 'string', description: 'GitLab issues: opened or closed.', value: (r) => r.gitlab?.state },
    { name: 'created_at', type: 'datetime', format: 'any', description: 'GitLab issues: when it was opened, as GitLab wrote it (ISO 8601, UTC).', value: (r) => r.gitlab?.createdAt },
    { name: 'closed_at', type: 'datetime', format: 'any', description: 'GitLab issues: when it was closed, as GitLab wrote it.', value: (r) => r.gitlab?.closedAt },
    { name: 'target', type: 'string', description: 'GitLab issues: the target architecture folder (`missing` when GitLab had none).', value: (r) => r.gitlab?.target },
    { name: 'host', type: 'string', description: 'GitLab issues: the host folder.', value: (r) => r.gitlab?.host },
    { name: 'accel', type: 'string', description: 'GitLab issues: the accelerator folder (KVM, TCG, …).', value: (r) => r.gitlab?.accel },
    { name: 'host_os', type: 'string', description: 'GitLab issues: host OS from the issue template.', value: (r) => r.gitlab?.hostOs },
    { name: 'host_arch', type: 'string', description: 'GitLab issues: host architecture from the issue template.', value: (r) => r.gitlab?.hostArch },
    { name: 'guest_os', type: 'string', description: 'GitLab issues: guest OS from the issue template.', value: (r) => r.gitlab?.guestOs },
    { name: 'guest_arch', type: 'string', description: 'GitLab issues: guest architecture from the issue template.', value: (r) => r.gitlab?.guestArch },
    { name: 'qemu_version', type: 'string', description: 'GitLab issues: QEMU version from the issue template.', value: (r) => r.gitlab?.qemuVersion },
    { name: 'gitlab_labels', type: 'array', description: 'GitLab issues: the issue’s GitLab labels.', value: (r) => r.gitlab?.labels },
    { name: 'url', type: 'string', description: 'Where the report was first published (GitLab, Launchpad or GitHub issue), when known.', value: (r) => originalReportUrl(r) },
    { name: 'paths', type: 'array', description: 'Tree paths the report was read from.', value: (r) => r.provenance.map((p) => p.path) },
    { name: 'blobs', type: 'array', description: 'Git blob ids of those files, in the same order as `paths`.', value: (r) => r.provenance.map((p) => p.blob) },
  ],
});

interface ScoreRow {
  readonly source: string;
  readonly id: string;
  readonly run: string;
  readonly group: number;
  readonly rank: number;
  readonly score: Score;
}

const scores = defineTable<ScoreRow>({
  name: 'scores',
  title: 'Zero-shot scores',
  row: 'a score line of a zero-shot file (run × report × label)',
  description:
    'Every `label: score` line of the zero-shot files, in long form. Rows whose run is a curated set (semantic-bugs, user-mode-bugs) hold the scores the set’s own copy of the report carries.',
  primaryKey: ['source', 'id', 'run', 'group', 'rank'],
  foreignKeys: [{ fields: ['source', 'id'], reference: { resource: 'reports', fields: ['source', 'id'] } }],
  rows: function* (model) {
    const byRun = verdictsByRun(model);
    const of = function* (source: string, id: string, run: string, groups: readonly (readonly Score[])[] | undefined) {
      for (const [g, group] of (groups ?? []).entries()) {
        for (const [i, score] of group.entries()) yield { source, id, run, group: g + 1, rank: i + 1, score };
      }
    };
    for (const run of runsByName(model)) {
      for (const v of byRun.get(run.name) ?? []) {
        const { source, id } = sourceAndId(model, v.reportKey);
        yield* of(source, id, run.name, v.scores);
      }
    }
    for (const set of model.curatedSets) {
      for (const m of [...set.members].sort((a, b) => compareKeys(a.reportKey, b.reportKey))) {
        const { source, id } = sourceAndId(model, m.reportKey);
        yield* of(source, id, set.name, m.scores);
      }
    }
  },
  fields: [
    { name: 'source', type: 'string', description: SOURCE, value: (r) => r.source },
    { name: 'id', type: 'string', description: ID, value: (r) => r.id },
    { name: 'run', type: 'string', description: `${RUN} Or the curated set whose copy of the report carries the scores.`, value: (r) => r.run },
    { name: 'group', type: 'integer', description: 'Which block of scores: 1, or 2, 3… after each `----` line of the file.', value: (r) => r.group },
    { name: 'rank', type: 'integer', description: 'Position within the block, 1 first (the file lists the highest first).', value: (r) => r.rank },
    { name: 'label', type: 'string', description: 'The candidate label.', value: (r) => r.score.label },
    {
      name: 'score',
      type: 'number',
      description: 'The score exactly as the file writes it (`0.922`, `1e-05`; read it as text to keep digits a double cannot hold).',
      value: (r) => r.score.written,
    },
  ],
});

const runs = defineTable<Run>({
  name: 'runs',
  title: 'Runs',
  row: 'a classifier run (zero-shot iterations included)',
  description: 'The classifier runs: task, models, layout, how many reports each classified, and the parameters of the zero-shot iterations.',
  primaryKey: ['run'],
  rows: runsByName,
  fields: [
    { name: 'run', type: 'string', description: RUN, value: (r) => r.name },
    { name: 'slug', type: 'string', description: 'The run’s name in URLs: its page is `runs/<slug>/`, its verdicts `runs/<slug>/verdicts.csv`.', value: (r) => r.slug },
    { name: 'task', type: 'string', description: 'What the run was asked: categories, mode, accel, user-mode or zero-shot.', value: (r) => r.task },
    { name: 'layout', type: 'string', description: 'split (output/ + reasoning/), flat (label folders of texts) or zero-shot (scored texts).', value: (r) => r.layout },
    { name: 'models', type: 'array', description: 'Model names (empty when not recorded).', value: (r) => r.models },
    { name: 'thinking', type: 'boolean', description: 'false for no-thinking- runs (the model without its reasoning phase).', value: (r) => r.thinking },
    { name: 'labels', type: 'array', description: 'The label folders of the run.', value: (r) => r.labels },
    { name: 'zero_shot_model', type: 'string', description: 'Zero-shot iterations: the model its README names.', value: (r) => r.zeroShot?.model },
    { name: 'compare_model', type: 'string', description: 'Zero-shot iterations: the compare model its README names.', value: (r) => r.zeroShot?.compareModel },
    { name: 'multi_label', type: 'boolean', description: 'Zero-shot iterations: the README’s multi_label.', value: (r) => r.zeroShot?.multiLabel },
    { name: 'number_bugs', type: 'integer', description: 'Zero-shot iterations: the README’s number_bugs.', value: (r) => r.zeroShot?.numberBugs },
    { name: 'categories_csv', type: 'string', description: 'Tree path of the run’s categories.csv (published beside its page).', value: (r) => r.categoriesCsv?.provenance.path },
    { name: 'analysis_csv', type: 'string', description: 'Tree path of the run’s analysis.csv (published beside its page).', value: (r) => r.analysisCsv?.provenance.path },
  ],
});

const findings = defineTable<Finding>({
  name: 'findings',
  title: 'Build report findings',
  row: 'a problem the reader found in the tree',
  description: 'Everything the build report lists: files that do not parse, counts that disagree with the folders, split verdicts whose halves differ (reviews out of manual-review among them), unplaced dumps…',
  rows: (model) => model.findings,
  fields: [
    { name: 'severity', type: 'string', description: 'error, warning or info.', value: (f) => f.severity },
    { name: 'path', type: 'string', description: 'The tree path (or dump file) the finding is about.', value: (f) => f.path },
    { name: 'line', type: 'integer', description: 'The 1-based line, where it helps.', value: (f) => f.line },
    { name: 'message', type: 'string', description: 'What is wrong.', value: (f) => f.message },
  ],
});

/**
 * Every published table, in the order the /data/ page lists them. To publish another table,
 * add its `defineTable({...})` here: the CSV, its datapackage.json resource and its /data/
 * section follow.
 */
const NA = 'Empty when undefined: κ has no value when chance agreement is 1 (both runs gave one and the same label throughout).';

const agreement = defineTable<PairComparison>({
  name: 'agreement',
  title: 'Agreement between runs',
  row: 'a pair of runs: two runs of one task, or two zero-shot iterations a change list joins',
  description:
    'How two runs agree over the reports both labelled, as on the pair pages (/compare/<a>/<b>/): each run’s label after review (for split runs the reasoning/ folder, the `label` column of verdicts.csv), labels differing only in case counted as one. Cohen’s κ with the large-sample standard error of Fleiss, Cohen & Everitt (1969) and its 95 % interval, kept within [−1, 1]. Each pair’s confusion matrix is beside its page as matrix.csv.',
  primaryKey: ['run_a', 'run_b'],
  foreignKeys: [
    { fields: ['run_a'], reference: { resource: 'runs', fields: ['run'] } },
    { fields: ['run_b'], reference: { resource: 'runs', fields: ['run'] } },
  ],
  rows: (model) => {
    const c = comparisonsOf(model, compareKeys);
    return [...c.tasks.flatMap((t) => t.pairs), ...uniquePairs(c.iterationPairs)].sort((x, y) => cmp(x.task, y.task) || cmp(x.a, y.a) || cmp(x.b, y.b));
  },
  fields: [
    { name: 'task', type: 'string', description: 'The task of both runs (told by their label sets); zero-shot for iteration pairs.', value: (p) => p.task },
    { name: 'kind', type: 'string', description: 'task: two runs of one task; change-list: two zero-shot iterations a change list joins.', value: (p) => p.kind },
    { name: 'run_a', type: 'string', description: 'The first run (run names sorted).', value: (p) => p.a },
    { name: 'run_b', type: 'string', description: 'The second run.', value: (p) => p.b },
    { name: 'n_both', type: 'integer', description: 'Reports both runs labelled: the population of every figure in the row.', value: (p) => p.both.length },
    { name: 'only_a', type: 'integer', description: 'Reports only run_a labelled.', value: (p) => p.onlyA.length },
    { name: 'only_b', type: 'integer', description: 'Reports only run_b labelled.', value: (p) => p.onlyB.length },
    { name: 'agreement', type: 'number', description: 'Share of n_both given the same label (0–1).', value: (p) => p.kappa.agreement ?? undefined },
    { name: 'kappa', type: 'number', description: `Cohen’s κ. ${NA}`, value: (p) => p.kappa.kappa ?? undefined },
    { name: 'kappa_se', type: 'number', description: `Standard error of κ (Fleiss, Cohen & Everitt 1969). ${NA}`, value: (p) => p.kappa.se ?? undefined },
    { name: 'kappa_low', type: 'number', description: `Lower bound of κ’s 95 % interval. ${NA}`, value: (p) => p.kappa.low ?? undefined },
    { name: 'kappa_high', type: 'number', description: `Upper bound of κ’s 95 % interval. ${NA}`, value: (p) => p.kappa.high ?? undefined },
  ],
});

const history = defineTable<HistoryEvent & { readonly date: string; readonly subject: string }>({
  name: 'history',
  title: 'History of the verdicts and reports',
  row: 'a change to one file of the tree in one commit (a verdict appeared, moved or went; a report appeared, changed or went)',
  description:
    'Read from the tree’s git history (git log --raw -M: blob ids and renames), oldest commit first, and in each commit in git’s order. Empty (no rows) when the tree was not read from git. A move whose label stayed is a restructure, not a change of verdict; a move out of reasoning/manual-review is a review. After a merge only the first-parent line is read.',
  rows: (model) => {
    const h = model.history;
    if (!h) return [];
    const commits = new Map(h.commits.map((c) => [c.sha, c]));
    return h.events.map((e) => ({ ...e, date: commits.get(e.commit)?.date ?? '', subject: commits.get(e.commit)?.subject ?? '' }));
  },
  fields: [
    { name: 'commit', type: 'string', description: 'The commit (full id).', value: (e) => e.commit },
    { name: 'date', type: 'string', description: 'Its committer date, ISO 8601 with the committer’s offset, as git gives it.', value: (e) => e.date },
    { name: 'subject', type: 'string', description: 'Its subject line.', value: (e) => e.subject },
    { name: 'kind', type: 'string', description: 'appear, review (reasoning/manual-review → a label), relabel (another label otherwise), restructure (the path moved, the label did not), disappear, or text (the file’s bytes changed).', value: (e) => (e.kind === 'move' ? e.move ?? 'move' : e.kind) },
    { name: 'source', type: 'string', description: 'The report’s source (unknown: no report has the id).', value: (e) => e.report.slice(0, e.report.indexOf('/')) },
    { name: 'id', type: 'string', description: 'The report’s id.', value: (e) => e.report.slice(e.report.indexOf('/') + 1) },
    { name: 'run', type: 'string', description: 'The run, under its name today (or its last name, for a run that ended); empty for the report’s own files.', value: (e) => e.run },
    { name: 'half', type: 'string', description: 'output, reasoning (split runs) or flat; empty for the report’s own files.', value: (e) => e.half },
    { name: 'from', type: 'string', description: 'The label before (review, relabel, restructure, disappear, text).', value: (e) => e.from },
    { name: 'to', type: 'string', description: 'The label after (appear, review, relabel, restructure, text).', value: (e) => e.to },
  ],
});


export const DATA_TABLES: readonly AnyDataTable[] = [verdicts, reports, scores, runs, findings, agreement, history];

/**
 * One report's rows of `data/verdicts.csv`, as CSV with its header (the report page links them):
 * the same columns and cells as the whole file, in run order.
 */
export function reportVerdictsCsv(model: ResultsModel, reportVerdicts: readonly Verdict[]): string {
  const rows = [...reportVerdicts]
    .sort((a, b) => cmp(a.run, b.run))
    .flatMap((verdict) => {
      const run = model.runs.get(verdict.run);
      return run ? [{ verdict, run, ...sourceAndId(model, verdict.reportKey) }] : [];
    });
  const columns = verdicts.fields.map((f) => ({ name: f.name, numeric: f.type === 'integer' || f.type === 'number' }));
  return csvText(columns, rows.map((row) => verdicts.fields.map((f) => cellText(f.type, f.value(row)))));
}
