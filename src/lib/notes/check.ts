/**
 * Every note of the notes folder, parsed and checked: its place (it annotates a page the tree
 * has), its frontmatter, and each component it uses (what it names exists). Pure over the files'
 * texts and the site's data; the problems carry the note's file and line, and any problem stops
 * the build (notes are the archivists' code, not corpus input: a broken one is fixed, not skipped).
 */
import { createHash } from 'node:crypto';
import { compare as cmp } from '../order.ts';
import { parseNote, type NoteComponentUse } from './parse.ts';
import { resolveNoteComponent, type NoteLookup } from './resolve.ts';
import { noteIdOf, notePagePath, noteTargetOf, type NoteTarget } from './target.ts';

export interface NoteFile {
  /** Path relative to the notes folder, `/`-separated (`reports/gitlab/1033.mdx`). */
  readonly rel: string;
  readonly source: string;
}

/** What the pages, search, `/notes/` and the feed know of a note (its body is rendered by Astro). */
export interface NoteSummary {
  /** Its id in the notes collection (`reports/gitlab/1033`, `index`). */
  readonly id: string;
  readonly target: NoteTarget;
  /** The page it shows on, relative to the site base. */
  readonly page: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly title?: string;
  readonly author?: string;
  /** Its own words as plain text (what its components show is on the page already). */
  readonly text: string;
  /** SHA-1 of the file: a page with a note is made again when the note changes. */
  readonly hash: string;
}

export interface NoteFileProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** The site's data plus the pages a note can be on. */
export interface NoteSite extends NoteLookup {
  hasModel(slug: string): boolean;
  hasTask(task: string): boolean;
}

export interface ParsedNoteFile {
  readonly rel: string;
  readonly summary: NoteSummary;
  readonly uses: readonly NoteComponentUse[];
}

/** Step 1, before the page data is made: each note's place, frontmatter and syntax. */
export function parseNotes(files: readonly NoteFile[]): { readonly parsed: readonly ParsedNoteFile[]; readonly problems: readonly NoteFileProblem[] } {
  const parsed: ParsedNoteFile[] = [];
  const problems: NoteFileProblem[] = [];
  for (const f of [...files].sort((a, b) => cmp(a.rel, b.rel))) {
    const target = noteTargetOf(f.rel);
    if ('error' in target) {
      problems.push({ file: f.rel, message: target.error });
      continue;
    }
    const { note, problems: own } = parseNote(f.source);
    for (const p of own) problems.push({ file: f.rel, ...p });
    if (!note) continue;
    const { date, title, author } = note.frontmatter;
    parsed.push({
      rel: f.rel,
      summary: {
        id: noteIdOf(target),
        target,
        page: notePagePath(target),
        date: date.toISOString().slice(0, 10),
        ...(title !== undefined ? { title } : {}),
        ...(author !== undefined ? { author } : {}),
        text: note.text,
        hash: createHash('sha1').update(f.source).digest('hex'),
      },
      uses: note.components,
    });
  }
  return { parsed, problems };
}

function targetProblem(t: NoteTarget, site: NoteSite): string | undefined {
  switch (t.kind) {
    case 'home':
      return undefined;
    case 'report':
      return site.report(t.stem) ? undefined : `the tree has no report page reports/${t.stem}/ for this note to annotate`;
    case 'run':
      return site.runBySlug(t.slug) ? undefined : `the tree has no run page runs/${t.slug}/ for this note to annotate`;
    case 'model':
      return site.hasModel(t.slug) ? undefined : `the tree has no model page models/${t.slug}/ for this note to annotate`;
    case 'task':
      return site.hasTask(t.task) ? undefined : `the tree has no task page tasks/${t.task}/ for this note to annotate`;
  }
}

/** Step 2, with the page data made: what each note annotates and names exists. */
export function checkNotes(parsed: readonly ParsedNoteFile[], site: NoteSite): { readonly notes: readonly NoteSummary[]; readonly problems: readonly NoteFileProblem[] } {
  const notes: NoteSummary[] = [];
  const problems: NoteFileProblem[] = [];
  for (const p of parsed) {
    const missing = targetProblem(p.summary.target, site);
    if (missing) {
      problems.push({ file: p.rel, message: missing });
      continue;
    }
    let ok = true;
    for (const use of p.uses) {
      const r = resolveNoteComponent(use, p.summary.target, site);
      if ('error' in r) {
        problems.push({ file: p.rel, line: use.line, message: `<${use.name}>: ${r.error}` });
        ok = false;
      }
    }
    if (ok) notes.push(p.summary);
  }
  return { notes, problems };
}

/** Newest first, then by page: the order of `/notes/` and the feed. */
export function newestFirst(notes: readonly NoteSummary[]): NoteSummary[] {
  return [...notes].sort((a, b) => cmp(b.date, a.date) || cmp(a.page, b.page));
}

/** `content/notes/reports/gitlab/1.mdx:12: <Verdict>: …`, one line per problem. */
export function formatNoteProblems(dir: string, problems: readonly NoteFileProblem[]): string {
  return problems.map((p) => `${dir.replace(/\/$/, '')}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n');
}
