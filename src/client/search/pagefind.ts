/**
 * The slice of Pagefind's JS API the search page uses, and the one import of the bundle. The
 * bundle is served beside the site (`<base>pagefind/pagefind.js`), not bundled with it, so it is
 * typed here by hand.
 */
import { inShards, SHARD_FILTER, shardRankings } from './shards.ts';


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
  /** Relevance (higher first); a sorted search's hits carry their place instead. */
  readonly score: number;
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
  /** A value, every value of a list, or any value of `any`. */
  readonly filters?: Readonly<Record<string, string | readonly string[] | { readonly any: readonly string[] }>>;
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
 * The index's shards (src/lib/search/shards.ts): `<base>pagefind/shards.json` lists the folders
 * of the bundles after the primary one, below `<base>pagefind/`, and every bundle's pages. A list
 * that cannot be read fails the search rather than searching part of the site.
 */
async function shardList(): Promise<{ merge: string[]; pages: number[]; words: number[] }> {
  const res = await fetch(`${BASE}pagefind/shards.json`);
  if (!res.ok) throw new Error(`${BASE}pagefind/shards.json: ${res.status}`);
  const { merge, pages, words } = (await res.json()) as { merge?: unknown; pages?: unknown; words?: unknown };
  const folders = Array.isArray(merge) && merge.every((m) => typeof m === 'string' && /^shard-\d+\/$/.test(m));
  const counts = (c: unknown): c is number[] => Array.isArray(c) && c.length === (merge as unknown[]).length + 1 && c.every((n) => Number.isInteger(n) && (n as number) > 0);
  if (!folders || !counts(pages) || !counts(words)) throw new Error(`${BASE}pagefind/shards.json is not a shard list`);
  return { merge: merge as string[], pages, words };
}

/**
 * Imports the Pagefind bundle once (it is served beside the site, not bundled with it) and merges
 * the index's other shards into it (`mergeIndex`, each bundle's pages given its number as the
 * `shard` filter); the shards' answers are put together as one index's would be by `inShards`
 * (src/client/search/shards.ts).
 */
export function loadPagefind(): Promise<PagefindApi> {
  api ??= Promise.all([import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`) as Promise<PagefindModule>, shardList()]).then(async ([pagefind, shards]) => {
    await pagefind.options(PAGEFIND_OPTIONS);
    await pagefind.init();
    if (shards.merge.length === 0) return pagefind;
    const rankings = shardRankings(shards.pages, shards.words);
    await pagefind.options({ mergeFilter: { [SHARD_FILTER]: '0' }, ranking: rankings[0]!.ranking });
    await Promise.all(
      shards.merge.map((m, i) => pagefind.mergeIndex(`${BASE}pagefind/${m}`, { ...PAGEFIND_OPTIONS, baseUrl: BASE, mergeFilter: { [SHARD_FILTER]: String(i + 1) }, ranking: rankings[i + 1]!.ranking })),
    );
    return inShards(
      pagefind,
      shards.pages,
      rankings.map((r) => r.factor),
    );
  });
  return api;
}

/** Whether the bundle has been asked for (the status line says "Loading the search index…" until then). */
export const pagefindRequested = (): boolean => api !== undefined;
