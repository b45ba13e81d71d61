/**
 * `node scripts/search-index.ts <site-dir>`: the Pagefind index of a built site, written to
 * `<site-dir>/pagefind/` (the build's last step, scripts/build.ts).
 *
 * Runs Pagefind through its Node API (`createIndex` + `addHTMLFile`) rather than the CLI so that
 * each page can be slimmed before Pagefind sees it, without changing the page that is served:
 *
 * - `id` attributes are dropped from everything but headings. Pagefind records every element
 *   with an id as an anchor of the page (each line of every text has one, ~1M on the corpus),
 *   which costs index memory and fragment bytes; only heading ids make sub-results.
 * - EXCLUDE_SELECTORS leave out text that repeats on every verdict (the "run …, label folder …"
 *   line, the classified-text notes, zero-shot score bars, the agreement summary) and the
 *   Launchpad text without comments (the main text holds every word of it). Run, label and
 *   model are filters instead (components/SearchFacets.astro).
 *
 * Full corpus (7,981 pages, 266 MB of HTML), peak RSS of the step: the CLI on the pages as served
 * with the thinking indexed 3.8 GB; this script 2.9 GB (the CLI before, thinking left out, 3.0 GB).
 * Time is about the CLI's (45–60 s); the bundle is 61 MB instead of 77 MB.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

export const EXCLUDE_SELECTORS: readonly string[] = [
  '.verdict .vmeta',
  '.verdict > .note',
  '.curated-member > .note',
  '.scores',
  '.agreement',
  '#without-comments',
];

/**
 * The page as Pagefind should read it: the empty line-number links dropped (15% of the bytes),
 * `id="…"` dropped from every element but h1–h6 (attribute values are always double-quoted in
 * Astro's output), and a space after the end of elements that Pagefind does not treat as blocks,
 * so `<dt>State</dt><dd>closed</dd>` is two words, not one.
 */
export function indexableHtml(html: string): string {
  return html
    .replace(/<a class="ln"[^>]*><\/a>/g, '')
    .replace(/<(?!h[1-6][\s>])([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*?)?\sid="[^"]*"/g, '<$1$2')
    .replace(/<\/(dt|dd|summary|th|caption|figcaption|pre|blockquote|dl|details|tr|option)>/g, '</$1> ');
}

function* htmlFiles(dir: string, rel = ''): Generator<string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (r !== 'pagefind') yield* htmlFiles(dir, r);
    } else if (e.isFile() && e.name.endsWith('.html')) yield r;
  }
}

export interface SearchIndexResult {
  readonly pages: number;
  readonly htmlMB: number;
  readonly addSeconds: number;
  readonly writeSeconds: number;
}

export async function buildSearchIndex(siteDir: string, outputPath = path.join(siteDir, 'pagefind')): Promise<SearchIndexResult> {
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: [...EXCLUDE_SELECTORS] });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  let pages = 0;
  let bytes = 0;
  const failures: string[] = [];
  const inflight = new Set<Promise<void>>();
  for (const rel of htmlFiles(siteDir)) {
    const html = readFileSync(path.join(siteDir, rel), 'utf8');
    // Only pages that mark a body are indexed (reports, runs, models); skip the rest early.
    if (!html.includes('data-pagefind-body')) continue;
    const content = indexableHtml(html);
    pages++;
    bytes += content.length;
    const url = `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
    const p: Promise<void> = index.addHTMLFile({ url, content }).then((r) => {
      if (r.errors.length) failures.push(`${rel}: ${r.errors.join('; ')}`);
      inflight.delete(p);
    });
    inflight.add(p);
    if (inflight.size >= 8) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  if (failures.length) throw new Error(`pagefind could not index ${failures.length} pages:\n${failures.slice(0, 10).join('\n')}`);
  const t1 = performance.now();
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  const t2 = performance.now();
  return { pages, htmlMB: Math.round(bytes / 1e5) / 10, addSeconds: Math.round((t1 - t0) / 100) / 10, writeSeconds: Math.round((t2 - t1) / 100) / 10 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  if (!site) {
    console.error('usage: node scripts/search-index.ts <site-dir>');
    process.exit(2);
  }
  buildSearchIndex(path.resolve(site)).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
