/**
 * Reading comfort on the full corpus site (built once, without SITE_URL), in headless Chromium:
 * axe-core on the longest report (`mailinglist/70021271`) and the largest run-label page, in
 * light and dark mode; the longest report's text folded so its verdicts come within reach; line
 * links out of the Tab order; upstream issue URLs of every source in /tree/ and through the 404
 * page; the 105 → 108 change list; no invented origin anywhere; 390 px phones; small things.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { corpusResultsDir } from '../../scripts/lib/corpus.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

const LONGEST = 'reports/mailinglist/70021271/';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
/** The run-label page with the most bytes. */
let largestLabelPage: string;

beforeAll(async () => {
  site = corpusSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  const labelPages = filesBelow(path.join(site.dist, 'runs')).filter((f) => /^[^/]+\/[^/]+\/(page\/\d+\/)?index\.html$/.test(f));
  labelPages.sort((a, b) => statSync(path.join(site.dist, 'runs', b)).size - statSync(path.join(site.dist, 'runs', a)).size);
  largestLabelPage = `runs/${labelPages[0]!.replace(/index\.html$/, '')}`;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(rel: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url + rel);
  return page;
}

describe('axe-core on the largest pages', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds nothing on the longest report (every <details> open) and the largest run-label page, ${scheme}`, async () => {
      const found: string[] = [];
      for (const rel of [LONGEST, largestLabelPage]) {
        const page = await open(rel, { colorScheme: scheme });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        for (const v of await axeViolations(page)) found.push(`${rel}: ${v.id} (${v.impact}, ${v.count}×) ${v.help}\n  ${v.nodes.join('\n  ')}`);
        await page.context().close();
      }
      expect(largestLabelPage).toMatch(/^runs\/[^/]+\/[^/]+\//);
      expect(found).toEqual([]);
    }, 600_000);
  }
});

describe('the longest report', () => {
  it('folds its text: the verdicts start within a few screens, and the page is a fraction of its unfolded height', async () => {
    const page = await open(LONGEST, { viewport: { width: 1280, height: 900 } });
    const folds = await page.locator('details.fold').count();
    expect(folds).toBeGreaterThan(0);
    const closed = await page.evaluate(() => {
      const verdict = document.querySelector('section.verdict')!;
      return { verdictTop: verdict.getBoundingClientRect().top + window.scrollY, height: document.documentElement.scrollHeight };
    });
    await page.evaluate(() => document.querySelectorAll('details.fold').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const open_ = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`longest report: first verdict at ${Math.round(closed.verdictTop)} px, page ${closed.height} px folded, ${open_} px with the folds open`);
    expect(closed.verdictTop).toBeLessThan(10 * 900);
    expect(closed.height * 4).toBeLessThan(open_);
    await page.context().close();
  });

  it('opens the fold for a line link and a range, with JavaScript and without', async () => {
    const withJs = await open(`${LONGEST}#L3000-L3002`);
    expect(await withJs.locator('#L3000').isVisible()).toBe(true);
    expect(await withJs.locator('.line.hl').count()).toBe(3);
    await withJs.context().close();
    const noJs = await open(`${LONGEST}#L3500`, { javaScriptEnabled: false });
    expect(await noJs.locator('#L3500').isVisible()).toBe(true);
    expect(Math.abs(await noJs.locator('#L3500').evaluate((el) => el.getBoundingClientRect().top))).toBeLessThan(50);
    await noJs.context().close();
  });

  it('keeps thousands of line links out of the Tab order: the report text is a few Tab stops', async () => {
    const page = await open(LONGEST);
    const stops = await page.evaluate(() => {
      const verdict = document.querySelector('section.verdict')!;
      const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => el.tabIndex >= 0);
      return {
        before: focusable.filter((el) => el.compareDocumentPosition(verdict) & Node.DOCUMENT_POSITION_FOLLOWING).length,
        inText: focusable.filter((el) => el.closest('section.report-text') !== null).length,
        lineLinks: document.querySelectorAll('a.ln').length,
        named: document.querySelectorAll('a.ln[aria-label^="Line "][tabindex="-1"]').length,
      };
    });
    console.log(`longest report: ${stops.before} Tab stops before the first verdict section, ${stops.inText} in the report text, ${stops.lineLinks} line links`);
    expect(stops.lineLinks).toBeGreaterThan(4000);
    expect(stops.named).toBe(stops.lineLinks);
    // The fold's summary (and a provenance link or two) are all the report text offers Tab.
    expect(stops.inText).toBeLessThan(20);
    await page.context().close();
  });
});

