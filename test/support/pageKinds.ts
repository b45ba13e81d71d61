/**
 * One page of every kind the sample site has, and how to open one in Chromium: what the reading
 * tests (test/site/reading.test.ts) and axe-core (test/site/axe-*.test.ts) go through.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { sampleSite } from './builtSite.ts';
import { axeViolations } from './axe.ts';

/** One page of every kind the site has (a search with results, a tree lookup, a 404). */
export const PAGE_KINDS: readonly string[] = [
  '',
  'reports/',
  'reports/gitlab/',
  'reports/gitlab/2417/', // GitLab markdown with highlighted code
  'reports/gitlab/1893/', // four verdicts, reasoning
  'reports/launchpad/1638427/', // with and without comments
  'reports/box64/1742/', // NUL byte, CRLF
  'reports/unknown/09404417/', // 5,000-line text, folded
  'runs/',
  'runs/deepseek-r1-14b/',
  'runs/zero-shot-017/',
  'runs/zero-shot-017/all/',
  'changes/zero-shot-017/002-017/',
  'models/',
  'models/deepseek-r1-32b/',
  'search/?q=qemu',
  'tree/?path=https%3A%2F%2Fgitlab.com%2Fqemu-project%2Fqemu%2F-%2Fissues%2F1893',
  'build-report/',
  'build-report/info/',
  'tasks/',
  'tasks/user-mode/', // κ grid with shading
  'tasks/zero-shot/',
  'tasks/user-mode/contested/',
  'tasks/user-mode/unanimous/',
  'compare/', // every pair ranked, the form
  'compare/deepseek-r1-14b/', // one run's partners
  'compare/deepseek-r1-14b/zero-shot-001/', // runs of different tasks: not compared
  'about/statistics/',
  'compare/deepseek-r1-14b/gemma3-12b/', // confusion matrix
  'compare/gemma3-12b/deepseek-r1-14b/',
  'compare/deepseek-r1-14b/gemma3-12b/kvm/kvm/',
  'sets/semantic-bugs/',
  'reviewer/',
  'data/',
  'no-such-page/',
];

/** Opens `rel` of the site at `url` and waits for what its script draws (search results, a tree lookup). */
export async function openPageKind(context: BrowserContext, url: string, rel: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url + rel);
  if (rel.startsWith('search/')) {
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
    await page.locator('#search-filters > summary').click();
    await page.locator('#search-filter-source').waitFor();
  }
  if (rel.startsWith('tree/?')) await page.locator('#tree-result a').waitFor();
  return page;
}

/** The test that axe-core finds nothing on any page kind in one colour scheme, every <details> open. */
export function axeTest(scheme: 'light' | 'dark', site: () => { browser: Browser; url: string }): void {
  it(`finds nothing on any page kind in ${scheme} mode, with every <details> open`, async () => {
    const { browser, url } = site();
    const context = await browser.newContext({ colorScheme: scheme });
    const found: string[] = [];
    for (const rel of PAGE_KINDS) {
      const page = await openPageKind(context, url, rel);
      // Folded texts, thinking, more scores: what a reader opens is checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      for (const v of await axeViolations(page)) found.push(`${rel}: ${v.id} (${v.impact}, ${v.count}×) ${v.help}\n  ${v.nodes.join('\n  ')}`);
      await page.close();
    }
    await context.close();
    expect(found).toEqual([]);
  }, 300_000);
}

/** A test file's whole axe check in one colour scheme: the sample site served, Chromium, `axeTest`. */
export function describeAxe(scheme: 'light' | 'dark'): void {
  let server: StaticSite;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveStatic(sampleSite().dist, '/');
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  describe(`accessibility (axe-core), ${scheme}`, () => {
    axeTest(scheme, () => ({ browser, url: server.url }));
  });
}
