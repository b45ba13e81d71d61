/**
 * The archivists' notes on the sample site (sample/notes/), served under a base (with SITE_URL): on the page they
 * annotate and set apart, their components pointing where they say with the figures the data
 * files give, listed on /notes/ and in the Atom feed, and found by search (words and the `noted`
 * filter), in Chromium.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { SAMPLE_SITE_URL, sampleSite } from '../support/builtSite.ts';

const BASE = '/archive/';
let dist: string;
let server: StaticSite;
let browser: Browser;
let page: Page;
let verdicts: Record<string, string>[];

beforeAll(async () => {
  dist = sampleSite(BASE, SAMPLE_SITE_URL).dist;
  server = await serveStatic(dist, BASE);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  verdicts = parseCsv(readFileSync(path.join(dist, 'data/verdicts.csv')), { columns: true }) as Record<string, string>[];
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(p: string): Promise<void> {
  await page.goto(`${server.url}${p}`, { waitUntil: 'load' });
}

const noteLinks = () =>
  page.locator('.archivist-note a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent?.replace(/\s+/g, ' ').trim() })));

describe('a note on a report page', () => {
  it('is set apart, said to be the archivists’ words, under the report header', async () => {
    await open('reports/launchpad/1873340/');
    const note = page.locator('aside.archivist-note#note');
    expect(await note.count()).toBe(1);
    expect(await note.locator('h2').textContent()).toBe('Note by The archivists: why this verdict needed a reviewer');
    expect(await note.locator('.note-meta').textContent()).toContain('The archivists’ words, not the tree’s data · written 2026-11-20');
    // Before the tree's own verdict table.
    expect(await page.evaluate(() => {
      const n = document.querySelector('.archivist-note')!;
      const table = document.querySelector('h1')!;
      return Boolean(table.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
    })).toBe(true);
  });

  it('points where its components say, with the label the data file gives', async () => {
    await open('reports/launchpad/1873340/');
    const links = await noteLinks();
    const row = verdicts.find((v) => v.source === 'launchpad' && v.id === '1873340' && v.run === 'no-thinking-deepseek-r1:32b')!;
    expect(links).toContainEqual({
      href: '/archive/reports/launchpad/1873340/#no-thinking-deepseek-r1-32b',
      text: `no-thinking-deepseek-r1:32b: ${row.label} (first filed as ${row.first_filed_label})`,
    });
    expect(row.label).toBe('runtime');
    expect(links).toContainEqual({ href: '/archive/reports/launchpad/1873340/#L1-L3', text: 'lines 1–3 of the report text' });
    expect(links.some((l) => l.href === '/archive/reports/gitlab/2417/' && l.text?.startsWith('gitlab/2417 '))).toBe(true);
    // The quoted lines are the page's own lines 1–3, numbered.
    const quoted = await page.locator('.archivist-note .note-quote pre').first().textContent();
    // A line's own text, without its number (a.ln, text for text browsers).
    const own = await page.locator('#L1, #L2, #L3').evaluateAll((ls) => ls.map((l) => [...l.childNodes].filter((c) => !(c instanceof Element && c.matches('a.ln'))).map((c) => c.textContent).join('')));
    expect(quoted!.split('\n').slice(0, 3).map((l) => l.replace(/^\s*\d+ {2}/, ''))).toEqual(own.map((t) => t.replace(/\n$/, '')));
  });

  it('is absent where there is none', async () => {
    await open('reports/gitlab/1742/');
    expect(await page.locator('.archivist-note').count()).toBe(0);
  });
});

describe('a note on a run page', () => {
  it('gives the label count the data files give, and the pair page', async () => {
    await open('runs/qwen3-32b/');
    const links = await noteLinks();
    const syscall = verdicts.filter((v) => v.run === 'qwen3:32b' && v.label === 'syscall').length;
    expect(syscall).toBeGreaterThan(0);
    expect(links).toContainEqual({ href: '/archive/runs/qwen3-32b/syscall/', text: `${syscall} report${syscall === 1 ? '' : 's'} labelled syscall (after review)` });
    expect(links.find((l) => l.href === '/archive/compare/qwen3-32b/no-thinking-deepseek-r1-32b/')?.text).toMatch(/^qwen3:32b against no-thinking-deepseek-r1:32b \(\d+ reports both labelled, κ (= -?\d\.\d\d|not defined)\)$/);
    expect(links.some((l) => l.href === '/archive/reports/gitlab/1742/#qwen3-32b-L2-L4')).toBe(true);
  });
});

describe('/notes/ and the feed', () => {
  it('list every note newest first, each leading to its note on its page', async () => {
    await open('notes/');
    const items = await page.locator('.notes-list li').evaluateAll((lis) => lis.map((li) => ({ date: li.querySelector('time')!.textContent, href: li.querySelector('a')!.getAttribute('href') })));
    expect(items).toEqual([
      { date: '2026-12-01', href: '/archive/#note' },
      { date: '2026-11-25', href: '/archive/runs/qwen3-32b/#note' },
      { date: '2026-11-20', href: '/archive/reports/launchpad/1873340/#note' },
    ]);
    for (const i of items) {
      await open(i.href!.replace(BASE, ''));
      expect(await page.locator('#note.archivist-note').count(), i.href!).toBe(1);
    }
  });

  it('are in an Atom feed a real parser reads, linked from every page', () => {
    const links = (site: string) => {
      const xml = readFileSync(path.join(site, 'notes/feed.xml'), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      const entries = new XMLParser({ ignoreAttributes: false }).parse(xml).feed.entry as { link: { '@_href': string } }[];
      return entries.map((e) => e.link['@_href']);
    };
    // This site has SITE_URL: absolute links. The sample built without it (under /): relative ones.
    expect(links(dist)).toEqual([`${SAMPLE_SITE_URL}/archive/#note`, `${SAMPLE_SITE_URL}/archive/runs/qwen3-32b/#note`, `${SAMPLE_SITE_URL}/archive/reports/launchpad/1873340/#note`]);
    expect(links(sampleSite().dist)).toEqual(['/#note', '/runs/qwen3-32b/#note', '/reports/launchpad/1873340/#note']);
    expect(readFileSync(path.join(dist, 'reports/gitlab/1742/index.html'), 'utf8')).toContain('<link rel="alternate" type="application/atom+xml" title="The archivists’ notes" href="/archive/notes/feed.xml">');
  });
});

describe('notes in search', () => {
  async function search(query: string): Promise<string[]> {
    await open(`search/${query}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached', timeout: 30_000 });
    return page.locator('#search-results .hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.replace(/#.*$/, '')));
  }

  it('find a page by a word only its note has', async () => {
    expect(await search('?q=aloud')).toEqual(['/archive/runs/qwen3-32b/']);
  });

  it('filter the pages that have a note', async () => {
    expect((await search('?q=qemu&noted=has%20a%20note')).sort()).toEqual(['/archive/reports/launchpad/1873340/']);
    expect((await search('?q=qwen3&noted=has%20a%20note')).sort()).toEqual(['/archive/runs/qwen3-32b/']);
  });
});
