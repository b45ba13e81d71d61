/**
 * The search index in shards: Pagefind keeps a whole index in memory until it writes it (about
 * 300 KB per page), so a large site is indexed as several Pagefind bundles, one after another,
 * and searched together in the browser (`mergeIndex`, src/client/search.ts).
 *
 * - How many: `ceil(reports / SEARCH_SHARD_PAGES)` (src/lib/settings.ts; 10,000 by default, so
 *   the corpus, 7,939 reports, is one bundle). Runs and models are few and go where their URL puts them.
 * - Which page where: a hash of the page's URL (`/reports/gitlab/1033/`), so a page stays in its
 *   shard while the shard count stays, and shards are equal in size on average.
 * - Where: shard 0 is `<base>pagefind/` (the bundle whose `pagefind.js` the page imports); shard
 *   i ≥ 1 is `<base>pagefind/shard-<i>/`; `<base>pagefind/shards.json` lists the others
 *   ({"merge": ["shard-1/", …], "pages": [2716, …], "words": [2186254, …], "chunkStarts": [...]},
 *   folders relative to `pagefind/`, each bundle's pages and words, and the first word of every
 *   bundle's index chunks: src/client/search/wholeWords.ts).
 */

/** The shard list beside the primary bundle. */
export const SHARDS_FILE = 'shards.json';

export interface ShardList {
  /** The other bundles' folders, relative to the primary bundle (`shard-1/`), in shard order. */
  readonly merge: readonly string[];
  /**
   * Each bundle's pages (the primary's first, then `merge`'s order): the search page puts the
   * shards' relevance scores on one index's scale with them (src/client/search/relevance.ts).
   */
  readonly pages: readonly number[];
  /** Each bundle's words (its pages' word counts summed, src/lib/search/pagefindMeta.ts): its average page length. */
  readonly words: readonly number[];
  /**
   * The first word of each index chunk of every bundle (src/lib/search/pagefindMeta.ts), sorted,
   * once each: the search page loads the chunks a query word's extensions may lie in
   * (src/client/search/wholeWords.ts).
   */
  readonly chunkStarts: readonly string[];
}

/** How many shards a site of `reports` report pages is indexed in (at least one). */
export function shardCount(reports: number, shardPages: number): number {
  if (!Number.isInteger(shardPages) || shardPages < 1) throw new Error(`shard size ${shardPages} is not a whole number of at least 1`);
  return Math.max(1, Math.ceil(reports / shardPages));
}

/** FNV-1a (32 bits) over the URL's UTF-16 code units: the same in every build and on every machine. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard of the page at `url` (its path below the base, `/reports/gitlab/1033/`), in `0 … shards - 1`. */
export function shardOf(url: string, shards: number): number {
  return shards <= 1 ? 0 : fnv1a(url) % shards;
}

/** The folder of shard `i` relative to the primary bundle (`''` for shard 0). */
export function shardFolder(i: number): string {
  return i === 0 ? '' : `shard-${i}/`;
}
