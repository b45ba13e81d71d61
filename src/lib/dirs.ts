/**
 * The two content folders, decided once for every step (content writer, Astro, search index,
 * tests): the generated page data, rewritten by every build and never edited by hand, and the
 * archivists' notes, written by people and kept in git. They are apart so that neither can
 * overwrite or hide the other.
 */

/** Generated page data (scripts/write-content.ts); `CONTENT_DIR` overrides it (tests, bench). */
export const DEFAULT_GENERATED_DIR = '.cache/content';
/** Hand-written MDX notes (src/lib/notes/); `NOTES_DIR` overrides it (tests, bench). */
export const DEFAULT_NOTES_DIR = 'content/notes';

type Env = Readonly<Record<string, string | undefined>>;

export function generatedContentDir(env: Env = process.env): string {
  return env.CONTENT_DIR || DEFAULT_GENERATED_DIR;
}

export function notesDir(env: Env = process.env): string {
  return env.NOTES_DIR || DEFAULT_NOTES_DIR;
}
