/**
 * `<base>sitemap.xml`: every report, run and model page, as absolute URLs under `site` + base.
 * The page list is `content/site-pages.json` (scripts/write-content.ts).
 */
import type { APIRoute } from 'astro';
import { readContentText } from '../lib/content-files.ts';
import { sitemapXml } from '../lib/links/sitemap.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('sitemap.xml needs `site` in astro.config.mjs (SITE_URL)');
  const pages = JSON.parse(readContentText('site-pages.json')) as string[];
  const xml = sitemapXml(pages, site, import.meta.env.BASE_URL);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
