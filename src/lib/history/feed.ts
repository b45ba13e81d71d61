/**
 * The log as an Atom 1.0 feed (RFC 4287): one entry per commit, newest first, its effect as the
 * summary and its page as the link. Pure; `link` turns a site path into the address written
 * (absolute on `SITE_URL`, else relative to the host as every link of the site).
 */
import { escape } from 'html-escaper';
import type { HistoryIndexData } from '../content/types.ts';

/** `2025-07-08 16:45 UTC+02:00` is for reading; Atom wants RFC 3339, which git's %cI is. */
export interface FeedInput {
  readonly index: HistoryIndexData;
  /** Commit → its ISO 8601 date as git gave it (RFC 3339); the head may not be in the log. */
  readonly isoDates: ReadonlyMap<string, string>;
  readonly link: (sitePath: string) => string;
  /** The site's origin and base when `SITE_URL` is set (ids are then the pages' URLs). */
  readonly absolute: boolean;
}

export function atomFeed({ index, isoDates, link, absolute }: FeedInput): string {
  const id = (commit: string, path: string) => (absolute ? link(path) : `urn:git:${commit}`);
  const updated = isoDates.get(index.head.commit) ?? isoDates.get(index.log[0]?.commit ?? '') ?? '1970-01-01T00:00:00Z';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <title>Results archive: history of the results tree</title>',
    `  <id>${escape(absolute ? link('history/') : `urn:git:${index.head.commit}:history`)}</id>`,
    `  <updated>${escape(updated)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escape(link('history/'))}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escape(link('history/feed.xml'))}"/>`,
    '  <author><name>The results tree’s committers</name></author>',
  ];
  for (const c of index.log) {
    lines.push(
      '  <entry>',
      `    <title>${escape(`${c.short} ${c.subject}`)}</title>`,
      `    <id>${escape(id(c.commit, c.href))}</id>`,
      `    <updated>${escape(isoDates.get(c.commit) ?? updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escape(link(c.href))}"/>`,
      `    <summary>${escape(c.effects.join('\n'))}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
