/**
 * One truth for every number (corpus): every figure a page marks with `data-fig`, and the
 * search filter counts, against what the test computes itself from `data/*.csv`
 * (test/support/figures.ts). The sample site runs the same in test/site/figures.test.ts.
 */
import type { Browser } from 'playwright-core';
import type { ShownFigure, ShownRow } from '../support/figures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { checkFacetCounts, checkFigures, DataFigures, readShownFigures, searchFacetCounts } from '../support/figures.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let data: DataFigures;
let shown: { figures: ShownFigure[]; rows: ShownRow[]; pages: number };

beforeAll(async () => {
  site = corpusSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  data = new DataFigures(site.dist);
  // Read once: every page with a marked figure (the corpus has over a thousand).
  shown = readShownFigures(site.dist);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every figure against the data files (corpus)', () => {
  it('shows on every page the figures the data files give', () => {
    const result = checkFigures(data, shown);
    expect(result.mismatches).toEqual([]);
    expect(result.unknown).toEqual([]);
    // The check reads every kind of figure the pages mark, on the pages that show them.
    for (const kind of ['run-total', 'source-reports', 'findings', 'run-label', 'run-label-moved-in', 'run-first-filed', 'run-reviewed', 'reviewer-reports', 'reviewer-verdicts', 'task-reports', 'task-common', 'task-unanimous', 'task-contested', 'task-alpha', 'task-fleiss', 'contested-rank', 'pair-n', 'pair-only-a', 'pair-agreement', 'pair-kappa', 'cell', 'unanimous-list', 'contested-list']) {
      expect(result.checked[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  }, 900_000);

  it('explains the issue’s numbers: 38 unanimous (page) and 40 (search) were the first-filed basis; after review 39, and 3 not counted', () => {
    const rows = data.rows.filter((r) => r.run === 'deepseek-r1:32b');
    expect(rows.filter((r) => r.labels.includes('syscall')).length).toBe(113);
    expect(rows.filter((r) => (r.firstFiled || r.label) === 'syscall').length).toBe(74);
    // The issue counted before issue 20 put every figure on the label after review: on the
    // label as first filed, the task page's definition gives 38 and the old search filter's
    // (two or more runs labelled it, all alike) 40.
    const runs = data.runsOfTask('user-mode');
    const firstFiled = new Map<string, string[]>();
    for (const r of data.rows.filter((x) => runs.includes(x.run))) firstFiled.set(r.key, [...(firstFiled.get(r.key) ?? []), (r.firstFiled || r.label).toLowerCase()]);
    const alike = [...firstFiled.values()].filter((l) => new Set(l).size === 1);
    expect(alike.filter((l) => l.length === runs.length).length).toBe(38);
    expect(alike.filter((l) => l.length > 1).length).toBe(40);
    // After review, one definition for the page and the search: 39 unanimous, and 3 reports
    // that the runs labelling them agree on but not every run labelled, said beside it.
    const um = data.taskStanding('user-mode');
    expect(um.unanimous.length).toBe(39);
    expect(um.oneLabelNotAll).toBe(3);
    expect(shown.figures.filter((f) => f.kind === 'task-unanimous' && f.attrs.task === 'user-mode').map((f) => f.text)).toEqual(['39', '39', '39']);
  });

  it('finds a figure that disagrees, naming both numbers and both places', () => {
    const total = shown.figures.find((f) => f.kind === 'run-total')!;
    const wrong = { ...shown, figures: [{ ...total, text: String(Number(total.text) + 1) }] };
    const [message] = checkFigures(data, wrong).mismatches;
    expect(message).toContain(total.page);
    expect(message).toContain(`shows "${Number(total.text) + 1}"`);
    expect(message).toContain(`verdicts.csv rows with run=${data.runName(total.attrs.run!)} give "${total.text}"`);
  }, 900_000);

  it('counts reports only in the search filters, on the task pages’ definitions', async () => {
    const counts = await searchFacetCounts(browser, server.url);
    const result = checkFacetCounts(data, counts);
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBeGreaterThan(5);
  }, 120_000);
});
