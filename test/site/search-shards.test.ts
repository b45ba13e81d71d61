/**
 * The search index in shards (src/lib/search/shards.ts) on the sample: its search bundles made
 * from the sample site's content twice, as one Pagefind index and split into at least three
 * (`shardPages` small), and every search asked of both in Chromium: the same hits, the same
 * counts and filter counts, the same order where a sort is asked for, and by relevance the
 * first 10 sharing at least 8; and the search page itself shows the same.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { buildSearchIndex } from '../../scripts/search-index.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { pagefindOptions, pagefindTerm, readState, writeState } from '../../src/lib/search/state.ts';
import { SAMPLE_SITE_URL, sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { fragmentUrls, twoIndexesOf, type FragmentUrls, hasBundle, nonZero, pagefindAnswer, sharedOfFirst10, shardList, type TwoIndexes } from '../support/searchShards.ts';
import { differingFiles } from '../support/sameFiles.ts';

const BASE = '/archive/';
let site: BuiltSite;
let two: TwoIndexes;
let urlOf: { one: FragmentUrls; split: FragmentUrls };
let servers: { one: StaticSite; split: StaticSite };
let browser: Browser;
let pages: { one: Page; split: Page };
/** The search page of each site, opened once: each test navigates it to its query (the browser's cache kept, as a reader's is). */
let searchPages: { one: Page; split: Page };

