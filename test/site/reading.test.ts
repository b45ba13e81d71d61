/**
 * Reading comfort on the sample site, in headless Chromium (axe-core on every page kind, light
 * and dark, and no page kind scrolling sideways on a 390 px phone: axe.test.ts): dark mode really
 * changes the colours (pages, charts, code); on a phone, charts and tables stay legible; long
 * report texts are folded and a link into the fold opens it (with and without JavaScript); line
 * links are named and out of the Tab order; a build without SITE_URL names no origin, and one
 * with it uses it for every absolute URL; upstream issue URLs resolve in /tree/ and through the
 * 404 page; change-list pages; small fixes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageKind } from '../support/pageKinds.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { SAMPLE_SITE_URL, sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { UPSTREAM_LINKS } from '../support/legacyLinks.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = sampleSite();
  server = await serveStatic(site.dist, '/');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page and waits for what its script draws (search results, a tree lookup). */
const open = (context: BrowserContext, rel: string): Promise<Page> => openPageKind(context, server.url, rel);

// axe-core on every page kind, light and dark: test/site/axe.test.ts (a file of its own, so it
// runs beside the other files).

describe('dark mode', () => {
  async function colours(scheme: 'light' | 'dark') {
    const context = await browser.newContext({ colorScheme: scheme });
    const run = await open(context, 'runs/zero-shot-017/');
    const chart = await run.evaluate(() => ({
      page: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.body).color,
      scheme: getComputedStyle(document.documentElement).colorScheme,
      chartText: getComputedStyle(document.querySelector('svg.chart text')!).fill,
      chartBar: getComputedStyle(document.querySelector('svg.chart rect')!).fill,
    }));
    const report = await open(context, 'reports/gitlab/2417/');
    const code = await report.evaluate(() => {
      const token = document.querySelector<HTMLElement>('.md pre.shiki span[style*="--shiki-dark"]')!;
      return { color: getComputedStyle(token).color, dark: token.style.getPropertyValue('--shiki-dark') };
    });
    const search = await open(context, 'search/?q=qemu');
    const searchPage = await search.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await context.close();
    return { ...chart, code, searchPage };
  }

  const luminance = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const hex = (h: string) => {
    const n = h.replace('#', '');
    return `rgb(${parseInt(n.slice(0, 2), 16)}, ${parseInt(n.slice(2, 4), 16)}, ${parseInt(n.slice(4, 6), 16)})`;
  };

  it('follows prefers-color-scheme on pages, charts, code blocks and the search page, with color-scheme declared', async () => {
    const light = await colours('light');
    const dark = await colours('dark');
    expect(light.scheme).toBe('light dark');
    expect(luminance(light.page)).toBeGreaterThan(200);
    expect(luminance(dark.page)).toBeLessThan(50);
    expect(luminance(dark.text)).toBeGreaterThan(200);
    expect(luminance(dark.searchPage)).toBeLessThan(50);
    // Chart labels follow the text colour; bars change too.
    expect(luminance(light.chartText)).toBeLessThan(60);
    expect(luminance(dark.chartText)).toBeGreaterThan(200);
    expect(dark.chartBar).not.toBe(light.chartBar);
    // Shiki's dual themes: the token takes its dark colour in dark mode only.
    expect(dark.code.color).toBe(hex(dark.code.dark));
    expect(light.code.color).not.toBe(hex(light.code.dark));
  }, 120_000);
});

describe('on a 390 px phone', () => {
  // No page kind scrolls sideways on a phone: test/site/axe.test.ts, which loads each page kind once.

  it('charts keep labels of 12 px or more; table words do not break inside a word; long task pages have an index', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await open(context, 'runs/deepseek-r1-14b/');
    const chart = await page.locator('svg.chart').evaluate((svg) => {
      const text = svg.querySelector('text')!;
      return { scale: svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width, font: parseFloat(getComputedStyle(text).fontSize) };
    });
    expect(chart.font * chart.scale).toBeGreaterThanOrEqual(12);
    await page.close();
    for (const rel of ['tasks/user-mode/', 'compare/', 'compare/deepseek-r1-14b/gemma3-12b/', 'reviewer/']) {
      const p = await open(context, rel);
      // Every cell's words stay whole: no line of a cell ends inside a word unless hyphenated.
      const broken = await p.evaluate(() => {
        const out: string[] = [];
        for (const cell of document.querySelectorAll('table.data th, table.data td')) {
          const style = getComputedStyle(cell);
          if (style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all') out.push(cell.textContent ?? '');
        }
        return out;
      });
      expect(broken, rel).toEqual([]);
      await p.close();
    }
    const task = await open(context, 'tasks/user-mode/');
    const toc = await task.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(toc).toEqual(['#runs', '#population', '#pairs', '#contested']);
    for (const id of toc) expect(await task.locator(id!).count()).toBe(1);
    await context.close();
  });

  it('the build report’s headers do not break inside a word', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await open(context, 'build-report/');
    const th = page.locator('#findings ~ details th', { hasText: /^Line$/ }).first();
    const { height, line } = await th.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) || 20 }));
    expect(height).toBeLessThan(line * 1.8);
    await context.close();
  });
});

