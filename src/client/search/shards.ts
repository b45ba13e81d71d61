/**
 * The index in shards (src/lib/search/shards.ts) answering as one index. Pagefind's own merge
 * (`mergeIndex`) sums the counts but orders the hits of every shard by the shard's own scores
 * and a sorted search by each hit's place in its own shard; here each shard is asked on its own
 * (its `shard` filter, which Pagefind's `mergeFilter` gives every page of a bundle), and the
 * answers are put together:
 *
 * - counts: the hits' filter counts summed over the shards; the unfiltered counts (Pagefind
 *   counts every shard's unfiltered hits in each answer) taken once;
 * - by relevance: each shard's scores put on one index's scale (src/client/search/relevance.ts);
 * - sorted: the shards' lists merged by the sort values the records carry as meta.
 */
import type { FilterCounts, PagefindApi, PagefindData, PagefindModule, PagefindResponse, PagefindResult, SearchOptions } from './pagefind.ts';
import { byScore, isExactSearch, queryWords, shardRanking, shardScales } from './relevance.ts';
import { debounced, withWholeWords } from './wholeWords.ts';

/** `shards.json` as the page reads it (src/lib/search/shards.ts's `ShardList`). */
export interface ShardListJson {
  readonly merge: readonly string[];
  readonly pages: readonly number[];
  readonly words: readonly number[];
  readonly chunkStarts: readonly string[];
}

/** Pagefind's options, for the primary bundle and every merged one (`options()` reaches the primary only). */
const PAGEFIND_OPTIONS = { excerptLength: 28 };

/**
 * The site's index as one: `pagefind` (the imported primary bundle) with the other shards of
 * `list` merged into it (`mergeIndex`, each bundle's pages given its number as the `shard` filter,
 * and its `shardRanking`), their answers put together by `inShards`; every query word matched
 * among all the words it begins (src/client/search/wholeWords.ts), with one bundle too.
 */
export async function openIndex(pagefind: PagefindModule, list: ShardListJson, base: string): Promise<PagefindApi> {
  await pagefind.options(PAGEFIND_OPTIONS);
  await pagefind.init();
  const preload = (term: string) => pagefind.preload(term);
  if (list.merge.length === 0) return withWholeWords(pagefind, preload, list.chunkStarts);
  const rankings = shardRankings(list.pages, list.words);
  await pagefind.options({ mergeFilter: { [SHARD_FILTER]: '0' }, ranking: rankings[0]!.ranking });
  await Promise.all(
    list.merge.map((m, i) => pagefind.mergeIndex(`${base}pagefind/${m}`, { ...PAGEFIND_OPTIONS, baseUrl: base, mergeFilter: { [SHARD_FILTER]: String(i + 1) }, ranking: rankings[i + 1]!.ranking })),
  );
  const merged = inShards(
    pagefind,
    list.pages,
    rankings.map((r) => r.factor),
  );
  return withWholeWords(merged, preload, list.chunkStarts);
}

/** Each shard's `ranking` option and factor (src/client/search/relevance.ts), from its pages and words. */
export function shardRankings(pages: readonly number[], words: readonly number[]): ReturnType<typeof shardRanking>[] {
  const whole = Math.fround(words.reduce((a, b) => a + b, 0) / pages.reduce((a, b) => a + b, 0));
  return pages.map((n, i) => shardRanking(Math.fround(words[i]! / n), whole));
}

/** A filter every bundle gives all its pages (Pagefind's `mergeFilter`): the shard's number. */
export const SHARD_FILTER = 'shard';

/** A value of the `shard` filter no page has: a search that scores nothing, for its unfiltered counts. */
const NO_SHARD = 'none';

/**
 * `pagefind` (the primary bundle with the others merged, each given its `shardRanking`) answering
 * as one index; `pages`: each shard's pages; `factors`: each shard's `shardRanking` factor.
 */
