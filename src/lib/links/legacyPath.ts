/**
 * Links that last: what people paste (cgit and GitHub URLs of the results tree, bare tree paths,
 * upstream issue URLs, short ids) turned into a page of this site. Pure and browser-safe; the 404 page and /tree/
 * run it on the path index (pathIndex.ts).
 *
 * Everything is found from the `results/` segment onwards, so any host, repository name, base
 * prefix or revision in front of it is accepted without being listed here.
 */
import { SOURCES, type Source } from '../model.ts';
import { classifyHistoricalPath } from '../history/classify.ts';
import { endedRunPath, reasoningLineAnchor, reportLineAnchor, verdictAnchor, withoutCommentsLineAnchor } from '../paths.ts';
import {
  hasReport,
  QEMU_SOURCES,
  reportKeyForClassifiedId,
  reportUrl,
  runUrl,
  sourcesOf,
  type PathIndex,
} from './pathIndex.ts';

export interface LegacyLink {
  /** `results/...`, `/`-separated, decoded, no trailing slash. */
  readonly path: string;
  /** 1-based line from a `#n12` (cgit) or `#L12` (GitHub, this site) fragment. */
  readonly line?: number;
}

/** Where a link lands, relative to the site base (`reports/gitlab/2469/#mode-deepseek-r1-32b`). */
export interface Resolved {
  readonly url: string;
  /** The line asked for, when the link had one (whether or not the URL can point at it). */
  readonly line?: number;
}

const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const TREE_TOPS = new Set(['scraper', 'classifier']);

/**
 * A pasted link or path → tree path, with `#L<n>` appended when the link named a line
 * (tree paths never contain `#`). `null` when there is no `results/…` path in it.
 */
export function parseLegacyLink(input: string): string | null {
  const link = parseLegacyLinkParts(input);
  if (!link) return null;
  return link.line !== undefined ? `${link.path}#L${link.line}` : link.path;
}

export function parseLegacyLinkParts(input: string): LegacyLink | null {
  let s = input.trim().replace(/^[<"']+|[>"']+$/g, '');
  s = s.replace(SCHEME_AND_HOST, '');
  let fragment = '';
  let query = '';
  const hash = s.indexOf('#');
  if (hash !== -1) [s, fragment] = [s.slice(0, hash), s.slice(hash + 1)];
  const question = s.indexOf('?');
  if (question !== -1) [s, query] = [s.slice(0, question), s.slice(question + 1)];

  const path = treePathIn(decodePercent(s).split('/'));
  if (path === null) {
    // `/tree/?path=…` (this site's own form) carries the path, or a whole pasted URL, in the query.
    const fromQuery = query !== '' ? new URLSearchParams(query).get('path') : null;
    if (!fromQuery) return null;
    return parseLegacyLinkParts(fragment !== '' && !fromQuery.includes('#') ? `${fromQuery}#${fragment}` : fromQuery);
  }
  const line = lineOf(decodePercent(fragment));
  return line !== undefined ? { path, line } : { path };
}

/** The segments from the first `results` that starts a tree path (`results/scraper|classifier…`, or `results` alone). */
function treePathIn(rawSegments: readonly string[]): string | null {
  const segments = rawSegments.filter((seg) => seg.length > 0);
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] !== 'results') continue;
    const next = segments[i + 1];
    if (next === undefined || TREE_TOPS.has(next)) return segments.slice(i).join('/');
  }
  return null;
}

