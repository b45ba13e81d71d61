/**
 * `<base>robots.txt`, pointing at the sitemap. Crawlers only read `/robots.txt` at the host root,
 * so under a non-root base this file is for whoever serves the root to copy or link.
 */
import type { APIRoute } from 'astro';
import { robotsTxt } from '../lib/links/sitemap.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('robots.txt needs `site` in astro.config.mjs (SITE_URL)');
  return new Response(robotsTxt(site, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
