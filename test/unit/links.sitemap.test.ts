import { describe, expect, it } from 'vitest';
import { absoluteUrl, robotsTxt, sitemapXml, sitePages } from '../../src/lib/links/sitemap.ts';
import { linksModel } from '../support/linksTree.ts';

describe('sitemap and robots', () => {
  const pages = sitePages(linksModel());

  it('lists home, every report, run and model page once', () => {
    expect(pages).toContain('');
    expect(pages).toContain('reports/gitlab/2469/');
    expect(pages).toContain('reports/box64/documentation-9/');
    expect(pages).toContain('reports/unknown/99999/');
    expect(pages).toContain('runs/mode-deepseek-r1-32b/');
    expect(pages).toContain('runs/zero-shot-017/');
    expect(pages).toContain('models/deepseek-r1-32b/');
    expect(pages).toContain('models/m-one/');
    const model = linksModel();
    expect(pages.filter((p) => p.startsWith('reports/'))).toHaveLength(model.reports.size);
    expect(pages.filter((p) => p.startsWith('runs/'))).toHaveLength(model.runs.size);
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('absolute URLs respect site and base', () => {
    expect(absoluteUrl('https://example.org', '/', 'runs/x/')).toBe('https://example.org/runs/x/');
    expect(absoluteUrl(new URL('https://example.org/'), '/archive/', 'runs/x/')).toBe('https://example.org/archive/runs/x/');
    expect(absoluteUrl('https://example.org', '/archive', '')).toBe('https://example.org/archive/');
  });

  it('writes a well-formed sitemap and a robots.txt that names it', () => {
    const xml = sitemapXml(['', 'reports/a/1/', 'reports/a/x%26y/'], 'https://example.org', '/archive/');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '  <url><loc>https://example.org/archive/</loc></url>\n' +
        '  <url><loc>https://example.org/archive/reports/a/1/</loc></url>\n' +
        '  <url><loc>https://example.org/archive/reports/a/x%26y/</loc></url>\n' +
        '</urlset>\n',
    );
    expect(robotsTxt('https://example.org', '/archive/')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.org/archive/sitemap.xml\n');
    // Without a site there is no absolute URL to give: no sitemap line.
    expect(robotsTxt(undefined, '/archive/')).toBe('User-agent: *\nAllow: /\n');
  });
});
