/**
 * One page of every kind the sample site has, and how to open one in Chromium: what the reading
 * tests (test/site/reading.test.ts) open, and what the page-kind pass (test/site/axe.test.ts: a
 * phone's width, axe-core) goes through.
 */
import type { BrowserContext, Page } from 'playwright-core';

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
