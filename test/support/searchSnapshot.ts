/**
 * What the search page shows for a query string, read in Chromium: the status line, every hit
 * (all pages of them), every filter option with its count. Two sites that answer a search the
 * same way give the same snapshot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { reportPagePath } from '../../src/lib/paths.ts';
import { readState, writeState } from '../../src/lib/search/state.ts';
import type { StaticSite } from '../../scripts/lib/server.ts';

export interface SearchSnapshot {
  readonly status: string;
  readonly hits: readonly string[];
  readonly filters: readonly string[];
  /** Requests that failed (status ≥ 400). */
  readonly failed: readonly string[];
}

/** `maxHits`: stop asking for more results once this many are shown (long lists on the corpus). */
export async function searchSnapshot(browser: Browser, site: StaticSite, query: string, maxHits = Infinity): Promise<SearchSnapshot> {
  const page = await (await browser.newContext()).newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  try {
    await page.goto(`${site.url}search/${query}`, { waitUntil: 'load' });
    const q = writeState(readState(query));
    await page.waitForSelector(`#search-results[data-state="done"][data-query="${q.replace(/"/g, '\\"')}"]`, { state: 'attached', timeout: 60_000 });
    if (!(await page.locator('#search-filters').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('#search-filters > summary').click();
    await page.locator('#search-filters select').first().waitFor({ timeout: 60_000 });
    for (;;) {
      const shown = await page.locator('#search-results .hit').count();
      if (shown >= maxHits || !(await page.locator('#search-more').isVisible())) break;
      await page.locator('#search-more').evaluate((b) => (b as HTMLButtonElement).click());
      await page.waitForFunction(
        (n) => document.querySelectorAll('#search-results .hit').length > n || (document.getElementById('search-more') as HTMLButtonElement).hidden,
        shown,
      );
    }
    return {
      status: (await page.locator('#search-status').textContent()) ?? '',
      hits: await page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
      filters: await page.locator('#search-filters select option').evaluateAll((os) => os.map((o) => `${o.closest('select')?.id}: ${o.textContent}`)),
      failed,
    };
  } finally {
    await page.context().close();
  }
}

/**
 * The report pages whose data holds `word` (any case), as search result links under `base`:
 * what a search for a word only some reports have must find, read from content/, not the index.
 */
export function reportsHolding(contentDir: string, word: string, base: string): string[] {
  const dir = path.join(contentDir, 'report-data');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json') && readFileSync(path.join(dir, f), 'utf8').toLowerCase().includes(word.toLowerCase()))
    .map((f) => `${base}${reportPagePath(f.slice(0, -5).split(path.sep).join('/'))}`)
    .sort();
}