describe('long report texts', () => {
  const REPORT = 'reports/unknown/09404417/';

  it('show their first lines and fold the rest behind a closed <details> that says which lines it holds', async () => {
    const context = await browser.newContext();
    const page = await open(context, REPORT);
    const fold = page.locator('details.fold');
    expect(await fold.count()).toBe(1);
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await fold.locator('summary').textContent()).toMatch(/^Show lines 41–5,417 \(5,377 more lines/);
    expect(await page.locator('#classified-1-L40').isVisible()).toBe(true);
    expect(await page.locator('#classified-1-L41').isVisible()).toBe(false);
    // What follows the text starts within a few screens, not past 5,000 lines.
    const after = await page.evaluate(() => document.querySelector('.curated, .verdict, footer.site')!.getBoundingClientRect().top + window.scrollY);
    expect(after).toBeLessThan(4000);
    await context.close();
  });

  it('open when a line link, a range or a line copied from the fold points into them (with JavaScript)', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await open(context, `${REPORT}#classified-1-L2000-L2003`);
    expect(await page.locator('details.fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#classified-1-L2000').isVisible()).toBe(true);
    expect(await page.locator('.line.hl').count()).toBe(4);
    const top = await page.locator('#classified-1-L2000').evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(50);
    // Click-to-copy works on folded lines too.
    await page.locator('#classified-1-L2010 a.ln').click();
    expect(new URL(page.url()).hash).toBe('#classified-1-L2010');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}${REPORT}#classified-1-L2010`);
    await context.close();
  });

  it('open for a line link without JavaScript too (Chromium opens a <details> for the fragment)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${REPORT}#classified-1-L3000`);
    expect(await page.locator('details.fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#classified-1-L3000').isVisible()).toBe(true);
    const top = await page.locator('#classified-1-L3000').evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(50);
    await context.close();
  });
});

describe('line-number links', () => {
  it('have a name, stay out of the Tab order, and Tab reaches the page’s own links first', async () => {
    const context = await browser.newContext();
    const page = await open(context, 'reports/gitlab/1893/');
    const links = await page.locator('a.ln').evaluateAll((as) => as.map((a) => ({ label: a.getAttribute('aria-label'), tab: (a as HTMLElement).tabIndex, href: a.getAttribute('href') })));
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) {
      expect(l.label).toBe(`Line ${/L(\d+)$/.exec(l.href!)![1]}`);
      expect(l.tab).toBe(-1);
    }
    const visited: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.className ?? ''));
    }
    expect(visited).not.toContain('ln');
    await context.close();
  });
});

describe('a build without SITE_URL names no origin', () => {
  it('has no made-up origin in any file, no canonical or OpenGraph URL, no sitemap; the build report says SITE_URL is not set', () => {
    const texts = filesBelow(site.dist).filter((f) => /\.(html|json|xml|txt|js|css)$/.test(f));
    for (const f of texts) expect(readFileSync(path.join(site.dist, f), 'utf8'), f).not.toContain('archive.invalid');
    const pages = texts.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(50);
    for (const f of pages) {
      const html = readFileSync(path.join(site.dist, f), 'utf8');
      expect(html, f).not.toContain('rel="canonical"');
      expect(html, f).not.toContain('property="og:url"');
    }
    expect(existsSync(path.join(site.dist, 'sitemap.xml'))).toBe(false);
    expect(readFileSync(path.join(site.dist, 'robots.txt'), 'utf8')).not.toContain('Sitemap');
    const report = site.report as { siteUrl: string | null; notes: string[] };
    expect(report.siteUrl).toBeNull();
    expect(report.notes.join(' ')).toContain('SITE_URL is not set');
    expect(readFileSync(path.join(site.dist, 'build-report/index.html'), 'utf8')).toContain('<p id="site-url-not-set"><strong><code>SITE_URL</code> is not set</strong>');
  });

  it('cites the address the page was opened at, and copies it', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await open(context, 'reports/gitlab/1893/');
    expect(await page.locator('.report-head a.c-url').textContent()).toBe(`${server.url}reports/gitlab/1893/`);
    // A full address now: no "path on this site" note.
    expect(await page.locator('.report-head p.cite').textContent()).not.toContain('path on this site');
    await page.click('.report-head button.copy');
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n')[2]).toBe(`${server.url}reports/gitlab/1893/`);
    await context.close();
    // Without JavaScript, the path (no origin at all).
    const html = readFileSync(path.join(site.dist, 'reports/gitlab/1893/index.html'), 'utf8');
    expect(html).toContain('<a class="c-url" href="/reports/gitlab/1893/" data-own-origin>/reports/gitlab/1893/</a><span class="c-where"> (path on this site)</span>');
  });
});

