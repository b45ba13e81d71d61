/**
 * What a page tells the search index besides its text: filter values, sort keys and metadata,
 * written as `data-pagefind-*` elements into each page's search record
 * (src/lib/content/searchRecords.ts), never into the page: no reader, w3m and lynx included,
 * sees them. Runs at build time (pure); the filter names are state.ts's FILTERS.
 */
import type { ModelData, ReportData, RunData } from '../content/types.ts';
import { verdictValue } from './state.ts';
import { visibleName } from '../content/text.ts';

export interface Facets {
  /** [filter name, value] pairs, each pair once. */
  readonly filters: readonly (readonly [string, string])[];
  /** [sort key, value]: `id` (numeric ids zero-padded so they sort as numbers among names), `date`. */
  readonly sort: readonly (readonly [string, string])[];
  /** [meta key, value]: shown with the result. */
  readonly meta: readonly (readonly [string, string])[];
}

/** Folder names the GitLab scrape uses when it does not know (`target_missing`…): no filter value. */
const UNKNOWN = new Set(['', 'missing', 'n/a', 'unknown']);

function pairs(entries: Iterable<readonly [string, string | undefined]>): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    // Look-alike characters written out, as everywhere names are shown (search lists these values).
    const value = visibleName(v.replace(/\s+/g, ' ').trim());
    if (value === '' || seen.has(`${k}\0${value}`)) continue;
    seen.add(`${k}\0${value}`);
    out.push([k, value]);
  }
  return out;
}

/**
 * `2469` → `#0000002469`; names (`gitlab_semantic_bzhi`) stay as they are and sort after numbers.
 * The `#` keeps every value a string to Pagefind: a bundle whose sort values all read as numbers
 * is sorted as 32-bit floats, which cannot tell 8-digit ids apart, and with the index in shards
 * (src/lib/search/shards.ts) a shard may hold no name.
 */
export function idSortKey(id: string): string {
  return /^\d{1,10}$/.test(id) ? `#${id.padStart(10, '0')}` : id;
}

/** The sort values as meta too (`sort-<key>`): the search page merges sorted hits of several shards by them. */
const sortMeta = (sort: readonly (readonly [string, string])[]): [string, string][] => sort.map(([k, v]) => [`sort-${k}`, v]);

export function reportFacets(data: ReportData): Facets {
  const g = data.gitlab;
  const filters = pairs(
    (function* (): Generator<readonly [string, string | undefined]> {
      yield ['kind', 'report'];
      yield ['source', data.source];
      for (const v of data.verdicts) {
        yield ['run', v.run];
        for (const m of v.models) yield ['model', m];
        yield ['task', v.task];
        for (const l of v.labels.length ? v.labels : [v.label]) {
          yield ['label', l];
          yield ['verdict', verdictValue(v.run, l)];
        }
      }
      for (const [task, standing] of taskAgreement(data)) yield ['agreement', `${task}: ${standing}`];
      for (const row of data.table) {
        if (row.halves !== 'reviewed') continue;
        yield ['reviewer', 'changed by the reviewer'];
        yield ['reviewer', `changed in ${row.run}`];
      }
      if (g) {
        yield ['state', g.state];
        if (!UNKNOWN.has(g.target)) yield ['target', g.target];
        if (!UNKNOWN.has(g.accel)) yield ['accel', g.accel];
      }
    })(),
  );
  const sort: [string, string][] = [['id', idSortKey(visibleName(data.id))]];
  if (g?.createdAt && /^\d{4}-\d\d-\d\d/.test(g.createdAt)) sort.push(['date', g.createdAt]);
  return { filters, sort, meta: [['key', visibleName(data.key)], ...sortMeta(sort)] };
}

/** How a report stands in a task, as the search filter `agreement` says it (`<task>: <standing>`). */
export type TaskStanding = 'unanimous' | 'contested' | 'one label, not every run';

/**
 * Per task that two or more runs labelled this report in, on the task pages' definitions
 * (TaskComparison in src/lib/compare/types.ts): `unanimous` when every run of the task labelled
 * it and all gave one label (case aside); `contested` when they gave two or more labels; `one
 * label, not every run` when the runs that labelled it agree but some runs of the task did not
 * label it. Zero-shot iterations each have their own labels: not a task to agree in.
 */
export function taskAgreement(data: Pick<ReportData, 'table'>): [string, TaskStanding][] {
  const byTask = new Map<string, { labels: string[]; runs: number }>();
  for (const row of data.table) {
    if (row.majority === 'own-labels') continue;
    const t = byTask.get(row.task) ?? { labels: [], runs: row.taskRuns };
    t.labels.push(row.label.toLowerCase());
    byTask.set(row.task, t);
  }
  return [...byTask]
    .filter(([, t]) => t.labels.length > 1)
    .map(([task, t]) => [task, new Set(t.labels).size > 1 ? 'contested' : t.labels.length >= t.runs ? 'unanimous' : 'one label, not every run']);
}

export function runFacets(data: RunData): Facets {
  return {
    filters: pairs([['kind', 'run'], ['run', data.name], ['task', data.task], ...data.models.map((m) => ['model', m.name] as const)]),
    sort: [],
    meta: [['key', `run ${visibleName(data.name)}`]],
  };
}

export function modelFacets(data: ModelData): Facets {
  return {
    filters: pairs([['kind', 'model'], ['model', data.name], ...data.runs.map((r) => ['task', r.task] as const)]),
    sort: [],
    meta: [['key', `model ${visibleName(data.name)}`]],
  };
}

/** The `noted` filter's one value: pages that carry an archivists' note (src/lib/notes/). */
export const NOTED_VALUE = 'has a note';

/** A page's facets with the `noted` filter when it has a note (the page and its record both use this). */
export function withNoteFacet(f: Facets, noted: boolean): Facets {
  return noted ? { ...f, filters: [...f.filters, ['noted', NOTED_VALUE]] } : f;
}
