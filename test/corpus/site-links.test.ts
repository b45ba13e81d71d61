/**
 * Links that last on the full corpus site, in Chromium: real tree paths in their cgit, GitHub and
 * bare forms (a label folder with a space, the pre-restructure `zero-shot-user-mode/output/…`
 * layout, a reasoning line) land on the page and line that show them, and no internal link of
 * the whole site is broken. The site is built once per run (test/support/builtSite.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { corpusResultsDir, readManifest } from '../../scripts/lib/corpus.ts';
import { checkLinks } from '../../scripts/linkcheck.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let manifest: Set<string>;

beforeAll(async () => {
  site = corpusSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  manifest = new Set(readManifest().map((e) => e.path));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The path must be a real file of the corpus (or, for old layouts, must not be one). */
function real(p: string): string {
  expect(manifest.has(p), `${p} is in the manifest`).toBe(true);
  return p;
}

async function landsOn(link: string, want: string, id?: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.url + link);
  await page.waitForURL(server.url + want, { timeout: 20_000 });
  if (id !== undefined) expect(await page.locator(`[id="${id}"]`).isVisible(), `#${id} visible`).toBe(true);
  return page;
}

describe('real tree paths, typed after the base, land on their page', () => {
  it('a zero-shot/017 file under `operating system` (space kept, or encoded)', async () => {
    const p = real('results/classifier/zero-shot/017/operating system/24930826');
    for (const link of [`tree/${p}`, `tree/${p.replace(' ', '%20')}?h=main`, p]) {
      const page = await landsOn(link, 'reports/mailinglist/24930826/#zero-shot-017', 'zero-shot-017');
      await page.close();
    }
  });

  it('the pre-restructure zero-shot-user-mode/output/<label>/<id> form', async () => {
    real('results/classifier/zero-shot-user-mode/instruction/1010484');
    const old = 'results/classifier/zero-shot-user-mode/output/instruction/1010484';
    expect(manifest.has(old)).toBe(false);
    const page = await landsOn(`tree/${old}`, 'reports/launchpad/1010484/#zero-shot-user-mode', 'zero-shot-user-mode');
    await page.close();
  });

  it('a reasoning file in its plain and blame forms, and its line 3 (cgit #n3) on the same line of the page', async () => {
    const p = real('results/classifier/mode-deepseek-r1:32b/reasoning/system/2469');
    for (const form of [`plain/${p}?h=main`, `blame/${p}`]) await (await landsOn(form, 'reports/gitlab/2469/#mode-deepseek-r1-32b', 'mode-deepseek-r1-32b')).close();
    const page = await landsOn(`tree/${p}#n3`, 'reports/gitlab/2469/#mode-deepseek-r1-32b-L3', 'mode-deepseek-r1-32b-L3');
    const file = readFileSync(path.join(corpusResultsDir(), '..', p), 'utf8').split('\n');
    // The line's own text, without its visible number.
    const shown = await page.evaluate(() => {
      const line = document.getElementById('mode-deepseek-r1-32b-L3')!.cloneNode(true) as HTMLElement;
      line.querySelector('.ln')?.remove();
      return line.textContent ?? '';
    });
    // Line 3 of the file is on the page as line 3 (an anchor before a line for tag/blank lines).
    if (shown !== '') expect(shown.replace(/\n$/, '').trim()).toBe(file[2]!.replace(/\r$/, '').trim());
    else expect(file[2]!.trim() === '' || /<\/?think>/.test(file[2]!)).toBe(true);
    await page.close();
  });

  it('a launchpad bug at a line, a mailing-list id with its zeros, a box64 issue, a run file', async () => {
    await (await landsOn(`tree/${real('results/scraper/launchpad/1694998')}#n5`, 'reports/launchpad/1694998/#L5', 'L5')).close();
    await (await landsOn(real('results/scraper/mailinglist/02364653'), 'reports/mailinglist/02364653/')).close();
    await (await landsOn(`tree/${real('results/scraper/box64/2469')}`, 'reports/box64/2469/')).close();
    await (await landsOn(`blame/${real('results/classifier/deepseek-r1:14b/categories.csv')}`, 'runs/deepseek-r1-14b/')).close();
  });

  it('short links', async () => {
    await (await landsOn('2469', 'reports/gitlab/2469/')).close();
    await (await landsOn('1694998', 'reports/launchpad/1694998/')).close();
  });
});

describe('the whole corpus site', () => {
  it('has no broken internal link, in-page `#` links included', () => {
    const broken = checkLinks(site.dist, site.base, { samePageFragments: true }).filter((b) => !b.url.includes('/search/'));
    expect(broken.slice(0, 20)).toEqual([]);
    expect(broken).toHaveLength(0);
  }, 900_000);

  it('sends a GitLab text’s links to sections the scrape lacks to the original issue (issue 24)', () => {
    const page = (id: string) => readFileSync(path.join(site.dist, `reports/gitlab/${id}/index.html`), 'utf8');
    expect(page('2624')).toContain('href="https://gitlab.com/qemu-project/qemu/-/issues/2624#description-of-problem"');
    for (const section of ['host-environment', 'use-flags-app-emulationqemu', 'use-flags-net-misctigervnc']) {
      expect(page('2969'), section).toContain(`href="https://gitlab.com/qemu-project/qemu/-/issues/2969#${section}"`);
    }
  });

  it('gives every report page a cite line, and (built without SITE_URL) no canonical URL', () => {
    const html = readFileSync(path.join(site.dist, 'reports/gitlab/2469/index.html'), 'utf8');
    expect(html).not.toContain('rel="canonical"');
    // The cite link pins the tree's commit the page shows (?at=), from the footer's stamp.
    const commit = /id="tree-stamp" data-commit="([0-9a-f]{40})"/.exec(html)?.[1];
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(html).toContain(`<a class="c-url" href="/reports/gitlab/2469/?at=${commit!.slice(0, 8)}#mode-deepseek-r1-32b" data-own-origin>`);
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/-/issues/2469"');
  });
});