/** cgit `n12`; GitHub `L12`, `L12-L20`, `L12C3`; this site's `L12`. */
function lineOf(fragment: string): number | undefined {
  const m = /^(?:n|L)(\d+)(?:C\d+)?(?:-L?\d+(?:C\d+)?)?$/.exec(fragment);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * `%20`, `%3A` and the like. Pasted text may be half-encoded or hold a literal `%`, so bad
 * sequences are kept as they are; a doubly encoded link (`%253A`) is decoded twice.
 */
function decodePercent(s: string): string {
  const once = decodeLenient(s);
  return /%25[0-9A-Fa-f]{2}/.test(s) ? decodeLenient(once) : once;
}

function decodeLenient(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Tree path → site URL

/**
 * A tree path (as `parseLegacyLink` returns it, `#L<n>` suffix allowed) → the page that shows it.
 * `null` when the path is not in the archive (unknown run or report, or not a tree path).
 */
export function resolveTreePath(treePath: string, index: PathIndex): Resolved | null {
  const suffix = /#L(\d+)$/.exec(treePath);
  const line = suffix ? Number(suffix[1]) : undefined;
  const segments = (suffix ? treePath.slice(0, suffix.index) : treePath).split('/').filter((s) => s.length > 0);
  const url = urlFor(segments, line, index);
  if (url === null) return null;
  return line !== undefined && line >= 1 ? { url, line } : { url };
}

function urlFor(segments: readonly string[], line: number | undefined, index: PathIndex): string | null {
  const path = segments.join('/');
  // Today's layouts and the older ones (`results/classifier/105/…` before zero-shot/ existed).
  const info = classifyHistoricalPath(path).info;
  const report = (source: Source, id: string, anchor?: (n: number) => string): string | null => {
    if (!hasReport(index, source, id)) return null;
    const url = reportUrl(index, `${source}/${id}`);
    return line !== undefined && anchor ? `${url}#${anchor(line)}` : url;
  };
  switch (info.kind) {
    case 'gitlab-toml':
      // The TOML's lines are not shown as numbered lines; its fields are the report's header.
      return report('gitlab', info.id);
    case 'gitlab-text':
      return report('gitlab', info.id, reportLineAnchor);
    case 'gitlab-semantic':
    case 'launchpad':
    case 'mailinglist':
      return report(info.kind, info.id, reportLineAnchor);
    case 'launchpad-without-comments':
      return report('launchpad', info.id, withoutCommentsLineAnchor);
    case 'box64':
    case 'fex': {
      if (info.section === undefined && index.sections[info.kind]?.includes(info.id)) return `reports/${info.kind}/`;
      const file = `${info.kind}/${info.section !== undefined ? `${info.section}/` : ''}${info.id}`;
      return report(info.kind, index.renamed[file] ?? info.id, reportLineAnchor);
    }
    case 'run-file':
      return runFileUrl(info, line, index);
    case 'run-categories':
    case 'run-analysis':
    case 'run-readme':
    case 'change-list':
      return knownRunUrl(info.run, index);
    case 'curated': {
      // A curated set is a list of reports, not a run: the member file lands on its report.
      const key = reportKeyForClassifiedId(index, info.id);
      return key !== undefined ? reportUrl(index, key) : null;
    }
    case 'unrecognized':
      return folderUrl(segments, index);
  }
}

function runFileUrl(
  info: { run: string; half: 'output' | 'reasoning' | 'flat'; label: string; id: string },
  line: number | undefined,
  index: PathIndex,
): string | null {
  const slug = index.runs[info.run];
  if (slug === undefined) return endedRunUrl(info.run, index);
  // `<split run>/output/<label>` has the shape of a flat run's file, but is a label folder.
  if (info.half === 'flat' && (info.label === 'output' || info.label === 'reasoning')) return runUrl(slug);
  const key = reportKeyForClassifiedId(index, info.id);
  // A file the archive does not have (another version of the tree): its run is the nearest page.
  if (key === undefined) return runUrl(slug);
  // Only the reasoning file's lines have anchors of their own; the output/flat file is the
  // report text as classified, shown once per report, so it lands on the verdict.
  const anchor = line !== undefined && info.half === 'reasoning' ? reasoningLineAnchor(slug, line) : verdictAnchor(slug);
  return `${reportUrl(index, key)}#${anchor}`;
}

function knownRunUrl(run: string, index: PathIndex): string | null {
  const slug = index.runs[run];
  return slug !== undefined ? runUrl(slug) : endedRunUrl(run, index);
}

/** A run that no longer exists keeps a page (the history's): its files' old links land there. */
function endedRunUrl(run: string, index: PathIndex): string | null {
  const slug = index.ended?.[run];
  return slug !== undefined ? endedRunPath(slug) : null;
}

/** Scraper sub-folders → the source whose listing shows their reports. */
const SCRAPER_FOLDER_SOURCE: Readonly<Record<string, Source>> = {
  gitlab: 'gitlab',
  launchpad: 'launchpad',
  'launchpad-without-comments': 'launchpad',
  mailinglist: 'mailinglist',
  box64: 'box64',
  fex: 'fex',
};

/** A path that ends at a folder: the root, a source, a run, a label folder. */
function folderUrl(segments: readonly string[], index: PathIndex): string | null {
  const [root, top, ...rest] = segments;
  if (root !== 'results') return null;
  if (top === undefined) return '';
  if (top === 'scraper') return scraperFolderUrl(rest, index);
  if (top !== 'classifier') return null;
  const [folder, ...inner] = rest;
  if (folder === undefined) return 'runs/';
  if (folder === 'semantic-bugs' || folder === 'user-mode-bugs') return inner.length === 0 ? '' : null;
  if (folder === 'zero-shot') {
    const [iteration, ...labelFolder] = inner;
    if (iteration === undefined) return 'runs/';
    return labelFolder.length <= 1 ? knownRunUrl(`zero-shot/${iteration}`, index) : null;
  }
  // `<run>`, `<run>/<label>`, `<run>/output|reasoning`, `<run>/output|reasoning/<label>`.
  const isHalf = inner[0] === 'output' || inner[0] === 'reasoning';
  if (inner.length <= 1 || (inner.length === 2 && isHalf)) return knownRunUrl(folder, index);
  return null;
}

function scraperFolderUrl(rest: readonly string[], index: PathIndex): string | null {
  const [folder, ...inner] = rest;
  if (folder === undefined) return 'reports/';
  const source = SCRAPER_FOLDER_SOURCE[folder];
  if (source === undefined) return null;
  if (folder === 'gitlab') {
    const [kind, ...dirs] = inner;
    if (kind === undefined) return `reports/gitlab/`;
    if (kind === 'semantic_issues') return dirs.length === 0 ? 'reports/gitlab-semantic/' : null;
    // issues_toml|issues_text / target_* / host_* / accel_*
    return (kind === 'issues_toml' || kind === 'issues_text') && dirs.length <= 3 ? 'reports/gitlab/' : null;
  }
  if (source === 'box64' || source === 'fex') {
    if (inner.length === 0) return `reports/${source}/`;
    return inner.length === 1 && index.sections[source]?.includes(inner[0]!) ? `reports/${source}/` : null;
  }
  return inner.length === 0 ? `reports/${source}/` : null;
}

// ---------------------------------------------------------------------------------------------
// Short links

export type ShortLink =
  /** One QEMU report has the id (`others`: box64/fex reports that share it, for a "see also"). */
  | { readonly kind: 'report'; readonly url: string; readonly others: readonly string[] }
  /** Several reports could be meant: the page lists them instead of guessing. */
  | { readonly kind: 'choices'; readonly urls: readonly string[] };

const SHORT_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `/2469`, `2469/`, `/gitlab_semantic_bzhi`, or with the source: `/box64/2469`. */
export function isShortLinkShape(input: string): boolean {
  const parts = shortLinkParts(input);
  return parts !== null;
}

function shortLinkParts(input: string): { source?: Source; id: string } | null {
  const s = decodeLenient(input.trim().replace(/[?#].*$/, '')).replace(/^\/+|\/+$/g, '');
  const parts = s.split('/');
  if (parts.length === 1 && SHORT_ID.test(parts[0]!)) return { id: parts[0]! };
  if (parts.length === 2 && (SOURCES as readonly string[]).includes(parts[0]!) && SHORT_ID.test(parts[1]!)) {
    return { source: parts[0] as Source, id: parts[1]! };
  }
  return null;
}

/**
 * A short link → report. A bare id goes to a report only when exactly one QEMU source has it
 * (the sources classifier ids name); box64/fex ids collide with GitLab ids, so a bare id never
 * picks them, it offers them. Leading zeros of numeric ids are optional (mailing-list ids have them).
 */
export function resolveShortLink(input: string, index: PathIndex): ShortLink | null {
  const parts = shortLinkParts(input);
  if (!parts) return null;
  const { source, id } = parts;
  if (source !== undefined) {
    return hasReport(index, source, id) ? { kind: 'report', url: reportUrl(index, `${source}/${id}`), others: [] } : null;
  }
  let keys = sourcesOf(index, id).map((s) => `${s}/${id}`);
  if (keys.length === 0 && /^\d+$/.test(id)) keys = sameNumber(index, id);
  const qemu = keys.filter((k) => QEMU_SOURCES.some((s) => k.startsWith(`${s}/`)));
  const others = keys.filter((k) => !qemu.includes(k)).map((k) => reportUrl(index, k));
  if (qemu.length === 1) return { kind: 'report', url: reportUrl(index, qemu[0]!), others };
  if (keys.length === 0) return null;
  return { kind: 'choices', urls: [...qemu.map((k) => reportUrl(index, k)), ...others] };
}

/** Report keys whose numeric id equals `id` up to leading zeros (`2364653` → `mailinglist/02364653`). */
function sameNumber(index: PathIndex, id: string): string[] {
  const want = id.replace(/^0+(?=\d)/, '');
  const keys: string[] = [];
  for (const s of [...QEMU_SOURCES, 'box64', 'fex', 'unknown'] as const) {
    for (const other of index.ids[s] ?? []) {
      if (/^\d+$/.test(other) && other.replace(/^0+(?=\d)/, '') === want) keys.push(`${s}/${other}`);
    }
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Upstream issue URLs

/** An issue where it was first published: GitLab issue, Launchpad bug, box64/FEX GitHub issue. */
export interface UpstreamIssue {
  readonly source: 'gitlab' | 'launchpad' | 'box64' | 'fex';
  /** The issue or bug number as the URL gives it. */
  readonly number: string;
}

/**
 * Path shapes of upstream issue URLs, matched after the scheme and host are dropped, so a link
 * whose host was rewritten onto this site (`<base>qemu-project/qemu/-/issues/2469`, as the 404
 * page sees it) is read like the pasted original. The host, when there is one, must be the
 * issue tracker's.
 *
 * - GitLab: `gitlab.com/qemu-project/qemu/-/issues/2469` (also without `-/`, and `work_items`);
 * - Launchpad: `bugs.launchpad.net/qemu/+bug/1638427`, `…/bugs/1638427`, `launchpad.net/bugs/…`
 *   (bug numbers are global, so any project's `+bug/<n>` names the same bug);
 * - GitHub: `github.com/ptitSeb/box64/issues/1742`, `github.com/FEX-Emu/FEX/issues/2417`.
 */
const UPSTREAM_SHAPES: readonly { source: UpstreamIssue['source']; host: RegExp; path: RegExp }[] = [
  { source: 'gitlab', host: /^(www\.)?gitlab\.com$/i, path: /^\/qemu-project\/qemu\/(?:-\/)?(?:issues|work_items)\/(\d+)(?:\/|$)/i },
  { source: 'launchpad', host: /^(bugs\.)?launchpad\.net$/i, path: /^\/(?:[^/]+\/(?:\+source\/[^/]+\/)?\+bug|bugs)\/(\d+)(?:\/|$)/i },
  { source: 'box64', host: /^(www\.)?github\.com$/i, path: /^\/ptitSeb\/box64\/issues\/(\d+)(?:\/|$)/i },
  { source: 'fex', host: /^(www\.)?github\.com$/i, path: /^\/FEX-Emu\/FEX\/issues\/(\d+)(?:\/|$)/i },
];

/** A pasted upstream issue URL (or its path on another host) → source and number; `null` otherwise. */
export function parseUpstreamIssue(input: string): UpstreamIssue | null {
  let s = input.trim().replace(/^[<"']+|[>"']+$/g, '');
  let host: string | undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(s);
  if (withScheme) {
    host = withScheme[1]!.replace(/:\d+$/, '');
    s = s.slice(withScheme[0].length);
  } else {
    // `gitlab.com/qemu-project/…` pasted without its scheme.
    const bare = /^((?:www\.|bugs\.)?(?:gitlab\.com|launchpad\.net|github\.com))(?=\/)/i.exec(s);
    if (bare) {
      host = bare[1]!;
      s = s.slice(bare[0].length);
    }
  }
  const path = `/${s.replace(/[?#].*$/, '').replace(/^\/+/, '')}`;
  for (const shape of UPSTREAM_SHAPES) {
    if (host !== undefined && !shape.host.test(host)) continue;
    const m = shape.path.exec(path);
    if (m) return { source: shape.source, number: String(Number(m[1])) };
  }
  return null;
}

/**
 * The report pages an upstream issue is archived as. GitLab and Launchpad reports are numbered
 * as their issue; a box64/FEX report keeps the issue number as its file name, in the source's
 * folder or one of its sections, under another id when the reader renamed it.
 */
export function upstreamReportUrls(issue: UpstreamIssue, index: PathIndex): string[] {
  const { source, number } = issue;
  if (source === 'gitlab' || source === 'launchpad') return hasReport(index, source, number) ? [reportUrl(index, `${source}/${number}`)] : [];
  const ids = new Set<string>();
  for (const folder of ['', ...(index.sections[source] ?? []).map((s) => `${s}/`)]) {
    const renamed = index.renamed[`${source}/${folder}${number}`];
    if (renamed !== undefined) ids.add(renamed);
    else if (folder === '' && hasReport(index, source, number)) ids.add(number);
  }
  // An id that sits only in a section (not renamed, no root file of that name) is the plain number too.
  if (ids.size === 0 && hasReport(index, source, number)) ids.add(number);
  return [...ids].filter((id) => hasReport(index, source, id)).map((id) => reportUrl(index, `${source}/${id}`));
}

// ---------------------------------------------------------------------------------------------
// Both at once, as the 404 page and /tree/ use them

export type LinkTarget =
  | { readonly kind: 'page'; readonly url: string; readonly line?: number; readonly others?: readonly string[] }
  | { readonly kind: 'choices'; readonly urls: readonly string[] };

/** Whether `input` is worth fetching the path index for. */
export function looksLikeLegacyLink(input: string): boolean {
  return parseLegacyLinkParts(input) !== null || parseUpstreamIssue(input) !== null || isShortLinkShape(input);
}

/** A pasted link, a tree path or a short link → where it lands; `null` when it names nothing known. */
export function resolveLink(input: string, index: PathIndex): LinkTarget | null {
  const legacy = parseLegacyLink(input);
  if (legacy !== null) {
    const resolved = resolveTreePath(legacy, index);
    return resolved ? { kind: 'page', ...resolved } : null;
  }
  const upstream = parseUpstreamIssue(input);
  if (upstream !== null) {
    const urls = upstreamReportUrls(upstream, index);
    if (urls.length === 0) return null;
    return urls.length === 1 ? { kind: 'page', url: urls[0]! } : { kind: 'choices', urls };
  }
  const short = resolveShortLink(input, index);
  if (!short) return null;
  return short.kind === 'report' ? { kind: 'page', url: short.url, others: short.others } : short;
}
