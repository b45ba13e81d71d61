/**
 * `node scripts/search-index.ts <site-dir> [--job FILE] [--wait]`: the Pagefind index of a built
 * site, the build's last step (scripts/build.ts). Without a job it indexes every page into
 * `<site-dir>/pagefind/`. A job (JSON: `previousDist`, `previousState`, `carried`, `stateOut`)
 * lets it index only what changed since the previous build into `<site-dir>/pagefind-delta/`,
 * keeping the previous index as the base (scripts/incremental/search.ts explains how). With
 * `--wait` it starts before the site is complete and reads the pages once standard input closes.
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
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { unescape } from 'html-escaper';
import * as pagefind from 'pagefind';
import { planSearch, sortRanks, type IndexedPage, type SearchPlan } from './incremental/search.ts';
import { readSearchState, writeSearchState } from './incremental/state.ts';

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
      if (r !== 'pagefind' && r !== DELTA_DIR) yield* htmlFiles(dir, r);
    } else if (e.isFile() && e.name.endsWith('.html')) yield r;
  }
}

/** The delta bundle's folder, beside `pagefind/`; the overlay file the search page reads first. */
export const DELTA_DIR = 'pagefind-delta';
export const OVERLAY_FILE = 'pagefind/overlay.json';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What decides the index besides the pages: this code, the planning code and Pagefind's version. */
export function searchFingerprint(): string {
  const h = createHash('sha256');
  for (const f of [fileURLToPath(import.meta.url), path.join(here, 'incremental/search.ts'), path.join(here, '../node_modules/pagefind/package.json')]) h.update(readFileSync(f));
  return h.digest('hex');
}

