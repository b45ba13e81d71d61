/** The site summary (content/site.json), loaded once per build. */
import { getEntry } from 'astro:content';
import type { SiteData } from './content/types.ts';

export async function siteData(): Promise<SiteData> {
  const e = await getEntry('site', 'site');
  if (!e) throw new Error('content/site.json is missing (run scripts/write-content.ts first)');
  return e.data as SiteData;
}
