/** `<base>notes/feed.xml`: the archivists' notes as an Atom feed (src/lib/notes/feed.ts). */
import type { APIRoute } from 'astro';
import { readNotesIndex } from '../../lib/content-files.ts';
import { notesFeedXml } from '../../lib/notes/feed.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) =>
  new Response(notesFeedXml(readNotesIndex(), site?.href, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
