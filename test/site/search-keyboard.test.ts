/**
 * The search filters from the keyboard, in headless Chromium on the sample site: arrow keys on a
 * closed drop-down browse its values without searching; Enter, or leaving the filter, applies
 * the value shown; Esc puts it back; a pick with the mouse applies at once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { sampleSite } from '../support/builtSite.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

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

/** The search page for `q`, its filter panel open and the source filter focused. */
async function focusedSourceFilter(q: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}search/?q=${q}`);
  await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
  await page.locator('#search-filters > summary').click();
  await page.locator('#search-filter-source').waitFor();
  await page.waitForFunction(() => (document.querySelector('#search-filter-source') as HTMLSelectElement).options.length > 2);
  await page.locator('#search-filter-source').focus();
  return page;
}

const search = (page: Page) => new URL(page.url()).search;
const renders = (page: Page) => page.locator('#search-results').getAttribute('data-rendered-at');

describe('search filters from the keyboard', () => {
  it('↓ and ↑ browse the values without applying one; Enter applies the one shown', async () => {
    const page = await focusedSourceFilter('qemu');
    const before = await renders(page);
    const select = page.locator('#search-filter-source');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const shown = await select.inputValue();
    // The browser did move the value: the drop-down is browsed, not left alone.
    expect(shown).not.toBe('');
    await page.waitForTimeout(300);
    expect(search(page)).toBe('?q=qemu');
    expect(await renders(page)).toBe(before);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#search-results[data-state="done"][data-query="?q=qemu&source=${shown}"]`, { state: 'attached' });
    expect(search(page)).toBe(`?q=qemu&source=${shown}`);
    expect(await page.locator('#search-active button[data-filter="source"]').count()).toBe(1);
    await page.context().close();
  });

  it('leaving a browsed filter with Tab applies it; Esc puts it back instead', async () => {
    const page = await focusedSourceFilter('qemu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    expect(await page.locator('#search-filter-source').inputValue()).toBe('');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(search(page)).toBe('?q=qemu');

    await page.locator('#search-filter-source').focus();
    await page.keyboard.press('ArrowDown');
    const shown = await page.locator('#search-filter-source').inputValue();
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#search-results[data-state="done"][data-query="?q=qemu&source=${shown}"]`, { state: 'attached' });
    await page.context().close();
  });

  it('a pick with the mouse (selectOption) still applies at once', async () => {
    const page = await focusedSourceFilter('qemu');
    await page.locator('#search-filter-source').selectOption('gitlab');
    await page.waitForSelector('#search-results[data-state="done"][data-query="?q=qemu&source=gitlab"]', { state: 'attached' });
    await page.context().close();
  });

  it('tells keyboard users how the filters work', async () => {
    const page = await focusedSourceFilter('qemu');
    const described = await page.locator('#search-filter-source').getAttribute('aria-describedby');
    const texts = await Promise.all(described!.split(' ').map((id) => page.locator(`#${id}`).textContent()));
    expect(texts.join(' ')).toContain('Enter');
    // And what the numbers in brackets count.
    expect(texts.join(' ')).toContain('The numbers in brackets count reports');
    await page.context().close();
  });
});
