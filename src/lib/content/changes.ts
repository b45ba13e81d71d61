/**
 * Change-list pages (`/changes/<run-slug>/<from>-<to>/`): a zero-shot iteration's
 * `<NNN>/<AAA>-<BBB>` file as a from → to count matrix, then every change with the report's
 * title, grouped by move so each matrix cell links to its first row. Pure.
 */
import type { ChangeList, ResultsModel, Run } from '../model.ts';
import { compare as cmp } from '../order.ts';
import { provData } from './provenance.ts';
import type { ChangeListData, RelatedChangeList } from './types.ts';

/** Rows per change-list page: with titles, a page of the largest list stays small. */
export const CHANGES_PER_PAGE = 500;
/** Titles on change-list rows are cut here (the report page has the whole title). */
export const CHANGE_TITLE_MAX = 160;

/**
 * The from → to matrix is drawn while neither side has more labels than this (a 40 × 40 table of
 * counts and links stays near 100 KB); past it, a page would grow with the square of the labels
 * (800 labels made a 13.6 MB page), so page 1 lists the largest moves instead (`largestMoves`).
 */
export const MATRIX_MAX_LABELS = 40;
/** How many moves page 1 lists when the matrix is too large: the page stays within its budget. */
export const MOVES_LISTED = 300;

/** Whether a list's counts are drawn as a matrix (see `MATRIX_MAX_LABELS`). */
export function drawsMatrix(list: Pick<ChangeListData, 'fromLabels' | 'toLabels'>): boolean {
  return list.fromLabels.length <= MATRIX_MAX_LABELS && list.toLabels.length <= MATRIX_MAX_LABELS;
}

/** The `MOVES_LISTED` largest moves, most changes first (then in list order), for a list too large for a matrix. */
export function largestMoves<M extends { readonly count: number; readonly first: number }>(moves: readonly M[], n = MOVES_LISTED): M[] {
  return [...moves].sort((a, b) => b.count - a.count || a.first - b.first).slice(0, n);
}

/** `zero-shot/108` and `105` → `zero-shot/105`: the run of another iteration of the same series. */
export function iterationRunName(holder: string, iteration: string): string {
  const slash = holder.lastIndexOf('/');
  return slash < 0 ? iteration : `${holder.slice(0, slash + 1)}${iteration}`;
}

export function cutTitle(title: string, max = CHANGE_TITLE_MAX): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Labels by how many changes name them, most first (then by name). */
function byCount(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([l]) => l);
}

function runRef(model: ResultsModel, name: string): { name: string; slug: string } | undefined {
  const run = model.runs.get(name);
  return run ? { name: run.name, slug: run.slug } : undefined;
}

/**
 * One list's page data. `idToKey`: the holder's classifier id → report key (`null` when the id
 * names more than one report); `compareKeys`: the order of report keys on list pages.
 */
export function changeListData(
  model: ResultsModel,
  holder: Run,
  list: ChangeList,
  idToKey: ReadonlyMap<string, string | null>,
  compareKeys: (a: string, b: string) => number,
): ChangeListData {
  const fromCounts = new Map<string, number>();
  const toCounts = new Map<string, number>();
  for (const ch of list.changes) {
    fromCounts.set(ch.from, (fromCounts.get(ch.from) ?? 0) + 1);
    toCounts.set(ch.to, (toCounts.get(ch.to) ?? 0) + 1);
  }
  const fromLabels = byCount(fromCounts);
  const toLabels = byCount(toCounts);
  const fi = new Map(fromLabels.map((l, i) => [l, i]));
  const ti = new Map(toLabels.map((l, i) => [l, i]));
  const rows = list.changes.map((ch) => {
    const key = idToKey.get(ch.id) ?? null;
    const title = key !== null ? model.reports.get(key)?.title : undefined;
    return { id: ch.id, key, title: title !== undefined ? cutTitle(title) : null, from: ch.from, to: ch.to };
  });
  // Within a move: reports in key order, then ids that name no single report.
  const inMove = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.key !== null && b.key !== null ? compareKeys(a.key, b.key) : Number(a.key === null) - Number(b.key === null) || cmp(a.id, b.id);
  rows.sort((a, b) => fi.get(a.from)! - fi.get(b.from)! || ti.get(a.to)! - ti.get(b.to)! || inMove(a, b));
  const moves: { from: number; to: number; count: number; first: number }[] = [];
  rows.forEach((r, i) => {
    const last = moves.at(-1);
    const f = fi.get(r.from)!;
    const t = ti.get(r.to)!;
    if (last && last.from === f && last.to === t) last.count++;
    else moves.push({ from: f, to: t, count: 1, first: i });
  });
  const data: { -readonly [K in keyof ChangeListData]: ChangeListData[K] } = {
    from: list.from,
    to: list.to,
    declared: list.declared ?? null,
    count: rows.length,
    pages: Math.max(1, Math.ceil(rows.length / CHANGES_PER_PAGE)),
    fromLabels,
    toLabels,
    moves,
    changes: rows,
    provenance: provData(list.provenance),
  };
  const fromRun = runRef(model, iterationRunName(holder.name, list.from));
  const toRun = runRef(model, iterationRunName(holder.name, list.to));
  if (fromRun) data.fromRun = fromRun;
  if (toRun) data.toRun = toRun;
  return data;
}

/** Lists held by other runs that start or end at `run`'s iteration (linked from its page too). */
export function relatedChangeLists(model: ResultsModel, run: Run): RelatedChangeList[] {
  const out: RelatedChangeList[] = [];
  for (const holder of [...model.runs.values()].sort((a, b) => cmp(a.name, b.name))) {
    if (holder.name === run.name) continue;
    for (const list of holder.changeLists) {
      const from = iterationRunName(holder.name, list.from) === run.name;
      const to = iterationRunName(holder.name, list.to) === run.name;
      if (from || to) out.push({ run: holder.name, runSlug: holder.slug, from: list.from, to: list.to, count: list.changes.length });
    }
  }
  return out;
}