describe('upstream issue URLs of every source', () => {
  const fexDocumentation = filesBelow(path.join(corpusResultsDir(), 'scraper/fex/documentation'))[0]!;
  const UPSTREAM: readonly [string, string][] = [
    ['https://gitlab.com/qemu-project/qemu/-/issues/2469', 'reports/gitlab/2469/'],
    ['https://bugs.launchpad.net/qemu/+bug/1694998', 'reports/launchpad/1694998/'],
    ['https://github.com/ptitSeb/box64/issues/2469', 'reports/box64/2469/'],
    ['https://github.com/FEX-Emu/FEX/issues/1000', 'reports/fex/1000/'],
    [`https://github.com/FEX-Emu/FEX/issues/${fexDocumentation}`, `reports/fex/${fexDocumentation}/`],
  ];

  it('pasted into /tree/, each names its report', async () => {
    const page = await open('tree/');
    for (const [url, target] of UPSTREAM) {
      await page.locator('#tree-path').fill(url);
      await page.locator('#tree-form button').click();
      await page.waitForFunction((u) => new URL(location.href).searchParams.get('path') === u && document.querySelector('#tree-result a') !== null, url);
      expect(await page.locator('#tree-result a').first().getAttribute('href'), url).toBe(`${site.base}${target}`);
    }
    await page.context().close();
  });

  it('as links onto the archive’s host, the 404 page forwards them', async () => {
    const context = await browser.newContext();
    for (const [url, target] of UPSTREAM) {
      for (const link of [url, url.replace(/^https:\/\/[^/]+\//, '')]) {
        const page = await context.newPage();
        await page.goto(server.url + link);
        await page.waitForURL(server.url + target, { timeout: 20_000 });
        await page.close();
      }
    }
    await context.close();
  });
});

describe('the 105 → 108 change list', () => {
  const LIST = 'changes/zero-shot-108/105-108/';

  it('counts its 4,163 changes in a matrix first, pages 500 rows with a pager at both ends, titles beside ids', async () => {
    const page = await open(LIST);
    const total = await page.locator('table.moves tfoot td.num').last().textContent();
    expect(total).toBe('4163');
    const cells = await page.locator('table.moves tbody a').evaluateAll((as) => as.reduce((n, a) => n + Number(a.textContent), 0));
    expect(cells).toBe(4163);
    expect(await page.locator('nav.pager').count()).toBe(2);
    expect(await page.locator('nav.pager').last().locator('a').count()).toBe(8);
    const rows = await page.locator('table.data:not(.moves) tbody tr').count();
    expect(rows).toBe(500);
    const titled = await page.locator('table.data:not(.moves) tbody tr td:nth-child(2)').evaluateAll((tds) => tds.filter((td) => (td.textContent ?? '').trim() !== '').length);
    expect(titled).toBeGreaterThan(450);
    await page.context().close();
    const last = readFileSync(path.join(site.dist, LIST, 'page/9/index.html'), 'utf8');
    expect(last.match(/<nav class="pager"/g)).toHaveLength(2);
    for (const run of ['zero-shot-105', 'zero-shot-108']) {
      expect(readFileSync(path.join(site.dist, `runs/${run}/index.html`), 'utf8'), run).toContain(`href="${site.base}${LIST}"`);
    }
  });
});

describe('the whole corpus site, built without SITE_URL', () => {
  it('names no invented origin in any file, writes no sitemap, and its report says SITE_URL is not set', () => {
    const bad = filesBelow(site.dist)
      .filter((f) => /\.(html|json|xml|txt|js|css)$/.test(f))
      .filter((f) => readFileSync(path.join(site.dist, f), 'utf8').includes('archive.invalid'));
    expect(bad).toEqual([]);
    expect(filesBelow(site.dist)).not.toContain('sitemap.xml');
    expect((site.report as { notes: string[] }).notes.join(' ')).toContain('SITE_URL is not set');
  }, 300_000);
});

describe('on a 390 px phone', () => {
  it('no page scrolls sideways: the tree finder, the longest report, a change list, a run, the build report', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const wide: string[] = [];
    for (const rel of ['tree/', LONGEST, 'changes/zero-shot-118/111-118/', 'runs/zero-shot-118/', largestLabelPage, 'build-report/', 'reports/gitlab/2469/']) {
      const page = await context.newPage();
      await page.goto(server.url + rel);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${rel}: ${width} px`);
      await page.close();
    }
    await context.close();
    expect(wide).toEqual([]);
  }, 300_000);
});

describe('small things', () => {
  it('runs without a README say their model is not recorded', () => {
    for (const run of ['zero-shot-013', 'zero-shot-017', 'zero-shot-118', 'zero-shot-user-mode']) {
      expect(readFileSync(path.join(site.dist, `runs/${run}/index.html`), 'utf8'), run).toMatch(/<dt>Model<\/dt><dd>not recorded/);
    }
    expect(readFileSync(path.join(site.dist, 'runs/index.html'), 'utf8').replace(/<[^>]+>/g, '')).toMatch(/zero-shot\/118: \d+ reports · model not recorded/);
  });

  it('shows dates without milliseconds', () => {
    const html = readFileSync(path.join(site.dist, 'reports/gitlab/2469/index.html'), 'utf8');
    expect(html).toContain('<dt>Created</dt><dd><time datetime="2024-07-31T21:44:40.312Z">2024-07-31 21:44 UTC</time></dd>');
  });
});
