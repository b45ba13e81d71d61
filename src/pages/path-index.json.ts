/**
 * `<base>path-index.json`: what the 404 page and /tree/ need to turn old tree links into pages
 * (see src/lib/links/pathIndex.ts). Written by scripts/write-content.ts into
 * `content/path-index.json`; the Astro build only copies it (it never reads the results tree).
 */
import type { APIRoute } from 'astro';
import { readContentText } from '../lib/content-files.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  const index = readContentText('path-index.json').trimEnd();
  return new Response(index, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
