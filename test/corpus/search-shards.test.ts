/**
 * The search index in shards on the corpus (src/lib/search/shards.ts): the corpus site's search
 * bundles made from its content twice, as one Pagefind index and in three shards (the corpus is
 * one shard by default), and the same searches asked of both in Chromium. The split index never
 * loses a report; for most searches it has the same hits, counts and filter counts, and sorted
 * lists in the same order on the search page. Not exact: words a shard lacks (Pagefind's prefix
 * fallback adds pages) or whose prefix extensions differ by shard, and the order by relevance
 * (a known gap, below).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { pagefindOptions, pagefindTerm, readState, writeState } from '../../src/lib/search/state.ts';
import { corpusSite } from '../support/builtSite.ts';
import { buildTwoIndexes, nonZero, pagefindAnswer, sharedOfFirst10, shardList, type TwoIndexes } from '../support/searchShards.ts';
import { tempDir } from '../support/tempDirs.ts';

const SHARDS = 3;
let two: TwoIndexes;
let servers: { one: StaticSite; split: StaticSite };
let browser: Browser;
let pages: { one: Page; split: Page };

beforeAll(async () => {
  const site = corpusSite();
  const reports = (site.report as { reports?: number }).reports;
  two = await buildTwoIndexes(site.dist, site.content, tempDir('corpus-search-shards'), Math.ceil(7_939 / SHARDS));
  console.log(`one index: ${JSON.stringify(two.oneResult)}\nin shards: ${JSON.stringify(two.splitResult)} (${reports ?? '?'} reports)`);
  servers = { one: await serveStatic(two.one, '/'), split: await serveStatic(two.split, '/') };
  browser = await launchChromium();
  const open = async (s: StaticSite) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.url}search/`, { waitUntil: 'load' });
    return page;
  };
  pages = { one: await open(servers.one), split: await open(servers.split) };
}, 1_800_000);

afterAll(async () => {
  await browser?.close();
  await servers?.one.close();
  await servers?.split.close();
});

const SEARCHES = [
  '?q=kvm',
  '?q=qemu',
  '?q=the',
  '?q=segfault',
  '?q=syscall',
  '?q=arm',
  '?q=msgsnd',
  '?q=switchover-ack',
  '?q=kvm&source=gitlab',
  '?q=qemu&run=mode-deepseek-r1:32b',
  '?q=the&source=launchpad&task=mode',
  '?source=mailinglist',
  '?q=kvm&sort=date-desc',
  '?q=qemu&source=gitlab&sort=id-asc',
  '?source=gitlab&sort=date-asc',
  '?q=crash&sort=id-desc',
];

/**
 * Where the split index answers with the same hits and counts (measured, December 2026). Not:
 * `switchover-ack` (a shard without the word falls back to a prefix of it), `arm` (1,721 hits
 * in shards, 1,621 in one index) and `crash` (1,741, 1,740), where the shards' words starting
 * with the query differ from one index's.
 */
const EXACT = new Set(SEARCHES.filter((q) => !['?q=switchover-ack', '?q=arm', '?q=crash&sort=id-desc'].includes(q)));

describe('the search index in shards, on the corpus', () => {
  it('is three bundles holding every page', () => {
    expect(two.oneResult.shards).toBe(1);
    expect(two.splitResult.shards).toBe(SHARDS);
    expect(shardList(two.split).merge).toEqual(['shard-1/', 'shard-2/']);
    expect(two.splitResult.pages).toBe(two.oneResult.pages);
  });

  for (const query of SEARCHES) {
    it(`finds every report of one index for ${query}, with the same counts where the shards hold the same words`, async () => {
      const state = readState(query);
      const ask = (p: Page, s: typeof state) => pagefindAnswer(p, '/', pagefindTerm(s), pagefindOptions(s));
      const [one, split] = await Promise.all([ask(pages.one, state), ask(pages.split, state)]);
      expect(one.urls.length).toBeGreaterThan(0);
      // Never a report lost.
      expect(split.urls).toEqual(expect.arrayContaining(one.urls));
      if (!EXACT.has(query)) {
        console.log(`${query}: not exact, ${split.urls.length} hits in shards, ${one.urls.length} in one index`);
        return;
      }
      expect(split.urls.length).toBe(one.urls.length);
      expect(split.unfiltered).toBe(one.unfiltered);
      expect(nonZero(split.filters)).toEqual(nonZero(one.filters));
      expect(nonZero(split.totalFilters)).toEqual(nonZero(one.totalFilters));
      if (state.sort === '') console.log(`${query}: ${one.urls.length} hits, first 10 share ${sharedOfFirst10(split.urls, one.urls)} with one index's`);
    }, 120_000);
  }

  // Known gap: each shard ranks with its own term statistics (BM25's IDF and page length), and
  // Pagefind orders merged hits by those scores, so common words' first 10 differ (December 2026:
  // kvm 0, qemu 2, the 5, syscall 3 of 10 shared). Fails when the first 10 share at least 8.
  it.fails('ranks common words as one index does (first 10 sharing at least 8): not met', async () => {
    for (const q of ['kvm', 'qemu', 'the', 'syscall']) {
      const s = readState(`?q=${q}`);
      const [one, split] = await Promise.all([pagefindAnswer(pages.one, '/', pagefindTerm(s), pagefindOptions(s)), pagefindAnswer(pages.split, '/', pagefindTerm(s), pagefindOptions(s))]);
      expect(sharedOfFirst10(split.urls, one.urls), q).toBeGreaterThanOrEqual(8);
    }
  }, 120_000);

  for (const query of SEARCHES.filter((q) => q.includes('sort=') && EXACT.has(q))) {
    it(`shows ${query} on the search page as one index does, in the same order`, async () => {
      const shown = async (s: StaticSite) => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${s.url}search/${query}`, { waitUntil: 'load' });
        const q = writeState(readState(query));
        await page.waitForSelector(`#search-results[data-state="done"][data-query="${q}"]`, { state: 'attached', timeout: 60_000 });
        const out = {
          status: await page.locator('#search-status').textContent(),
          hits: (await page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) as string[],
        };
        await page.context().close();
        return out;
      };
      const [one, split] = [await shown(servers.one), await shown(servers.split)];
      expect(one.hits.length).toBeGreaterThan(0);
      expect(split.status).toBe(one.status);
      if (readState(query).sort !== '') expect(split.hits).toEqual(one.hits);
      else expect(sharedOfFirst10(split.hits, one.hits)).toBeGreaterThanOrEqual(Math.min(8, one.hits.length));
    }, 120_000);
  }
});
