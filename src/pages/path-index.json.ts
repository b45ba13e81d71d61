/**
 * `<base>path-index.json`: what the 404 page and /tree/ need to turn old tree links into pages
 * (see src/lib/links/pathIndex.ts). Written once at build time.
 */
import type { APIRoute } from 'astro';
import { buildPathIndex } from '../lib/links/pathIndex.ts';
import { siteModel } from '../lib/links/siteModel.ts';

export const prerender = true;

export const GET: APIRoute = async () => {
  const index = buildPathIndex(await siteModel());
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
