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
}

// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); the
// slash is only made sure of here, without importing paths.ts into the browser bundle.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

let api: Promise<PagefindApi> | undefined;

/** Imports the Pagefind bundle once. */
export function loadPagefind(): Promise<PagefindApi> {
  api ??= (import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`) as Promise<PagefindModule>).then(async (pagefind) => {
    await pagefind.options({ excerptLength: 28 });
    await pagefind.init();
    return pagefind;
  });
  return api;
}

/** Whether the bundle has been asked for (the status line says "Loading the search index…" until then). */
export const pagefindRequested = (): boolean => api !== undefined;
