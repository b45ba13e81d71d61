/**
 * The split search index held against one Pagefind index of the same records: a built site is
 * copied twice (hard links, no pages rebuilt), one copy gets one bundle from the site's content,
 * the other the index in shards (`shardPages` small enough for several), and both are asked the
 * same searches in Chromium, through Pagefind's API (every hit, every count) and through the
 * search page itself (what a reader sees).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildSearchIndex, type SearchIndexResult } from '../../scripts/search-index.ts';
import { SHARDS_FILE, type ShardList } from '../../src/lib/search/shards.ts';
import { repoRoot, type BuiltSite } from './builtSite.ts';

export interface TwoIndexes {
  /** The site with one bundle. */
  readonly one: string;
  /** The site with the index in shards. */
  readonly split: string;
  readonly oneResult: SearchIndexResult;
  readonly splitResult: SearchIndexResult;
}

/**
 * `site` (a shared build, test/support/builtSite.ts) copied twice, each copy with its search index
 * made from the site's content: in one bundle (`one`) and in shards of `shardPages` (`split`).
 * A site the build indexed in one bundle (the sample and the corpus, under the default shard
 * size) is its own `one`: the build made that bundle from the same records, byte for byte what
 * `buildSearchIndex` gives them (checked on the corpus, December 2026), so it is not made again.
 * Made once and kept beside the build (its key covers the sources that make and read the
 * indexes; this file's own bytes name the folder), so a second run asks the same indexes without
 * making them again (on the corpus the split index takes about 45 s).
 */
export async function twoIndexesOf(site: BuiltSite, shardPages: number): Promise<TwoIndexes> {
  const maker = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
  const at = path.join(path.dirname(site.dist), `two-indexes-${shardPages}-${maker}`);
  const made = path.join(at, 'made.json');
  if (!existsSync(made)) {
    const work = `${at}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    // Indexes an earlier version of this file made beside the same build go (the corpus's are ~100 MB).
    for (const old of readdirSync(path.dirname(site.dist))) {
      if (old.startsWith(`two-indexes-${shardPages}-`) && !old.includes('.tmp-')) rmSync(path.join(path.dirname(site.dist), old), { recursive: true, force: true });
    }
    const own = ownSearchResult(site);
    const two = await buildTwoIndexes(site.dist, site.content, work, shardPages, own);
    writeFileSync(path.join(work, 'made.json'), JSON.stringify({ oneResult: two.oneResult, splitResult: two.splitResult }));
    rmSync(at, { recursive: true, force: true });
    renameSync(work, at);
  }
  const { oneResult, splitResult } = JSON.parse(readFileSync(made, 'utf8')) as Pick<TwoIndexes, 'oneResult' | 'splitResult'>;
  return { one: path.join(at, 'one'), split: path.join(at, 'split'), oneResult, splitResult };
}

/** The build's own account of its search index (build-report.json), when it made one bundle. */
function ownSearchResult(site: BuiltSite): SearchIndexResult | undefined {
  const search = site.report.search as (SearchIndexResult & { secondsAfterPages?: number }) | undefined;
  if (search?.shards !== 1) return undefined;
  const { secondsAfterPages: _, ...result } = search;
  return result;
}

/**
 * Copies `dist` to `<work>/one` and `<work>/split` and gives each its search index made from
 * `content`; with `own` (the build's result, one bundle), `one` keeps the site's own bundle.
 */
export async function buildTwoIndexes(dist: string, content: string, work: string, shardPages: number, own?: SearchIndexResult): Promise<TwoIndexes> {
  const one = path.join(work, 'one');
  const split = path.join(work, 'split');
  mkdirSync(work, { recursive: true });
  copySite(dist, one);
  const oneResult = own ?? (await reindex(one, content, Number.MAX_SAFE_INTEGER));
  copySite(dist, split);
  const splitResult = await reindex(split, content, shardPages);
  return { one, split, oneResult, splitResult };
}

/** `dist` at `site` (hard links: nothing in a built site is written in place), with the client's merge modules. */
function copySite(dist: string, site: string): void {
  rmSync(site, { recursive: true, force: true });
  execFileSync('cp', ['-al', dist, site]);
  writeClientMerge(site);
}

/** The search index of the copy at `site`, made again from `content` in shards of `shardPages`. */
async function reindex(site: string, content: string, shardPages: number): Promise<SearchIndexResult> {
  rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
  return buildSearchIndex(content, path.join(site, 'pagefind'), { shardPages });
}

const FRAGMENT_HEADER = 'pagefind_dcd';

/** Each page's URL by its Pagefind id (its fragment's name), over every bundle of a site. */
export interface FragmentUrls {
  readonly urls: ReadonlyMap<string, string>;
  /** Ids two bundles give different pages (a bundle's ids are unique in it only): their hits' URLs are read from Pagefind. */
  readonly ambiguous: readonly string[];
}

/**
 * Each page's URL by its Pagefind id, over every bundle of `site`: a hit's URL without the
 * browser fetching its fragment (thousands of fetches for a common word).
 */
export function fragmentUrls(site: string): FragmentUrls {
  const urls = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const bundle of ['', ...shardList(site).merge]) {
    const dir = path.join(site, 'pagefind', bundle, 'fragment');
    for (const file of readdirSync(dir)) {
      const raw = gunzipSync(readFileSync(path.join(dir, file)));
      if (raw.subarray(0, FRAGMENT_HEADER.length).toString('latin1') !== FRAGMENT_HEADER) throw new Error(`${dir}/${file}: no ${FRAGMENT_HEADER} header`);
      const { url } = JSON.parse(raw.subarray(FRAGMENT_HEADER.length).toString('utf8')) as { url: string };
      const id = file.replace(/\.pf_fragment$/, '');
      const known = urls.get(id);
      if (known !== undefined && known !== url) ambiguous.add(id);
      urls.set(id, url);
    }
  }
  for (const id of ambiguous) urls.delete(id);
  return { urls, ambiguous: [...ambiguous] };
}

export const shardList = (site: string): ShardList => JSON.parse(readFileSync(path.join(site, 'pagefind', SHARDS_FILE), 'utf8')) as ShardList;

export const hasBundle = (dir: string): boolean => existsSync(path.join(dir, 'pagefind-entry.json'));

type Counts = Record<string, Record<string, number>>;

export interface Answer {
  /** Every hit's URL as Pagefind gives it, in Pagefind's order. */
  readonly urls: string[];
  /** Every hit's score (on one index's scale with shards). */
  readonly scores: number[];
  readonly unfiltered: number;
  readonly filters: Counts;
  readonly totalFilters: Counts;
}

/** Where the search page's merge of the shards is put in a test's copy of a site (below its base). */
const CLIENT_DIR = '_shards-client';

/**
 * The search page's own opening of the index (src/client/search/shards.ts, relevance.ts and
 * wholeWords.ts, types stripped) in the site copy, so the tests ask Pagefind through the code the
 * page runs.
 */
function writeClientMerge(site: string): void {
  const dir = path.join(site, CLIENT_DIR);
  mkdirSync(dir, { recursive: true });
  for (const name of ['shards', 'relevance', 'wholeWords']) {
    const source = readFileSync(path.join(repoRoot, 'src/client/search', `${name}.ts`), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
    writeFileSync(path.join(dir, `${name}.js`), js.replace(/from '\.\/(\w+)\.ts'/g, "from './$1.js'"));
  }
}

/**
 * Pagefind's whole answer to a search on the site open in `page` (under `base`), with the shards
 * merged as the search page merges them (`shards.json`, src/client/search/shards.ts); each hit's
 * URL from `urlOf` (`fragmentUrls` of the site), but where Pagefind must read it: in a sorted
 * search (a sorted list merged from shards settles a hit's place when its data is read) and for
 * an id two bundles share.
 */
export async function pagefindAnswer(page: Page, base: string, term: string | null, options: Record<string, unknown>, urlOf: FragmentUrls): Promise<Answer> {
  const args = { base, term, options, client: CLIENT_DIR, ambiguous: urlOf.ambiguous };
  // As text: the test runner would rewrite a dynamic import() in a function.
  const { ids, read, ...rest } = (await page.evaluate(`(${ANSWER})(${JSON.stringify(args)})`)) as Omit<Answer, 'urls'> & { ids: string[]; read: (string | null)[] };
  const urls = ids.map((id, i) => {
    const known = read[i] ?? urlOf.urls.get(id);
    if (known === undefined) throw new Error(`no fragment for Pagefind's hit ${id}`);
    // As Pagefind gives a fragment's URL: below its bundle's base URL (the site's base).
    return read[i] ?? `${base}/${known}`.replace(/\/+/g, '/');
  });
  return { urls, ...rest };
}

