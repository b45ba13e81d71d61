/**
 * The slice of Pagefind's JS API the search page uses, and the one import of the bundle. The
 * bundle is served beside the site (`<base>pagefind/pagefind.js`), not bundled with it, so it is
 * typed here by hand.
 */
import { openIndex, type ShardListJson } from './shards.ts';


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
export interface PagefindModule extends PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(basePath: string, options: Record<string, unknown>): Promise<void>;
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
}

// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); the
// slash is only made sure of here, without importing paths.ts into the browser bundle.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

let api: Promise<PagefindApi> | undefined;

/**
 * The index's shards (src/lib/search/shards.ts): `<base>pagefind/shards.json` lists the folders
 * of the bundles after the primary one, below `<base>pagefind/`, every bundle's pages and words,
 * and their index chunks' first words. A list that cannot be read fails the search rather than
 * searching part of the site.
 */
async function shardList(): Promise<ShardListJson> {
  const res = await fetch(`${BASE}pagefind/shards.json`);
  if (!res.ok) throw new Error(`${BASE}pagefind/shards.json: ${res.status}`);
  const { merge, pages, words, chunkStarts } = (await res.json()) as { merge?: unknown; pages?: unknown; words?: unknown; chunkStarts?: unknown };
  const folders = Array.isArray(merge) && merge.every((m) => typeof m === 'string' && /^shard-\d+\/$/.test(m));
  const counts = (c: unknown): c is number[] => Array.isArray(c) && c.length === (merge as unknown[]).length + 1 && c.every((n) => Number.isInteger(n) && (n as number) > 0);
  const starts = Array.isArray(chunkStarts) && chunkStarts.every((w) => typeof w === 'string');
  if (!folders || !counts(pages) || !counts(words) || !starts) throw new Error(`${BASE}pagefind/shards.json is not a shard list`);
  return { merge: merge as string[], pages, words, chunkStarts: chunkStarts as string[] };
}

/**
 * Imports the Pagefind bundle once (it is served beside the site, not bundled with it) and opens
 * the index as one (`openIndex`, src/client/search/shards.ts: the other shards merged, each query
 * word matched among every word it begins).
 */
export function loadPagefind(): Promise<PagefindApi> {
  api ??= Promise.all([import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`) as Promise<PagefindModule>, shardList()]).then(([pagefind, shards]) => openIndex(pagefind, shards, BASE));
  return api;
}

/** Whether the bundle has been asked for (the status line says "Loading the search index…" until then). */
export const pagefindRequested = (): boolean => api !== undefined;
