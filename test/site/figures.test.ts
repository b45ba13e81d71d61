/**
 * One truth for every number (sample site): every figure a page marks with `data-fig`, and the
 * search filter counts, against what the test computes itself from `data/*.csv`
 * (test/support/figures.ts). The corpus runs the same in test/corpus/figures.test.ts.
 */
import type { Browser } from 'playwright-core';
import type { ShownFigure, ShownRow } from '../support/figures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { checkFacetCounts, checkFigures, DataFigures, readShownFigures, searchFacetCounts } from '../support/figures.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let data: DataFigures;
let shown: { figures: ShownFigure[]; rows: ShownRow[]; pages: number };

beforeAll(async () => {
  site = sampleSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  data = new DataFigures(site.dist);
  // Read once: every page with a marked figure (the corpus has over a thousand).
  shown = readShownFigures(site.dist);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every figure against the data files (sample)', () => {
  it('shows on every page the figures the data files give', () => {
    const result = checkFigures(data, shown);
    expect(result.mismatches).toEqual([]);
    expect(result.unknown).toEqual([]);
    // The check reads every kind of figure the pages mark, on the pages that show them.
    for (const kind of ['run-total', 'source-reports', 'findings', 'run-label', 'run-label-moved-in', 'run-first-filed', 'run-reviewed', 'reviewer-reports', 'reviewer-verdicts', 'task-reports', 'task-common', 'task-unanimous', 'task-contested', 'task-alpha', 'task-fleiss', 'contested-rank', 'pair-n', 'pair-only-a', 'pair-agreement', 'pair-kappa', 'cell', 'unanimous-list', 'contested-list']) {
      expect(result.checked[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  }, 300_000);

  it('finds a figure that disagrees, naming both numbers and both places', () => {
    const total = shown.figures.find((f) => f.kind === 'run-total')!;
    const wrong = { ...shown, figures: [{ ...total, text: String(Number(total.text) + 1) }] };
    const [message] = checkFigures(data, wrong).mismatches;
    expect(message).toContain(total.page);
    expect(message).toContain(`shows "${Number(total.text) + 1}"`);
    expect(message).toContain(`verdicts.csv rows with run=${data.runName(total.attrs.run!)} give "${total.text}"`);
  }, 300_000);

  it('counts reports only in the search filters, on the task pages’ definitions', async () => {
    const counts = await searchFacetCounts(browser, server.url);
    const result = checkFacetCounts(data, counts);
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBeGreaterThan(5);
  }, 120_000);

  it('gives pandas lines that run when pasted: the full address of the page that was opened', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}data/`);
    const code = await page.locator('pre code').first().textContent();
    expect(code).toContain(`pd.read_csv("${server.url}data/verdicts.csv"`);
    await page.close();
  });

  it('links each report’s own rows of verdicts.csv from its page', async () => {
    const { readFileSync } = await import('node:fs');
    const all = readFileSync(`${site.dist}/data/verdicts.csv`, 'utf8').split('\r\n');
    const page = await browser.newPage();
    for (const key of ['gitlab/1893', 'launchpad/1873340']) {
      await page.goto(`${server.url}reports/${key}/`);
      const link = page.locator('a[download][href^="data:text/csv"]');
      const csv = decodeURIComponent((await link.getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''));
      const [source, id] = key.split('/');
      const lines = csv.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe(all[0]);
      const own = all.slice(1).filter((l) => l.startsWith(`${source},${id},`));
      expect(own.length).toBeGreaterThan(0);
      expect(lines.slice(1).sort()).toEqual(own.sort());
    }
    await page.close();
  });
});
