/** `<base>sitemap.xml`: every report, run and model page, as absolute URLs under `site` + base. */
import type { APIRoute } from 'astro';
import { siteModel } from '../lib/links/siteModel.ts';
import { sitemapXml, sitePages } from '../lib/links/sitemap.ts';

export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap.xml needs `site` in astro.config.mjs (SITE_URL)');
  const xml = sitemapXml(sitePages(await siteModel()), site, import.meta.env.BASE_URL);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
