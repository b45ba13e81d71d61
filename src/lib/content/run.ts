/** Run pages: `run-data/<slug>.json`, `run-members/<slug>/<i>-<page>.json`. */
import type { CountTable, ResultsModel, Run, Verdict } from '../model.ts';
import { labelSlug } from '../slug.ts';
import { compare as cmp, compareKeys } from '../order.ts';
import { modelSlugOf } from './modelPages.ts';
import { provData } from './provenance.ts';
import { barChartSvg } from './barChart.ts';
import { analysisBasis } from '../tree/curated.ts';
import { TASK_TITLES } from './tasks.ts';
import { cutTitle, visibleName } from './text.ts';
import { changeListData, relatedChangeLists } from './changes.ts';
import type { CountCompareRow, CuratedFall, LabelMember, RunCompareData, RunData, RunLabelPage, RunMembersData } from './types.ts';

/** Reports listed per label page; a label with more is split into `/page/<n>/`. */
export const MEMBERS_PER_PAGE = 800;

/**
 * A run page lists, charts and tables at most this many labels, those with the most reports (a
 * run with thousands of labels would make a page of megabytes); every label keeps its own page,
 * and the run's verdicts.csv has every verdict. The page says how many are left out.
 */
export const RUN_LABELS_LISTED = 200;

/** Labels per page of a run's list of every label (`runs/<slug>/labels/`, src/lib/paths.ts). */
export const LABELS_PER_PAGE = 500;

/**
 * The one rule for a page that lists a run's labels: up to `RUN_LABELS_LISTED` it lists them
 * all; past that it lists the largest (`listedLabels`) and links a list of every label, in
 * label order, `LABELS_PER_PAGE` a page. The pages of that list: 0 when none is needed.
 *   `labelListPages(200)` → 0, `labelListPages(201)` → 1, `labelListPages(5000)` → 10
 */
export function labelListPages(labels: number): number {
  return labels > RUN_LABELS_LISTED ? Math.ceil(labels / LABELS_PER_PAGE) : 0;
}

/** A model page's label table within the same bound: rows with the most reports over its runs. */
export function listedModelRows<T extends { readonly label: string; readonly counts: readonly (number | null)[] }>(rows: readonly T[]): { shown: T[]; left: number } {
  const withCount = rows.map((row) => ({ row, label: row.label, count: row.counts.reduce<number>((a, c) => a + (c ?? 0), 0) }));
  const { shown, left } = listedLabels(withCount);
  return { shown: shown.map((r) => r.row), left };
}

/**
 * A count table (categories.csv or analysis.csv against the folders) within the same bound: the
 * rows that differ first, then those that count most, in their own order; `caption` says what is
 * left out. `(rows, 'Label counts')` → `{ shown, caption: 'Label counts (…; 50 more rows are not shown)' }`.
 */
export function listedCountRows<T extends { readonly label: string; readonly csv: number | null; readonly folders: number | null; readonly differs: boolean }>(
  rows: readonly T[],
  caption: string,
  n = RUN_LABELS_LISTED,
): { shown: T[]; caption: string } {
  if (rows.length <= n) return { shown: [...rows], caption };
  const rank = (r: T) => Math.max(r.csv ?? 0, r.folders ?? 0);
  const keep = new Set([...rows].sort((a, b) => Number(b.differs) - Number(a.differs) || rank(b) - rank(a) || cmp(a.label, b.label)).slice(0, n));
  return { shown: rows.filter((r) => keep.has(r)), caption: `${caption} (the ${n} rows that differ or count most; ${rows.length - n} more rows are not shown)` };
}

/** The labels a run page shows: all up to `RUN_LABELS_LISTED`, else the largest, in their own order. */
export function listedLabels<T extends { readonly label: string; readonly count: number }>(rows: readonly T[], n = RUN_LABELS_LISTED): { shown: T[]; left: number } {
  if (rows.length <= n) return { shown: [...rows], left: 0 };
  const keep = new Set([...rows].sort((a, b) => b.count - a.count || cmp(a.label, b.label)).slice(0, n));
  return { shown: rows.filter((r) => keep.has(r)), left: rows.length - n };
}

function compareCounts(csv: ReadonlyMap<string, number> | undefined, folders: ReadonlyMap<string, number>): CountCompareRow[] {
  const labels = new Set([...(csv?.keys() ?? []), ...folders.keys()]);
  return [...labels].sort(cmp).map((label) => {
    const c = csv ? (csv.get(label) ?? null) : null;
    const f = folders.get(label) ?? null;
    return { label, csv: c, folders: f, differs: csv !== undefined && (c ?? 0) !== (f ?? 0) };
  });
}

function tableMap(t: CountTable | undefined): Map<string, number> | undefined {
  if (!t) return undefined;
  const m = new Map<string, number>();
  for (const r of t.rows) m.set(r.category, (m.get(r.category) ?? 0) + r.count);
  return m;
}

/** Verdicts per label as first filed: the `output/` half of a split run, else the label. */
function firstFiledCounts(verdicts: readonly Verdict[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of verdicts) {
    const filed = v.halves === 'reasoning-only' ? undefined : (v.firstFiled ?? v.label);
    if (filed !== undefined) counts.set(filed, (counts.get(filed) ?? 0) + 1);
  }
  return counts;
}

export interface RunContent {
  /** Without `downloads`, which the data files give (src/lib/content/index.ts). */
  readonly data: Omit<RunData, 'downloads'>;
  readonly members: { readonly file: string; readonly data: RunMembersData }[];
}

