/**
 * Browser side of "links that last", bundled by Astro into the 404 page and /tree/.
 *
 * The 404 page is what a static host serves for any missing path, so an old tree link that was
 * rewritten onto this site's host (`<base>tree/results/…`, `<base>2469`) arrives here: it is
 * resolved against the path index and replaced (no history entry) by the page that shows it.
 * Everything read from the URL is put on the page as text, never as HTML.
 */
import { looksLikeLegacyLink, resolveLink, type LinkTarget } from '../lib/links/legacyPath.ts';
import type { PathIndex } from '../lib/links/pathIndex.ts';

// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); the
// slash is only made sure of here, without importing paths.ts into the browser bundle.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** `/base/tree/results/x` → `tree/results/x`; a path outside the base is taken whole. */
export function relativeToBase(pathname: string, base: string = BASE): string {
  if (pathname.startsWith(base)) return pathname.slice(base.length);
  if (`${pathname}/` === base) return '';
  return pathname.replace(/^\/+/, '');
}

let indexPromise: Promise<PathIndex> | undefined;

export function fetchPathIndex(): Promise<PathIndex> {
  indexPromise ??= fetch(`${BASE}path-index.json`).then(async (response) => {
    if (!response.ok) throw new Error(`path-index.json: HTTP ${response.status}`);
    const index = (await response.json()) as PathIndex;
    if (index.version !== 1) throw new Error(`path-index.json: unknown version ${String(index.version)}`);
    return index;
  });
  return indexPromise;
}

function siteHref(url: string): string {
  return BASE + url;
}

/** The last path segment, as a search query for "not found" (usually the report id). */
function searchHint(input: string): string {
  const path = input.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function link(url: string, text = siteHref(url)): HTMLAnchorElement {
  return el('a', text, { href: siteHref(url) });
}

/** Renders a resolved target (or the lack of one) into `out`. */
function showTarget(out: HTMLElement, input: string, target: LinkTarget | null): void {
  out.replaceChildren();
  if (target === null) {
    const p = el('p', 'This names nothing in the archive: no report or run of it is known. ');
    const q = searchHint(input);
    if (q !== '') p.append('Try ', el('a', `searching for “${q}”`, { href: `${BASE}search/?q=${encodeURIComponent(q)}` }), '.');
    out.append(p);
    return;
  }
  if (target.kind === 'choices') {
    const several = target.urls.length > 1;
    out.append(el('p', several ? 'More than one report has this id; which one?' : 'No QEMU report has this id; did you mean:'));
    const list = el('ul');
    for (const url of target.urls) {
      const item = el('li');
      item.append(link(url));
      list.append(item);
    }
    out.append(list);
    return;
  }
  const p = el('p', 'It is now at ');
  p.append(link(target.url));
  if (target.line !== undefined) p.append(` (line ${target.line})`);
  p.append('.');
  out.append(p);
  if (target.others && target.others.length > 0) {
    const also = el('p', 'The same id is also a report of another emulator: ');
    target.others.forEach((url, i) => also.append(i > 0 ? ', ' : '', link(url)));
    out.append(also);
  }
}

/** 404 page: redirect old links, explain everything else. */
export async function handleNotFound(status: HTMLElement): Promise<void> {
  const input = relativeToBase(location.pathname) + location.search + location.hash;
  const hint = searchHint(input);
  const search = document.querySelector<HTMLAnchorElement>('[data-search-link]');
  if (search && hint !== '') {
    search.href = `${BASE}search/?q=${encodeURIComponent(hint)}`;
    search.textContent = `Search the archive for “${hint}”`;
  }
  if (!looksLikeLegacyLink(input)) return;
  status.textContent = 'This looks like a link to the results tree; looking it up…';
  try {
    const target = resolveLink(input, await fetchPathIndex());
    if (target?.kind === 'page') {
      location.replace(siteHref(target.url));
      return;
    }
    showTarget(status, input, target);
  } catch (error) {
    status.textContent = `The path index could not be loaded (${(error as Error).message}); use the tree page below.`;
  }
}

/** /tree/: resolve the form's path (also given as `?path=` in the URL) and show a link. */
export function handleTreeForm(form: HTMLFormElement, input: HTMLInputElement, out: HTMLElement): void {
  const resolveInto = async (value: string) => {
    if (value.trim() === '') {
      out.replaceChildren();
      return;
    }
    out.textContent = 'Looking it up…';
    try {
      showTarget(out, value, looksLikeLegacyLink(value) ? resolveLink(value, await fetchPathIndex()) : null);
    } catch (error) {
      out.textContent = `The path index could not be loaded (${(error as Error).message}).`;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('path', input.value);
    // The address bar then holds a link to this very lookup.
    history.replaceState(null, '', url);
    void resolveInto(input.value);
  });
  const initial = new URLSearchParams(location.search).get('path');
  if (initial !== null) {
    input.value = initial;
    void resolveInto(initial);
  }
}
