/**
 * sitemap.xml and robots.txt, from the model. Pure: the endpoints pass in the model, the site
 * URL and the base, so the same text comes out of tests and builds.
 */
import type { ResultsModel } from '../model.ts';
import { modelPagePath, normaliseBase, reportPagePath, reportPathStem, runPagePath } from '../paths.ts';
import { modelSlugOf } from '../content/modelPages.ts';

/** Every report, run and model page (and the home and data pages), relative to the base, sorted. */
export function sitePages(model: ResultsModel): string[] {
  const pages = new Set<string>(['', 'data/']);
  for (const report of model.reports.values()) pages.add(reportPagePath(reportPathStem(report)));
  for (const run of model.runs.values()) {
    pages.add(runPagePath(run.slug));
    for (const name of run.models) pages.add(modelPagePath(modelSlugOf(model, name)));
  }
  return [...pages].sort();
}

/** `site`: the configured site URL (origin, maybe with a path); `base`: `import.meta.env.BASE_URL`. */
export function absoluteUrl(site: URL | string, base: string, page: string): string {
  const root = new URL(site);
  return new URL(normaliseBase(base) + page, root.origin).href;
}

export function sitemapXml(pages: readonly string[], site: URL | string, base: string): string {
  const urls = pages.map((p) => `  <url><loc>${escapeXml(absoluteUrl(site, base, p))}</loc></url>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}</urlset>\n`;
}

/**
 * robots.txt: everything may be crawled; the sitemap is named by absolute URL, as the format
 * requires, so without a site (SITE_URL) there is no sitemap line (and no sitemap).
 */
export function robotsTxt(site: URL | string | undefined, base: string): string {
  return `User-agent: *\nAllow: /\n${site !== undefined ? `\nSitemap: ${absoluteUrl(site, base, 'sitemap.xml')}\n` : ''}`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
