/**
 * Internal link checker for a built site (run by the build on its output before it is published): every `href`/`src` that points inside the site must
 * name a file of the build (a folder URL means its index.html), and a `#fragment` into another
 * page must name an id (or `<a name>`) on that page. External links are not fetched.
 *
 * HTML is read by htmlparser2's tokenizer (`scanHtml`), not into a DOM: only the attributes that
 * name ids and links are kept, with every entity HTML knows decoded; script/style bodies and
 * comments are not markup, so code that mentions `href="…"` is not taken for a link.
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { lineRangeEnds } from '../src/lib/paths.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { interleavedShares, runInWorker } from './lib/workers.ts';
import { printResult, type LinkCheckResult } from './lib/stepMessages.ts';
import { normaliseBase } from '../src/lib/paths.ts';
import { compare } from '../src/lib/order.ts';
import { filesBelow } from '../src/lib/files.ts';

export interface BrokenLink {
  /** The page the link is on, relative to the dist folder (`reports/gitlab/1/index.html`). */
  readonly page: string;
  readonly attribute: 'href' | 'src';
  /** The attribute value as written (entities decoded). */
  readonly url: string;
  /** `missing-file`: no such file; `missing-id`: the page exists but not the fragment; `outside-base`: the link leaves the site's base. */
  readonly reason: 'missing-file' | 'missing-id' | 'outside-base';
}

/** The build's error message: every page with a broken link, and its links (the first 50 in full). */
export function describeBrokenLinks(broken: readonly BrokenLink[], shown = 50): string {
  const pages = [...new Set(broken.map((b) => b.page))];
  const lines = broken.slice(0, shown).map((b) => `  ${b.page}: ${b.attribute}="${b.url}" (${b.reason})`);
  if (broken.length > shown) lines.push(`  … and ${broken.length - shown} more`);
  return `${broken.length} internal link${broken.length === 1 ? '' : 's'} on ${pages.length} page${pages.length === 1 ? '' : 's'} do not resolve to a built file:\n${lines.join('\n')}`;
}

export interface LinkCheckOptions {
  /** Also check `#fragment` links within the same page (default: only links to other pages). */
  readonly samePageFragments?: boolean;
}

interface ScannedPage {
  readonly links: readonly { attribute: 'href' | 'src'; url: string }[];
  readonly ids: ReadonlySet<string>;
}

/** A link into another page's ids, checked once every page is read. */
interface PendingLink {
  readonly page: string;
  readonly attribute: 'href' | 'src';
  readonly url: string;
  readonly fragment: string;
}

/** What reading some pages found: broken links, links into other pages' ids (by target file), and each page's ids (by file). */
interface PagesScan {
  readonly broken: BrokenLink[];
  readonly pending: Map<string, PendingLink[]>;
  /** A page's ids as one JSON array: a string per page, not a set of strings, is what a worker hands back and what waits in memory. */
  readonly ids: Map<string, string>;
}

/**
 * Reads each of `pages` (dist-relative) once: its links are resolved (a URL resolves the same from
 * every page of a folder, so each is resolved once a folder) and its ids kept, so a fragment into
 * another page is checked against ids already read instead of reading that page again.
 */
