/**
 * Links that last, in a real browser: line anchors and ranges, clicking a line number, the
 * reasoning file's own line numbers, copy as plain text, printing, old tree links and short
 * links through the 404 page, pages without JavaScript, canonical and OpenGraph tags, and no
 * broken internal link. On the sample site (built once per run, test/support/builtSite.ts),
 * served on loopback and driven in headless Chromium.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { SAMPLE_SITE_URL, repoRoot, sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { checkLinks } from '../../scripts/linkcheck.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { OLD_TREE_LINKS, SAMPLE_REASONING } from '../support/legacyLinks.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let context: BrowserContext;

const REPORT = 'reports/gitlab/1893/';
const RUN = 'mode-deepseek-r1-32b';
const REASONING = SAMPLE_REASONING;
const HIGHLIGHT = 'rgb(255, 243, 176)';

beforeAll(async () => {
  // Under a base, as the archive may be served: old links are typed after it.
  site = sampleSite('/archive/', SAMPLE_SITE_URL);
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + url, { waitUntil: 'load' });
  return page;
}

const background = (page: Page, id: string) =>
  page.evaluate((i) => getComputedStyle(document.getElementById(i)!).backgroundColor, id);

/** The name Chromium's accessibility tree gives an element (CSS-generated text included). */
async function accessibleName(page: Page, selector: string): Promise<string> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number };
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: { name?: { value?: string } }[];
    };
    return nodes[0]?.name?.value ?? '';
  } finally {
    await cdp.detach();
  }
}

/** A numbered line's own text, as a reader copies it: without its number, no-break spaces as spaces. */
const lineText = (page: Page, id: string) =>
  page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return undefined;
    return [...el.childNodes].filter((n) => !(n instanceof Element && n.matches('a.ln'))).map((n) => n.textContent).join('').replace(/\u00a0/g, ' ');
  }, id);

/** Ids of the highlighted (`:target` or range) lines. */
const highlighted = (page: Page) =>
  page.evaluate((hl) => [...document.querySelectorAll('div.lines .line')].filter((l) => getComputedStyle(l).backgroundColor === hl).map((l) => l.id), HIGHLIGHT);

