/**
 * Search on the sample site, served under a base (`/archive/`), in headless Chromium: ranking,
 * filters and their counts, the URL as the search's state (fresh load, back/forward), hits in
 * a run's reasoning leading to that run's section, keyboard use, and the index's content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchRecords } from '../../scripts/search-index.ts';
import { LEFT_OUT, NOTE_SELECTOR } from '../../src/lib/content/searchRecords.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { closePagefind, pagefindFragments, type PagefindFragment } from '../support/pagefindFragments.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { SAMPLE_SITE_URL, sampleSite } from '../support/builtSite.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { readState, writeState } from '../../src/lib/search/state.ts';

const BASE = '/archive/';
let dist: string;
let server: StaticSite;
let browser: Browser;

beforeAll(async () => {
  dist = sampleSite(BASE, SAMPLE_SITE_URL).dist;
  server = await serveStatic(dist, BASE);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `search/<query string>` in a fresh context and waits for its results. */
async function openSearch(query: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}search/${query}`, { waitUntil: 'load' });
  await waitForResults(page, query);
  return page;
}

/** Waits until the list shows the results of the search `query` (a query string, '' for none). */
async function waitForResults(page: Page, query: string): Promise<void> {
  const q = writeState(readState(query));
  await page.waitForSelector(q === '' ? '#search-results[data-state="idle"]' : `#search-results[data-state="done"][data-query="${q.replace(/"/g, '\\"')}"]`, { state: 'attached', timeout: 30_000 });
}

const hits = (page: Page) => page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

async function type(page: Page, text: string): Promise<void> {
  await page.locator('#search-q').fill(text);
  await waitForResults(page, writeState({ q: text.trim(), filters: readState(new URL(page.url()).search).filters, sort: readState(new URL(page.url()).search).sort }));
}

