/**
 * Internal link checker for a built site (run by the build on its output before it is published): every `href`/`src` that points inside the site must
 * name a file of the build (a folder URL means its index.html), and a `#fragment` into another
 * page must name an id (or `<a name>`) on that page. External links are not fetched.
 *
 * HTML is scanned tag by tag, not as a DOM: built pages are Astro's own well-formed
 * output, corpus text in them is escaped (so no `<` in text), and script/style bodies and
 * comments are skipped so code that mentions `href="…"` is not taken for a link.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { interleavedShares, runInWorker } from './lib/workers.ts';
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

/** Links of `pages` (dist-relative): the broken ones, and those into other pages' ids, by target file. */
function scanPages(root: string, base: string, pages: readonly string[], options: LinkCheckOptions): { broken: BrokenLink[]; pending: Map<string, PendingLink[]> } {
  const fileCache = new Map<string, string | null>();
  const broken: BrokenLink[] = [];
  const pending = new Map<string, PendingLink[]>();
  for (const rel of pages) {
    const scanned = scanHtml(readFileSync(path.join(root, rel), 'utf8'));
    const seen = new Set<string>();
    for (const { attribute, url } of scanned.links) {
      const key = `${attribute} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const result = checkOne(url, rel, root, base, fileCache);
      if (result === null) continue;
      if (typeof result === 'string') {
        if (result === 'same-page') {
          if (options.samePageFragments && !hasFragment(scanned.ids, url.trim().slice(1))) broken.push({ page: rel, attribute, url, reason: 'missing-id' });
        } else broken.push({ page: rel, attribute, url, reason: result });
        continue;
      }
      const list = pending.get(result.file) ?? [];
      list.push({ page: rel, attribute, url, fragment: result.fragment });
      pending.set(result.file, list);
    }
  }
  return { broken, pending };
}

/** Each target page is read once for its ids, and only its ids are held, one target at a time. */
function checkFragments(pending: Iterable<readonly [string, readonly PendingLink[]]>): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const [file, links] of pending) {
    const { ids } = scanHtml(readFileSync(file, 'utf8'));
    for (const l of links) if (!hasFragment(ids, l.fragment)) broken.push({ page: l.page, attribute: l.attribute, url: l.url, reason: 'missing-id' });
  }
  return broken;
}

const byPageAndUrl = (x: BrokenLink, y: BrokenLink) => compare(x.page, y.page) || compare(x.url, y.url);

export function checkLinks(distDir: string, base: string, options: LinkCheckOptions = {}): BrokenLink[] {
  const root = path.resolve(distDir);
  const { broken, pending } = scanPages(root, normaliseBase(base), htmlFiles(root), options);
  return [...broken, ...checkFragments(pending)].sort(byPageAndUrl);
}

type Job =
  | { readonly kind: 'pages'; readonly root: string; readonly base: string; readonly pages: readonly string[]; readonly options: LinkCheckOptions }
  | { readonly kind: 'fragments'; readonly pending: readonly (readonly [string, readonly PendingLink[]])[] };

/**
 * `checkLinks` with the pages, then the link targets, shared out over `threads` worker threads:
 * the same links found broken, in the same order.
 */
export async function checkLinksInParallel(distDir: string, base: string, options: LinkCheckOptions = {}, threads = availableParallelism()): Promise<BrokenLink[]> {
  const root = path.resolve(distDir);
  const pages = htmlFiles(root);
  const n = Math.max(1, Math.min(threads, pages.length));
  if (n === 1) return checkLinks(distDir, base, options);
  const scanned = await Promise.all(
    interleavedShares(pages, n).map((share) => runInWorker<{ broken: BrokenLink[]; pending: Map<string, PendingLink[]> }>(new URL(import.meta.url), { kind: 'pages', root, base: normaliseBase(base), pages: share, options } satisfies Job)),
  );
  const pending = new Map<string, PendingLink[]>();
  for (const s of scanned) {
    for (const [file, links] of s.pending) {
      const list = pending.get(file);
      if (list) list.push(...links);
      else pending.set(file, links);
    }
  }
  const fragments = await Promise.all(interleavedShares([...pending], n).map((share) => runInWorker<BrokenLink[]>(new URL(import.meta.url), { kind: 'fragments', pending: share } satisfies Job)));
  return [...scanned.flatMap((s) => s.broken), ...fragments.flat()].sort(byPageAndUrl);
}

/** `null`: fine; a reason; `same-page`: a `#fragment` of the page itself; or a fragment to check on another page. */
function checkOne(
  url: string,
  pageRel: string,
  root: string,
  base: string,
  fileCache: Map<string, string | null>,
): BrokenLink['reason'] | 'same-page' | { file: string; fragment: string } | null {
  const trimmed = url.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return null;
  if (trimmed.startsWith('#')) return 'same-page';
  if (trimmed.startsWith('/') && !trimmed.startsWith(base)) return 'outside-base';
  // The page's own URL: dist-relative file path under the base.
  const pageUrl = new URL(base + pageRel.split(path.sep).map(encodeURIComponent).join('/'), 'http://site.invalid');
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
  return id === '' || ids.has(id) || id.toLowerCase() === 'top';
}

function htmlFiles(root: string): string[] {
  return filesBelow(root).filter((f) => f.endsWith('.html'));
}

// ---------------------------------------------------------------------------------------------
// Scanning HTML

/**
 * One pass with indexOf over the page (a regex over every tag took minutes on the corpus): comments
 * and script/style bodies are skipped, each tag's attributes read with their quoting.
 */
export function scanHtml(html: string): ScannedPage {
  const links: { attribute: 'href' | 'src'; url: string }[] = [];
  const ids = new Set<string>();
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    // A tag name: a letter, then letters, digits and `-`.
    TAG_NAME.lastIndex = i + 1;
    const tagName = TAG_NAME.exec(html);
    if (tagName === null) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const j = i + 1 + tagName[0].length;
    const tag = tagName[0].toLowerCase();
    // Attributes up to the `>` that is not inside quotes.
    let k = j;
    for (;;) {
      STOP.lastIndex = k;
      const stop = STOP.exec(html);
      if (stop === null) {
        k = html.length;
        break;
      }
      k = stop.index;
      if (stop[0] === '>') break;
      const close = html.indexOf(stop[0], k + 1);
      k = close === -1 ? html.length : close + 1;
    }
    const attrs = html.slice(j, k);
    if (attrs.includes('=')) {
      for (const a of attrs.matchAll(ATTRIBUTE)) {
        const name = a[1]!.toLowerCase();
        if (name !== 'id' && name !== 'name' && name !== 'href' && name !== 'src') continue;
        const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
        if (name === 'id') ids.add(value);
        else if (name === 'name') {
          if (tag === 'a') ids.add(value);
        } else links.push({ attribute: name, url: value });
      }
    }
    i = k + 1;
    if (tag === 'script' || tag === 'style') {
      const end = indexOfCaseless(html, `</${tag}`, i);
      if (end === -1) break;
      i = end;
    }
    i = html.indexOf('<', i);
  }
  return { links, ids };
}

/** `needle` (lower case) in `haystack` from `from`, ignoring the case of ASCII letters. */
function indexOfCaseless(haystack: string, needle: string, from: number): number {
  for (let at = haystack.indexOf('</', from); at !== -1; at = haystack.indexOf('</', at + 2)) {
    if (haystack.slice(at, at + needle.length).toLowerCase() === needle) return at;
  }
  return -1;
}

const TAG_NAME = /[A-Za-z][A-Za-z0-9-]*/y;
const STOP = /[>"']/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
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
  parentPort.postMessage(job.kind === 'pages' ? scanPages(job.root, job.base, job.pages, job.options) : checkFragments(job.pending));
}

// Worker threads share the process's argv: only the main thread is the command.
const isMain = isMainThread && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const [dir, base = '/'] = process.argv.slice(2);
  if (dir === undefined) {
    console.error('usage: node scripts/linkcheck.ts DIST [BASE]');
    process.exit(2);
  }
  const broken = await checkLinksInParallel(dir, base);
  console.log(JSON.stringify({ broken: broken.length, message: broken.length ? describeBrokenLinks(broken, 20) : '' }));
}
