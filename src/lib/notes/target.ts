/**
 * What a note annotates, from where its file is: the notes folder mirrors the site's pages.
 *   `index.mdx` → the home page        `reports/gitlab/1033.mdx` → `/reports/gitlab/1033/`
 *   `runs/<run-slug>.mdx` → a run      `models/<model-slug>.mdx` → a model
 *   `tasks/<task>.mdx` → a task's comparison page
 * Segments are the page's own URL segments (src/lib/slug.ts), so a note's path is its page's path.
 */
import { modelPagePath, reportPagePath, runPagePath, taskPagePath } from '../paths.ts';

export type NoteTarget =
  | { readonly kind: 'home' }
  | { readonly kind: 'report'; readonly stem: string }
  | { readonly kind: 'run'; readonly slug: string }
  | { readonly kind: 'model'; readonly slug: string }
  | { readonly kind: 'task'; readonly task: string };

export const NOTE_PLACES = 'index.mdx, reports/<source>/<id>.mdx, runs/<run>.mdx, models/<model>.mdx or tasks/<task>.mdx';

/** The target of the note at `rel` (relative to the notes folder, `/`-separated), or why there is none. */
export function noteTargetOf(rel: string): NoteTarget | { readonly error: string } {
  const m = /^(.*)\.mdx$/.exec(rel);
  if (!m) return { error: `not an .mdx file: notes are ${NOTE_PLACES}` };
  const parts = m[1]!.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return { error: `an empty or dot segment in the path: notes are ${NOTE_PLACES}` };
  if (parts.length === 1 && parts[0] === 'index') return { kind: 'home' };
  if (parts[0] === 'reports' && parts.length === 3) return { kind: 'report', stem: `${parts[1]}/${parts[2]}` };
  if (parts.length === 2 && parts[0] === 'runs') return { kind: 'run', slug: parts[1]! };
  if (parts.length === 2 && parts[0] === 'models') return { kind: 'model', slug: parts[1]! };
  if (parts.length === 2 && parts[0] === 'tasks') return { kind: 'task', task: parts[1]! };
  return { error: `annotates no page: notes are ${NOTE_PLACES}` };
}

/** The page a target's note shows on, relative to the site base. */
export function notePagePath(t: NoteTarget): string {
  switch (t.kind) {
    case 'home':
      return '';
    case 'report':
      return reportPagePath(t.stem);
    case 'run':
      return runPagePath(t.slug);
    case 'model':
      return modelPagePath(t.slug);
    case 'task':
      return taskPagePath(t.task);
  }
}

/** The note's id in the notes collection: its path without `.mdx` (`reports/gitlab/1033`, `index`). */
export function noteIdOf(t: NoteTarget): string {
  switch (t.kind) {
    case 'home':
      return 'index';
    case 'report':
      return `reports/${t.stem}`;
    case 'run':
      return `runs/${t.slug}`;
    case 'model':
      return `models/${t.slug}`;
    case 'task':
      return `tasks/${t.task}`;
  }
}
