/**
 * The URL rules of the site, in one place: where a report's page is, the fragment ids that links
 * from outside point at, and how the site base is written. Pure and browser-safe (no `node:`
 * imports, no `import.meta.env`): the content writer, the Astro pages (through src/lib/url.ts,
 * which adds the configured base), the search index, the incremental build, the legacy-link
 * resolver in the browser and the tests all use these.
 *
 * The path segment of a name from the tree (run, model, label, report id) is src/lib/slug.ts's
 * rule; this module says where those segments go.
 */
import { idSlug } from './slug.ts';

// --- The site base -----------------------------------------------------------------------------

/**
 * `SITE_BASE` as the site uses it: one leading and one trailing slash.
 *   `/` → `/`, `` → `/`, `archive` → `/archive/`, `/archive` → `/archive/`, `//a/b//` → `/a/b/`
 * astro.config.mjs writes the same rule out again (the config is loaded before any of this).
 */
export function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/**
 * A path relative to the base, put after it.
 *   `joinBase('/archive/', 'reports/gitlab/1/')` → `/archive/reports/gitlab/1/`
 *   `joinBase('/archive', '/search/')` → `/archive/search/`
 */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

// --- Report pages ------------------------------------------------------------------------------

/**
 * A report id as a path segment (and the stem of its content file): src/lib/slug.ts's rule.
 *   `2469` → `2469`, `gitlab_semantic_rorx` → `gitlab_semantic_rorx`, `a b` → `a-b~…`
 */
export function safeId(id: string): string {
  return idSlug(id);
}

/**
 * A report's path stem `<source>/<id segment>`: its page and its `content/report-data/` file.
 *   `{ source: 'gitlab', id: '2469' }` → `gitlab/2469`; `{ source: 'box64', id: 'a b' }` → `box64/a-b~…`
 */
export function reportPathStem(report: { readonly source: string; readonly id: string }): string {
  return `${report.source}/${safeId(report.id)}`;
}

/**
 * A report page's path relative to the site base, from its stem, encoded as written.
 *   `gitlab/2469` → `reports/gitlab/2469/`
 */
export function reportPagePath(stem: string): string {
  const slash = stem.indexOf('/');
  return `reports/${encodeURIComponent(stem.slice(0, slash))}/${encodeURIComponent(stem.slice(slash + 1))}/`;
}

// --- Fragment ids on a report page -------------------------------------------------------------
// Part of the fixed URL scheme: the legacy-link resolver makes links to them, and the pages
// (src/components/ReportText.astro, Verdicts.astro, Lines.astro) build their ids with them.

/**
 * Line `n` (1-based) of one of a report page's texts, by the text's kind: the report text keeps
 * plain cgit-like ids, every other text its kind as a prefix.
 *   `('text', 12)` → `L12`, `('without-comments', 12)` → `without-comments-L12`,
 *   `('classified-1', 3)` → `classified-1-L3`
 */
export function textLineAnchor(kind: string, n: number): string {
  return kind === 'text' ? `L${n}` : `${kind}-L${n}`;
}

/** Line `n` of the report text: `12` → `L12`. */
export function reportLineAnchor(n: number): string {
  return `L${n}`;
}

/** Line `n` of a Launchpad bug's text without comments: `12` → `without-comments-L12`. */
export function withoutCommentsLineAnchor(n: number): string {
  return `without-comments-L${n}`;
}

/** A run's verdict section on a report page: its run slug, `mode-deepseek-r1-32b` → `mode-deepseek-r1-32b`. */
export function verdictAnchor(runSlug: string): string {
  return runSlug;
}

/**
 * Line `n` of a run's reasoning file about the report (the file's own numbering):
 *   `('mode-deepseek-r1-32b', 12)` → `mode-deepseek-r1-32b-L12`
 */
export function reasoningLineAnchor(runSlug: string, n: number): string {
  return `${runSlug}-L${n}`;
}

/** Line `n` of a run's README on its run page: `12` → `readme-L12`. */
export function readmeLineAnchor(n: number): string {
  return `readme-L${n}`;
}

// --- History -----------------------------------------------------------------------------------

