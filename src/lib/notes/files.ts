/** The notes folder's files (file system only; parsing is src/lib/notes/parse.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { entriesBelow } from '../files.ts';
import type { NoteFile } from './check.ts';

/** Every file below `dir` (none when it does not exist); non-`.mdx` files are kept so the check can name them. */
export function readNoteFiles(dir: string): NoteFile[] {
  return entriesBelow(dir, { missingOk: true })
    .filter((e) => !/(^|\/)README\.md$/i.test(e.rel))
    .map((e) => ({ rel: e.rel, source: readFileSync(path.join(dir, e.rel), 'utf8') }));
}
