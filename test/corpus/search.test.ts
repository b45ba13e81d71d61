/**
 * Search on the full corpus site (built once by test/support/builtSite.ts; `CORPUS_SITE_DIST`
 * points at an already built one instead), in headless Chromium: known reports come first,
 * filters narrow, and what a cold first query costs (bytes under pagefind/, keystroke to results).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { corpusSite } from '../support/builtSite.ts';
import { measureSearch } from '../../scripts/lib/searchMeasure.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

let dist: string;
let browser: Browser;
let server: StaticSite;

beforeAll(async () => {
  dist = process.env.CORPUS_SITE_DIST ?? corpusSite().dist;
  browser = await launchChromium();
  server = await serveStatic(dist, '/');
}, 1_800_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function resultsOf(query: string): Promise<string[]> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}search/${query}`, { waitUntil: 'load' });
  await page.waitForSelector(`#search-results[data-state="done"][data-query="${query}"]`, { state: 'attached', timeout: 60_000 });
  const hrefs = await page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  await page.context().close();
  return hrefs;
}

describe('search on the corpus', () => {
  it('finds gitlab/2469 first for switchover-ack, and says what the first query cost', async () => {
    const m = await measureSearch(dist, '/', 'switchover-ack', { browser });
    console.log(
      `first query "switchover-ack": ${(m.firstQueryBytes / 1024).toFixed(0)} KB fetched under pagefind/ ` +
        `(${(m.firstQueryGzipBytes / 1024).toFixed(0)} KB with gzipped JS) in ${m.requests.length} files; ` +
        `${m.msToResults} ms from keystroke to results\n` +
        m.requests.map((r) => `  ${r.path} ${(r.bytes / 1024).toFixed(1)} KB`).join('\n'),
    );
    expect(m.results[0]).toBe('/reports/gitlab/2469/');
    // Pagefind's own aim is under 300 KB for a first query on a 10k-page site.
    expect(m.firstQueryGzipBytes).toBeLessThan(300 * 1024);
    expect(m.msToResults).toBeLessThan(5_000);
  }, 120_000);

  it('finds launchpad/1694998 for msgsnd among what mode-deepseek-r1:32b classified', async () => {
    const all = await resultsOf('?q=msgsnd');
    const filtered = await resultsOf('?q=msgsnd&run=mode-deepseek-r1:32b');
    expect(filtered[0]).toBe('/reports/launchpad/1694998/');
    expect(filtered.length).toBeLessThanOrEqual(all.length);
    // Every filtered hit is a page that run classified (or the run's own page).
    const verdictsOf = (href: string) => {
      const m = /^\/reports\/([^/]+)\/([^/]+)\/$/.exec(href);
      if (!m) return [];
      const html = readFileSync(path.join(dist, 'reports', m[1]!, m[2]!, 'index.html'), 'utf8');
      // Each run's verdict section cites its run by name (the filters are in the search records only).
      return [...html.matchAll(/<code class="c-run">([^<]*)<\/code>/g)].map((x) => x[1]);
    };
    for (const h of filtered) expect(h === '/runs/mode-deepseek-r1-32b/' || verdictsOf(h).includes('mode-deepseek-r1:32b'), h).toBe(true);
  }, 120_000);

  it('indexes the thinking: a word only one run thought of leads to that run’s section', async () => {
    // A word that occurs in one report page only, inside one run's thinking.
    const html = (rel: string) => readFileSync(path.join(dist, rel), 'utf8');
    const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
    const seen = new Map<string, number>();
    const where = new Map<string, { page: string; run: string }>();
    const pages: string[] = [];
    for (const source of readdirSync(path.join(dist, 'reports'), { withFileTypes: true })) {
      if (!source.isDirectory()) continue;
      for (const id of readdirSync(path.join(dist, 'reports', source.name), { withFileTypes: true })) {
        if (id.isDirectory() && id.name !== 'page') pages.push(`reports/${source.name}/${id.name}/index.html`);
      }
    }
    for (const rel of pages) {
      const h = html(rel);
      const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(h)?.[1] ?? '';
      const words = new Set(text(main).toLowerCase().match(/\b[a-z]{9,}\b/g) ?? []);
      for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
      for (const m of main.matchAll(/<section class="verdict"[^>]*><h2 id="([^"]+)">([\s\S]*?)<\/section>/g)) {
        const thinking = /<details class="thinking"[^>]*>([\s\S]*?)<\/details>/.exec(m[2]!)?.[1] ?? '';
        for (const w of new Set(text(thinking).toLowerCase().match(/\b[a-z]{9,}\b/g) ?? [])) if (!where.has(w)) where.set(w, { page: rel, run: m[1]! });
      }
    }
    // Only once in these pages, and once inside that page's text (so not in the report itself).
    const candidates = [...where].filter(([w, at]) => seen.get(w) === 1 && text(html(at.page)).toLowerCase().split(w).length === 2).slice(0, 5);
    expect(candidates.length).toBeGreaterThan(0);
    let found = 0;
    for (const [word, at] of candidates) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}search/?q=${word}`, { waitUntil: 'load' });
      await page.waitForSelector(`#search-results[data-state="done"][data-query="?q=${word}"]`, { state: 'attached', timeout: 60_000 });
      const url = `/${at.page.replace(/index\.html$/, '')}`;
      const subs = await page.locator('#search-results .hit').filter({ has: page.locator(`a.hit-title[href="${url}"]`) }).locator('a.hit-sub').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      if (subs.includes(`${url}#${at.run}`)) found++;
      else console.log(`"${word}" (${url}#${at.run}): sub-results ${JSON.stringify(subs)}`);
      await page.context().close();
    }
    // Stemming may join a rare word to a common one; most must still land on the run's section.
    expect(found).toBeGreaterThanOrEqual(Math.ceil(candidates.length / 2));
  }, 300_000);
});