describe('line anchors', () => {
  it('#L3 targets line 3 of the report text, styled as targeted, inside the opened details', async () => {
    const page = await open(`${REPORT}#L3`);
    expect(await page.locator('#L3').isVisible()).toBe(true);
    expect(await background(page, 'L3')).toBe(HIGHLIGHT);
    expect(await highlighted(page)).toEqual(['L3']);
    await page.close();
  });

  it('a plain-text report (no details) too, and the line number is not in the text', async () => {
    const page = await open('reports/launchpad/1638427/#L3');
    expect(await background(page, 'L3')).toBe(HIGHLIGHT);
    // The text a reader sees and copies (innerText): the number, drawn by CSS, is not in it.
    const line = await page.evaluate(() => document.getElementById('L3')!.innerText.replace(/\u00a0/g, ' '));
    const file = readFileSync(path.join(repoRoot, 'sample/results/scraper/launchpad/1638427'), 'utf8').split('\n')[2];
    expect(line).toBe(file);
    // …but it is drawn.
    expect(await accessibleName(page, '#L3 a.ln')).toBe('Line 3');
    await page.close();
  });

  it('#<run>-L2 is line 2 of the reasoning file: the thinking, opened from its collapsed details', async () => {
    const page = await open(`${REPORT}#${RUN}-L2`);
    const file = readFileSync(path.join(repoRoot, 'sample', REASONING), 'utf8').split('\n');
    expect(await page.locator(`#${RUN}-L2`).isVisible()).toBe(true);
    expect(await lineText(page, `${RUN}-L2`)).toBe(file[1]);
    expect(await background(page, `${RUN}-L2`)).toBe(HIGHLIGHT);
    expect(await page.evaluate(() => document.getElementById('mode-deepseek-r1-32b')!.closest('section.verdict')!.querySelector('details.thinking')!.hasAttribute('open'))).toBe(true);
    // The answer keeps its file line too: `system` is the last line of the file.
    const last = file.length - (file.at(-1) === '' ? 1 : 0);
    expect(await lineText(page, `${RUN}-L${last}`)).toBe(file[last - 1]);
    expect(await accessibleName(page, `#${RUN}-L${last} a.ln`)).toBe(`Line ${last}`);
    await page.close();
  });

  it('the script opens the details for a fragment inside it, also where the browser does not', async () => {
    const page = await open(REPORT);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
    await page.evaluate((run) => (location.hash = `${run}-L3`), RUN);
    await page.waitForFunction(() => document.getElementById('mode-deepseek-r1-32b')!.closest('section.verdict')!.querySelector('details.thinking')!.hasAttribute('open'));
    await page.close();
  });

  it('#L2-L4 highlights exactly lines 2–4 and scrolls to line 2; #<run>-L3-L5 a reasoning range', async () => {
    const page = await open('reports/launchpad/1638427/#L2-L4');
    expect(await highlighted(page)).toEqual(['L2', 'L3', 'L4']);
    const top = await page.evaluate(() => document.getElementById('L2')!.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(5);
    await page.close();
    const report = await open(`${REPORT}#${RUN}-L3-L5`);
    expect(await highlighted(report)).toEqual([`${RUN}-L3`, `${RUN}-L4`, `${RUN}-L5`]);
    expect(await report.locator(`#${RUN}-L3`).isVisible()).toBe(true);
    await report.close();
  });

  it('a line the page has no anchor for lands on the nearest line before it', async () => {
    const page = await open('reports/launchpad/1638427/#L9999');
    const last = await page.evaluate(() => [...document.querySelectorAll('div.lines')][0]!.querySelectorAll('.line').length);
    expect(await highlighted(page)).toEqual([`L${last}`]);
    await page.close();
  });

  it('clicking a line number sets the fragment, copies the full link and says so; shift-click makes a range', async () => {
    const page = await open('reports/launchpad/1638427/');
    await page.evaluate(() => window.scrollTo(0, 200));
    const y = await page.evaluate(() => window.scrollY);
    await page.click('#L5 a.ln');
    await page.waitForFunction(() => location.hash === '#L5');
    expect(await highlighted(page)).toEqual(['L5']);
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}reports/launchpad/1638427/#L5`);
    expect(await page.locator('#toast').isVisible()).toBe(true);
    await page.click('#L7 a.ln', { modifiers: ['Shift'] });
    await page.waitForFunction(() => location.hash === '#L5-L7');
    expect(await highlighted(page)).toEqual(['L5', 'L6', 'L7']);
    await page.close();
  });

  it('every line of every reasoning file of the sample has its anchor, numbered as in the file', () => {
    const pathIndex = JSON.parse(readFileSync(path.join(site.dist, 'path-index.json'), 'utf8')) as { runs: Record<string, string> };
    let checked = 0;
    for (const [run, slug] of Object.entries(pathIndex.runs)) {
      const dir = path.join(repoRoot, 'sample/results/classifier', run, 'reasoning');
      let labels: string[];
      try {
        labels = readdirSync(dir);
      } catch {
        continue;
      }
      for (const label of labels) {
        for (const id of readdirSync(path.join(dir, label))) {
          const lines = readFileSync(path.join(dir, label, id), 'utf8').replace(/\n$/, '').split('\n');
          const key = Object.entries(JSON.parse(readFileSync(path.join(site.dist, 'path-index.json'), 'utf8')).ids as Record<string, string[]>).find(([s, ids]) => ['gitlab', 'gitlab-semantic', 'launchpad', 'mailinglist'].includes(s) && ids.includes(id))!;
          const html = readFileSync(path.join(site.dist, 'reports', key[0], id, 'index.html'), 'utf8');
          for (let n = 1; n <= lines.length; n++) expect(html, `${run} ${id} line ${n}`).toContain(`id="${slug}-L${n}"`);
          expect(html).not.toContain(`id="${slug}-T1"`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('copy as plain text and print', () => {
  it('copies a run section: title, ids, run, label, answer, URL', async () => {
    const page = await open(REPORT);
    await page.click(`section.verdict:has([id="${RUN}"]) button.copy`);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Windows 11 guest stalls at the boot logo');
    expect(text).toContain('(gitlab/1893)');
    expect(text).toContain('Run mode-deepseek-r1:32b: system');
    expect(text).toContain(`${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}`);
    expect(text).toMatch(/Answer:\nsystem\n/);
    expect(text).toContain(`Tree: ${REASONING}, blob `);
    expect(await page.locator(`section.verdict:has([id="${RUN}"]) button.copy`).textContent()).toBe('Copied');
    await page.close();
  });

  it('copies a report: title, id, URL, original link, every verdict', async () => {
    const page = await open(REPORT);
    await page.click('.report-head button.copy');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Windows 11 guest stalls at the boot logo with -cpu host,hv-passthrough on a Zen 4 host',
      'gitlab/1893',
      `${SAMPLE_SITE_URL}${site.base}${REPORT}`,
    ]);
    expect(text).toContain('Original report: https://gitlab.com/qemu-project/qemu/-/issues/1893');
    expect(text).toContain('- mode-deepseek-r1:32b: system');
    await page.close();
  });

  it('cite what is selected: a clicked reasoning line is what the run’s cite line shows and copies', async () => {
    const page = await open(REPORT);
    const file = readFileSync(path.join(repoRoot, 'sample', REASONING), 'utf8').split('\n');
    const section = page.locator(`section.verdict:has([id="${RUN}"])`);
    await page.evaluate((run) => ((document.getElementById(run)!.closest('section')!.querySelector('details.thinking') as HTMLDetailsElement).open = true), RUN);
    await page.click(`#${RUN}-L3 a.ln`);
    await page.waitForFunction((run) => location.hash === `#${run}-L3`, RUN);
    expect(await section.locator('p.cite a.c-url').textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}-L3`);
    expect(await section.locator('p.cite .c-sel').textContent()).toBe(', line 3');
    // The report's own cite line is not about this selection.
    expect(await page.locator('.report-head p.cite a.c-url').textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}${REPORT}`);
    await section.locator('button.copy').click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Windows 11 guest stalls at the boot logo with -cpu host,hv-passthrough on a Zen 4 host (gitlab/1893)',
      'Run mode-deepseek-r1:32b: system, line 3 of its reasoning:',
      '> 3 |',
      `${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}-L3`,
    ]);
    expect(file[2]).toBe('');
    // Shift-click makes a range: lines 3–5, each quoted with its number.
    await page.click(`#${RUN}-L5 a.ln`, { modifiers: ['Shift'] });
    await page.waitForFunction((run) => location.hash === `#${run}-L3-L5`, RUN);
    await section.locator('button.copy').click();
    const range = await page.evaluate(() => navigator.clipboard.readText());
    expect(range).toContain(`Run mode-deepseek-r1:32b: system, lines 3–5 of its reasoning:\n> 3 |\n> 4 | ${file[3]}\n> 5 |\n${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}-L3-L5\n`);
    await page.close();
  });

  it('cite what is selected: a link to lines of the report text puts them in the report’s cite line', async () => {
    const page = await open(`${REPORT}#L3-L4`);
    const file = readFileSync(path.join(repoRoot, 'sample/results/scraper/gitlab/issues_text/target_i386/host_x86/accel_KVM/1893'), 'utf8').split('\n');
    const cite = page.locator('.report-head p.cite');
    expect(await cite.locator('a.c-url').textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}${REPORT}#L3-L4`);
    expect(await cite.locator('a.c-url').getAttribute('href')).toBe(`${site.base}${REPORT}#L3-L4`);
    expect(await cite.locator('.c-sel').textContent()).toBe(', lines 3–4');
    await cite.locator('button.copy').click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Windows 11 guest stalls at the boot logo with -cpu host,hv-passthrough on a Zen 4 host',
      'gitlab/1893, lines 3–4 of the report text:',
      `> 3 | ${file[2]}`,
      `> 4 | ${file[3]}`,
      `${SAMPLE_SITE_URL}${site.base}${REPORT}#L3-L4`,
    ]);
    // A run's section selected: the report's cite goes back to the page, the run's cites its section.
    await page.evaluate((run) => (location.hash = run), RUN);
    await page.waitForFunction(() => document.querySelector('.report-head p.cite .c-sel') === null);
    expect(await cite.locator('a.c-url').textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}${REPORT}`);
    expect(await page.locator(`section.verdict:has([id="${RUN}"]) p.cite a.c-url`).textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}`);
    await page.close();
  });

  it('prints without the chrome, with link targets, and says the thinking is left out', async () => {
    const page = await open(REPORT);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.locator('button.copy').first().isVisible()).toBe(false);
    const after = await page.evaluate(() => getComputedStyle(document.querySelector('.vmeta a')!, '::after').content);
    expect(after).toContain('/runs/');
    const note = await page.evaluate(() => getComputedStyle(document.querySelector('details.thinking > summary')!, '::after').content);
    expect(note).toContain('not printed');
    await page.close();
  });
});

