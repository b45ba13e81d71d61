/**
 * Relevance across the index's shards (src/client/search/relevance.ts): Pagefind's IDF, the
 * factors that put a shard's scores on one index's scale, the words a query is split into, and
 * the merge of the shards' lists by score.
 */
import { describe, expect, it } from 'vitest';
import { byScore, isExactSearch, pagefindIdf, queryWords, shardScales } from '../../src/client/search/relevance.ts';

describe('pagefindIdf', () => {
  it('is BM25’s IDF with the +1 that keeps it positive, as Lucene computes it', () => {
    // Elasticsearch's explain output for one document holding the term in an index of one:
    // "idf, computed as log(1 + (N - n + 0.5) / (n + 0.5))", n = 1, N = 1: 0.2876821.
    expect(pagefindIdf(1, 1)).toBeCloseTo(0.2876821, 6);
    // A word every page holds still counts a little; a rarer word counts more.
    expect(pagefindIdf(100, 100)).toBeGreaterThan(0);
    expect(pagefindIdf(100, 3)).toBeGreaterThan(pagefindIdf(100, 30));
  });

  it('is computed in 32-bit floats, as Pagefind’s WebAssembly computes it', () => {
    const v = pagefindIdf(7939, 1234);
    expect(Math.fround(v)).toBe(v);
    expect(v).toBeCloseTo(Math.log((7939 - 1234 + 0.5) / (1234 + 0.5) + 1), 6);
  });
});

describe('shardScales', () => {
  it('turns a shard’s IDF of a word into one index’s', () => {
    // Shard 0: 1 of 2 pages hold the word; shard 1: none. One index: 1 of 4.
    const [s0, s1] = shardScales([2, 2], [[1, 0]]);
    expect(s0).toBeCloseTo(Math.log(1 + 3.5 / 1.5) / Math.log(1 + 1.5 / 1.5), 5);
    // No hit in shard 1: nothing to scale.
    expect(s1).toBe(1);
    // Where the word is a little commoner in a shard than in the whole, its scores go up, and down where rarer.
    const [common, rare] = shardScales([1000, 1000], [[300, 200]]);
    expect(common).toBeGreaterThan(1);
    expect(rare).toBeLessThan(1);
  });

  it('is one for shards as alike as one index', () => {
    const scales = shardScales([500, 500, 500], [[50, 50, 50]]);
    for (const s of scales) expect(s).toBeCloseTo(pagefindIdf(1500, 150) / pagefindIdf(500, 50), 6);
  });

  it('scales several words by their summed IDFs', () => {
    const [s0] = shardScales([10, 10], [[2, 4], [5, 5]]);
    expect(s0).toBeCloseTo((pagefindIdf(20, 6) + pagefindIdf(20, 10)) / (pagefindIdf(10, 2) + pagefindIdf(10, 5)), 6);
  });
});

describe('queryWords', () => {
  it('splits as Pagefind does: lower case, punctuation taken out, at spaces', () => {
    expect(queryWords('KVM')).toEqual(['kvm']);
    expect(queryWords('switchover-ack')).toEqual(['switchoverack']);
    expect(queryWords('  qemu   arm, ')).toEqual(['qemu', 'arm']);
    expect(queryWords('hv - passthrough')).toEqual(['hv', 'passthrough']);
  });

  it('tells a quoted (exact) search', () => {
    expect(isExactSearch('"page fault"')).toBe(true);
    expect(isExactSearch('page fault')).toBe(false);
  });
});

describe('byScore', () => {
  const tie = (a: { shard: number; place: number }, b: { shard: number; place: number }) => a.shard - b.shard || a.place - b.place;

  it('orders the shards’ hits by score, highest first', () => {
    const lists = [
      [
        { hit: 'a', score: 9 },
        { hit: 'b', score: 3 },
      ],
      [
        { hit: 'c', score: 5 },
        { hit: 'd', score: 1 },
      ],
    ];
    expect(byScore(lists, tie)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('breaks ties (within a millionth) by the tie-break given', () => {
    const lists = [[{ hit: 'x', score: 2 }], [{ hit: 'y', score: 2.0000001 }], [{ hit: 'z', score: 2.1 }]];
    expect(byScore(lists, tie)).toEqual(['z', 'x', 'y']);
  });
});
