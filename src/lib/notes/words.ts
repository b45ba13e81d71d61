/** How a note is named where it is shown, indexed and listed (page, search record, /notes/, feed). */
import type { NoteSummary } from './check.ts';

/** `Note by the archivists` or `Note by A. Person`, with the note's title when it has one. */
export function noteHeading(note: Pick<NoteSummary, 'title' | 'author'>): string {
  const by = `Note by ${note.author ?? 'the archivists'}`;
  return note.title ? `${by}: ${note.title}` : by;
}