export function inShards(pagefind: PagefindApi, pages: readonly number[], factors: readonly number[]): PagefindApi {
  const inShard = (options: SearchOptions, i: number | typeof NO_SHARD): SearchOptions => ({ ...options, filters: { ...options.filters, [SHARD_FILTER]: String(i) } });
  /** Each shard's unfiltered hits for `term` (the `shard` filter's counts of Pagefind's unfiltered hits). */
  const hitsPerShard = (r: PagefindResponse): number[] => pages.map((_, i) => r.totalFilters[SHARD_FILTER]?.[String(i)] ?? 0);

  /** Each shard's unfiltered hits for each query word alone (a search that scores nothing). */
  const perWord = (words: readonly string[]): Promise<number[][]> => Promise.all(words.map(async (w) => hitsPerShard((await pagefind.search(w, inShard({}, NO_SHARD)))!)));

  const search = async (term: string | null, options: SearchOptions): Promise<PagefindResponse | null> => {
    const answers = await Promise.all(pages.map((_, i) => pagefind.search(term, inShard(options, i))));
    if (answers.some((a) => a === null)) return null;
    const per = answers as PagefindResponse[];
    const first = per[0]!;
    const ranked = term !== null && !isExactSearch(term);
    const words = ranked ? queryWords(term) : [];
    // Shards that answer a query word with a shorter word (Pagefind's fallback where the shard has no word the query word starts) while another shard has one: one index would not.
    const kept = ranked ? await shardsHoldingWords(pagefind, per, words) : pages.map(() => true);
    const keptPer = per.map((r, i) => (kept[i] ? r : { ...r, results: [], filters: {} }));
    const sort = Object.entries(options.sort ?? {})[0];
    let results: PagefindResult[];
    if (sort !== undefined) results = mergedInOrder(keptPer.map((r) => r.results), sort[0], sort[1]);
    else if (!ranked) results = byScore(keptPer.map((r) => r.results.map((hit) => ({ hit, score: hit.score }))), inPagefindOrder);
    else {
      // One word: this answer's own counts; several: each word's alone.
      const withWord = (words.length === 1 ? [hitsPerShard(first)] : await perWord(words)).map((counts) => counts.map((n, i) => (kept[i] ? n : 0)));
      const scales = shardScales(pages, withWord).map((s, i) => s / factors[i]!);
      results = byScore(keptPer.map((r, i) => r.results.map((hit) => ({ hit, score: hit.score * scales[i]! }))), inPagefindOrder);
    }
    let unfilteredResultCount = first.unfilteredResultCount;
    let totalFilters = first.totalFilters;
    const unfilteredHere = hitsPerShard(first);
    if (kept.some((k, i) => !k && unfilteredHere[i]! > 0)) {
      // The unfiltered counts of the shards kept: their hits with no filter but the shard's.
      const shards = pages.flatMap((_, i) => (kept[i] ? [String(i)] : []));
      const unfiltered = (await pagefind.search(term, { filters: { [SHARD_FILTER]: { any: shards } } }))!;
      unfilteredResultCount = unfiltered.results.length;
      totalFilters = unfiltered.filters;
    }
    return {
      results,
      unfilteredResultCount,
      filters: withoutShards(summed(keptPer.map((r) => r.filters))),
      totalFilters: withoutShards(totalFilters),
    };
  };

  return {
    search,
    debouncedSearch: debounced(search),
    filters: async () => withoutShards(await pagefind.filters()),
  };
}

/** A word of a page's text as Pagefind's excerpts split it, compared as queryWords leaves a query word. */
const asQueryWord = (w: string): string => queryWords(w.normalize('NFD').replace(/\p{M}/gu, '')).join('');

/** The words of a hit's text that matched (Pagefind's locations in its fragment), as query words. */
async function matchedWords(hit: PagefindResult): Promise<string[]> {
  const data = (await hit.data()) as PagefindData & { readonly content?: string; readonly locations?: readonly number[] };
  const words = (data.content ?? '').split(/[^\S\uFEFF]+/);
  return (data.locations ?? []).map((l) => asQueryWord(words[l] ?? ''));
}

/**
 * Which shards answer every query word with words it starts, where some shard does. Pagefind
 * matches a query word as a prefix of the page's words; a bundle with no such word falls back to
 * its longest word the query word starts with (`switchover-ack` → `switchover`), and one index
 * falls back only where no shard has one. A shard has one when Pagefind's exact search for the
 * word (its stem, as indexed) counts a hit there, or else when its first hits' matched words
 * start with the query word (a word being typed: `switcho`). Where no shard has one, the shards
 * whose fallback matches the most of the query word are kept, as one index falls back to the
 * longest.
 */
