/**
 * Internal link checker for a built site (run by the build on its output before it is published): every `href`/`src` that points inside the site must
 * name a file of the build (a folder URL means its index.html), and a `#fragment` into another
 * page must name an id (or `<a name>`) on that page. External links are not fetched.
 *
 * HTML is scanned with a tag tokenizer, not a DOM: built pages are Astro's own well-formed
 * output, corpus text in them is escaped (so no `<` in text), and script/style bodies and
 * comments are skipped so code that mentions `href="…"` is not taken for a link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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

export function checkLinks(distDir: string, base: string, options: LinkCheckOptions = {}): BrokenLink[] {
  const root = path.resolve(distDir);
  const b = normaliseBase(base);
  const pages = new Map<string, ScannedPage>();
  const scan = (file: string): ScannedPage => {
    let page = pages.get(file);
    if (!page) {
      page = scanHtml(readFileSync(file, 'utf8'));
      pages.set(file, page);
    }
    return page;
  };

  const broken: BrokenLink[] = [];
  for (const rel of htmlFiles(root)) {
    const file = path.join(root, rel);
    const seen = new Set<string>();
    for (const { attribute, url } of scan(file).links) {
      const key = `${attribute} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const reason = checkOne(url, rel, file, root, b, scan, options);
      if (reason) broken.push({ page: rel, attribute, url, reason });
    }
  }
  return broken.sort((x, y) => compare(x.page, y.page) || compare(x.url, y.url));
}

function checkOne(
  url: string,
  pageRel: string,
  pageFile: string,
  root: string,
  base: string,
  scan: (file: string) => ScannedPage,
  options: LinkCheckOptions,
): BrokenLink['reason'] | null {
  const trimmed = url.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return null;
  if (trimmed.startsWith('#')) {
    if (!options.samePageFragments) return null;
    return hasFragment(scan(pageFile), trimmed.slice(1)) ? null : 'missing-id';
  }
  if (trimmed.startsWith('/') && !trimmed.startsWith(base)) return 'outside-base';
  // The page's own URL: dist-relative file path under the base.
  const pageUrl = new URL(base + pageRel.split(path.sep).map(encodeURIComponent).join('/'), 'http://site.invalid');
  const target = new URL(trimmed, pageUrl);
  if (!target.pathname.startsWith(base)) return 'outside-base';
  const relPath = safeDecode(target.pathname.slice(base.length));
  if (relPath === null) return 'missing-file';
  const file = targetFile(root, relPath);
  if (file === null) return 'missing-file';
  const fragment = target.hash.slice(1);
  if (fragment === '' || !file.endsWith('.html')) return null;
  return hasFragment(scan(file), fragment) ? null : 'missing-id';
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

function hasFragment(page: ScannedPage, rawFragment: string): boolean {
  const id = safeDecode(rawFragment);
  if (id === null) return false;
  // HTML: an empty fragment and `#top` scroll to the top without any element.
  return id === '' || page.ids.has(id) || id.toLowerCase() === 'top';
}

function htmlFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : path.join(rel, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile() && entry.name.endsWith('.html')) out.push(child);
    }
  };
  visit('');
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// Scanning HTML

const TOKEN = /<!--[\s\S]*?-->|<(script|style)\b((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?<\/\1\s*>|<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function scanHtml(html: string): ScannedPage {
  const links: { attribute: 'href' | 'src'; url: string }[] = [];
  const ids = new Set<string>();
  for (const m of html.matchAll(TOKEN)) {
    const tag = (m[1] ?? m[3])?.toLowerCase();
    const attrs = m[2] ?? m[4];
    if (tag === undefined || attrs === undefined) continue; // a comment
    for (const a of attrs.matchAll(ATTRIBUTE)) {
      const name = a[1]!.toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (name === 'id') ids.add(value);
      else if (name === 'name' && tag === 'a') ids.add(value);
      else if (name === 'href' || name === 'src') links.push({ attribute: name, url: value });
    }
  }
  return { links, ids };
}

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

function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
