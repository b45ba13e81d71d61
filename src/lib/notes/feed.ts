/**
 * The notes' Atom 1.0 feed (RFC 4287), newest first: one entry per note, linking to the page it is
 * on. Pure: notes, the site's origin (or none) and base in, XML out. Without `SITE_URL` the links
 * are paths on the site (as everywhere on it); a feed reader resolves them against the feed's own
 * address.
 */
import { createHash } from 'node:crypto';
import { escape } from 'html-escaper';
import { joinBase, NOTES_FEED_PATH, NOTES_PAGE_PATH } from '../paths.ts';
import type { NoteSummary } from './check.ts';
import { noteHeading } from './words.ts';
import { noteSubject } from './subject.ts';

/** A stable entry id per note (not per edit): a name-based UUID of the note's id. */
function entryId(noteId: string): string {
  const h = createHash('sha1').update(`results-archive note ${noteId}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const SUMMARY_CHARS = 400;

export function notesFeedXml(notes: readonly NoteSummary[], site: string | undefined, base: string): string {
  const url = (p: string) => (site ? new URL(joinBase(base, p), new URL(site).origin).href : joinBase(base, p));
  const updated = `${notes[0]?.date ?? '1970-01-01'}T00:00:00Z`;
  const entries = notes.map((n) => {
    const summary = n.text.length > SUMMARY_CHARS ? `${n.text.slice(0, SUMMARY_CHARS)}…` : n.text;
    return [
      '  <entry>',
      `    <id>${entryId(n.id)}</id>`,
      `    <title>${escape(`${noteHeading(n)} (${noteSubject(n.target)})`)}</title>`,
      `    <updated>${n.date}T00:00:00Z</updated>`,
      ...(n.author ? [`    <author><name>${escape(n.author)}</name></author>`] : []),
      `    <link rel="alternate" type="text/html" href="${escape(`${url(n.page)}#note`)}"/>`,
      `    <summary>${escape(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <title>Results archive: the archivists’ notes</title>',
    `  <id>${entryId('(feed)')}</id>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>The archivists</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${escape(url(NOTES_FEED_PATH))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escape(url(NOTES_PAGE_PATH))}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
