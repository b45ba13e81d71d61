/**
 * The comparisons on the full corpus: tasks told by label sets, a few pairs' figures computed
 * here another way (straight from the folders on disk), the reviewer's 92 moves, answers against
 * their folders, change lists against their iterations, and the page budgets.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { corpusResultsDir } from '../../scripts/lib/corpus.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

let site: BuiltSite;
let server: StaticSite;
let browser: Browser;
let results: string;
let agreement: Record<string, string>[];
const page = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
const text = (html: string) =>
  html.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;|&#34;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(async () => {
  site = corpusSite();
  results = corpusResultsDir();
  server = await serveStatic(site.dist, site.base);
  browser = await launchChromium();
  agreement = parse(page('data/agreement.csv'), { columns: true }) as Record<string, string>[];
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** id → label after review, read from a run's folders: `reasoning/<label>/<id>` for split runs, `<label>/<id>` for flat ones. */
function labelsOnDisk(run: string): Map<string, string> {
  const dir = path.join(results, 'classifier', run);
  const root = statSync(path.join(dir, 'reasoning'), { throwIfNoEntry: false }) ? path.join(dir, 'reasoning') : dir;
  const out = new Map<string, string>();
  for (const label of readdirSync(root).sort()) {
    if (!statSync(path.join(root, label)).isDirectory()) continue;
    for (const id of readdirSync(path.join(root, label))) if (!out.has(id)) out.set(id, label);
  }
  return out;
}

/** Cohen's κ as 1 − (1 − p_o) / (1 − p_e), from two id → label maps, labels case-folded. */
function kappaOnDisk(a: Map<string, string>, b: Map<string, string>): { n: number; po: number; kappa: number } {
  const ids = [...a.keys()].filter((id) => b.has(id));
  const n = ids.length;
  let same = 0;
  const ma = new Map<string, number>();
  const mb = new Map<string, number>();
  for (const id of ids) {
    const la = a.get(id)!.toLowerCase();
    const lb = b.get(id)!.toLowerCase();
    if (la === lb) same++;
    ma.set(la, (ma.get(la) ?? 0) + 1);
    mb.set(lb, (mb.get(lb) ?? 0) + 1);
  }
  let pe = 0;
  for (const [l, c] of ma) pe += (c / n) * ((mb.get(l) ?? 0) / n);
  const po = same / n;
  return { n, po, kappa: 1 - (1 - po) / (1 - pe) };
}

describe('comparisons on the corpus', () => {
  it('files gemma3:27b with the user-mode runs, by its labels', () => {
    const um = text(page('tasks/user-mode/index.html'));
    for (const r of ['gemma3:27b', 'deepseek-r1:32b', 'no-thinking-deepseek-r1:32b', 'no-thinking-deepseek-r1:70b', 'phi4:14b', 'qwen3:32b', 'zero-shot-user-mode']) {
      expect(um).toContain(r);
    }
    expect(text(page('tasks/categories/index.html'))).not.toContain('gemma3:27b');
    expect(text(page('index.html'))).toMatch(/User-mode kinds[^]*gemma3:27b/);
  });

  it.each([
    ['user-mode', 'gemma3:27b', 'qwen3:32b'],
    ['user-mode', 'deepseek-r1:32b', 'phi4:14b'],
    ['categories', 'deepseek-r1:14b', 'gemma3:12b'],
    ['mode', 'mode-deepseek-r1:32b', 'mode-gemma3:12b'],
  ])('%s: %s against %s matches κ computed from the folders', (task, a, b) => {
    const row = agreement.find((r) => r.run_a === a && r.run_b === b)!;
    expect(row).toMatchObject({ task, kind: 'task' });
    const disk = kappaOnDisk(labelsOnDisk(a), labelsOnDisk(b));
    expect(Number(row.n_both)).toBe(disk.n);
    expect(Number(row.agreement)).toBeCloseTo(disk.po, 12);
    expect(Number(row.kappa)).toBeCloseTo(disk.kappa, 12);
    expect(Number(row.kappa_low)).toBeLessThan(Number(row.kappa));
    expect(Number(row.kappa_high)).toBeGreaterThan(Number(row.kappa));
  });

  it('lists every pair of every task and every iteration pair a change list joins', () => {
    const count = (task: string) => agreement.filter((r) => r.task === task && r.kind === 'task').length;
    expect(count('user-mode')).toBe(21);
    expect(count('categories')).toBe(1);
    expect(count('mode')).toBe(1);
    // 19 change lists; 015-016 and 016-015 join the same two iterations.
    expect(agreement.filter((r) => r.kind === 'change-list').length).toBe(18);
  });

  it('leads every cell of the 16-category pair to its reports, all of them', () => {
    const html = page('compare/deepseek-r1-14b/gemma3-12b/index.html');
    const cells = [...new Set([...html.matchAll(/href="(\/compare\/deepseek-r1-14b\/gemma3-12b\/[^"]+\/)"/g)].map((m) => m[1]!))];
    let listed = 0;
    for (const href of cells) {
      const first = page(`${href.slice(1)}index.html`);
      const pages = Math.max(1, ...[...first.matchAll(/\/page\/(\d+)\//g)].map((m) => Number(m[1])));
      for (let p = 1; p <= pages; p++) {
        listed += [...page(`${href.slice(1)}${p > 1 ? `page/${p}/` : ''}index.html`).matchAll(/<tr><td><a href="\/reports\//g)].length;
      }
    }
    expect(listed).toBe(5729);
  });

  it('says on the report and in the build report where an answer names another label than its first filing', () => {
    const report = text(page('reports/gitlab/570/index.html'));
    expect(report).toContain('the answer says sys; filed under manual-review');
    expect(report).toContain('The answer says sys ; filed under manual-review , then reviewed as syscall .');
    const build = text(page('build-report/index.html'));
    const notes = filesBelow(path.join(site.dist, 'build-report/info')).map((f) => text(page(`build-report/info/${f}`))).join(' ');
    expect(notes).toContain(`deepseek-r1:32b: the answer's last word is "sys"; it was first filed under "manual-review"`);
    expect(build).toContain('change list lists 62179944 as network -> operating system; the folders say network -> network');
  });

  it('puts every verdict of the longest report on the first screen, before its text', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await p.goto(`${server.url}reports/mailinglist/70021271/`);
    const rows = await p.locator('.verdict-table tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    const bottom = await p.locator('.verdict-table').evaluate((e) => e.getBoundingClientRect().bottom);
    const firstLine = await p.locator('#L1').evaluate((e) => e.getBoundingClientRect().top);
    expect(bottom).toBeLessThan(firstLine);
    expect(bottom).toBeLessThan(2 * 900);
    await p.close();
  });

  it('keeps the comparison pages and the build report within the budgets', () => {
    const files = filesBelow(site.dist);
    expect(files.length).toBeLessThanOrEqual(20_000);
    const comparison = files.filter((f) => /^(compare|tasks|sets|reviewer|build-report)\/.*\.html$/.test(f));
    expect(comparison.length).toBeGreaterThan(1000);
    const tooBig = comparison.filter((f) => statSync(path.join(site.dist, f)).size > 300 * 1024);
    expect(tooBig).toEqual([]);
  });
});