/** The log of the tree's commits, newest first: `history/`. */
export const HISTORY_PATH = 'history/';

/** A commit's page (its short id), paged like the change lists: `('35f097a3', 1)` → `history/35f097a3/`, page 2 → `history/35f097a3/2/`. */
export function commitPagePath(short: string, page = 1): string {
  return page <= 1 ? `${HISTORY_PATH}${encodeURIComponent(short)}/` : `${HISTORY_PATH}${encodeURIComponent(short)}/${page}/`;
}

/** A run that no longer exists (deleted, or renamed away without a successor): `history/runs/deepseek-1/`. */
export function endedRunPath(slug: string): string {
  return `${HISTORY_PATH}runs/${encodeURIComponent(slug)}/`;
}

/** The Atom feed of the log: `history/feed.xml`. */
export const HISTORY_FEED_PATH = `${HISTORY_PATH}feed.xml`;
// --- Other pages -------------------------------------------------------------------------------
// Segments are URL-safe by construction (src/lib/slug.ts); encodeURIComponent guards the rest.

/** A run's page: `deepseek-r1-32b` → `runs/deepseek-r1-32b/`. */
export function runPagePath(slug: string): string {
  return `runs/${encodeURIComponent(slug)}/`;
}

/** A run's label page (label slugs are used as written): `('x', 'kvm')` → `runs/x/kvm/`, page 2 → `runs/x/kvm/page/2/`. */
export function runLabelPagePath(slug: string, labelSlug: string, page = 1): string {
  return `${runPagePath(slug)}${labelSlug}/${page > 1 ? `page/${page}/` : ''}`;
}

/**
 * A run's list of every label, when its page lists only the largest (src/lib/content/run.ts,
 * `labelListPages`): `('x', 1)` → `runs/x/labels/`, page 2 → `runs/x/labels/page/2/`. `labels`
 * sits where a label's segment goes, so the URL rule (src/lib/slug.ts, `siteNameUse`) keeps it
 * from every label: a label named `labels` gets `labels~…`.
 */
export function runLabelsPagePath(slug: string, page = 1): string {
  return `${runPagePath(slug)}${RUN_LABELS_SEGMENT}/${page > 1 ? `page/${page}/` : ''}`;
}

/** The segment of a run's list of every label (held by `siteNameUse` against label names). */
export const RUN_LABELS_SEGMENT = 'labels';

/** A model's page: `qwen3-32b` → `models/qwen3-32b/`. */
export function modelPagePath(slug: string): string {
  return `models/${encodeURIComponent(slug)}/`;
}

/** A task's comparison page: `semantic` → `tasks/semantic/`. */
export function taskPagePath(task: string): string {
  return `tasks/${encodeURIComponent(task)}/`;
}

/** Two runs compared (both orders exist): `('a', 'b')` → `compare/a/b/`. */
export function pairPagePath(aSlug: string, bSlug: string): string {
  return `compare/${encodeURIComponent(aSlug)}/${encodeURIComponent(bSlug)}/`;
}

/** The archivists' notes, newest first, and their feed. */
export const NOTES_PAGE_PATH = 'notes/';
export const NOTES_FEED_PATH = 'notes/feed.xml';

/**
 * Lines `from`–`to` of one text, as src/client/lines.ts reads ranges: the first line's anchor,
 * then `-L<to>`. `(reportLineAnchor, 3, 7)` → `L3-L7`; `(n => reasoningLineAnchor('x', n), 2, 2)` → `x-L2`.
 */
export function lineRangeAnchor(anchor: (n: number) => string, from: number, to: number): string {
  return from === to ? anchor(from) : `${anchor(from)}-L${to}`;
}

/**
 * A range fragment read back: `L3-L7` → the ids of its first and last lines (`L3`, `L7`);
 * `x-L2-L4` → `x-L2`, `x-L4`; anything else → undefined. The inverse of `lineRangeAnchor`.
 */
export function lineRangeEnds(fragment: string): readonly [string, string] | undefined {
  const m = /^(.*?)L(\d+)-L(\d+)$/.exec(fragment);
  return m ? [`${m[1]}L${m[2]}`, `${m[1]}L${m[3]}`] : undefined;
}
