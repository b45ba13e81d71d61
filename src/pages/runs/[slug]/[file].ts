/**
 * `<base>runs/<slug>/<file>.csv`: a run's verdicts (a part of data/verdicts.csv) and its own
 * categories.csv / analysis.csv as read from the tree, from `content/published/runs/`.
 */
import type { APIRoute } from 'astro';
import { listPublished, readPublished } from '../../../lib/content-files.ts';
import { contentType } from '../../../lib/data/mediaType.ts';

export const prerender = true;

export function getStaticPaths() {
  return listPublished('runs').map((sitePath) => {
    const [, slug, file] = sitePath.split('/');
    return { params: { slug: slug!, file: file! }, props: { sitePath } };
  });
}

export const GET: APIRoute = ({ props }) => {
  const { sitePath } = props as { sitePath: string };
  return new Response(readPublished(sitePath), { headers: { 'Content-Type': contentType(sitePath) } });
};
