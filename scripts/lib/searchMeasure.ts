/**
 * What one cold search costs a reader: the bytes fetched under `<base>pagefind/` and the time from
 * the keystroke to the rendered results, measured in headless Chromium on a built site.
 * Used by test/corpus/search.test.ts and the benchmark (scripts/bench.ts).
 *
 * "Cold": a fresh browser context (empty cache) opens `<base>search/` (which loads no Pagefind
 * file by itself), the byte counter is reset, the query is typed into the box as one input event,
 * and the clock runs from that event to the moment the result list is drawn (the page's own
 * `data-rendered-at`). `firstQueryGzipBytes` is what a host that gzips JavaScript would send
 * (Pagefind's index, fragment and wasm files are gzip already).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { serveStatic } from './server.ts';
import { normaliseBase } from '../../src/lib/paths.ts';

export interface SearchMeasurement {
  readonly query: string;
  readonly firstQueryBytes: number;
  readonly firstQueryGzipBytes: number;
  readonly msToResults: number;
  /** Result URLs in order (first page of results). */
  readonly results: readonly string[];
  /** The files fetched under pagefind/, with their sizes as served. */
  readonly requests: readonly { readonly path: string; readonly bytes: number }[];
}

export async function measureSearch(distDir: string, base: string, query: string, options: { browser?: Browser } = {}): Promise<SearchMeasurement> {
  const b = normaliseBase(base);
  const site = await serveStatic(path.resolve(distDir), b);
  const browser = options.browser ?? (await launchChromium());
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}search/`, { waitUntil: 'load' });
    site.served.clear();
    await page.evaluate(() => {
      window.addEventListener('input', () => ((window as unknown as { __searchT0: number }).__searchT0 = performance.now()), { capture: true, once: true });
    });
    await page.locator('#search-q').fill(query);
    const expected = await page.evaluate((q) => `?q=${encodeURIComponent(q).replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%20/g, '+')}`, query.trim());
    await page.waitForSelector(`#search-results[data-state="done"][data-query="${expected.replace(/"/g, '\\"')}"]`, { state: 'attached', timeout: 60_000 });
    const timing = await page.evaluate(() => {
      const list = document.getElementById('search-results')!;
      return { t0: (window as unknown as { __searchT0: number }).__searchT0, t1: Number(list.dataset.renderedAt) };
    });
    const results = await page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    const requests = [...site.served].filter(([p]) => p.startsWith(`${b}pagefind/`)).map(([p, bytes]) => ({ path: p.slice(b.length), bytes }));
    let gzipBytes = 0;
    for (const r of requests) {
      const file = path.join(distDir, decodeURIComponent(r.path));
      const data = readFileSync(file);
      const isGzip = data[0] === 0x1f && data[1] === 0x8b;
      gzipBytes += isGzip ? r.bytes : gzipSync(data).length;
    }
    return {
      query,
      firstQueryBytes: requests.reduce((n, r) => n + r.bytes, 0),
      firstQueryGzipBytes: gzipBytes,
      msToResults: Math.round(timing.t1 - timing.t0),
      results,
      requests,
    };
  } finally {
    await context.close();
    if (!options.browser) await browser.close();
    await site.close();
  }
}
