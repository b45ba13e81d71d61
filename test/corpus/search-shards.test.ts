/**
 * The search index in shards on the corpus (src/lib/search/shards.ts): the corpus site's search
 * bundles made from its content twice, as one Pagefind index and in three shards (the corpus is
 * one shard by default), and the same searches asked of both in Chromium through the search
 * page's own merge. The split index never loses a report; for most searches it has the same
 * hits, counts and filter counts, the first 10 by relevance share at least 8 with one index's,
 * and sorted lists are in the same order on the search page. Not exact: words whose prefix
 * extensions the shards' index chunks and one index's hold differently (below).
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
  '?q=migration',
  '?q=hang',
  '?q=tcg',
  '?q=page fault',
  '?q=qemu crash',
  '?q=kvm arm',
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
 * Not the same hits (measured, December 2026; every hit of one index is found, and more): Pagefind
 * matches a query word as a prefix only among the words of the index chunk(s) holding it, and the
 * shards' chunks end at other words than one index's. One index's chunk ending at `arm` leaves out
 * `arm64`, `armv7`…, which the shards' chunks hold: `arm` 1,721 hits in shards, 1,621 in one
 * index; `kvm arm` 838, 798; `tcg` 2,432, 2,429; `crash` 1,741, 1,740.
 */
const CHUNKED = ['?q=arm', '?q=tcg', '?q=kvm arm', '?q=crash&sort=id-desc'];
const EXACT = new Set(SEARCHES.filter((q) => !CHUNKED.includes(q)));

/**
 * Ranked as one index (first 10 sharing at least 8): the words whose extensions the shards' chunks
 * and one index's hold alike. Not: `kvm` (shard chunks hold `kvm_exit_*`, one index's does not,
 * and each extension adds to a page's score), `arm`, `tcg`, `kvm arm` (above).
 */
const RANKED = ['?q=qemu', '?q=the', '?q=segfault', '?q=syscall', '?q=msgsnd', '?q=switchover-ack', '?q=migration', '?q=hang', '?q=page fault', '?q=qemu crash'];

describe('the search index in shards, on the corpus', () => {
  it('is three bundles holding every page', () => {
    expect(two.oneResult.shards).toBe(1);
    expect(two.splitResult.shards).toBe(SHARDS);
    expect(shardList(two.split).merge).toEqual(['shard-1/', 'shard-2/']);
    expect(two.splitResult.pages).toBe(two.oneResult.pages);
    // Every page's words counted once: the shards' words add up to one index's (Pagefind's page lists).
    const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);
    expect(sum(shardList(two.split).words)).toBe(sum(shardList(two.one).words));
    expect(sum(shardList(two.split).pages)).toBe(two.oneResult.pages);
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

  for (const query of RANKED) {
    it(`ranks ${query} as one index does: the first 10 share at least 8`, async () => {
      const s = readState(query);
      const [one, split] = await Promise.all([pagefindAnswer(pages.one, '/', pagefindTerm(s), pagefindOptions(s)), pagefindAnswer(pages.split, '/', pagefindTerm(s), pagefindOptions(s))]);
      expect(sharedOfFirst10(split.urls, one.urls)).toBeGreaterThanOrEqual(Math.min(8, one.urls.length));
    }, 120_000);
  }

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
