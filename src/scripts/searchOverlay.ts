/**
 * The search index after an incremental build is two Pagefind bundles: the base (`pagefind/`,
 * from the last full index) and a delta (`pagefind-delta/`, the pages changed since), merged by
 * Pagefind's `mergeIndex`. Base pages that changed or are gone are tombstones: `pagefind/overlay.json`
 * lists their ids with the filter values they were indexed with (scripts/incremental/search.ts).
 *
 * `withOverlay` wraps the Pagefind API so the page sees one index: tombstoned results are dropped
 * and taken out of every count, and a sorted search is put in order again with the ranks the
 * build computed (merged bundles come back ordered by score). Without a delta the API is as is.
 *
 * What stays different from one index: ranking (each bundle scores with its own statistics), and
 * words new since the base (or over 40 letters, scripts/search-index.ts VOCABULARY_MAX_WORD), which
 * the base answers loosely (by their longest known prefix), so a few extra loose matches can
 * follow the exact ones. The next full index (past 400 changed pages, or BUILD_INCREMENTAL=0)
 * ends the difference.
 */

export type FilterCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;
export interface PagefindResult {
  readonly id: string;
  data(): Promise<unknown>;
}
export interface PagefindResponse<R extends PagefindResult = PagefindResult> {
  readonly results: readonly R[];
  readonly unfilteredResultCount: number;
  readonly filters: FilterCounts;
  readonly totalFilters: FilterCounts;
}
export interface SearchOptions {
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
  readonly sort?: Readonly<Record<string, 'asc' | 'desc'>>;
}
export interface SearchApi<R extends PagefindResult = PagefindResult> {
  search(term: string | null, options: SearchOptions): Promise<PagefindResponse<R> | null>;
  debouncedSearch(term: string | null, options: SearchOptions, ms: number): Promise<PagefindResponse<R> | null>;
  filters(): Promise<FilterCounts>;
}

export interface Overlay {
  /** The delta bundle's path relative to the site base, when there is one. */
  readonly delta?: string;
  /** Pagefind id of a superseded base page → the filter values it was indexed with. */
  readonly tombstones?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Path of the sort ranks file (sort key → Pagefind id → rank). */
  readonly ranks?: string;
}
export type Ranks = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** `counts` less one for each filter value of each removed page (never below zero). */
export function subtractCounts(counts: FilterCounts, removed: readonly Readonly<Record<string, readonly string[]>>[]): FilterCounts {
  if (removed.length === 0) return counts;
  const out: Record<string, Record<string, number>> = {};
  for (const [name, values] of Object.entries(counts)) out[name] = { ...values };
  for (const filters of removed) {
    for (const [name, values] of Object.entries(filters)) {
      const target = out[name];
      if (!target) continue;
      for (const v of values) if (target[v] !== undefined) target[v] = Math.max(0, target[v]! - 1);
    }
  }
  return out;
}

/** Results in the order one index would give for `sort` (pages without the key are left out, as Pagefind does). */
export function orderByRanks<R extends PagefindResult>(results: readonly R[], sort: Readonly<Record<string, 'asc' | 'desc'>>, ranks: Ranks): R[] {
  const [key, direction] = Object.entries(sort)[0] ?? [];
  if (key === undefined) return [...results];
  const rank = ranks[key] ?? {};
  const kept = results.filter((r) => rank[r.id] !== undefined);
  return kept.sort((a, b) => (direction === 'desc' ? rank[b.id]! - rank[a.id]! : rank[a.id]! - rank[b.id]!));
}

const hasFilters = (o: SearchOptions) => Object.keys(o.filters ?? {}).length > 0;
const hasSort = (o: SearchOptions) => Object.keys(o.sort ?? {}).length > 0;

/**
 * Corrects one response. `unfiltered` is the response for the same term without filters or sort
 * (the basis of `unfilteredResultCount` and `totalFilters`); `countsBasis` the response with the
 * filters but without the sort (the basis of `filters`); either may be the response itself.
 */
export function correctResponse<R extends PagefindResult>(
  response: PagefindResponse<R>,
  options: SearchOptions,
  overlay: Overlay,
  ranks: Ranks | undefined,
  countsBasis: PagefindResponse<R>,
  unfiltered: PagefindResponse<R>,
): PagefindResponse<R> {
  const tombstones = overlay.tombstones ?? {};
  const dead = (r: R) => tombstones[r.id] !== undefined;
  const removedFrom = (resp: PagefindResponse<R>) => resp.results.filter(dead).map((r) => tombstones[r.id]!);
  let results = response.results.filter((r) => !dead(r));
  if (hasSort(options) && ranks) results = orderByRanks(results, options.sort!, ranks);
  const removedUnfiltered = removedFrom(unfiltered);
  return {
    results,
    filters: subtractCounts(response.filters, removedFrom(countsBasis)),
    totalFilters: subtractCounts(response.totalFilters, removedUnfiltered),
    unfilteredResultCount: Math.max(0, response.unfilteredResultCount - removedUnfiltered.length),
  };
}

/** The API as one index over base + delta; `fetchJson` loads the ranks file (only for sorted searches). */
export function withOverlay<R extends PagefindResult>(api: SearchApi<R>, overlay: Overlay, fetchJson: (path: string) => Promise<unknown>): SearchApi<R> {
  const tombstones = Object.values(overlay.tombstones ?? {});
  if (tombstones.length === 0 && overlay.delta === undefined) return api;
  let ranks: Promise<Ranks> | undefined;
  const loadRanks = () => (ranks ??= overlay.ranks ? (fetchJson(overlay.ranks) as Promise<Ranks>) : Promise.resolve({}));
  const correct = async (response: PagefindResponse<R> | null, term: string | null, options: SearchOptions) => {
    if (response === null) return null;
    const plain = { filters: options.filters ?? {} };
    const countsBasis = hasSort(options) ? await api.search(term, plain) : response;
    const unfiltered = hasFilters(options) || hasSort(options) ? await api.search(term, {}) : response;
    if (countsBasis === null || unfiltered === null) return null;
    return correctResponse(response, options, overlay, hasSort(options) ? await loadRanks() : undefined, countsBasis, unfiltered);
  };
  return {
    search: async (term, options) => correct(await api.search(term, options), term, options),
    debouncedSearch: async (term, options, ms) => correct(await api.debouncedSearch(term, options, ms), term, options),
    filters: async () => subtractCounts(await api.filters(), tombstones),
  };
}
