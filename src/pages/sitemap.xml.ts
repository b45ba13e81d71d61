/**
 * `<base>sitemap.xml`: every report, run and model page, as absolute URLs under `site` + base.
 * The page list is `content/site-pages.json` (scripts/write-content.ts). Without SITE_URL there
 * are no absolute URLs to list: the response has no body, and Astro writes no file for it.
 */
import type { APIRoute } from 'astro';
import { readContentText } from '../lib/content-files.ts';
import { sitemapXml } from '../lib/links/sitemap.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) => {
  if (!site) return new Response(null, { status: 404 });
  const pages = JSON.parse(readContentText('site-pages.json')) as string[];
  const xml = sitemapXml(pages, site, import.meta.env.BASE_URL);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
