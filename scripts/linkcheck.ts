/**
 * Internal link checker for a built site (run by the build on its output before it is published): every `href`/`src` that points inside the site must
 * name a file of the build (a folder URL means its index.html), and a `#fragment` into another
 * page must name an id (or `<a name>`) on that page. External links are not fetched.
 *
 * HTML is scanned tag by tag, not as a DOM: built pages are Astro's own well-formed
 * output, corpus text in them is escaped (so no `<` in text), and script/style bodies and
 * comments are skipped so code that mentions `href="…"` is not taken for a link.
 */
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
 * One pass over the page, character by character within tags (regular expressions over every tag
 * and attribute took most of the check's time): comments and script/style bodies are skipped, and
 * each tag's attributes are read with their quoting; only `id`, `name`, `href` and `src` values
 * are kept.
 */
export function scanHtml(html: string): ScannedPage {
  const links: { attribute: 'href' | 'src'; url: string }[] = [];
  const ids = new Set<string>();
  const end = html.length;
  let i = html.indexOf('<');
  while (i !== -1 && i < end) {
    const next = html.charCodeAt(i + 1);
    if (next === SLASH) {
      i = html.indexOf('<', i + 2);
      continue;
    }
    if (next === BANG && html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      if (close === -1) break;
      i = html.indexOf('<', close + 3);
      continue;
    }
    if (!isLetter(next)) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    // The tag name: a letter, then letters, digits and `-`.
    let k = i + 2;
    while (k < end && isNameChar(html.charCodeAt(k))) k++;
    const tag = k - i - 1 <= 6 ? html.slice(i + 1, k).toLowerCase() : '';
    // Attributes up to the `>` outside quotes: `name`, `name=value`, `name="value"`, `name='value'`.
    for (;;) {
      while (k < end && isSpaceOrSlash(html.charCodeAt(k))) k++;
      if (k >= end) break;
      const c = html.charCodeAt(k);
      if (c === GT) break;
      if (c === QUOTE || c === APOSTROPHE) {
        // A stray quoted text: skipped as a whole.
        const close = html.indexOf(html[k]!, k + 1);
        k = close === -1 ? end : close + 1;
        continue;
      }
      const nameStart = k;
      while (k < end && isAttributeNameChar(html.charCodeAt(k))) k++;
      const nameEnd = k;
      if (nameEnd === nameStart) {
        k++; // a lone `=`
        continue;
      }
      let e = k;
      while (e < end && isSpace(html.charCodeAt(e))) e++;
      if (html.charCodeAt(e) !== EQUALS) continue; // a name without a value
      e++;
      while (e < end && isSpace(html.charCodeAt(e))) e++;
      let value: string;
      const q = html.charCodeAt(e);
      if (q === QUOTE || q === APOSTROPHE) {
        const close = html.indexOf(html[e]!, e + 1);
        if (close === -1) {
          k = end;
          break;
        }
        value = wanted(html, nameStart, nameEnd) ? html.slice(e + 1, close) : '';
        k = close + 1;
      } else {
        let v = e;
        while (v < end && isUnquotedValueChar(html.charCodeAt(v))) v++;
        value = html.slice(e, v);
        k = v;
      }
      const name = wanted(html, nameStart, nameEnd);
      if (name === undefined) continue;
      const decoded = decodeEntities(value);
      if (name === 'id') ids.add(decoded);
      else if (name === 'name') {
        if (tag === 'a') ids.add(decoded);
      } else links.push({ attribute: name, url: decoded });
    }
    i = k + 1;
    if (tag === 'script' || tag === 'style') {
      const close = indexOfCaseless(html, `</${tag}`, i);
      if (close === -1) break;
      i = close;
    }
    i = html.indexOf('<', i);
  }
  return { links, ids };
}

const [SLASH, BANG, GT, QUOTE, APOSTROPHE, EQUALS] = ['/', '!', '>', '"', "'", '='].map((c) => c.charCodeAt(0)) as [number, number, number, number, number, number];

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45;
/** HTML's white space (and Unicode's, as `\s` reads it in the attribute pattern before). */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
const isSpaceOrSlash = (c: number) => c === SLASH || isSpace(c);
const isAttributeNameChar = (c: number) => c !== QUOTE && c !== APOSTROPHE && c !== GT && c !== SLASH && c !== EQUALS && !isSpace(c);
const isUnquotedValueChar = (c: number) => c !== QUOTE && c !== APOSTROPHE && c !== EQUALS && c !== 60 && c !== GT && c !== 96 && !isSpace(c);

/** The attribute name at `html[from, to)` if it is one the check reads (any case). */
function wanted(html: string, from: number, to: number): 'id' | 'name' | 'href' | 'src' | undefined {
  const n = to - from;
  if (n < 2 || n > 4) return undefined;
  const name = html.slice(from, to).toLowerCase();
  return name === 'id' || name === 'name' || name === 'href' || name === 'src' ? name : undefined;
}

/** `needle` (lower case) in `haystack` from `from`, ignoring the case of ASCII letters. */
function indexOfCaseless(haystack: string, needle: string, from: number): number {
  for (let at = haystack.indexOf('</', from); at !== -1; at = haystack.indexOf('</', at + 2)) {
    if (haystack.slice(at, at + needle.length).toLowerCase() === needle) return at;
  }
  return -1;
}


const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
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
