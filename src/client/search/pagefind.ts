/**
 * The slice of Pagefind's JS API the search page uses, and the one import of the bundle. The
 * bundle is served beside the site (`<base>pagefind/pagefind.js`), not bundled with it, so it is
 * typed here by hand.
 */

export interface PagefindAnchor {
  readonly element: string;
  readonly id: string;
  readonly location: number;
}
export interface PagefindSubResult {
  readonly title: string;
  readonly url: string;
  readonly excerpt: string;
  readonly locations: readonly number[];
  readonly anchor?: PagefindAnchor;
}
export interface PagefindData {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly sub_results: readonly PagefindSubResult[];
}
export interface PagefindResult {
  readonly id: string;
  data(): Promise<PagefindData>;
}
export type FilterCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;
export interface PagefindResponse {
  readonly results: readonly PagefindResult[];
  readonly unfilteredResultCount: number;
  readonly filters: FilterCounts;
  readonly totalFilters: FilterCounts;
}
export interface SearchOptions {
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
  readonly sort?: Readonly<Record<string, 'asc' | 'desc'>>;
}
export interface PagefindApi {
  search(term: string | null, options: SearchOptions): Promise<PagefindResponse | null>;
  debouncedSearch(term: string | null, options: SearchOptions, ms: number): Promise<PagefindResponse | null>;
  filters(): Promise<FilterCounts>;
}
interface PagefindModule extends PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(basePath: string, options: Record<string, unknown>): Promise<void>;
}

// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); the
// slash is only made sure of here, without importing paths.ts into the browser bundle.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** Pagefind's options, for the primary bundle and every merged one (`options()` reaches the primary only). */
const PAGEFIND_OPTIONS = { excerptLength: 28 };

let api: Promise<PagefindApi> | undefined;

/**
 * The other shards of the index (src/lib/search/shards.ts): `<base>pagefind/shards.json` lists
 * their folders below `<base>pagefind/`. A list that cannot be read fails the search rather
 * than searching part of the site.
 */
async function shardFolders(): Promise<string[]> {
  const res = await fetch(`${BASE}pagefind/shards.json`);
  if (!res.ok) throw new Error(`${BASE}pagefind/shards.json: ${res.status}`);
  const list = (await res.json()) as { merge?: unknown };
  if (!Array.isArray(list.merge) || !list.merge.every((m) => typeof m === 'string' && /^shard-\d+\/$/.test(m))) throw new Error(`${BASE}pagefind/shards.json is not a shard list`);
  return list.merge as string[];
}

/** A filter every bundle gives all its pages (Pagefind's `mergeFilter`): the shard's number. */
const SHARD_FILTER = 'shard';

/**
 * Imports the Pagefind bundle once (it is served beside the site, not bundled with it) and merges
 * the index's other shards into it: Pagefind then searches them all, sums the counts and orders
 * the hits of every shard together by relevance. Sorted searches are put in order here
 * (`inShards`).
 */
export function loadPagefind(): Promise<PagefindApi> {
  api ??= Promise.all([import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`) as Promise<PagefindModule>, shardFolders()]).then(async ([pagefind, shards]) => {
    await pagefind.options(PAGEFIND_OPTIONS);
    await pagefind.init();
    if (shards.length === 0) return pagefind;
    await pagefind.options({ mergeFilter: { [SHARD_FILTER]: '0' } });
    await Promise.all(shards.map((m, i) => pagefind.mergeIndex(`${BASE}pagefind/${m}`, { ...PAGEFIND_OPTIONS, baseUrl: BASE, mergeFilter: { [SHARD_FILTER]: String(i + 1) } })));
    return inShards(pagefind, shards.length + 1);
  });
  return api;
}

/**
 * Sorted searches over shards, in the order one index gives. Pagefind orders a merged sorted
 * search by each hit's position in its own shard's order, which interleaves the shards only
 * roughly; here each shard's hits are asked for separately (its `shard` filter), each list in
 * its shard's exact order, and the lists are merged by the sort values the records carry as
 * meta (`sort-<key>`, src/lib/search/facets.ts). The merge is lazy: a hit's place is settled when
 * its data is asked for, so showing the first 10 reads the fragments of the first 10 and of one
 * more hit per shard.
 */
function inShards(pagefind: PagefindApi, shards: number): PagefindApi {
  const inOrder = async (term: string | null, options: SearchOptions, response: PagefindResponse | null): Promise<PagefindResponse | null> => {
    const sort = Object.entries(options.sort ?? {})[0];
    if (response === null || sort === undefined) return response;
    const lists = await Promise.all(
      Array.from({ length: shards }, (_, i) => pagefind.search(term, { ...options, filters: { ...options.filters, [SHARD_FILTER]: String(i) } }).then((r) => r?.results ?? [])),
    );
    const total = lists.reduce((n, l) => n + l.length, 0);
    if (total !== response.results.length) throw new Error(`the shards hold ${total} of ${response.results.length} hits`);
    return { ...response, results: mergedInOrder(lists, sort[0], sort[1]) };
  };
  return {
    search: async (term, options) => inOrder(term, options, await pagefind.search(term, options)),
    debouncedSearch: async (term, options, ms) => inOrder(term, options, await pagefind.debouncedSearch(term, options, ms)),
    filters: () => pagefind.filters(),
  };
}

/**
 * Lists each in the order of `key` (`asc` or `desc`), merged into one in that order: hits whose
 * data says where they go. Equal values keep the order of their URLs (ascending with `asc`, as
 * Pagefind orders equal values by page, and its pages are in URL order).
 */
function mergedInOrder(lists: readonly (readonly PagefindResult[])[], key: string, direction: 'asc' | 'desc'): PagefindResult[] {
  type Head = { readonly value: string; readonly url: string; readonly data: PagefindData };
  const next = lists.map(() => 0);
  const heads: (Promise<Head | undefined> | undefined)[] = lists.map(() => undefined);
  const headOf = (i: number): Promise<Head | undefined> => {
    heads[i] ??= (async () => {
      const r = lists[i]![next[i]!];
      if (r === undefined) return undefined;
      const data = await r.data();
      return { value: data.meta[`sort-${key}`] ?? '', url: data.url, data };
    })();
    return heads[i]!;
  };
  const before = (a: Head, b: Head): boolean => {
    const [x, y] = direction === 'asc' ? [a, b] : [b, a];
    return x.value !== y.value ? x.value < y.value : x.url < y.url;
  };
  const settled: Promise<PagefindData>[] = [];
  let done: Promise<unknown> = Promise.resolve();
  /** Settles places up to `k` (one at a time: each takes the best head of the lists). */
  const settle = (k: number): Promise<PagefindData> => {
    while (settled.length <= k) {
      const place = done.then(async () => {
        const all = await Promise.all(lists.map((_, i) => headOf(i)));
        let best = -1;
        for (let i = 0; i < all.length; i++) if (all[i] && (best < 0 || before(all[i]!, all[best]!))) best = i;
        if (best < 0) throw new Error('a sorted search ran out of hits');
        const head = all[best]!;
        next[best]!++;
        heads[best] = undefined;
        return head.data;
      });
      done = place.catch(() => undefined);
      settled.push(place);
    }
    return settled[k]!;
  };
  const total = lists.reduce((n, l) => n + l.length, 0);
  return Array.from({ length: total }, (_, k) => ({ id: `sorted-${k}`, data: () => settle(k) }));
}

/** Whether the bundle has been asked for (the status line says "Loading the search index…" until then). */
export const pagefindRequested = (): boolean => api !== undefined;
