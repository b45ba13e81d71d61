/**
 * `<base>data/<path>`: the data tables as CSV, their spreadsheet copies, their parts placed
 * under `data/` (nested folders too) and datapackage.json,
 * written by the content step (src/lib/data/publish.ts) into `content/published/data/`; the
 * Astro build only copies them. Rebuilt on every build (never carried over), so never stale.
 */
import type { APIRoute } from 'astro';
import { listPublished, readPublished } from '../../lib/content-files.ts';
import { contentType } from '../../lib/data/mediaType.ts';

export const prerender = true;

export function getStaticPaths() {
  return listPublished('data').map((sitePath) => ({ params: { file: sitePath.slice('data/'.length) }, props: { sitePath } }));
}

export const GET: APIRoute = ({ props }) => {
  const { sitePath } = props as { sitePath: string };
  return new Response(readPublished(sitePath), { headers: { 'Content-Type': contentType(sitePath) } });
};
