/**
 * The path index: what the legacy-link resolver needs to know that a tree path's shape does not
 * say. A path says "run X, file Y under label Z", but not which source a bare classifier id
 * belongs to, whether a report exists, or how the reader renamed a colliding box64/fex file.
 *
 * It is shipped to the browser as `<base>path-index.json` (fetched only by the 404 and /tree/
 * pages), so it is compact on purpose: id lists per source and run names, never a list of tree
 * paths (the corpus has tens of thousands; `classifyResultsPath` recovers the rest from the shape).
 *
 * Lookups are pure and browser-safe; `buildPathIndex` runs at build time only.
 */
import type { ResultsModel, Source } from '../model.ts';
import { classifyResultsPath } from '../parse/resultsPath.ts';
import { reportPagePath, reportPathStem, runPagePath } from '../paths.ts';
import { compare, sortedRecord } from '../order.ts';
import { runSlug } from '../slug.ts';

export interface PathIndex {
  /** Bumped when the shape changes, so an old cached copy is never misread. */
  readonly version: 1;
  /** Report ids per source, sorted; every source with at least one report. */
  readonly ids: Partial<Record<Source, readonly string[]>>;
  /** Run name as in the tree → URL slug. */
  readonly runs: Readonly<Record<string, string>>;
  /** box64/fex: sub-folders of the source (`documentation`), so they read as folders, not ids. */
  readonly sections: Partial<Record<'box64' | 'fex', readonly string[]>>;
  /**
   * box64/fex files the reader filed under another id because the same id sits twice in one
   * source (root and a section): `box64/documentation/123` → `documentation-123`.
   */
  readonly renamed: Readonly<Record<string, string>>;
  /** Report keys whose URL stem differs from the key (ids that are not plain file names). */
  readonly stems: Readonly<Record<string, string>>;
  /** Runs that no longer exist (from the git history): name → slug of their page `history/runs/<slug>/`. */
  readonly ended?: Readonly<Record<string, string>>;
}

/** Sources a bare classifier id resolves to, in this order (runs classify QEMU reports only). */
export const QEMU_SOURCES: readonly Source[] = ['gitlab', 'gitlab-semantic', 'launchpad', 'mailinglist'];

export function buildPathIndex(model: ResultsModel): PathIndex {
  const ids: Partial<Record<Source, string[]>> = {};
  const sections: Partial<Record<'box64' | 'fex', Set<string>>> = {};
  const renamed: Record<string, string> = {};
  const stems: Record<string, string> = {};
  for (const report of model.reports.values()) {
    (ids[report.source] ??= []).push(report.id);
    const stem = reportPathStem(report);
    if (stem !== report.key) stems[report.key] = stem;
    if (report.source !== 'box64' && report.source !== 'fex') continue;
    if (report.section !== undefined) (sections[report.source] ??= new Set()).add(report.section);
    for (const p of report.provenance) {
      const info = classifyResultsPath(p.path);
      if ((info.kind === 'box64' || info.kind === 'fex') && info.id !== report.id) {
        renamed[`${info.kind}/${info.section !== undefined ? `${info.section}/` : ''}${info.id}`] = report.id;
      }
    }
  }
  const runs: Record<string, string> = {};
  for (const run of [...model.runs.values()].sort((a, b) => compare(a.name, b.name))) runs[run.name] = run.slug;
  // From the history: a run's older names lead to it (`deepseek-2` → deepseek-r1:14b's page), and
  // a run that ended to its page among the ended runs, not to a 404.
  const ended: Record<string, string> = {};
  for (const life of model.history?.runs.values() ?? []) {
    const today = model.runs.get(life.name);
    for (const name of life.names) {
      if (today && runs[name] === undefined) runs[name] = today.slug;
      else if (!today && life.ended !== undefined) ended[name] = runSlug(life.name);
    }
  }
  return {
    version: 1,
    ids: Object.fromEntries(Object.entries(ids).sort(([a], [b]) => compare(a, b)).map(([s, list]) => [s, list.sort(compare)])),
    runs: sortedRecord(runs),
    ...(Object.keys(ended).length > 0 ? { ended: sortedRecord(ended) } : {}),
    sections: Object.fromEntries(Object.entries(sections).map(([s, set]) => [s, [...set].sort(compare)])),
    renamed: sortedRecord(renamed),
    stems: sortedRecord(stems),
  };
}

// ---------------------------------------------------------------------------------------------
// Lookups (browser-safe)

const idSets = new WeakMap<PathIndex, Map<Source, ReadonlySet<string>>>();

function idSet(index: PathIndex, source: Source): ReadonlySet<string> {
  let bySource = idSets.get(index);
  if (!bySource) {
    bySource = new Map();
    idSets.set(index, bySource);
  }
  let set = bySource.get(source);
  if (!set) {
    set = new Set(index.ids[source] ?? []);
    bySource.set(source, set);
  }
  return set;
}

export function hasReport(index: PathIndex, source: Source, id: string): boolean {
  return idSet(index, source).has(id);
}

/** Sources that have a report with this id, in `QEMU_SOURCES` order then box64, fex, unknown. */
export function sourcesOf(index: PathIndex, id: string): Source[] {
  const order: readonly Source[] = [...QEMU_SOURCES, 'box64', 'fex', 'unknown'];
  return order.filter((s) => hasReport(index, s, id));
}

/**
 * The report a classifier file's id names, as the reader resolves it: the first QEMU source
 * that has the id, else the `unknown/<id>` report when the reader made one.
 */
export function reportKeyForClassifiedId(index: PathIndex, id: string): string | undefined {
  for (const s of QEMU_SOURCES) if (hasReport(index, s, id)) return `${s}/${id}`;
  return hasReport(index, 'unknown', id) ? `unknown/${id}` : undefined;
}

/** `gitlab/2469` → `reports/gitlab/2469/` (relative to the site base), encoded as the pages are. */
export function reportUrl(index: PathIndex, key: string): string {
  return reportPagePath(index.stems[key] ?? key);
}

export function runUrl(slug: string): string {
  return runPagePath(slug);
}
