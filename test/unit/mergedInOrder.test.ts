/**
 * A sorted search over several shards (src/client/search/shards.ts, mergedInOrder): the shards'
 * sorted lists merged by the sort values their hits' data carry, with the fragments fetched a
 * shard's share at a time rather than one round trip per place.
 */
import { describe, expect, it } from 'vitest';
import type { PagefindData, PagefindResult } from '../../src/client/search/pagefind.ts';
import { mergedInOrder } from '../../src/client/search/shards.ts';

/** A shard's sorted hits (`[id value, url]`), counting the data asked for. */
function shard(hits: readonly (readonly [string, string])[], asked: Set<string>): PagefindResult[] {
  return hits.map(([value, url]) => ({
    id: url,
    score: 0,
    data: async () => {
      asked.add(url);
      await new Promise((r) => setTimeout(r, 1));
      return { url, meta: { 'sort-id': value } } as unknown as PagefindData;
    },
  }));
}

/** Three shards of 20 hits, values spread over them as a hash of the URL spreads pages. */
function threeShards(asked: Set<string>): PagefindResult[][] {
  const all = Array.from({ length: 60 }, (_, n) => [`#${String(n).padStart(10, '0')}`, `/reports/gitlab/${n}/`] as const);
  return [0, 1, 2].map((s) => shard(all.filter((_, n) => (n * 7 + 3) % 3 === s), asked));
}

const urlsOf = async (results: readonly PagefindResult[]) => Promise.all(results.map(async (r) => (await r.data()).url));

describe('a sorted search merged from shards', () => {
  it('lists every hit of every shard once, by the sort value, in either direction', async () => {
    const asc = await urlsOf(mergedInOrder(threeShards(new Set()), 'id', 'asc'));
    expect(asc).toEqual(Array.from({ length: 60 }, (_, n) => `/reports/gitlab/${n}/`));
    const lists = threeShards(new Set()).map((l) => [...l].reverse());
    expect(await urlsOf(mergedInOrder(lists, 'id', 'desc'))).toEqual([...asc].reverse());
  });

  it('orders equal values by URL', async () => {
    const asked = new Set<string>();
    const lists = [shard([['1', '/b/'], ['2', '/d/']], asked), shard([['1', '/a/'], ['2', '/c/']], asked)];
    expect(await urlsOf(mergedInOrder(lists, 'id', 'asc'))).toEqual(['/a/', '/b/', '/c/', '/d/']);
  });

  it('fetches a shard’s share of the first 10 at once, not every shard’s every hit', async () => {
    const asked = new Set<string>();
    const merged = mergedInOrder(threeShards(asked), 'id', 'asc');
    const first10 = merged.slice(0, 10).map((r) => r.data());
    // Asked for, before any place is settled: ⌈10 / 3⌉ + 1 = 5 hits of each shard.
    expect(asked.size).toBe(15);
    expect((await Promise.all(first10)).map((d) => d.url)).toEqual(Array.from({ length: 10 }, (_, n) => `/reports/gitlab/${n}/`));
    expect(asked.size).toBeLessThanOrEqual(15);
  });

  it('reads on in a shard that gives more than its share', async () => {
    const asked = new Set<string>();
    // The first 10 places all come from one shard.
    const lopsided = [shard(Array.from({ length: 12 }, (_, n) => [`a${String(n).padStart(2, '0')}`, `/a/${n}/`] as const), asked), shard([['z1', '/z1/']], asked), shard([['z2', '/z2/']], asked)];
    const urls = await Promise.all(mergedInOrder(lopsided, 'id', 'asc').slice(0, 10).map(async (r) => (await r.data()).url));
    expect(urls).toEqual(Array.from({ length: 10 }, (_, n) => `/a/${n}/`));
  });
});