describe('search page', () => {
  it('is there without JavaScript too, saying it needs it and where to browse instead', () => {
    const html = readFileSync(path.join(dist, 'search/index.html'), 'utf8');
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(html)?.[1] ?? '';
    expect(noscript).toContain('Search needs JavaScript');
    for (const href of ['/archive/reports/', '/archive/runs/', '/archive/models/']) expect(noscript).toContain(`href="${href}"`);
    // The Pagefind bundle is not loaded by the page itself, only by the script when needed.
    expect(html).not.toContain('pagefind/pagefind.js');
  });

  it('loads no Pagefind file before the first keystroke, then finds the report whose title matches first', async () => {
    const page = await (await browser.newContext()).newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}search/`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results[data-state="idle"]', { state: 'attached' });
    expect(fetched.filter((p) => p.includes('/pagefind/'))).toEqual([]);
    await type(page, 'hv-passthrough');
    expect(fetched.some((p) => p.startsWith('/archive/pagefind/'))).toBe(true);
    const first = (await hits(page))[0];
    expect(first).toBe('/archive/reports/gitlab/1893/');
    expect(await page.locator('#search-results .hit-title').first().textContent()).toContain('hv-passthrough');
    expect(new URL(page.url()).search).toBe('?q=hv-passthrough');
    await page.context().close();
  });

  it('narrows the results with a run filter, with counts, and keeps it in the URL', async () => {
    const page = await openSearch('?q=qemu');
    const all = await hits(page);
    expect(all.length).toBeGreaterThan(3);
    await page.locator('#search-filters > summary').click();
    const select = page.locator('#search-filter-run');
    await select.waitFor();
    const option = select.locator('option', { hasText: 'deepseek-r1:14b (' }).first();
    const label = await option.textContent();
    const count = Number(/\((\d+)\)$/.exec(label ?? '')?.[1]);
    await select.selectOption('deepseek-r1:14b');
    await waitForResults(page, '?q=qemu&run=deepseek-r1:14b');
    expect(new URL(page.url()).search).toBe('?q=qemu&run=deepseek-r1:14b');
    const narrowed = await hits(page);
    // The count is of reports: the run's own page is a result but not counted.
    expect(narrowed.filter((h) => h!.includes('/reports/')).length).toBe(count);
    expect(narrowed.length).toBeLessThan(all.length);
    // The chosen value stays in its drop-down, selected, and the summary names it.
    await page.waitForFunction(() => (document.querySelector('#search-filter-run') as HTMLSelectElement | null)?.value === 'deepseek-r1:14b');
    expect(await page.locator('#search-filter-run option:checked').textContent()).toMatch(/^✓ deepseek-r1:14b \(\d+\)$/);
    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ results? for “qemu” with Run: deepseek-r1:14b \(\d+ without the filter\)\.$/);
    expect(await page.locator('#search-filter-counted').textContent()).toContain('count reports');
    // deepseek-r1:14b classified exactly these reports (and has its own run page).
    const ofRun = new Set(['1893', '2266', '1638427', '2417', '3012', '1905562']);
    for (const h of narrowed) expect(h === '/archive/runs/deepseek-r1-14b/' || ofRun.has(h!.split('/').at(-2)!), h!).toBe(true);
    // Each report result says what the filtered run called it.
    expect(await page.locator('#search-results .hit-verdicts').first().textContent()).toMatch(/^deepseek-r1:14b → /);
    // The active filter is a chip; removing it restores the unfiltered search.
    await page.locator('#search-active button[data-filter="run"]').click();
    await waitForResults(page, '?q=qemu');
    expect(await hits(page)).toEqual(all);
    await page.context().close();
  });

  it('reproduces a search from its URL alone: query, filters and sort', async () => {
    const page = await openSearch('?q=qemu');
    await page.locator('#search-filters > summary').click();
    await page.locator('#search-filter-source').selectOption('gitlab');
    await waitForResults(page, '?q=qemu&source=gitlab');
    await page.locator('#search-sort').selectOption('id-desc');
    await waitForResults(page, '?q=qemu&source=gitlab&sort=id-desc');
    const shown = await hits(page);
    expect(shown.length).toBeGreaterThan(1);
    const ids = shown.map((h) => Number(h!.split('/').at(-2)));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const pasted = await openSearch(new URL(page.url()).search);
    expect(await hits(pasted)).toEqual(shown);
    expect(await pasted.locator('#search-q').inputValue()).toBe('qemu');
    expect(await pasted.locator('#search-sort').inputValue()).toBe('id-desc');
    expect(await pasted.locator('#search-active button[data-filter="source"]').count()).toBe(1);
    await page.context().close();
    await pasted.context().close();
  });

  it('lists what one run called each report with one run → label filter and no query', async () => {
    const page = await openSearch(`?verdict=${encodeURIComponent('mode-deepseek-r1:32b → user')}&sort=id-asc`);
    // Sorted by report id as numbers: 1742 < 2417 < 1873340.
    expect(await hits(page)).toEqual(['/archive/reports/gitlab/1742/', '/archive/reports/gitlab/2417/', '/archive/reports/launchpad/1873340/']);
    expect(await page.locator('#search-status').textContent()).toBe('3 results with Run → label: mode-deepseek-r1:32b → user.');
    await page.context().close();
  });

  it('sends a hit inside a run’s reasoning to that run’s section of the report', async () => {
    // "synthetic" is only in deepseek-r1:14b's thinking on gitlab/1893.
    const page = await openSearch('?q=synthetic');
    expect((await hits(page))[0]).toBe('/archive/reports/gitlab/1893/');
    const sub = page.locator('#search-results .hit').first().locator('a.hit-sub');
    expect(await sub.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/archive/reports/gitlab/1893/#deepseek-r1-14b']);
    await Promise.all([page.waitForURL('**/reports/gitlab/1893/#deepseek-r1-14b'), sub.click()]);
    const target = await page.evaluate(() => {
      const t = document.getElementById(location.hash.slice(1));
      return { tag: t?.tagName, section: t?.closest('section')?.className, thinking: t?.closest('section')?.querySelector('details.thinking')?.textContent ?? '' };
    });
    expect(target.tag).toBe('H2');
    expect(target.section).toBe('verdict');
    expect(target.thinking).toContain('synthetic');
    await page.context().close();
  });

  it('restores earlier searches with back and forward', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}search/`, { waitUntil: 'load' });
    await type(page, 'statx');
    await page.keyboard.press('Enter');
    const first = await hits(page);
    expect(first[0]).toBe('/archive/reports/gitlab/1742/');
    await type(page, 'hv-passthrough');
    await page.keyboard.press('Enter');
    expect((await hits(page))[0]).toBe('/archive/reports/gitlab/1893/');
    await page.goBack();
    await waitForResults(page, '?q=statx');
    expect(await page.locator('#search-q').inputValue()).toBe('statx');
    expect(await hits(page)).toEqual(first);
    await page.goBack();
    await waitForResults(page, '');
    expect(await page.locator('#search-q').inputValue()).toBe('');
    expect(await hits(page)).toEqual([]);
    await page.goForward();
    await waitForResults(page, '?q=statx');
    await page.goForward();
    await waitForResults(page, '?q=hv-passthrough');
    expect(await page.locator('#search-q').inputValue()).toBe('hv-passthrough');
    await page.context().close();
  });

  it('works from the keyboard: / from any page, arrows through the results, Enter opens', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}reports/gitlab/2417/`, { waitUntil: 'load' });
    await Promise.all([page.waitForURL('**/archive/search/'), page.keyboard.press('/')]);
    await page.waitForSelector('#search-results[data-state="idle"]', { state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.type('qemu');
    await waitForResults(page, '?q=qemu');
    const links = await page.locator('#search-results a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(links[0]);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(links[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    // `/` while typing in the box is a character, not a shortcut.
    await page.keyboard.type('/');
    expect(await page.locator('#search-q').inputValue()).toBe('qemu/');
    await page.keyboard.press('Backspace');
    await waitForResults(page, '?q=qemu');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(`**${links[0]}`), page.keyboard.press('Enter')]);
    await page.context().close();
  });

  it('shows hostile report text in excerpts as text', async () => {
    const page = await openSearch('?q=onerror');
    expect((await hits(page))[0]).toBe('/archive/reports/gitlab/1742/');
    expect(await page.locator('#search-results img, #search-results script').count()).toBe(0);
    expect(await page.locator('#search-results .hit-excerpt').first().textContent()).toContain('<img src=x onerror=alert(1)>');
    await page.context().close();
  });
});

describe('what is indexed', () => {
  it('tags report records with filters and sorts, and leaves them off the page that readers see', () => {
    const html = readFileSync(path.join(dist, 'reports/gitlab/1742/index.html'), 'utf8');
    const record = [...searchRecords(sampleSite(BASE, SAMPLE_SITE_URL).content)].find((r) => r.url === '/reports/gitlab/1742/')!.html;
    const filters = [...record.matchAll(/<span data-pagefind-filter="([^"]+)">([^<]*)<\/span>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(filters).toEqual(expect.arrayContaining(['kind=report', 'source=gitlab', 'run=mode-deepseek-r1:32b', 'label=user', 'verdict=mode-deepseek-r1:32b → user', 'model=deepseek-r1:32b', 'task=mode', 'state=closed']));
    expect(record).toContain('<span data-pagefind-sort="id">#0000001742</span>');
    expect(record).toContain('<span data-pagefind-sort="date">2023-07-04T20:31:09.642Z</span>');
    // Search-only data is never on the page: text browsers, which ignore `hidden`, would show it.
    expect(html).not.toMatch(/data-pagefind-(filter|sort|meta)/);
    // The verdict heading carries the run's anchor (Pagefind's sub-results come from heading ids).
    expect(html).toMatch(/<section class="verdict" aria-labelledby="mode-deepseek-r1-32b"><h2 id="mode-deepseek-r1-32b">/);
    expect(html).toMatch(/<details class="thinking" data-pagefind-weight="0.5">/);
  });

  it('indexes each record as Pagefind would index its page: the words a reader sees, in order, the headings where they fall, the weights; filters in the record only', async () => {
    const records = [...searchRecords(sampleSite(BASE, SAMPLE_SITE_URL).content)];
    expect(records.map((r) => r.url)).toEqual(expect.arrayContaining(['/reports/gitlab/1742/', '/runs/deepseek-r1-14b/', '/models/deepseek-r1-14b/']));
    // Every page that asks to be indexed has a record, and no other.
    const marked = filesBelow(dist)
      .filter((f) => f.endsWith('.html') && readFileSync(path.join(dist, f), 'utf8').includes('data-pagefind-body'))
      .map((f) => `/${f.replace(/index\.html$/, '')}`);
    expect(records.map((r) => r.url).sort()).toEqual(marked.sort());
    // Each page as a reader sees it, rendered: what its record leaves out on purpose (and the
    // archivists' note, compared on its own elsewhere) removed, and a space after every element
    // the browser lays out as a block or a cell (Pagefind runs `<th>a</th><th>b</th>` together;
    // a reader sees two words). The weighted parts' words, since fragments do not carry weights.
    const page = await (await browser.newContext()).newPage();
    const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
    const weightedOf = (weighted: readonly (readonly [string, string])[]) => weighted.map(([w, text]) => `${w}: ${words(text).join(' ')}`);
    const pages: { url: string; html: string }[] = [];
    const recordDocs: { url: string; html: string }[] = [];
    const weights = new Map<string, { page: string[]; record: string[] }>();
    for (const record of records) {
      await page.goto(`${server.url}${record.url.slice(1)}`, { waitUntil: 'load' });
      const seen = await page.evaluate((leftOut) => {
        for (const el of Array.from(document.querySelectorAll(leftOut))) el.remove();
        for (const el of Array.from(document.querySelectorAll('[data-pagefind-body] *'))) {
          const display = getComputedStyle(el).display;
          if (!display.startsWith('inline') && display !== 'contents' && display !== 'none') el.after(' ');
        }
        const weighted = Array.from(document.querySelectorAll('[data-pagefind-body] [data-pagefind-weight]')).map((el) => [el.getAttribute('data-pagefind-weight')!, el.textContent ?? ''] as const);
        return { html: `<!doctype html>${document.documentElement.outerHTML}`, weighted };
      }, [...LEFT_OUT, NOTE_SELECTOR].join(','));
      const ofRecord = await page.evaluate(
        ([html, note]) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          for (const el of Array.from(doc.querySelectorAll(note))) el.remove();
          const weighted = Array.from(doc.querySelectorAll('[data-pagefind-weight]')).map((el) => [el.getAttribute('data-pagefind-weight')!, el.textContent ?? ''] as const);
          return { html: `<!doctype html>${doc.documentElement.outerHTML}`, weighted };
        },
        [record.html, NOTE_SELECTOR] as const,
      );
      pages.push({ url: record.url, html: seen.html });
      recordDocs.push({ url: record.url, html: ofRecord.html });
      weights.set(record.url, { page: weightedOf(seen.weighted), record: weightedOf(ofRecord.weighted) });
    }
    await page.context().close();
    const [fromPages, fromRecords] = [await pagefindFragments(pages), await pagefindFragments(recordDocs)];
    await closePagefind();
    expect([...fromRecords.keys()].sort()).toEqual(records.map((r) => r.url).sort());
    const headings = (f: PagefindFragment) => f.anchors.filter((a) => /^h[1-6]$/.test(a.element)).map((a) => `${a.element} #${a.id} @${a.location}: ${a.text}`);
    for (const record of records) {
      const onPage = fromPages.get(record.url)!;
      const inRecord = fromRecords.get(record.url)!;
      expect(words(onPage.content).length, record.url).toBeGreaterThan(5);
      expect(words(inRecord.content).join(' '), record.url).toBe(words(onPage.content).join(' '));
      expect(inRecord.word_count, record.url).toBe(onPage.word_count);
      expect(headings(inRecord), record.url).toEqual(headings(onPage));
      expect(inRecord.meta['title'], record.url).toBe(onPage.meta['title']);
      expect(weights.get(record.url)!.record, record.url).toEqual(weights.get(record.url)!.page);
      expect(onPage.filters, record.url).toEqual({});
      expect(inRecord.filters['kind']?.length, record.url).toBe(1);
    }
    // Headings with ids are where a hit leads: a report page has its verdicts' among them.
    expect(headings(fromRecords.get('/reports/gitlab/1742/')!).some((h) => h.startsWith('h2 #mode-deepseek-r1-32b @'))).toBe(true);
    expect([...weights.values()].some((w) => w.page.some((x) => x.startsWith('0.5: '))), 'some page has a thinking at half weight').toBe(true);
  }, 180_000);

  it('keeps heading ids in a record and drops the others, and gives hostile text as text', () => {
    const record = [...searchRecords(sampleSite(BASE, SAMPLE_SITE_URL).content)].find((r) => r.url === '/reports/gitlab/1742/')!;
    expect(record.html).toContain('<h2 id="mode-deepseek-r1-32b">');
    expect(record.html).toContain('<details data-pagefind-weight="0.5">');
    expect(record.html).not.toMatch(/<(?!h[1-6])[a-z]+ [^>]*\bid=/);
    // The report's hostile text is there as text (escaped), never as an element.
    expect(record.html).toMatch(/(&lt;|&#x3C;)img src=x onerror=alert\(1\)/);
    expect(record.html).not.toContain('<img');
    expect(record.html).toContain('<dt>State</dt> <dd>closed</dd> ');
  });
});
