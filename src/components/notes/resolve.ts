/**
 * A note component's props resolved as the content step checked them (src/lib/notes/resolve.ts),
 * in the context of the note being rendered (`Astro.locals.noteTarget`, set by Note.astro).
 */
import { noteSiteOfContent } from '../../lib/content-files.ts';
import type { NoteComponentName } from '../../lib/notes/parse.ts';
import { resolveNoteComponent, type NoteRef } from '../../lib/notes/resolve.ts';
import type { NoteTarget } from '../../lib/notes/target.ts';

export function resolveInNote<K extends NoteRef['kind']>(
  name: NoteComponentName,
  props: Record<string, unknown>,
  target: NoteTarget | undefined,
  kind: K,
): Extract<NoteRef, { kind: K }> {
  const attrs = Object.fromEntries(Object.entries(props).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const r = resolveNoteComponent({ name, attrs, line: 0 }, target ?? { kind: 'home' }, noteSiteOfContent());
  // The content step checked every component before Astro ran; reaching this is a bug, not bad input.
  if ('error' in r) throw new Error(`<${name}> in a note: ${r.error}`);
  if (r.kind !== kind) throw new Error(`<${name}> resolved to a ${r.kind}`);
  return r as Extract<NoteRef, { kind: K }>;
}