beforeAll(async () => {
  site = sampleSite(BASE, SAMPLE_SITE_URL);
  // The sample's 17 reports in shards of 6: three bundles.
  two = await twoIndexesOf(site, 6);
  urlOf = { one: fragmentUrls(two.one), split: fragmentUrls(two.split) };
  servers = { one: await serveStatic(two.one, BASE), split: await serveStatic(two.split, BASE) };
  browser = await launchChromium();
  const open = async (s: StaticSite) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.url}search/`, { waitUntil: 'load' });
    return page;
  };
  pages = { one: await open(servers.one), split: await open(servers.split) };
  searchPages = { one: await open(servers.one), split: await open(servers.split) };
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await servers?.one.close();
  await servers?.split.close();
});

/** Searches as the search page's URL states them: with and without a query, filters and sorts. */
const SEARCHES = [
  '?q=qemu',
  '?q=kvm',
  '?q=the',
  '?q=syscall',
  '?q=hv-passthrough',
  // A word one shard holds: the others' fallback to a shorter word (`stat`) is dropped.
  '?q=statx',
  '?q=synthetic',
  '?q=deepseek',
  '?q=qemu&source=gitlab',
  '?q=qemu&run=deepseek-r1:14b',
  '?q=the&source=launchpad',
  `?verdict=${encodeURIComponent('mode-deepseek-r1:32b → user')}`,
  '?source=gitlab',
  '?q=qemu&sort=id-asc',
  '?q=qemu&source=gitlab&sort=id-desc',
  '?source=gitlab&sort=date-desc',
  '?q=the&sort=date-asc',
  `?verdict=${encodeURIComponent('mode-deepseek-r1:32b → user')}&sort=id-asc`,
];

describe('the search index in shards, on the sample', () => {
  // `one` is the site's own bundle (twoIndexesOf): it must be what one index of the records is.
  it('holds the split index against the site\'s own bundle, byte for byte one Pagefind index of the site\'s records', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'results-archive-one-index-'));
    try {
      const made = await buildSearchIndex(site.content, path.join(work, 'pagefind'), { shardPages: Number.MAX_SAFE_INTEGER });
      expect(made).toMatchObject({ shards: 1, pages: two.oneResult.pages });
      const own = path.join(two.one, 'pagefind');
      const files = filesBelow(path.join(work, 'pagefind'));
      expect(filesBelow(own)).toEqual(files);
      expect(differingFiles(own, path.join(work, 'pagefind'), files)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('is three bundles, listed beside the primary one, holding every page once', () => {
    expect(two.oneResult.shards).toBe(1);
    expect(two.splitResult.shards).toBe(3);
    expect(shardList(two.one).merge).toEqual([]);
    expect(shardList(two.split).merge).toEqual(['shard-1/', 'shard-2/']);
    for (const m of shardList(two.split).merge) {
      const dir = path.join(two.split, 'pagefind', m);
      expect(hasBundle(dir)).toBe(true);
      // A merged bundle keeps only what the browser reads of it (the primary's scripts and wasm serve all).
      expect(readdirSync(dir).filter((f) => !f.endsWith('.pf_meta')).sort()).toEqual(['filter', 'fragment', 'index', 'pagefind-entry.json']);
    }
    expect(two.splitResult.pages).toBe(two.oneResult.pages);
  });

  it('names each hit by the URL Pagefind itself reads from its fragment', async () => {
    for (const [page, urls] of [
      [pages.one, urlOf.one],
      [pages.split, urlOf.split],
    ] as const) {
      const fromFragments = await pagefindAnswer(page, BASE, 'qemu', {}, urls);
      const readAll = { urls: new Map<string, string>(), ambiguous: [...urls.urls.keys(), ...urls.ambiguous] };
      const fromPagefind = await pagefindAnswer(page, BASE, 'qemu', {}, readAll);
      expect(fromFragments.urls.length).toBeGreaterThan(3);
      expect(fromFragments.urls).toEqual(fromPagefind.urls);
      expect(fromFragments.urls.every((u) => u.startsWith(`${BASE}reports/`))).toBe(true);
    }
  });

  for (const query of SEARCHES) {
    it(`answers ${decodeURIComponent(query)} as one index does`, async () => {
      const state = readState(query);
      const [one, split] = await Promise.all([
        pagefindAnswer(pages.one, BASE, pagefindTerm(state), pagefindOptions(state), urlOf.one),
        pagefindAnswer(pages.split, BASE, pagefindTerm(state), pagefindOptions(state), urlOf.split),
      ]);
      expect(one.urls.length).toBeGreaterThan(0);
      expect([...split.urls].sort()).toEqual([...one.urls].sort());
      expect(split.unfiltered).toBe(one.unfiltered);
      expect(nonZero(split.filters)).toEqual(nonZero(one.filters));
      expect(nonZero(split.totalFilters)).toEqual(nonZero(one.totalFilters));
      // Pagefind orders a merged sorted search only roughly; the search page puts it in order (below).
      if (state.sort === '') expect(sharedOfFirst10(split.urls, one.urls)).toBeGreaterThanOrEqual(Math.min(8, one.urls.length));
    });
  }

  for (const query of SEARCHES) {
    it(`shows ${decodeURIComponent(query)} on the search page as with one index: the summary, the counts beside each filter value, the first results`, async () => {
      const shown = async (page: Page, s: StaticSite) => {
        const fetched: string[] = [];
        const onRequest = (r: { url(): string }) => fetched.push(new URL(r.url()).pathname);
        page.on('request', onRequest);
        await page.goto(`${s.url}search/${query}`, { waitUntil: 'load' });
        const q = writeState(readState(query));
        await page.waitForSelector(`#search-results[data-state="done"][data-query="${q.replace(/"/g, '\\"')}"]`, { state: 'attached', timeout: 30_000 });
        if (!(await page.locator('#search-filters').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('#search-filters > summary').click();
        // Opening the panel searches again, with the counts: drawn before the list says it is done.
        await page.waitForSelector('#search-filter-counted', { state: 'attached', timeout: 30_000 });
        await page.waitForSelector(`#search-results[data-state="done"][data-query="${q.replace(/"/g, '\\"')}"]`, { state: 'attached', timeout: 30_000 });
        page.off('request', onRequest);
        return {
          status: await page.locator('#search-status').textContent(),
          hits: (await page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) as string[],
          options: await page.locator('#search-filter-controls option').evaluateAll((os) => os.map((o) => o.textContent)),
          shards: fetched.filter((p) => p.includes('/pagefind/shard-')).map((p) => p.split('/')[3]),
        };
      };
      const [one, split] = await Promise.all([shown(searchPages.one, servers.one), shown(searchPages.split, servers.split)]);
      expect(one.hits.length).toBeGreaterThan(0);
      expect(split.status).toBe(one.status);
      expect(split.options).toEqual(one.options);
      if (readState(query).sort !== '') expect(split.hits).toEqual(one.hits);
      else expect(sharedOfFirst10(split.hits, one.hits)).toBeGreaterThanOrEqual(Math.min(8, one.hits.length));
      // The page read the other shards (and the one-index site has none).
      expect(new Set(split.shards)).toEqual(new Set(['shard-1', 'shard-2']));
      expect(one.shards).toEqual([]);
    });
  }
});
