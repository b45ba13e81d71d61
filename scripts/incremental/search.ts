/**
 * Incremental search index: Pagefind cannot change an index in place (every new word shifts its
 * chunks), so a rebuild keeps the previous index as the *base* and indexes only the pages that
 * differ from it into a small *delta* bundle, merged in the browser (Pagefind's `mergeIndex`).
 * Base pages that changed or are gone are *tombstoned*: the overlay file lists their Pagefind ids
 * with their filter values, and the search page drops them from results and counts
 * (src/scripts/searchOverlay.ts). When the delta grows past a share of the site, or the indexing
 * code changes, the next build indexes everything again and the delta is gone.
 */

export interface IndexedPage {
  /** sha-1 of the page as Pagefind reads it (scripts/search-index.ts indexableHtml). */
  readonly hash: string;
  /** Pagefind sort values of the page (`id`, `date`). */
  readonly sort: Readonly<Record<string, string>>;
}

export interface SearchState {
  /** Indexing code, settings and Pagefind version (`searchFingerprint` in scripts/search-index.ts). */
  readonly fingerprint: string;
  /** url → the page's hash and Pagefind id in the base bundle (`pagefind/`). */
  readonly base: Readonly<Record<string, { readonly hash: string; readonly id: string }>>;
  /** url → every indexed page of the site as built. */
  readonly pages: Readonly<Record<string, IndexedPage>>;
  /** Every word of the base bundle's texts (scripts/search-index.ts vocabularyOf). */
  readonly vocabulary: readonly string[];
}

export type SearchPlan =
  | { readonly kind: 'full'; readonly reason: string }
  | { readonly kind: 'delta'; readonly delta: readonly string[]; readonly tombstones: readonly string[] };

/**
 * Past this many pages in the delta, index everything again: a search loads the delta's index
 * chunks too, and 400 pages (5% of the corpus) keep that to a few KB per query term.
 */
export const MAX_DELTA_PAGES = 400;

export function planSearch(previous: SearchState | undefined, fingerprint: string, pages: Readonly<Record<string, IndexedPage>>): SearchPlan {
  if (previous === undefined) return { kind: 'full', reason: 'no previous index to start from' };
  if (previous.fingerprint !== fingerprint) return { kind: 'full', reason: 'indexing code or settings changed' };
  const delta = Object.keys(pages)
    .filter((url) => previous.base[url]?.hash !== pages[url]!.hash)
    .sort();
  const tombstones = Object.keys(previous.base)
    .filter((url) => pages[url]?.hash !== previous.base[url]!.hash)
    .sort();
  if (delta.length > MAX_DELTA_PAGES) return { kind: 'full', reason: `${delta.length} of ${Object.keys(pages).length} indexed pages differ from the base index` };
  return { kind: 'delta', delta, tombstones };
}

/**
 * Sort ranks of the live pages, by Pagefind id: with two bundles merged, Pagefind orders results
 * by score, so a sorted search is put in order again in the browser. Same order as one index:
 * pages without the key are left out, values compare as numbers when all are numbers and as
 * strings otherwise, ties keep the order the pages were indexed in (`order`, sorted urls).
 */
export function sortRanks(live: readonly { readonly id: string; readonly url: string; readonly sort: Readonly<Record<string, string>> }[]): Record<string, Record<string, number>> {
  const ordered = [...live].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const keys = [...new Set(ordered.flatMap((p) => Object.keys(p.sort)))].sort();
  const out: Record<string, Record<string, number>> = {};
  for (const key of keys) {
    const tagged = ordered.filter((p) => p.sort[key] !== undefined);
    const numeric = tagged.every((p) => p.sort[key]!.trim() !== '' && Number.isFinite(Number(p.sort[key])));
    const sorted = tagged
      .map((p, i) => ({ p, i }))
      .sort((a, b) => {
        const x = a.p.sort[key]!;
        const y = b.p.sort[key]!;
        const c = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        return c || a.i - b.i;
      });
    out[key] = Object.fromEntries(sorted.map(({ p }, rank) => [p.id, rank]));
  }
  return out;
}
