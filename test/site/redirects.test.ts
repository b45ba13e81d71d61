/**
 * `_redirects` of the sample site, applied with a small reader of the format
 * (test/support/redirectsReader.ts) to the links the 404 page's browser tests follow: the rules
 * send each upstream and scraped-report link where the 404 page's script sends it, and leave the
 * links no placeholder can resolve (classifier files, short ids) to that script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLink } from '../../src/lib/links/legacyPath.ts';
import type { PathIndex } from '../../src/lib/links/pathIndex.ts';
import { TREE_PREFIXES } from '../../src/lib/links/redirects.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { SAMPLE_SITE_URL, repoRoot, sampleSite } from '../support/builtSite.ts';
import { OLD_TREE_LINKS, SHORT_LINK, UPSTREAM_LINKS } from '../support/legacyLinks.ts';
import { applyRedirects, readRedirects } from '../support/redirectsReader.ts';

for (const [base, siteUrl] of [['/', undefined], ['/archive/', SAMPLE_SITE_URL]] as const) {
  describe(`_redirects of the sample site under ${base}`, () => {
    const site = () => sampleSite(base, siteUrl);
    const rules = () => readRedirects(readFileSync(path.join(site().dist, '_redirects'), 'utf8'));
    const index = () => JSON.parse(readFileSync(path.join(site().dist, 'path-index.json'), 'utf8')) as PathIndex;

    it('forward upstream issue URLs, put after the base or with the host replaced, to their report', () => {
      for (const [url, target] of UPSTREAM_LINKS) {
        for (const link of [url, url.replace(/^https:\/\/[^/]+\//, '')]) {
          const hit = applyRedirects(rules(), `${base}${link}`);
          expect(hit?.to, link).toBe(`${base}${target}`);
          expect(hit?.status).toBe(301);
          // Where the 404 page's script sends it.
          const script = resolveLink(link, index());
          expect(script?.kind === 'page' ? `${base}${script.url}` : script, link).toBe(hit?.to);
        }
      }
    }, 600_000);

    it('leave classifier files and short ids to the 404 page’s script (no placeholder can say their source)', () => {
      for (const [name, link] of [...OLD_TREE_LINKS, ['short link', SHORT_LINK[0]] as const]) {
        expect(applyRedirects(rules(), `${base}${link}`), name).toBeNull();
        // …which resolves them.
        expect(resolveLink(link, index())?.kind, name).toBe('page');
      }
      // The site's own pages are never redirected.
      for (const page of ['', 'reports/gitlab/1893/', 'runs/', 'search/', 'tree/']) expect(applyRedirects(rules(), `${base}${page}`), page).toBeNull();
    });

    it('forward every scraped report’s tree path, bare and after tree/, plain/, blame/, where the script does', () => {
      const scraper = path.join(repoRoot, 'sample/results/scraper');
      let checked = 0;
      for (const f of filesBelow(scraper)) {
        const tree = `results/scraper/${f}`;
        const script = resolveLink(tree, index());
        for (const prefix of TREE_PREFIXES) {
          const hit = applyRedirects(rules(), `${base}${prefix}${tree.split('/').map(encodeURIComponent).join('/')}`);
          if (f.endsWith('.toml')) {
            // GitLab's TOML files: left to the script.
            expect(hit, tree).toBeNull();
            continue;
          }
          expect(script?.kind, tree).toBe('page');
          expect(hit?.to, `${prefix}${tree}`).toBe(script?.kind === 'page' ? `${base}${script.url}` : undefined);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });

    it('one rule per shape: fewer than 100 with placeholders (Cloudflare Pages’ limit), no line per report', () => {
      const all = rules();
      const dynamic = all.filter((r) => /[:*]/.test(r.from.replace(/https:\/\//, '')));
      expect(dynamic.length).toBeLessThan(100);
      const reports = Object.values(index().ids).reduce((n, ids) => n + ids.length, 0);
      expect(all.length - dynamic.length).toBeLessThan(reports);
    });
  });
}