// As src/client/search/pagefind.ts opens the index.
const ANSWER = `async ({ base, term, options, client, ambiguous }) => {
  window.__pf ??= (async () => {
    const pf = await import(base + 'pagefind/pagefind.js');
    const list = await (await fetch(base + 'pagefind/shards.json')).json();
    const { openIndex } = await import(base + client + '/shards.js');
    return openIndex(pf, list, base);
  })();
  const pf = await window.__pf;
  const r = await pf.search(term, options);
  // A sorted list merged from shards settles a hit's place when its data is read (its ids are
  // places); an id two bundles share names no one page.
  const sorted = Object.keys(options.sort ?? {}).length > 0;
  const read = await Promise.all(r.results.map(async (x) => (sorted || ambiguous.includes(x.id) ? (await x.data()).url : null)));
  return { ids: r.results.map((x) => x.id), read, scores: r.results.map((x) => x.score), unfiltered: r.unfilteredResultCount, filters: r.filters, totalFilters: r.totalFilters };
}`;

/** Filter counts without the values no page has in this answer (Pagefind lists some with 0 in one bundle and not in another). */
export function nonZero(counts: Counts): Counts {
  const out: Counts = {};
  for (const [f, values] of Object.entries(counts)) {
    const kept = Object.entries(values).filter(([, n]) => n > 0);
    if (kept.length) out[f] = Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How many of `a`'s first 10 are among `b`'s first 10. */
export const sharedOfFirst10 = (a: readonly string[], b: readonly string[]): number => {
  const top = new Set(b.slice(0, 10));
  return a.slice(0, 10).filter((u) => top.has(u)).length;
};
