/**
 * The sample site in w3m and lynx, the way people read links from mail in a terminal: a report,
 * a run and a pair page dumped as text (`-dump`, 80 columns) show no search-only data, lists as
 * lists, numbered lines with their numbers, wrapped; and a link with a fragment lands on its
 * line. How landing is measured (both browsers' `-dump` ignore the fragment, so they run in a
 * tmux terminal and the screen is read back) is in test/support/textBrowsers.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchRecords } from '../../scripts/search-index.ts';
import { repoRoot, sampleSite, type BuiltSite } from '../support/builtSite.ts';
import { COLUMNS, dump, openAt, rowOfLine, type TextBrowser } from '../support/textBrowsers.ts';

let site: BuiltSite;
const file = (rel: string) => path.join(site.dist, rel, 'index.html');
const url = (rel: string, fragment: string) => `${pathToFileURL(file(rel)).href}#${fragment}`;

const PAGES = ['reports/gitlab/1893/', 'runs/zero-shot-001/', 'compare/deepseek-r1-14b/gemma3-12b/'];
const BROWSERS: TextBrowser[] = ['w3m', 'lynx'];

beforeAll(() => {
  site = sampleSite();
}, 600_000);

describe('dumped as text', () => {
  for (const browser of BROWSERS) {
    it(`${browser}: no search-only value of a page's record shows on the page`, () => {
      const records = new Map([...searchRecords(site.content)].map((r) => [r.url, r.html]));
      for (const rel of PAGES) {
        const text = dump(browser, file(rel)).replace(/\s+/g, ' ');
        const record = records.get(`/${rel}`);
        if (rel.startsWith('compare/')) {
          expect(record, rel).toBeUndefined();
          continue;
        }
        // Values only the index has (sort keys, `run → label` pairs), and any two neighbouring
        // values run together, as a hidden block of them reads where `hidden` is ignored.
        const values = [...record!.matchAll(/<span data-pagefind-(filter|sort|meta)="([^"]+)">([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!, m[3]!] as const);
        expect(values.length, rel).toBeGreaterThan(3);
        const onlyIndexed = [
          ...values.filter(([kind, name]) => kind === 'sort' || (kind === 'filter' && name === 'verdict')).map(([, , value]) => value),
          ...values.slice(1).map(([, , value], i) => values[i]![2] + value),
        ];
        for (const value of onlyIndexed) expect(text, `${rel}: ${value}`).not.toContain(value);
      }
    });

    it(`${browser}: GitLab labels and the site's links read as lists, one item a row`, () => {
      const rows = dump(browser, file('reports/gitlab/1893/')).split('\n');
      const at = rows.findIndex((r) => r.trim() === 'GitLab labels');
      expect(at).toBeGreaterThan(0);
      const items = rows.slice(at + 1, at + 7).filter((r) => r.trim() !== '').slice(0, 4).map((r) => r.trim());
      expect(items.map((r) => r.replace(/^\S+\s+/, ''))).toEqual(['accel: KVM', 'host: x86', 'target: i386', 'workflow::Needs Info']);
      const nav = rows.findIndex((r) => /Results archive$/.test(r.trim()));
      expect(rows[nav + 1]!.trim()).toMatch(/Reports$/);
    });

    it(`${browser}: cite lines of a site built without SITE_URL give the path and say so`, () => {
      const text = dump(browser, file('reports/gitlab/1893/')).replace(/\s+/g, ' ');
      expect(text).toContain('The results archive, /reports/gitlab/1893/ (path on this site).');
      expect(text).toContain('/reports/gitlab/1893/#mode-deepseek-r1-32b (path on this site).');
    });

    it(`${browser}: numbered lines show their numbers, and long lines wrap within ${COLUMNS} columns`, () => {
      const rows = dump(browser, file('reports/gitlab/1742/')).split('\n');
      const text = readFileSync(path.join(repoRoot, 'sample/results/scraper/gitlab/issues_text/target_missing/host_missing/accel_missing/1742'), 'utf8').split('\n');
      // Line 3 is 330 characters long: it starts on a row of its own after its number…
      expect(text[2]!.length).toBeGreaterThan(2 * COLUMNS);
      const row = rowOfLine(rows, 3, text[2]!);
      expect(row).toBeGreaterThan(0);
      // …and goes on, wrapped, on the next rows; no row is wider than the terminal.
      expect(rows[row + 1]!.trim().length).toBeGreaterThan(0);
      expect(rowOfLine(rows, 4, text[3]!)).toBeGreaterThan(row + 2);
      const numbered = rows.slice(rows.findIndex((r) => r.trim() === 'Plain text as stored, with line numbers'), rows.findIndex((r) => r.trim() === 'How the runs agreed'));
      expect(numbered.length).toBeGreaterThan(20);
      for (const r of numbered) expect([...r].length, r).toBeLessThanOrEqual(COLUMNS);
      // Indentation survives where CSS is not read: line 8 of this text starts with four spaces.
      const rorx = readFileSync(path.join(repoRoot, 'sample/results/scraper/gitlab/semantic_issues/gitlab_semantic_rorx'), 'utf8').split('\n')[7]!;
      expect(rorx).toMatch(/^ {4}asm/);
      expect(dump(browser, file('reports/gitlab-semantic/gitlab_semantic_rorx/')).replace(/\u00a0/g, ' ')).toMatch(/^ *8 {5}asm\("mov rax/m);
    });
  }
});

describe('a link with a fragment lands on its line (within 2 rows)', () => {
  const reasoning = readFileSync(path.join(repoRoot, 'sample/results/classifier/mode-deepseek-r1:32b/reasoning/system/1893'), 'utf8').split('\n');
  const longText = (n: number) => {
    const json = JSON.parse(readFileSync(path.join(site.content, 'report-data/unknown/09404417.json'), 'utf8')) as { texts: { kind: string; text: string }[] };
    return json.texts.find((t) => t.kind === 'classified-1')!.text.split('\n')[n - 1]!;
  };
  const targets: { name: string; rel: string; fragment: string; row: (rows: readonly string[]) => number }[] = [
    { name: 'report text line 12', rel: 'reports/gitlab/1742/', fragment: 'L12', row: (rows) => rowOfLine(rows, 12, 'export default function run()') },
    { name: 'a run’s reasoning, line 4', rel: 'reports/gitlab/1893/', fragment: 'mode-deepseek-r1-32b-L4', row: (rows) => rowOfLine(rows, 4, reasoning[3]!) },
    { name: 'line 2,000 of a 5,000-line text (folded where CSS is read)', rel: 'reports/unknown/09404417/', fragment: 'classified-1-L2000', row: (rows) => rowOfLine(rows, 2000, longText(2000)) },
    { name: 'a run’s README, line 3', rel: 'runs/zero-shot-001/', fragment: 'readme-L3', row: (rows) => rows.findIndex((r) => /^\s*3( |$)/.test(r)) },
    { name: 'a pair page’s matrix', rel: 'compare/deepseek-r1-14b/gemma3-12b/', fragment: 'matrix', row: (rows) => rows.findIndex((r) => r.trim() === 'Confusion matrix') },
  ];
  const modes: { browser: TextBrowser; labelTopline?: boolean; label: string }[] = [
    { browser: 'w3m', label: 'w3m' },
    { browser: 'w3m', labelTopline: true, label: 'w3m -o label_topline=1' },
    { browser: 'lynx', label: 'lynx' },
  ];
  for (const mode of modes) {
    for (const t of targets) {
      it(`${mode.label}: ${t.name} (#${t.fragment})`, async () => {
        const screen = await openAt(mode.browser, url(t.rel, t.fragment), (rows) => t.row(rows) >= 0, mode.labelTopline ? { labelTopline: true } : {});
        const row = t.row(screen.rows);
        expect(row, screen.rows.join('\n')).toBeGreaterThanOrEqual(0);
        expect(Math.abs(row - screen.landing), screen.rows.join('\n')).toBeLessThanOrEqual(2);
      }, 30_000);
    }
  }
});
