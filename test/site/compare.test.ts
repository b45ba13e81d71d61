/**
 * The comparison pages of the sample site, read as files (no JavaScript) and in Chromium:
 * tasks, pairs in both orders, cells, curated sets, the reviewer, the report's verdict table,
 * the downloads, and the search filters they add.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { searchRecords } from '../../scripts/search-index.ts';
import { sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
const page = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');

beforeAll(async () => {
  site = sampleSite();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('comparison pages (sample)', () => {
  it('lists every task, with gemma3:27b among the user-mode runs', () => {
    const index = text(page('tasks/index.html'));
    for (const t of ['16 categories', 'User vs system mode', 'Accelerator', 'User-mode kinds', 'Zero-shot']) expect(index).toContain(t);
    const um = text(page('tasks/user-mode/index.html'));
    for (const r of ['gemma3:27b', 'no-thinking-deepseek-r1:32b', 'qwen3:32b', 'zero-shot-user-mode']) expect(um).toContain(r);
    // qwen3:32b misses one report: 3 reports in the task, 2 labelled by every run.
    expect(um).toContain('3 reports were labelled by at least one run of this task; 2 by every run');
    expect(text(page('tasks/categories/index.html'))).not.toContain('gemma3:27b');
    expect(text(page('tasks/mode/index.html'))).toContain('This task has one run');
  });

  it('shows a pair in both orders without JavaScript, transposed, with its population first', () => {
    const ab = text(page('compare/deepseek-r1-14b/gemma3-12b/index.html'));
    const ba = text(page('compare/gemma3-12b/deepseek-r1-14b/index.html'));
    expect(ab).toContain('In both: 6 reports');
    expect(ab).toContain('Only in gemma3:12b: 1 of its 7');
    expect(ab.indexOf('Population')).toBeLessThan(ab.indexOf('Confusion matrix'));
    expect(ab).toContain('Reports by deepseek-r1:14b’s label (rows) and gemma3:12b’s label (columns)');
    expect(ba).toContain('Reports by gemma3:12b’s label (rows) and deepseek-r1:14b’s label (columns)');
    // The same κ either way.
    const kappa = (t: string) => /Cohen’s κ (\S+)/.exec(t)![1];
    expect(kappa(ab)).toBe(kappa(ba));
    // The matrix as CSV, in the page's order, with totals that add up to the population.
    const csv = parse(page('compare/deepseek-r1-14b/gemma3-12b/matrix.csv')) as string[][];
    expect(csv[0]![0]).toBe('deepseek-r1:14b \\ gemma3:12b');
    expect(csv.at(-1)!.at(-1)).toBe('6');
    const reverse = parse(page('compare/gemma3-12b/deepseek-r1-14b/matrix.csv')) as string[][];
    expect(reverse.length).toBe(csv[0]!.length);
  });

  it('leads every non-empty cell to its reports, with both labels', () => {
    const html = page('compare/deepseek-r1-14b/gemma3-12b/index.html');
    const cells = [...html.matchAll(/href="(\/compare\/deepseek-r1-14b\/gemma3-12b\/[^"]+\/)"/g)].map((m) => m[1]!);
    expect(cells.length).toBe(6);
    let listed = 0;
    for (const href of cells) {
      const cell = page(`${href.slice(1)}index.html`);
      listed += [...cell.matchAll(/<tr><td><a href="\/reports\//g)].length;
    }
    expect(listed).toBe(6);
    // KVM (deepseek) and kvm (gemma) are one category: the diagonal cell.
    expect(text(page('compare/deepseek-r1-14b/gemma3-12b/kvm/kvm/index.html'))).toMatch(/deepseek-r1:14b: KVM ?; gemma3:12b: kvm/);
  });

  it('pairs the zero-shot iterations a change list joins', () => {
    expect(text(page('tasks/zero-shot/index.html'))).toContain('zero-shot/001 → zero-shot/002');
    expect(text(page('compare/zero-shot-001/zero-shot-002/index.html'))).toContain('change list 001 → 002');
  });

  it('shows the reviewer’s moves out of manual-review, and halves of another shape as they are', () => {
    const r = text(page('reviewer/index.html'));
    expect(r).toContain('2 reports ( 2 files moved), in 2 runs.');
    expect(r).toContain('1 verdict has halves under different labels in another way');
    expect(r).toContain('1 of 3 verdicts moved out of manual-review by the reviewer: runtime 1.');
    expect(r).toContain('1 of 6 verdicts moved out of manual-review by the reviewer: device 1.');
    expect(r).toContain('1 verdict whose halves differ otherwise (not explained)');
    expect(r).toContain('Where the verdicts first filed under manual-review stand after review: 1 runtime');
    expect(r).toContain('qwen3:32b');
  });

  it('gives a reviewed report the label after review, with its first filing beside it', () => {
    const lp = text(page('reports/launchpad/1873340/index.html'));
    expect(lp).toContain('first filed under manual-review; the reviewer chose runtime');
    expect(lp).toContain('no-thinking-deepseek-r1:32b : runtime');
    expect(lp).toContain('after review: runtime ( reasoning/ ) · first filed under: manual-review ( output/ ), moved by the reviewer');
    const odd = text(page('reports/gitlab/2266/index.html'));
    expect(odd).toContain('first filed under graphic ( output/ ); the halves differ and the tree does not say why');
    const run = text(page('runs/no-thinking-deepseek-r1-32b/index.html'));
    expect(run).toMatch(/runtime : 1 report/);
    expect(run).toContain('Every count in categories.csv matches the folders.');
    expect(run).toMatch(/As first filed, before review .* runtime 0 1 .* manual-review 1 0 /);
    expect(text(page('runs/no-thinking-deepseek-r1-32b/runtime/index.html'))).toContain('1 report is labelled runtime after review');
  });

  it('lists a curated set’s members with what every run said, on the build report’s basis', () => {
    const s = text(page('sets/user-mode-bugs/index.html'));
    expect(s).toContain('3 members');
    expect(s).toContain('launchpad/1873340');
    const semantic = text(page('sets/semantic-bugs/index.html'));
    const build = text(page('build-report/index.html'));
    // Each run's table, with its basis; where a count differs, the build report names the same basis.
    const sections = semantic.split(/(?=Basis: )/).slice(1);
    expect(sections.length).toBeGreaterThan(0);
    const differing = sections.filter((s) => s.includes('differs by'));
    expect(differing.length).toBeGreaterThan(0);
    for (const s of differing) expect(build).toContain(/Basis: (the \d+ [^.]+)\./.exec(s)![1]!);
  });

  it('puts the verdict table before the report text, saying who agrees and what the answer said', async () => {
    const p = await browser.newPage();
    await p.route('**/*', (r) => (r.request().resourceType() === 'script' ? r.abort() : r.continue()));
    await p.goto(`${server.url}reports/gitlab/1742/`);
    const order = await p.evaluate(() => {
      const table = document.querySelector('.verdict-table')!;
      const textBlock = document.querySelector('#L1') ?? document.querySelector('pre');
      return table.compareDocumentPosition(textBlock!) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    const rows = await p.locator('.verdict-table tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith('qwen3:32b'))).toContain('the answer says syscalls; filed under syscall');
    // gemma3:12b calls 1742 `other`, deepseek-r1:14b has no verdict: alone in its task.
    const cellLinks = await p.locator('.verdict-table a[href*="/compare/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of cellLinks) {
      const res = await p.request.get(`${server.url}${href!.slice(1)}`);
      expect(res.status(), href!).toBe(200);
    }
    await p.close();
  });

  it('publishes agreement.csv with one row per pair, matching the pair pages', () => {
    const rows = parse(page('data/agreement.csv'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['task', 'kind', 'run_a', 'run_b', 'n_both', 'only_a', 'only_b', 'agreement', 'kappa', 'kappa_se', 'kappa_low', 'kappa_high']);
    const cat = rows.find((r) => r.run_a === 'deepseek-r1:14b' && r.run_b === 'gemma3:12b')!;
    expect(cat).toMatchObject({ task: 'categories', kind: 'task', n_both: '6', only_a: '0', only_b: '1' });
    const ab = text(page('compare/deepseek-r1-14b/gemma3-12b/index.html'));
    expect(ab).toContain(`Cohen’s κ ${Number(cat.kappa).toFixed(3)}`);
    expect(rows.some((r) => r.kind === 'change-list')).toBe(true);
  });

  it('tags reports for the agreement and reviewer filters (in their search records)', () => {
    const html = [...searchRecords(site.content)].find((r) => r.url === '/reports/launchpad/1873340/')!.html;
    expect(html).toContain('<span data-pagefind-filter="reviewer">changed in no-thinking-deepseek-r1:32b</span>');
    expect(html).toMatch(/<span data-pagefind-filter="agreement">user-mode: (contested|unanimous|one label, not every run)<\/span>/);
  });
});

