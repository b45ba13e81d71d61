/**
 * The two content folders, decided once for every step (content writer, Astro, search index,
 * tests): the generated page data, rewritten by every build and never edited by hand, and the
 * archivists' notes, written by people and kept in git. They are apart so that neither can
 * overwrite or hide the other.
 */

import { DEFAULT_CONTENT_DIR, readSettings, type Env } from './settings.ts';

/** Generated page data (scripts/write-content.ts); `CONTENT_DIR` overrides it (tests, bench). */
export const DEFAULT_GENERATED_DIR = DEFAULT_CONTENT_DIR;
/**
 * Hand-written MDX notes (src/lib/notes/): `content/notes/` annotates the study's own tree; the
 * embedded sample has its notes beside it (`sample/notes/`). `NOTES_DIR` names another folder
 * (another tree's notes; an empty folder for none).
 */
export const DEFAULT_NOTES_DIR = 'content/notes';
export const SAMPLE_NOTES_DIR = 'sample/notes';

export function generatedContentDir(env: Env = process.env): string {
  return readSettings(env).contentDir;
}

/** `sample`: the build reads the embedded sample (scripts/build.ts decides, and passes the answer on as `NOTES_DIR`). */
export function notesDir(env: Env = process.env, options: { readonly sample?: boolean } = {}): string {
  return readSettings(env).notesDir ?? (options.sample ? SAMPLE_NOTES_DIR : DEFAULT_NOTES_DIR);
}
