/**
 * `<base>_redirects`: old tree links and upstream issue URLs forwarded by the host, without
 * JavaScript, where it reads the file (Netlify, Cloudflare Pages, GitLab Pages); the rules are
 * src/lib/links/redirects.ts's, made from the path index the 404 page uses. A dynamic route only
 * because Astro takes no page file whose name starts with `_`.
 */
import type { APIRoute } from 'astro';
import { readContentText } from '../lib/content-files.ts';
import type { PathIndex } from '../lib/links/pathIndex.ts';
import { redirectsFile } from '../lib/links/redirects.ts';

export const prerender = true;

export function getStaticPaths() {
  return [{ params: { redirects: '_redirects' } }];
}

export const GET: APIRoute = () => {
  const index = JSON.parse(readContentText('path-index.json')) as PathIndex;
  return new Response(redirectsFile(index, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