describe('choosing what to compare (sample)', () => {
  it('ranks every task’s pairs by κ on /compare/, and one run’s partners on /compare/<run>/', async () => {
    const p = await browser.newPage();
    for (const rel of ['compare/', 'compare/no-thinking-deepseek-r1-32b/']) {
      await p.goto(`${server.url}${rel}`);
      const sections = await p.locator('table.data tbody').evaluateAll((bodies) =>
        bodies.map((b) => [...b.querySelectorAll('[data-fig="pair-kappa"]')].map((td) => td.textContent!.trim())),
      );
      expect(sections.flat().length, rel).toBeGreaterThan(0);
      for (const ks of sections) {
        const defined = ks.filter((k) => k !== 'undefined').map(Number);
        expect(defined, rel).toEqual([...defined].sort((a, b) => b - a));
        // An undefined κ comes last.
        expect(ks.slice(defined.length).every((k) => k === 'undefined'), rel).toBe(true);
      }
    }
    await p.close();
  });

  it('says why two runs of different tasks are not compared, instead of a 404', () => {
    const t = text(page('compare/deepseek-r1-14b/zero-shot-001/index.html'));
    expect(t).toContain('These runs did different tasks');
    expect(t).toContain('16 categories');
  });

  it('the form goes to the pair’s page, or to the page that says why not (with JavaScript); without, the lists are there', async () => {
    const p = await browser.newPage();
    await p.goto(`${server.url}compare/`);
    await p.locator('select[name="a"]').selectOption('deepseek-r1-14b');
    await p.locator('select[name="b"]').selectOption('gemma3-12b');
    await Promise.all([p.waitForURL(`${server.url}compare/deepseek-r1-14b/gemma3-12b/`), p.locator('form.pick button').click()]);
    await p.goto(`${server.url}compare/?a=deepseek-r1-14b&b=zero-shot-001`);
    await p.waitForURL(`${server.url}compare/deepseek-r1-14b/zero-shot-001/`);
    await p.close();
    const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await noJs.goto(`${server.url}compare/?a=deepseek-r1-14b&b=gemma3-12b`);
    expect(new URL(noJs.url()).pathname).toBe('/compare/');
    expect(await noJs.locator('a[href="/compare/deepseek-r1-14b/gemma3-12b/"]').count()).toBeGreaterThan(0);
    await noJs.context().close();
  });

  it('lists every contested report of a task, ranked, ties said', () => {
    const t = text(page('tasks/user-mode/contested/index.html'));
    expect(t).toMatch(/\d+ reports? (is|are) contested/);
    const um = text(page('tasks/user-mode/index.html'));
    expect(um).toContain('Unanimous every one of the 4 runs of the task labelled the report');
  });
});
