/**
 * A query word matches every word of the index it begins, in every bundle, whatever was searched
 * before.
 *
 * Pagefind matches a query word with each indexed word it begins (`arm`: arm, arm64, armv7), but
 * only among the words of the index chunks loaded so far: a search loads the one chunk whose word
 * range holds the query word (pagefind_web's `request_indexes`), and a neighbouring chunk only if
 * an earlier search happened to load it. So one index's answer to `arm` left out `arm64` where a
 * chunk ended between them, and changed once the reader had searched a word of the next chunk;
 * and the bundles of a split index, whose chunks end elsewhere, answered with other words.
 *
 * Before a search, every bundle's chunks that may hold a word the query word begins are loaded:
 * the chunks whose first word (`shards.json`'s `chunkStarts`, every bundle's, written by
 * scripts/search-index.ts) lies after the query word and begins with it, each loaded with
 * Pagefind's `preload` of that first word, which loads in every bundle the chunk whose range holds
 * it. With the chunk that holds the query word itself (the search's own), that is every chunk
 * whose words may begin with it. Query words under `WHOLE_WORD_MIN` characters are left to
 * Pagefind's one chunk: a letter or two begins a large part of the index.
 *
 * Left as Pagefind does it: a query word is matched by its stem (`crashes` by `crash`), and the
 * chunks loaded are those of the word as typed; where a chunk ends between the stem and the word,
 * the stem's other extensions depend on the chunks as before (README, "The index in shards").
 */
import type { PagefindApi, PagefindResponse, SearchOptions } from './pagefind.ts';
import { isExactSearch, queryWords } from './relevance.ts';

/** Query words shorter than this are matched in the chunk that holds them only (as Pagefind does). */
export const WHOLE_WORD_MIN = 3;

/** The chunk starts after `word` that begin with it (`starts`: `shards.json`'s `chunkStarts`). */
export function startsWithin(word: string, starts: readonly string[]): string[] {
  return starts.filter((s) => s !== word && s.startsWith(word));
}

/** The words to preload before searching `term`: for each query word, the chunk starts within its range. */
export function wordsToPreload(term: string | null, starts: readonly string[]): string[] {
  if (term === null || isExactSearch(term)) return [];
  const words = queryWords(term).filter((w) => [...w].length >= WHOLE_WORD_MIN);
  return [...new Set(words.flatMap((w) => startsWithin(w, starts)))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** As Pagefind's `debouncedSearch`: waits `ms`, and a search superseded meanwhile answers null. */
export function debounced(search: PagefindApi['search']): PagefindApi['debouncedSearch'] {
  let searches = 0;
  return async (term, options, ms) => {
    const id = ++searches;
    await sleep(ms);
    if (id !== searches) return null;
    const r = await search(term, options);
    return id === searches ? r : null;
  };
}

/**
 * `api` (one bundle, or the shards put together) searching each query word among every word it
 * begins: `preload` is Pagefind's (it loads into every merged bundle), `starts` the chunk starts.
 */
export function withWholeWords(api: PagefindApi, preload: (term: string) => Promise<void>, starts: readonly string[]): PagefindApi {
  const loaded = new Set<string>();
  const search = async (term: string | null, options: SearchOptions): Promise<PagefindResponse | null> => {
    const needed = wordsToPreload(term, starts).filter((w) => !loaded.has(w));
    await Promise.all(needed.map((w) => preload(w)));
    for (const w of needed) loaded.add(w);
    return api.search(term, options);
  };
  return { search, debouncedSearch: debounced(search), filters: () => api.filters() };
}
