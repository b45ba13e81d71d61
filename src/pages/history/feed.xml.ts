/**
 * `<base>history/feed.xml`: the log as Atom (src/lib/history/feed.ts). Links are absolute on
 * `SITE_URL`, else relative to the host like every link of the site. No history: no file.
 */
import type { APIRoute } from 'astro';
import { listHistoryFiles, readHistoryFile } from '../../lib/content-files.ts';
import type { HistoryIndexData } from '../../lib/content/types.ts';
import { atomFeed } from '../../lib/history/feed.ts';
import { absoluteHref, href } from '../../lib/url.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  if (!listHistoryFiles('').includes('index.json')) return new Response(null, { status: 404 });
  const index = readHistoryFile<HistoryIndexData>('index.json');
  const absolute = absoluteHref(href('')) !== undefined;
  const link = (p: string) => absoluteHref(href(p)) ?? href(p);
  const xml = atomFeed({ index, isoDates: new Map([[index.head.commit, index.head.iso], ...index.log.map((c) => [c.commit, c.iso] as const)]), link, absolute });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