const pageUrl = (rel: string) => `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;

/** Sort values as Pagefind reads them from the page (components/SearchFacets.astro). */
export function sortValues(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<span data-pagefind-sort="([^"]+)">([^<]*)<\/span>/g)) out[unescape(m[1]!)] = unescape(m[2]!).trim();
  return out;
}

function describePage(siteDir: string, rel: string): { page: IndexedPage; content: string } | undefined {
  const html = readFileSync(path.join(siteDir, rel), 'utf8');
  // Only pages that mark a body are indexed (reports, runs, models); skip the rest early.
  if (!html.includes('data-pagefind-body')) return undefined;
  const content = indexableHtml(html);
  const hash = createHash('sha1').update(content).digest('hex');
  return { page: { hash, sort: sortValues(html) }, content };
}

/** A fragment of a written bundle: the page's url and filters (Pagefind's own format: gzip, signature, JSON). */
function readFragment(bundle: string, id: string): { url: string; filters: Record<string, string[]>; content: string } {
  const bytes = gunzipSync(readFileSync(path.join(bundle, 'fragment', `${id}.pf_fragment`)));
  const signature = 'pagefind_dcd';
  if (bytes.subarray(0, signature.length).toString() !== signature) throw new Error(`${bundle}/fragment/${id}.pf_fragment: not a Pagefind fragment`);
  const data = JSON.parse(bytes.subarray(signature.length).toString('utf8')) as { url: string; filters?: Record<string, string[]>; content?: string };
  return { url: data.url, filters: data.filters ?? {}, content: data.content ?? '' };
}

/**
 * The words of an indexed text as Pagefind is given them: split at white space, lower-cased,
 * stripped of punctuation at either end (Pagefind's own tokenizer does the rest the same way for
 * a page and for the vocabulary record).
 */
export function vocabularyOf(text: string, into: Set<string> = new Set()): Set<string> {
  for (const raw of text.toLowerCase().split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, '');
    if (word !== '') into.add(word);
  }
  return into;
}

/** url → Pagefind id of every page in a written bundle; with `vocabulary`, the words of their texts are added to it. */
function bundleIds(bundle: string, vocabulary?: Set<string>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const name of readdirSync(path.join(bundle, 'fragment')).sort()) {
    const id = name.replace(/\.pf_fragment$/, '');
    const fragment = readFragment(bundle, id);
    ids.set(fragment.url, id);
    if (vocabulary) vocabularyOf(fragment.content, vocabulary);
  }
  return ids;
}

/**
 * The delta bundle's vocabulary record: every word of the base, as one hidden record (tombstoned
 * in the overlay, so never shown or counted). Pagefind answers a word it does not know with the
 * words that share its longest known prefix (`msgsnd` finds `msg`); a small delta knows few words,
 * so without this record a search would pick up such loose matches from the delta that one full
 * index (which knows the word) would not.
 */
export const VOCABULARY_URL = '/pagefind-vocabulary/';
/**
 * Longer words (hashes, paths, log fragments: 10% of the corpus's words, a third of their letters) are
 * left out of the record: each word costs the rebuild time (the whole record ≈ 6 s, this ≈ 5 s),
 * and nobody types them; such a word may still match loosely in the delta.
 */
const VOCABULARY_MAX_WORD = 40;

export interface SearchIndexResult {
  readonly mode: 'full' | 'delta';
  readonly reason?: string;
  readonly pages: number;
  readonly indexed: number;
  readonly tombstones: number;
  readonly htmlMB: number;
  readonly addSeconds: number;
  readonly writeSeconds: number;
  /** Time from the site being complete to the index being written (the step's own share of a build). */
  readonly secondsAfterSite?: number;
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

async function newIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: [...EXCLUDE_SELECTORS] });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  return index;
}

/** An index holding the delta's vocabulary record, made while the site is still being built. */
async function prepareDeltaIndex(vocabulary: readonly string[]): Promise<PagefindIndex> {
  const index = await newIndex();
  const content = vocabulary.filter((w) => w.length <= VOCABULARY_MAX_WORD).join(' ');
  const r = await index.addCustomRecord({ url: VOCABULARY_URL, content, language: 'en', meta: { title: '' } });
  if (r.errors.length) throw new Error(`pagefind: ${VOCABULARY_URL}: ${r.errors.join('; ')}`);
  return index;
}

async function indexPages(
  pages: Iterable<{ readonly url: string; readonly content: string }>,
  outputPath: string,
  index?: PagefindIndex,
): Promise<{ count: number; bytes: number; addSeconds: number; writeSeconds: number }> {
  const t0 = performance.now();
  index ??= await newIndex();
  let bytes = 0;
  let count = 0;
  const failures: string[] = [];
  const inflight = new Set<Promise<void>>();
  for (const { url, content } of pages) {
    bytes += content.length;
    count++;
    const p: Promise<void> = index.addHTMLFile({ url, content }).then((r) => {
      if (r.errors.length) failures.push(`${url}: ${r.errors.join('; ')}`);
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
  const t2 = performance.now();
  return { count, bytes, addSeconds: Math.round((t1 - t0) / 100) / 10, writeSeconds: Math.round((t2 - t1) / 100) / 10 };
}

/**
 * A merged bundle is read for its index only (entry, meta, index, filter and fragment files; the
 * base bundle's script and WebAssembly do the searching): the rest Pagefind writes is dropped.
 */
function trimMergedBundle(bundle: string): void {
  for (const name of readdirSync(bundle)) {
    if (name === 'pagefind-entry.json' || name.endsWith('.pf_meta') || ['index', 'filter', 'fragment'].includes(name)) continue;
    rmSync(path.join(bundle, name), { recursive: true, force: true });
  }
}

function linkTree(from: string, to: string, skip: (rel: string) => boolean, rel = ''): void {
  mkdirSync(path.join(to, rel), { recursive: true });
  for (const e of readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skip(r)) continue;
    if (e.isDirectory()) linkTree(from, to, skip, r);
    else linkSync(path.join(from, r), path.join(to, r));
  }
}

export interface SearchJob {
  /** The dist/ the previous state describes (its `pagefind/` is the base). */
  readonly previousDist?: string;
  /** The previous build's search state file (scripts/incremental/state.ts), trusted if it names that build. */
  readonly previousState?: { readonly file: string; readonly buildId: string };
  /** Pages (site-relative paths) carried over unchanged from `previousDist`. */
  readonly carried?: readonly string[];
  /** Where to write the new state, naming this build. */
  readonly stateOut?: { readonly file: string; readonly buildId: string };
}

/**
 * `siteReady` resolves when the site is complete: the build starts this step alongside Astro, so
 * a delta's vocabulary record (seconds of work) is indexed while the pages are being made.
 */
export async function buildSearchIndex(siteDir: string, job: SearchJob = {}, siteReady: Promise<void> = Promise.resolve()): Promise<SearchIndexResult> {
  let ready = 0;
  try {
    const result = await indexSite(siteDir, job, siteReady.then(() => void (ready = performance.now())));
    return { ...result, secondsAfterSite: Math.round((performance.now() - ready) / 100) / 10 };
  } finally {
    await pagefind.close();
  }
}

async function indexSite(siteDir: string, job: SearchJob, siteReady: Promise<void>): Promise<SearchIndexResult> {
  const fingerprint = searchFingerprint();
  const pages: Record<string, IndexedPage> = {};
  const previous = job.previousState ? readSearchState(job.previousState.file, job.previousState.buildId) : undefined;
  const canDelta = previous !== undefined && previous.fingerprint === fingerprint && job.previousDist !== undefined && existsSync(path.join(job.previousDist, 'pagefind'));
  const prepared = canDelta ? prepareDeltaIndex(previous.vocabulary) : undefined;
  // Unhandled until awaited below; a failure surfaces there.
  prepared?.catch(() => undefined);
  await siteReady;

  // Every page is read and indexed in one pass when a full index is sure; otherwise pages are
  // described first (carried-over ones from the previous state, unread; the others kept as read
  // for the delta) and the plan decides.
  const rels = new Map<string, string>();
  const contents = new Map<string, string>();
  function* describeAll(index: boolean): Generator<{ url: string; content: string }> {
    const carried = new Set(job.carried ?? []);
    for (const rel of htmlFiles(siteDir)) {
      const url = pageUrl(rel);
      rels.set(url, rel);
      const known = !index && carried.has(rel) ? previous?.pages[url] : undefined;
      if (known) {
        pages[url] = known;
        continue;
      }
      const d = describePage(siteDir, rel);
      if (!d) continue;
      pages[url] = d.page;
      if (index) yield { url, content: d.content };
      else contents.set(url, d.content);
    }
  }
  let plan: SearchPlan;
  if (canDelta) {
    for (const _ of describeAll(false)) void _;
    plan = planSearch(previous, fingerprint, pages);
  } else plan = { kind: 'full', reason: previous === undefined ? 'no previous index to start from' : 'indexing code or settings changed' };

  const overlayPath = path.join(siteDir, OVERLAY_FILE);
  if (prepared && (plan.kind === 'full' || plan.delta.length === 0)) await (await prepared).deleteIndex();
  if (plan.kind === 'full') {
    const bundle = path.join(siteDir, 'pagefind');
    const r = await indexPages(describeAll(true), bundle);
    const vocabulary = new Set<string>();
    const ids = bundleIds(bundle, vocabulary);
    const base: Record<string, { hash: string; id: string }> = {};
    for (const [url, page] of Object.entries(pages)) {
      const id = ids.get(url);
      if (id === undefined) throw new Error(`pagefind wrote no fragment for ${url}`);
      base[url] = { hash: page.hash, id };
    }
    writeFileSync(overlayPath, '{}\n');
    if (job.stateOut) writeSearchState(job.stateOut.file, job.stateOut.buildId, { fingerprint, base, pages, vocabulary: [...vocabulary].sort() });
    return { mode: 'full', reason: plan.reason, pages: r.count, indexed: r.count, tombstones: 0, htmlMB: Math.round(r.bytes / 1e5) / 10, addSeconds: r.addSeconds, writeSeconds: r.writeSeconds };
  }

  // Delta: the base bundle as it was, the changed pages in their own bundle, and the overlay.
  const before = previous!;
  linkTree(path.join(job.previousDist!, 'pagefind'), path.join(siteDir, 'pagefind'), (rel) => rel === 'overlay.json');
  let stats = { count: 0, bytes: 0, addSeconds: 0, writeSeconds: 0 };
  let deltaIds = new Map<string, string>();
  if (plan.delta.length > 0) {
    const bundle = path.join(siteDir, DELTA_DIR);
    // A page still in the delta from an earlier rebuild may have been carried over, so not read yet.
    const content = (url: string) => contents.get(url) ?? indexableHtml(readFileSync(path.join(siteDir, rels.get(url)!), 'utf8'));
    stats = await indexPages(
      plan.delta.map((url) => ({ url, content: content(url) })),
      bundle,
      await prepared!,
    );
    trimMergedBundle(bundle);
    deltaIds = bundleIds(bundle);
  }
  const tombstones: Record<string, Record<string, string[]>> = {};
  const vocabularyId = deltaIds.get(VOCABULARY_URL);
  if (vocabularyId !== undefined) {
    tombstones[vocabularyId] = {};
    deltaIds.delete(VOCABULARY_URL);
  }
  for (const url of plan.tombstones) {
    const id = before.base[url]!.id;
    tombstones[id] = readFragment(path.join(siteDir, 'pagefind'), id).filters;
  }
  const live = Object.entries(pages).map(([url, page]) => {
    const id = deltaIds.get(url) ?? before.base[url]?.id;
    if (id === undefined) throw new Error(`no Pagefind id for ${url}`);
    return { id, url, sort: page.sort };
  });
  const overlay: Record<string, unknown> = {};
  if (plan.delta.length > 0 || plan.tombstones.length > 0) {
    mkdirSync(path.join(siteDir, DELTA_DIR), { recursive: true });
    writeFileSync(path.join(siteDir, DELTA_DIR, 'ranks.json'), JSON.stringify(sortRanks(live)));
    if (plan.delta.length > 0) overlay.delta = `${DELTA_DIR}/`;
    overlay.tombstones = tombstones;
    overlay.ranks = `${DELTA_DIR}/ranks.json`;
  }
  writeFileSync(overlayPath, `${JSON.stringify(overlay)}\n`);
  if (job.stateOut) writeSearchState(job.stateOut.file, job.stateOut.buildId, { fingerprint, base: before.base, pages, vocabulary: before.vocabulary });
  return {
    mode: 'delta',
    pages: Object.keys(pages).length,
    indexed: stats.count,
    tombstones: plan.tombstones.length,
    htmlMB: Math.round(stats.bytes / 1e5) / 10,
    addSeconds: stats.addSeconds,
    writeSeconds: stats.writeSeconds,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  const jobAt = process.argv.indexOf('--job');
  if (!site) {
    console.error('usage: node scripts/search-index.ts <site-dir> [--job FILE] [--wait]');
    process.exit(2);
  }
  const job = jobAt > 0 ? (JSON.parse(readFileSync(process.argv[jobAt + 1]!, 'utf8')) as SearchJob) : {};
  // `--wait`: the site is complete when standard input closes (scripts/build.ts).
  const siteReady = process.argv.includes('--wait')
    ? new Promise<void>((resolve) => {
        process.stdin.on('end', resolve);
        process.stdin.resume();
      })
    : Promise.resolve();
  buildSearchIndex(path.resolve(site), job, siteReady).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