function scanPages(root: string, base: string, pages: readonly string[], options: LinkCheckOptions): PagesScan {
  const resolved = new Map<string, Resolution>();
  const fileCache = new Map<string, string | null>();
  const broken: BrokenLink[] = [];
  const pending = new Map<string, PendingLink[]>();
  const ids = new Map<string, string>();
  for (const rel of pages) {
    const file = path.join(root, rel);
    const scanned = scanHtml(readFileSync(file, 'utf8'));
    ids.set(file, JSON.stringify([...scanned.ids]));
    // What is kept beyond this page (resolved URLs, links into other pages) is copied with
    // structuredClone below: a URL as read is a slice of the page's text and would keep the whole
    // page in memory until the check ends.
    //
    // A relative link resolves against the page's folder (`a/b/index.html` and `a/b/x.html` share
    // it), a query alone against the page itself.
    const folder = rel.slice(0, rel.lastIndexOf(path.sep) + 1);
    let pageUrl: URL | undefined;
    const seen = new Set<string>();
    for (const { attribute, url } of scanned.links) {
      const key = `${attribute} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const trimmed = url.trim();
      const cacheKey = trimmed.startsWith('/') ? trimmed : `${trimmed.startsWith('?') ? rel : folder}\n${trimmed}`;
      let result = resolved.get(cacheKey);
      if (result === undefined) {
        pageUrl ??= new URL(base + rel.split(path.sep).map(encodeURIComponent).join('/'), 'http://site.invalid');
        result = resolve(trimmed, pageUrl, root, base, fileCache);
        resolved.set(structuredClone(cacheKey), result);
      }
      if (result === null) continue;
      if (typeof result === 'string') {
        if (result === 'same-page') {
          if (options.samePageFragments && !hasFragment(scanned.ids, trimmed.slice(1))) broken.push({ page: rel, attribute, url, reason: 'missing-id' });
        } else broken.push({ page: rel, attribute, url, reason: result });
        continue;
      }
      const list = pending.get(result.file) ?? [];
      list.push({ page: rel, attribute, url: structuredClone(url), fragment: result.fragment });
      pending.set(result.file, list);
    }
  }
  return { broken, pending, ids };
}

/** The links into other pages' ids that name none; a target no scan read (not an `.html` page of the site) is read here. */
function checkFragments(pending: ReadonlyMap<string, readonly PendingLink[]>, ids: ReadonlyMap<string, string>): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const [file, links] of pending) {
    const known = ids.get(file);
    const targetIds = known !== undefined ? new Set(JSON.parse(known) as string[]) : scanHtml(readFileSync(file, 'utf8')).ids;
    for (const l of links) if (!hasFragment(targetIds, l.fragment)) broken.push({ page: l.page, attribute: l.attribute, url: l.url, reason: 'missing-id' });
  }
  return broken;
}

const byPageAndUrl = (x: BrokenLink, y: BrokenLink) => compare(x.page, y.page) || compare(x.url, y.url);

export function checkLinks(distDir: string, base: string, options: LinkCheckOptions = {}): BrokenLink[] {
  const root = path.resolve(distDir);
  const { broken, pending, ids } = scanPages(root, normaliseBase(base), htmlFiles(root), options);
  return [...broken, ...checkFragments(pending, ids)].sort(byPageAndUrl);
}

/** A worker's share of the pages (`checkLinksInParallel`). */
interface Job {
  readonly root: string;
  readonly base: string;
  readonly pages: readonly string[];
  readonly options: LinkCheckOptions;
}

/**
 * `checkLinks` with the pages shared out over `threads` worker threads: the same links found
 * broken, in the same order.
 */
export async function checkLinksInParallel(distDir: string, base: string, options: LinkCheckOptions = {}, threads = availableParallelism()): Promise<BrokenLink[]> {
  const root = path.resolve(distDir);
  const pages = htmlFiles(root);
  const n = Math.max(1, Math.min(threads, pages.length));
  if (n === 1) return checkLinks(distDir, base, options);
  const scans = await Promise.all(
    interleavedShares(pages, n).map((share) => runInWorker<PagesScan>(new URL(import.meta.url), { root, base: normaliseBase(base), pages: share, options } satisfies Job)),
  );
  const pending = new Map<string, PendingLink[]>();
  const ids = new Map<string, string>();
  for (const s of scans) {
    for (const [file, links] of s.pending) {
      const list = pending.get(file);
      if (list) list.push(...links);
      else pending.set(file, links);
    }
    for (const [file, list] of s.ids) ids.set(file, list);
  }
  return [...scans.flatMap((s) => s.broken), ...checkFragments(pending, ids)].sort(byPageAndUrl);
}

/** `null`: fine; a reason; `same-page`: a `#fragment` of the page itself; or a fragment to check on another page. */
type Resolution = BrokenLink['reason'] | 'same-page' | { readonly file: string; readonly fragment: string } | null;

/** Where `trimmed`, written on the page at `pageUrl`, leads. */
function resolve(trimmed: string, pageUrl: URL, root: string, base: string, fileCache: Map<string, string | null>): Resolution {
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return null;
  if (trimmed.startsWith('#')) return 'same-page';
  if (trimmed.startsWith('/') && !trimmed.startsWith(base)) return 'outside-base';
  const target = new URL(trimmed, pageUrl);
  if (!target.pathname.startsWith(base)) return 'outside-base';
  const relPath = safeDecode(target.pathname.slice(base.length));
  if (relPath === null) return 'missing-file';
  let file = fileCache.get(relPath);
  if (file === undefined) {
    file = targetFile(root, relPath);
    fileCache.set(relPath, file);
  }
  if (file === null) return 'missing-file';
  const fragment = target.hash.slice(1);
  if (fragment === '' || !file.endsWith('.html')) return null;
  return { file, fragment };
}

/** `a/` → `a/index.html`; `a` → the file `a`, else `a/index.html` (servers redirect a folder). */
function targetFile(root: string, relPath: string): string | null {
  const candidates = relPath === '' || relPath.endsWith('/') ? [`${relPath}index.html`] : [relPath, `${relPath}/index.html`];
  for (const c of candidates) {
    const file = path.join(root, c);
    if (!file.startsWith(root)) return null;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

function hasFragment(ids: ReadonlySet<string>, rawFragment: string): boolean {
  const id = safeDecode(rawFragment);
  if (id === null) return false;
  // HTML: an empty fragment and `#top` scroll to the top without any element.
  if (id === '' || ids.has(id) || id.toLowerCase() === 'top') return true;
  // A line range (`#L3-L7`, src/lib/paths.ts) is an element of no id: its two ends must exist.
  const ends = lineRangeEnds(id);
  return ends !== undefined && ids.has(ends[0]) && ids.has(ends[1]);
}

function htmlFiles(root: string): string[] {
  return filesBelow(root).filter((f) => f.endsWith('.html'));
}

// ---------------------------------------------------------------------------------------------
// Scanning HTML

/**
 * The page's `id`s (and `<a name>`s) and its `href`/`src` values, entities decoded, read with
 * htmlparser2's tokenizer: comments, script/style bodies and other raw text (`<title>`,
 * `<textarea>`) hold no links; an attribute written without a value is none. The tokenizer
 * alone, not its Parser: the Parser copies out every text and attribute of the page (it keeps
 * them for callbacks this check does not have) and took twice the time on the corpus.
 */
export function scanHtml(html: string): ScannedPage {
  const links: { attribute: 'href' | 'src'; url: string }[] = [];
  const ids = new Set<string>();
  let tagIsA = false;
  // The attribute being read, when it is one of those kept; its value so far.
  let attribute: 'id' | 'name' | 'href' | 'src' | undefined;
  let value = '';
  const ignore = () => undefined;
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagIsA = end - start === 1 && (html[start] === 'a' || html[start] === 'A');
    },
    onattribname(start, end) {
      // Only names of 2 to 4 letters are kept: most attributes (class, data-*, aria-*) are not sliced.
      const length = end - start;
      const name = length >= 2 && length <= 4 ? html.slice(start, end).toLowerCase() : '';
      attribute = name === 'id' || name === 'name' || name === 'href' || name === 'src' ? name : undefined;
      value = '';
    },
    onattribdata(start, end) {
      if (attribute !== undefined) value += html.slice(start, end);
    },
    onattribentity(codePoint) {
      if (attribute !== undefined) value += String.fromCodePoint(codePoint);
    },
    onattribend(quote) {
      if (attribute === undefined || quote === QuoteType.NoValue) return;
      if (attribute === 'id') ids.add(value);
      else if (attribute === 'name') {
        if (tagIsA) ids.add(value);
      } else links.push({ attribute, url: value });
      attribute = undefined;
    },
    oncdata: ignore,
    onclosetag: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onopentagend: ignore,
    onprocessinginstruction: ignore,
    onselfclosingtag: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return { links, ids };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * `node scripts/linkcheck.ts DIST BASE`: the build runs the check as a step of its own, beside the
 * search step; the last line of its output is `{"pages":…,"broken":…,"message":…}`.
 */
// A worker's share (`checkLinksInParallel`), once every constant of the module is set.
if (!isMainThread && parentPort) {
  const job = workerData as Job;
  parentPort.postMessage(scanPages(job.root, job.base, job.pages, job.options));
}

// Worker threads share the process's argv: only the main thread is the command.
const isMain = isMainThread && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const [dir, base = '/'] = process.argv.slice(2);
  if (dir === undefined) {
    console.error('usage: node scripts/linkcheck.ts DIST [BASE]');
    process.exit(2);
  }
  // In-page `#fragment` links too: a page never links to an id it does not have.
  const broken = await checkLinksInParallel(dir, base, { samePageFragments: true });
  printResult({ broken: broken.length, message: broken.length ? describeBrokenLinks(broken, 20) : '' } satisfies LinkCheckResult);
}