async function shardsHoldingWords(pagefind: PagefindApi, per: readonly PagefindResponse[], words: readonly string[]): Promise<boolean[]> {
  const shards = per.length;
  const hitsPer = (r: PagefindResponse): number[] => per.map((_, i) => r.totalFilters[SHARD_FILTER]?.[String(i)] ?? 0);
  const exact = await Promise.all(words.map(async (w) => hitsPer((await pagefind.search(`"${w}"`, { filters: { [SHARD_FILTER]: NO_SHARD } }))!)));
  const answered = per.map((r) => r.results.length > 0);
  // Decided by the exact counts where they can; the others read their first hits' matched words.
  const holds = words.map((_, k) => per.map((_, i) => exact[k]![i]! > 0));
  const reach = words.map(() => per.map(() => 0));
  const undecided = per.map((_, i) => answered[i]! && holds.some((h) => !h[i]));
  await Promise.all(
    per.map(async (r, i) => {
      if (!undecided[i]) return;
      for (const hit of r.results.slice(0, 3)) {
        const matched = await matchedWords(hit);
        if (matched.length === 0) continue; // matched in its metadata only
        words.forEach((word, k) => {
          const w = asQueryWord(word);
          if (matched.some((m) => m.startsWith(w))) holds[k]![i] = true;
          reach[k]![i] = Math.max(reach[k]![i]!, ...matched.map((m) => commonPrefix(m, w)));
        });
        break;
      }
    }),
  );
  return Array.from({ length: shards }, (_, i) =>
    words.every((_, k) => {
      if (holds[k]!.some(Boolean)) return holds[k]![i]!;
      const longest = Math.max(...reach[k]!);
      return !answered[i] || reach[k]![i]! === longest;
    }),
  );
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Equal scores: Pagefind's merge keeps the shards' order, and each shard's own order. */
const inPagefindOrder = (a: { shard: number; place: number }, b: { shard: number; place: number }): number => a.shard - b.shard || a.place - b.place;

function summed(counts: readonly FilterCounts[]): FilterCounts {
  const out: Record<string, Record<string, number>> = {};
  for (const c of counts) {
    for (const [filter, values] of Object.entries(c)) {
      const into = (out[filter] ??= {});
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    }
  }
  return out;
}

function withoutShards(counts: FilterCounts): FilterCounts {
  const { [SHARD_FILTER]: _shards, ...rest } = counts;
  return rest;
}

/**
 * Lists each in the order of `key` (`asc` or `desc`), merged into one in that order: hits whose
 * data says where they go (the records carry their sort values as meta, `sort-<key>`,
 * src/lib/search/facets.ts). Equal values keep the order of their URLs (ascending with `asc`, as
 * Pagefind orders equal values by page, and its pages are in URL order). The merge is lazy: a
 * hit's place is settled when its data is asked for, one place after another, so showing the
 * first 10 needs the fragments of the first 10 and of one more hit per shard.
 *
 * Settling places one by one would fetch those fragments one after another, a round trip each.
 * So when place k is asked for, each shard's first ⌈(k + 1) / shards⌉ + 1 hits are fetched at once
 * (Pagefind keeps a fragment once loaded): the places so far come mostly evenly from the shards,
 * which hold pages by a hash of their URL. For the first 10 of three shards that is 15 fragments
 * in one round where 13 were needed in 13 rounds; the rare shard that gives more than its share
 * is read on, one at a time, as before.
 */
export function mergedInOrder(lists: readonly (readonly PagefindResult[])[], key: string, direction: 'asc' | 'desc'): PagefindResult[] {
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
  /** How many of each list's hits have been asked for their data ahead of their place. */
  const fetched = lists.map(() => 0);
  const fetchAhead = (k: number) => {
    const share = Math.ceil((k + 1) / lists.length) + 1;
    lists.forEach((list, i) => {
      for (; fetched[i]! < Math.min(share, list.length); fetched[i]!++) list[fetched[i]!]!.data().catch(() => undefined);
    });
  };
  /** Settles places up to `k` (one at a time: each takes the best head of the lists). */
  const settle = (k: number): Promise<PagefindData> => {
    fetchAhead(k);
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
  return Array.from({ length: total }, (_, k) => ({ id: `sorted-${k}`, score: -k, data: () => settle(k) }));
}
