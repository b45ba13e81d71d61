/**
 * One truth for every number (corpus): every figure a page marks with `data-fig`, and the
 * search filter counts, against what the test computes itself from `data/*.csv`
 * (test/support/figures.ts). The sample site runs the same in test/site/figures.test.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { checkFacetCounts, checkFigures, DataFigures, readShownFigures, searchFacetCounts } from '../support/figures.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = corpusSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every figure against the data files (corpus)', () => {
  it('shows on every page the figures the data files give', async () => {
    const data = new DataFigures(site.dist);
    const shown = await readShownFigures(browser, site.dist, server.url);
    const result = checkFigures(data, shown);
    expect(result.mismatches).toEqual([]);
    expect(result.unknown).toEqual([]);
    // The check reads every kind of figure the pages mark, on the pages that show them.
    for (const kind of ['run-total', 'run-label', 'run-first-filed', 'run-reviewed', 'reviewer-reports', 'reviewer-verdicts', 'task-reports', 'task-common', 'task-unanimous', 'task-contested', 'task-alpha', 'task-fleiss', 'contested-rank', 'pair-n', 'pair-only-a', 'pair-agreement', 'pair-kappa', 'cell', 'unanimous-list', 'contested-list']) {
      expect(result.checked[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  }, 900_000);

  it('states the issue’s numbers once: deepseek-r1:32b syscall 113 after review, 74 as first filed; user-mode unanimous 38 (and 2 not counted)', () => {
    const data = new DataFigures(site.dist);
    const rows = data.rows.filter((r) => r.run === 'deepseek-r1:32b');
    expect(rows.filter((r) => r.labels.includes('syscall')).length).toBe(113);
    expect(rows.filter((r) => (r.firstFiled || r.label) === 'syscall').length).toBe(74);
    const um = data.taskStanding('user-mode');
    expect(um.unanimous.length).toBe(38);
    expect(um.oneLabelNotAll).toBe(2);
  });

  it('finds a figure that disagrees, naming both numbers and both places', async () => {
    const data = new DataFigures(site.dist);
    const shown = await readShownFigures(browser, site.dist, server.url);
    const total = shown.figures.find((f) => f.kind === 'run-total')!;
    const wrong = { ...shown, figures: [{ ...total, text: String(Number(total.text) + 1) }] };
    const [message] = checkFigures(data, wrong).mismatches;
    expect(message).toContain(total.page);
    expect(message).toContain(`shows "${Number(total.text) + 1}"`);
    expect(message).toContain(`verdicts.csv rows with run=${data.runName(total.attrs.run!)} give "${total.text}"`);
  }, 900_000);

  it('counts reports only in the search filters, on the task pages’ definitions', async () => {
    const data = new DataFigures(site.dist);
    const counts = await searchFacetCounts(browser, server.url);
    const result = checkFacetCounts(data, counts);
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBeGreaterThan(5);
  }, 120_000);
});