export function runContent(model: ResultsModel, run: Run, verdicts: readonly Verdict[], compare: RunCompareData): RunContent {
  // Members per label after review (an id in two folders of that half is listed under both).
  const byLabel = new Map<string, LabelMember[]>();
  for (const label of run.labels) byLabel.set(label, []);
  const review = { reviewed: 0, differs: 0 };
  for (const v of verdicts) {
    const r = model.reports.get(v.reportKey);
    if (v.halves === 'reviewed') review.reviewed++;
    if (v.halves === 'differs') review.differs++;
    for (const label of v.labels) {
      const m: { -readonly [K in keyof LabelMember]: LabelMember[K] } = { key: v.reportKey, id: v.id, title: cutTitle(r?.title ?? v.id) };
      if (v.firstFiled !== undefined) m.firstFiled = v.firstFiled;
      const others = v.labels.filter((l) => l !== label);
      if (others.length) m.alsoIn = others;
      const list = byLabel.get(label) ?? [];
      list.push(m);
      byLabel.set(label, list);
    }
  }
  const labels = [...byLabel.keys()].sort(cmp);
  const labelPages: RunLabelPage[] = [];
  const members: RunContent['members'] = [];
  labels.forEach((label, i) => {
    const list = byLabel.get(label)!;
    const pages = Math.max(1, Math.ceil(list.length / MEMBERS_PER_PAGE));
    const movedIn = list.filter((m) => m.firstFiled !== undefined).length;
    const movedOut = verdicts.filter((v) => v.firstFiled === label).length;
    labelPages.push({ label, labelSlug: labelSlug(label), count: list.length, movedIn, movedOut, pages });
    for (let p = 1; p <= pages; p++) {
      members.push({
        file: `run-members/${run.slug}/${i}-${p}.json`,
        data: {
          run: run.name,
          runSlug: run.slug,
          label,
          labelSlug: labelSlug(label),
          members: list.slice((p - 1) * MEMBERS_PER_PAGE, p * MEMBERS_PER_PAGE),
        },
      });
    }
  });

  const folderCounts = new Map<string, number>();
  for (const label of new Set([...run.labels, ...Object.keys(run.labelCounts)])) {
    folderCounts.set(label, run.labelCounts[label] ?? 0);
  }
  // The first-filed basis, beside the other and named as such, only where the halves differ.
  const filedCounts = review.reviewed + review.differs > 0 ? firstFiledCounts(verdicts) : undefined;
  const countRows = [...new Set([...folderCounts.keys(), ...(filedCounts?.keys() ?? [])])]
    .map((label) => ({ label, labelSlug: labelSlug(label), count: folderCounts.get(label) ?? 0, ...(filedCounts ? { firstFiled: filedCounts.get(label) ?? 0 } : {}) }))
    .sort((a, b) => b.count - a.count || cmp(a.label, b.label));
  const total = verdicts.length;

  // Curated sets, recomputed from this run's verdicts; where the run has an analysis table, the
  // semantic bugs are counted on the basis the table was made on (the build report's basis too).
  const verdictByKey = new Map(verdicts.map((v) => [v.reportKey, v]));
  const verdictById = new Map(verdicts.map((v) => [v.id, v]));
  const analysis = tableMap(run.analysisCsv);
  const curated: CuratedFall[] = model.curatedSets.map((set) => {
    const counts = new Map<string, number>();
    let classified = 0;
    for (const m of set.members) {
      const v = verdictByKey.get(m.reportKey);
      if (!v) continue;
      classified++;
      counts.set(v.label, (counts.get(v.label) ?? 0) + 1);
    }
    const basis = set.name === 'semantic-bugs' ? analysisBasis(run, verdictById, set.members) : undefined;
    if (basis && analysis) {
      return {
        set: set.name,
        members: set.members.length,
        classified,
        rows: compareCounts(analysis, new Map(Object.entries(basis.fell))),
        comparedWithAnalysis: true,
        basis: basis.name,
      };
    }
    return { set: set.name, members: set.members.length, classified, rows: compareCounts(undefined, counts), comparedWithAnalysis: false };
  });

  const idToKey = new Map<string, string | null>();
  for (const v of verdicts) idToKey.set(v.id, idToKey.has(v.id) && idToKey.get(v.id) !== v.reportKey ? null : v.reportKey);

  const data: { -readonly [K in keyof RunContent['data']]: RunContent['data'][K] } = {
    name: run.name,
    slug: run.slug,
    layout: run.layout,
    task: run.task,
    taskTitle: TASK_TITLES[run.task] ?? run.task,
    models: run.models.map((name) => ({ name, slug: modelSlugOf(model, name) })),
    thinking: run.thinking,
    total,
    labelCounts: countRows,
    chartSvg: barChartSvg(
      listedLabels(countRows.filter((r) => r.count > 0)).shown.map((r) => ({ ...r, label: visibleName(r.label), fig: { 'data-fig': 'run-label', 'data-run': run.slug, 'data-label': r.label } })),
      `Label distribution of ${visibleName(run.name)} (${total} reports)`,
    ),
    curated,
    changeLists: run.changeLists.map((c) => changeListData(model, run, c, idToKey, compareKeys)),
    relatedChangeLists: relatedChangeLists(model, run),
    labelPages,
    labelListPages: labelListPages(labelPages.length),
    review,
    compare,
  };
  if (run.zeroShot) data.zeroShot = { ...run.zeroShot };
  if (run.readme) data.readme = { text: run.readme.text, provenance: provData(run.readme.provenance) };
  if (run.categoriesCsv) {
    const rows = compareCounts(tableMap(run.categoriesCsv), folderCounts);
    data.categoriesCsv = { rows, provenance: provData(run.categoriesCsv.provenance), differences: rows.filter((r) => r.differs).length };
  }
  if (run.analysisCsv) data.analysisCsv = { provenance: provData(run.analysisCsv.provenance) };
  return { data, members };
}
