/**
 * Links from mail on the full corpus site (built once, without SITE_URL; shared with the other
 * corpus tests), in the text browsers people read mail links in: a link to line 40 of
 * deepseek-r1:14b's reasoning on gitlab/957 (58 lines, long and indented) lands on that line in
 * w3m and lynx (measured in a tmux terminal, see test/support/textBrowsers.ts); the page shows
 * no search-only data; and `_redirects` sends every scraped report's tree path and upstream URL
 * where the 404 page's script does, in fewer than 100 rules with placeholders.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveLink } from '../../src/lib/links/legacyPath.ts';
import type { PathIndex } from '../../src/lib/links/pathIndex.ts';
import { TREE_PREFIXES } from '../../src/lib/links/redirects.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { corpusResultsDir } from '../../scripts/lib/corpus.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { dump, openAt, rowOfLine } from '../support/textBrowsers.ts';
import { applyRedirects, readRedirects } from '../support/redirectsReader.ts';

let site: BuiltSite;
let results: string;

beforeAll(() => {
  site = corpusSite();
  results = corpusResultsDir();
}, 900_000);

describe('gitlab/957 in w3m and lynx', () => {
  const REPORT = 'reports/gitlab/957/';
  const reasoning = () => {
    const dir = path.join(results, 'classifier/deepseek-r1:14b/reasoning');
    const label = readdirSync(dir).find((l) => readdirSync(path.join(dir, l)).includes('957'))!;
    return readFileSync(path.join(dir, label, '957'), 'utf8').split('\n');
  };

  for (const [browser, labelTopline] of [['w3m', false], ['w3m', true], ['lynx', false]] as const) {
    it(`${browser}${labelTopline ? ' -o label_topline=1' : ''}: #deepseek-r1-14b-L40 lands on line 40 (within 2 rows)`, async () => {
      const line40 = reasoning()[39]!;
      expect(line40.trim().length).toBeGreaterThan(10);
      const url = `${pathToFileURL(path.join(site.dist, REPORT, 'index.html')).href}#deepseek-r1-14b-L40`;
      const screen = await openAt(browser, url, (rows) => rowOfLine(rows, 40, line40) >= 0, labelTopline ? { labelTopline } : {});
      const row = rowOfLine(screen.rows, 40, line40);
      expect(row, screen.rows.join('\n')).toBeGreaterThanOrEqual(0);
      expect(Math.abs(row - screen.landing), screen.rows.join('\n')).toBeLessThanOrEqual(2);
    }, 60_000);
  }

  it('w3m and lynx dumps show no search-only data (the sort key, run → label pairs)', () => {
    for (const browser of ['w3m', 'lynx'] as const) {
      const text = dump(browser, path.join(site.dist, REPORT, 'index.html'));
      expect(text).not.toContain('0000000957');
      expect(text).not.toMatch(/deepseek-r1:14b → /);
    }
  });
});

describe('_redirects on the corpus', () => {
  it('sends every scraped report’s tree path (bare, tree/, plain/, blame/) and upstream URL where the 404 page’s script does', () => {
    const text = readFileSync(path.join(site.dist, '_redirects'), 'utf8');
    const rules = readRedirects(text);
    const index = JSON.parse(readFileSync(path.join(site.dist, 'path-index.json'), 'utf8')) as PathIndex;
    const dynamic = rules.filter((r) => /[:*]/.test(r.from.replace(/https:\/\//, '')));
    expect(dynamic.length).toBeLessThan(100);
    expect(rules.length).toBeLessThan(200);
    let checked = 0;
    for (const f of filesBelow(path.join(results, 'scraper'))) {
      if (f.endsWith('.toml')) continue;
      const tree = `results/scraper/${f}`;
      const script = resolveLink(tree, index);
      if (script?.kind !== 'page') continue;
      for (const prefix of TREE_PREFIXES) {
        expect(applyRedirects(rules, `${site.base}${prefix}${tree.split('/').map(encodeURIComponent).join('/')}`)?.to, tree).toBe(`${site.base}${script.url}`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(7000);
    const upstream: string[] = [];
    for (const id of index.ids.gitlab ?? []) upstream.push(`https://gitlab.com/qemu-project/qemu/-/issues/${id}`);
    for (const id of index.ids.launchpad ?? []) upstream.push(`https://bugs.launchpad.net/qemu/+bug/${id}`);
    for (const id of index.ids.box64 ?? []) if (/^\d+$/.test(id)) upstream.push(`https://github.com/ptitSeb/box64/issues/${id}`);
    for (const id of index.ids.fex ?? []) if (/^\d+$/.test(id)) upstream.push(`https://github.com/FEX-Emu/FEX/issues/${id}`);
    for (const url of upstream) {
      const script = resolveLink(url, index);
      const want = script?.kind === 'page' ? `${site.base}${script.url}` : `${site.base}tree/?path=${encodeURIComponent(url)}`;
      for (const link of [url, url.replace(/^https:\/\/[^/]+\//, '')]) expect(applyRedirects(rules, `${site.base}${link}`)?.to, link).toBe(want);
    }
    expect(upstream.length).toBeGreaterThan(7000);
  });
});
