/** Unrecognised files, published byte-for-byte as `/raw/<slug>.txt` (one file each). */
import type { APIRoute } from 'astro';
import { entries } from '../../lib/collections.ts';
import type { RawData } from '../../lib/content/types.ts';

export async function getStaticPaths() {
  const raw = await entries('rawData');
  return raw.map((e) => {
    const d = e.data;
    return { params: { slug: `${d.slug}.txt` }, props: { text: d.text } };
  });
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
