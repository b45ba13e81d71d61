/**
 * `<base>robots.txt`, pointing at the sitemap (when SITE_URL gives it an address). Crawlers only
 * read `/robots.txt` at the host root, so under a non-root base this file is for whoever serves
 * the root to copy or link.
 */
import type { APIRoute } from 'astro';
import { robotsTxt } from '../lib/links/sitemap.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) => {
  return new Response(robotsTxt(site, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
