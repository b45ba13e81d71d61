/**
 * The history on a site built from the sample with a git history of its own
 * (test/support/historyTree.ts: a run added, a review, a restructure with a renamed run, a text
 * change, a run deleted), in Chromium: the tree stamp on every page kind, the log and commit
 * pages, a report's history and `?at=` notices (with and without JavaScript), the run pages, the
 * page of a run that ended and old links to it, the Atom feed through a real XML parser, and
 * history.csv in the data package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { buildSiteOnce, type BuiltSite } from '../support/builtSite.ts';
import { EDITED_REPORT, HISTORY_SUBJECTS, REVIEWED, sharedHistoryTree } from '../support/historyTree.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let shas: string[];
const short = (n: number) => shas[n - 1]!.slice(0, 8);
const REVIEWED_PAGE = `reports/${REVIEWED.report}/`;

beforeAll(async () => {
  const repo = sharedHistoryTree();
  shas = repo.shas;
  site = buildSiteOnce({ name: 'samplehistory', resultsDir: path.join(repo.dir, 'results'), dumpsDir: 'sample/dumps', buildDate: '2026-01-02' });
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(rel: string, js = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  await page.goto(`${server.url}${rel}`);
  return page;
}

describe('history of the sample’s own repository', () => {
  it('every page kind names the tree’s commit and the build day', async () => {
    for (const rel of ['', REVIEWED_PAGE, 'runs/qwen3-32b/', 'history/', `history/${short(4)}/`, 'history/runs/old-run/', 'data/', 'search/']) {
      const page = await open(rel);
      const stamp = page.locator('#tree-stamp');
      expect(await stamp.locator('code').textContent(), rel).toBe(short(6));
      expect(await stamp.textContent(), rel).toContain('built 2026-01-02');
      expect(await stamp.textContent(), rel).toContain('2025-07-06 10:00 UTC');
      await page.context().close();
    }
  });

  it('/history/ lists the commits newest first with their effect in numbers, each leading to its page', async () => {
    const page = await open('history/');
    const rows = page.locator('ol.history-log > li');
    expect(await rows.locator('> a code').allTextContents()).toEqual([6, 5, 4, 3, 2, 1].map(short));
    expect(await rows.locator('.subject').allTextContents()).toEqual([...HISTORY_SUBJECTS].reverse());
    const effects = async (n: number) => (await rows.nth(6 - n).locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(await effects(2)).toEqual(['+2 verdicts: qwen3:32b']);
    expect(await effects(3)).toEqual([`1 verdict reviewed (${REVIEWED.run}): manual-review → ${REVIEWED.label} 1`]);
    expect(await effects(4)).toEqual(['run renamed: deepseek-2 → deepseek-r1:14b', '16 files moved, no verdict changed']);
    expect(await effects(5)).toEqual(['1 report text changed']);
    expect(await effects(6)).toEqual(['−3 verdicts: old-run (the run was removed)']);
    await rows.nth(2).locator('> a').click();
    await page.waitForURL(`${server.url}history/${short(4)}/`);
    const kinds = await page.locator('table.changes tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.kind));
    expect(kinds).toHaveLength(16);
    expect(new Set(kinds)).toEqual(new Set(['moved']));
    expect(await page.locator('table.changes').textContent()).toContain('results/classifier/deepseek-2/reasoning/KVM/1893 → results/classifier/deepseek-r1:14b/reasoning/KVM/1893');
    await page.context().close();
  });

  it('a report page shows its history: arrival, the review with its labels, the run that ended', async () => {
    const page = await open(REVIEWED_PAGE);
    const rows = page.locator('#history ol.history-rows > li');
    expect(await rows.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.commit))).toEqual([short(1), short(3), short(6)]);
    const review = rows.nth(1).locator(`li[data-what="reviewed"][data-run="${REVIEWED.run}"]`);
    expect((await review.textContent())!.replace(/\s+/g, ' ')).toContain(`reviewed: manual-review → ${REVIEWED.label}`);
    expect(await rows.nth(2).locator('li[data-what="gone"][data-run="old-run"] a').getAttribute('href')).toBe('/history/runs/old-run/');
    const edited = await open(`reports/${EDITED_REPORT}/`);
    expect(await edited.locator(`#history li[data-commit="${short(5)}"] li[data-what="text"]`).textContent()).toContain('report text changed');
    await page.context().close();
    await edited.context().close();
  });

  it('?at= says what changed since that commit, that nothing did, or that the value is ignored', async () => {
    const notice = async (at: string) => {
      const page = await open(`${REVIEWED_PAGE}?at=${encodeURIComponent(at)}`);
      const text = (await page.locator('#main > .at-notice').textContent())!.replace(/\s+/g, ' ');
      await page.context().close();
      return text;
    };
    const changed = await notice(short(2));
    expect(changed).toContain(`Changed since ${short(2)}`);
    expect(changed).toContain(`reviewed: manual-review → ${REVIEWED.label}`);
    expect(await notice(shas[5]!)).toContain(`Unchanged since ${short(6)}`);
    expect(await notice(short(4))).toContain(`Changed since ${short(4)}`);
    expect(await notice('deadbeef')).toContain('is not in this tree\'s history; it is ignored');
    expect(await notice('<script>')).toContain('is not a commit id; it is ignored');
    // Cite lines pin the tree's commit, and such a link opens with the notice.
    const cited = await open(REVIEWED_PAGE);
    const citeUrl = await cited.locator('a.c-url[href*="#no-thinking-deepseek-r1-32b"]').getAttribute('href');
    expect(citeUrl).toBe(`/${REVIEWED_PAGE}?at=${short(6)}#no-thinking-deepseek-r1-32b`);
    expect(await cited.locator('.report-head a.c-url').getAttribute('href')).toBe(`/${REVIEWED_PAGE}?at=${short(6)}`);
    await cited.goto(`${server.url}${citeUrl!.slice(1)}`);
    expect(await cited.locator('#main > .at-notice').textContent()).toContain(`Unchanged since ${short(6)}`);
    await cited.context().close();
    // Without JavaScript: no notice, the history section says the same.
    const plain = await open(`${REVIEWED_PAGE}?at=${short(2)}`, false);
    expect(await plain.locator('.at-notice').count()).toBe(0);
    expect(await plain.locator(`#history li[data-commit="${short(3)}"]`).isVisible()).toBe(true);
    await plain.context().close();
  });

  it('run pages say when the run arrived and what changed since; a renamed run is one history', async () => {
    const q = await open('runs/qwen3-32b/');
    expect(await q.locator('#history p a code').first().textContent()).toBe(short(2));
    expect(await q.locator('#history').textContent()).toContain('Nothing in it has changed since');
    const d = await open('runs/deepseek-r1-14b/');
    expect(await d.locator('#history p a code').first().textContent()).toBe(short(1));
    expect((await d.locator('#history').textContent())!.replace(/\s+/g, ' ')).toContain('as deepseek-2; its names since: deepseek-r1:14b');
    expect(await d.locator('#history ol li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.commit))).toEqual([short(4)]);
    await q.context().close();
    await d.context().close();
  });

  it('a run that ended keeps a page, and old links to it land there', async () => {
    const page = await open('history/runs/old-run/');
    const text = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain(`arrived in ${short(1)}`);
    expect(text).toContain(`removed in ${short(6)}`);
    expect(await page.locator('#labels ~ table tbody tr').allTextContents()).toHaveLength(3);
    expect(await page.locator('#reports ~ ul a').count()).toBe(3);
    for (const link of ['results/classifier/old-run/syscall/1742', 'tree/results/classifier/old-run/']) {
      const old = await open(link);
      await old.waitForURL(`${server.url}history/runs/old-run/`);
      await old.context().close();
    }
    const renamed = await open('results/classifier/deepseek-2/reasoning/KVM/1893');
    await renamed.waitForURL(/reports\/gitlab\/1893\/#deepseek-r1-14b$/);
    await renamed.context().close();
    await page.context().close();
  });

  it('history/feed.xml is Atom 1.0 by a real XML parser, one entry per commit, links relative without SITE_URL', async () => {
    const page = await open('history/');
    const xml = readFileSync(path.join(site.dist, 'history/feed.xml'), 'utf8');
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        updated: doc.documentElement.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
        entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
          title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
          link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href'),
          id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
          updated: e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
        })),
      };
    }, xml);
    expect(feed.errors).toBe(0);
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(feed.updated).toBe('2025-07-06T10:00:00+00:00');
    expect(feed.entries.map((e) => e.link)).toEqual([6, 5, 4, 3, 2, 1].map((n) => `/history/${short(n)}/`));
    expect(feed.entries[3]).toEqual({ title: `${short(3)} ${HISTORY_SUBJECTS[2]}`, link: `/history/${short(3)}/`, id: `urn:git:${shas[2]}`, updated: '2025-07-03T10:00:00+00:00' });
    const linked = await open(feed.entries[0]!.link!.slice(1));
    expect(await linked.locator('h1').textContent()).toContain(HISTORY_SUBJECTS[5]);
    await linked.context().close();
    await page.context().close();
  });

  it('data/history.csv holds every kind of event and is in the data package', () => {
    const rows = parse(readFileSync(path.join(site.dist, 'data/history.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['commit', 'date', 'subject', 'kind', 'source', 'id', 'run', 'half', 'from', 'to']);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['appear', 'review', 'restructure', 'text', 'disappear']));
    expect(rows.filter((r) => r.kind === 'review')).toEqual([
      { commit: shas[2], date: '2025-07-03T10:00:00+00:00', subject: HISTORY_SUBJECTS[2], kind: 'review', source: 'launchpad', id: REVIEWED.id, run: REVIEWED.run, half: 'reasoning', from: 'manual-review', to: REVIEWED.label },
    ]);
    const pkg = JSON.parse(readFileSync(path.join(site.dist, 'data/datapackage.json'), 'utf8')) as { resources: { name: string; path: string }[] };
    expect(pkg.resources.find((r) => r.name === 'history')?.path).toBe('history.csv');
  });
});
