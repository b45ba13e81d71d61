/**
 * Relevance across the shards of the index (src/lib/search/shards.ts), as one index would rank.
 *
 * Pagefind scores a page by BM25: per query word, IDF × a saturating term frequency, summed (plus
 * a boost for words in the title, linear in the same IDF). The IDF is the shard's own:
 * `ln((N - n + 0.5) / (n + 0.5) + 1)` with N the shard's pages and n its pages holding the word
 * (any word the query word is a prefix of). Each shard holds about a third of the pages, so its
 * N and n are about a third of one index's, and its IDF differs from one index's by the sampling
 * noise of n / N; Pagefind's own merge (`mergeIndex`) orders the hits of all shards by these
 * scores, so a shard where the word is a little rarer pushes all its pages up (measured on the
 * corpus in three shards: `kvm`'s first 10 shared none with one index's).
 *
 * The term frequency part depends on the shard's average page length too (`k1 · (1 - b + b ·
 * length / average)`), which differs by a few percent between shards (corpus in three: 805, 809
 * and 843 words, one index 819), as much as the first scores of a common word differ.
 *
 * Here each shard's scores are put on one index's scale:
 * - the page length: each shard is given its own BM25 parameters (Pagefind's `ranking` option,
 *   `shardRanking`) with which its term frequency is one index's times a constant c, and its
 *   metadata weights times c too, so the whole score is c times the score with one index's
 *   average length;
 * - the IDF: a page's score is then multiplied by `idf(ΣN, Σn) / (c · idf(N_shard, n_shard))`,
 *   with the counts from the search itself (the `shard` filter's counts over the unfiltered hits)
 *   and the shards' pages and words from `shards.json`.
 * For a one-word query that is one index's score (the title boost is linear in the same IDF). For
 * several words the IDF factor is the ratio of the summed IDFs, a mean of the words' own factors.
 */

/** Pagefind's BM25 parameters (pagefind_web's `RankingWeights` defaults: k1, b) and its metadata weights. */
const TERM_SATURATION = 1.4;
const PAGE_LENGTH = 0.75;
const TITLE_WEIGHT = 5;
/** The metadata the records carry (src/lib/search/facets.ts) besides the title Pagefind takes: weighted 1. */
const META_FIELDS = ['key', 'sort-id', 'sort-date'];

export interface ShardRanking {
  /** Pagefind's `ranking` option for the shard. */
  readonly ranking: { readonly termSaturation: number; readonly pageLength: number; readonly metaWeights: Readonly<Record<string, number>> };
  /** What the shard's scores are then multiplied by (c), over one index's with the shard's IDF. */
  readonly factor: number;
}

/**
 * BM25's length part for a shard whose pages average `own` words where one index's average
 * `whole`: with k1' = k1 (1 - b + b r) and b' = b r / (1 - b + b r), r = own / whole, the
 * shard's k1' (1 - b' + b' len / own) is one index's k1 (1 - b + b len / whole) for every page
 * length, and the term frequency is one index's times c = (k1' + 1) / (k1 + 1).
 */
export function shardRanking(own: number, whole: number): ShardRanking {
  const r = own / whole;
  const termSaturation = TERM_SATURATION * (1 - PAGE_LENGTH + PAGE_LENGTH * r);
  const pageLength = (PAGE_LENGTH * r) / (1 - PAGE_LENGTH + PAGE_LENGTH * r);
  const factor = (termSaturation + 1) / (TERM_SATURATION + 1);
  const metaWeights: Record<string, number> = { title: TITLE_WEIGHT * factor };
  for (const f of META_FIELDS) metaWeights[f] = factor;
  return { ranking: { termSaturation, pageLength, metaWeights }, factor };
}

/** Pagefind's IDF (pagefind_web's `calculate_idf`), in the 32-bit floats it computes with. */
export function pagefindIdf(totalPages: number, pagesWithTerm: number): number {
  const f = Math.fround;
  return f(Math.log(f(f(f(totalPages - pagesWithTerm) + 0.5) / f(pagesWithTerm + 0.5)) + 1));
}

/**
 * The words of a query as Pagefind splits it (lower case, punctuation taken out, split at
 * spaces): one IDF each. A quoted query is an exact search, which Pagefind does not rank by IDF.
 */
export function queryWords(term: string): string[] {
  return term
    .toLocaleLowerCase()
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** Whether Pagefind runs `term` as an exact (quoted) search. */
export const isExactSearch = (term: string): boolean => /^\s*".+"\s*$/.test(term);

/**
 * Each shard's factor onto one index's scale. `pages[i]`: shard i's pages; `withWord[w][i]`:
 * shard i's pages holding query word w (its unfiltered hits for that word alone). A shard with
 * no page for some word has no hit and gets 1.
 */
export function shardScales(pages: readonly number[], withWord: readonly (readonly number[])[]): number[] {
  const total = pages.reduce((a, b) => a + b, 0);
  const whole = withWord.map((counts) => counts.reduce((a, b) => a + b, 0));
  const wholeIdf = whole.reduce((sum, n) => sum + pagefindIdf(total, n), 0);
  return pages.map((n, i) => {
    const own = withWord.reduce((sum, counts) => sum + pagefindIdf(n, counts[i] ?? 0), 0);
    return withWord.every((counts) => (counts[i] ?? 0) > 0) && own > 0 ? wholeIdf / own : 1;
  });
}

export interface Scored<T> {
  readonly hit: T;
  readonly score: number;
  /** The hit's shard and its place in that shard's list (the tie-break). */
  readonly shard: number;
  readonly place: number;
}

/**
 * The shards' hit lists, each in its shard's order, as one list by score (highest first). Scores
 * within a millionth of each other count as equal (the factors are computed in other floats than
 * Pagefind's): those keep the order of `tie`.
 */
export function byScore<T>(lists: readonly (readonly { hit: T; score: number }[])[], tie: (a: Scored<T>, b: Scored<T>) => number): T[] {
  const all: Scored<T>[] = lists.flatMap((l, shard) => l.map((x, place) => ({ hit: x.hit, score: x.score, shard, place })));
  all.sort((a, b) => {
    const d = b.score - a.score;
    return Math.abs(d) > 1e-6 * Math.max(Math.abs(a.score), Math.abs(b.score)) ? d : tie(a, b);
  });
  return all.map((x) => x.hit);
}