describe('a build with SITE_URL', () => {
  it('uses it for every absolute URL of the site: canonical, OpenGraph, cite lines, sitemap, robots.txt', () => {
    const withUrl = sampleSite('/archive/', SAMPLE_SITE_URL);
    const own = `${SAMPLE_SITE_URL}/archive/`;
    const pages = filesBelow(withUrl.dist).filter((f) => f.endsWith('.html') && f !== '404.html');
    for (const f of pages) {
      const html = readFileSync(path.join(withUrl.dist, f), 'utf8');
      const page = own + f.replace(/index\.html$/, '');
      expect(html, f).toContain(`<link rel="canonical" href="${page}">`);
      expect(html, f).toContain(`<meta property="og:url" content="${page}">`);
      for (const [, url] of html.matchAll(/<a class="c-url" href="[^"]*">([^<]*)<\/a>/g)) expect(url!.startsWith(own), `${f}: ${url}`).toBe(true);
      expect(html, f).not.toContain('data-own-origin');
    }
    const locs = [...readFileSync(path.join(withUrl.dist, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(20);
    for (const loc of locs) expect(loc.startsWith(own), loc).toBe(true);
    expect(readFileSync(path.join(withUrl.dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${own}sitemap.xml`);
    expect((withUrl.report as { siteUrl: string }).siteUrl).toBe(SAMPLE_SITE_URL);
  }, 600_000); // builds the sample a second time (with SITE_URL), after any other build in this checkout
});

describe('upstream issue URLs', () => {
  const UPSTREAM = UPSTREAM_LINKS;

  it('pasted into /tree/, each names the page of its report', async () => {
    const context = await browser.newContext();
    const page = await open(context, 'tree/');
    for (const [url, target] of UPSTREAM) {
      await page.locator('#tree-path').fill(url);
      await page.locator('#tree-form button').click();
      await page.locator('#tree-result a').first().waitFor();
      expect(await page.locator('#tree-result a').first().getAttribute('href'), url).toBe(`/${target}`);
      expect(new URL(page.url()).searchParams.get('path')).toBe(url);
    }
    await page.locator('#tree-path').fill('https://gitlab.com/qemu-project/qemu/-/issues/999999');
    await page.locator('#tree-form button').click();
    await page.waitForFunction(() => document.getElementById('tree-result')?.textContent?.includes('names nothing'));
    await context.close();
  });

  it('put after the base, or onto this host, the 404 page forwards them to the report', async () => {
    const context = await browser.newContext();
    for (const [url, target] of UPSTREAM) {
      for (const link of [url, url.replace(/^https:\/\/[^/]+\//, '')]) {
        const page = await context.newPage();
        await page.goto(server.url + link);
        await page.waitForURL(server.url + target);
        await page.close();
      }
    }
    await context.close();
  });
});

describe('change lists', () => {
  it('show the from → to matrix first, titles beside ids, and are linked from both iterations’ runs', async () => {
    const html = readFileSync(path.join(site.dist, 'changes/zero-shot-017/002-017/index.html'), 'utf8');
    const matrix = html.indexOf('<table class="data moves">');
    expect(matrix).toBeGreaterThan(0);
    expect(matrix).toBeLessThan(html.indexOf('<h2 id="changes">'));
    expect(html).toContain('x86 RORX semantic bug');
    for (const run of ['zero-shot-002', 'zero-shot-017']) {
      expect(readFileSync(path.join(site.dist, `runs/${run}/index.html`), 'utf8'), run).toContain('href="/changes/zero-shot-017/002-017/"');
    }
    expect(readFileSync(path.join(site.dist, 'runs/zero-shot-001/index.html'), 'utf8')).toContain('href="/changes/zero-shot-002/001-002/"');
    // Every non-empty cell leads to the first row of its move.
    const context = await browser.newContext();
    const page = await open(context, 'changes/zero-shot-017/002-017/');
    const cells = await page.locator('table.moves tbody a').evaluateAll((as) => as.map((a) => ({ n: Number(a.textContent), hash: new URL((a as HTMLAnchorElement).href).hash })));
    expect(cells.reduce((n, c) => n + c.n, 0)).toBe(4);
    for (const c of cells) expect(await page.locator(c.hash).count(), c.hash).toBe(1);
    await context.close();
  });
});

describe('small things', () => {
  it('the 404 page keeps its spaces', () => {
    const text = readFileSync(path.join(site.dist, '404.html'), 'utf8').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('a path such as results/classifier/');
    expect(text).toContain('paste it into the tree path finder');
  });

  it('dates read as dates, never as raw ISO strings with milliseconds', async () => {
    const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'de-DE' });
    const page = await open(context, 'reports/gitlab/1893/');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/);
    expect(text).toMatch(/Created\s+2023-09-27 14:03 UTC/);
    await context.close();
  });

  it('runs without a recorded model say so', () => {
    const runs = readFileSync(path.join(site.dist, 'runs/index.html'), 'utf8').replace(/<[^>]+>/g, '');
    expect(runs).toMatch(/zero-shot\/017: \d+ reports · model not recorded/);
    expect(readFileSync(path.join(site.dist, 'runs/zero-shot-017/index.html'), 'utf8')).toContain('<dt>Model</dt><dd>not recorded (this iteration has no README.md');
  });
});