describe('old links land on the page that shows the file (404 resolver)', () => {
  for (const [name, link] of OLD_TREE_LINKS) {
    it(`${name}: <base>${link}`, async () => {
      const page = await open(link);
      await page.waitForURL(`${server.url}${REPORT}#${RUN}`);
      expect(await page.locator(`#${RUN}`).isVisible()).toBe(true);
      await page.close();
    });
  }

  it('a cgit line link (#n2) lands on that line of the reasoning', async () => {
    const page = await open(`tree/${REASONING}#n2`);
    await page.waitForURL(`${server.url}${REPORT}#${RUN}-L2`);
    expect(await page.locator(`#${RUN}-L2`).isVisible()).toBe(true);
    await page.close();
  });

  it('short link <base>1893 lands on the report', async () => {
    const page = await open('1893');
    await page.waitForURL(`${server.url}${REPORT}`);
    expect(await page.locator('h1').textContent()).toContain('Windows 11 guest stalls');
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('a report page renders its text and its line anchors', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(`${server.url}reports/launchpad/1638427/#L3`);
    expect(await page.locator('#L3').count()).toBe(1);
    expect(await background(page, 'L3')).toBe(HIGHLIGHT);
    const first = readFileSync(path.join(repoRoot, 'sample/results/scraper/launchpad/1638427'), 'utf8').split('\n')[0]!;
    expect(await lineText(page, 'L1')).toBe(first);
    // The copy buttons need the script: there are none.
    expect(await page.locator('button.copy').count()).toBe(0);
    // Built with SITE_URL, the cite line gives the full address, not a path.
    expect(await page.locator('.report-head p.cite a.c-url').textContent()).toBe(`${SAMPLE_SITE_URL}${site.base}reports/launchpad/1638427/`);
    expect(await page.locator('.report-head p.cite').textContent()).not.toContain('path on this site');
    expect(await page.locator('p.cite').count()).toBeGreaterThan(1);
    await plain.close();
  });
});

describe('the built pages', () => {
  it('have no broken internal links', () => {
    expect(checkLinks(site.dist, site.base).filter((b) => !b.url.includes('/search/'))).toEqual([]);
  });

  it('carry a canonical URL and OpenGraph tags; the 404 page has no canonical', () => {
    const html = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
    for (const [rel, url] of [
      [`${REPORT}index.html`, REPORT],
      [`runs/${RUN}/index.html`, `runs/${RUN}/`],
      ['models/deepseek-r1-32b/index.html', 'models/deepseek-r1-32b/'],
      ['index.html', ''],
    ] as const) {
      const page = html(rel);
      const abs = `${SAMPLE_SITE_URL}${site.base}${url}`;
      expect(page, rel).toContain(`<link rel="canonical" href="${abs}">`);
      expect(page, rel).toContain(`<meta property="og:url" content="${abs}">`);
      expect(page, rel).toMatch(/<meta property="og:title" content="[^"]+">/);
    }
    const report = html(`${REPORT}index.html`);
    expect(report).toContain('<meta property="og:description" content="gitlab/1893 (QEMU GitLab issues): 4 classifier runs; labels: ');
    expect(report).toContain('<meta property="og:type" content="article">');
    expect(html('404.html')).not.toContain('rel="canonical"');
  });

  it('cite each report and run, and link the original report', () => {
    const html = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
    const report = html(`${REPORT}index.html`);
    expect(report).toContain(`<a class="c-url" href="${site.base}${REPORT}">${SAMPLE_SITE_URL}${site.base}${REPORT}</a>`);
    expect(report).toContain(`<a class="c-url" href="${site.base}${REPORT}#${RUN}">${SAMPLE_SITE_URL}${site.base}${REPORT}#${RUN}</a>`);
    expect(report).toMatch(/<span class="c-file">Tree: results\/scraper\/gitlab\/issues_text\/target_i386\/host_x86\/accel_KVM\/1893, blob [0-9a-f]{12}\.<\/span>/);
    expect(html('reports/launchpad/1638427/index.html')).toContain('href="https://bugs.launchpad.net/qemu/+bug/1638427"');
    expect(html('reports/box64/1742/index.html')).toContain('href="https://github.com/ptitSeb/box64/issues/1742"');
    expect(html('reports/fex/2417/index.html')).toContain('href="https://github.com/FEX-Emu/FEX/issues/2417"');
  });
});
