/**
 * The split search index held against one Pagefind index of the same records: a built site is
 * copied twice (hard links, no pages rebuilt), one copy gets one bundle from the site's content,
 * the other the index in shards (`shardPages` small enough for several), and both are asked the
 * same searches in Chromium, through Pagefind's API (every hit, every count) and through the
 * search page itself (what a reader sees).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildSearchIndex, type SearchIndexResult } from '../../scripts/search-index.ts';
import { SHARDS_FILE, type ShardList } from '../../src/lib/search/shards.ts';
import { repoRoot } from './builtSite.ts';

export interface TwoIndexes {
  /** The site with one bundle. */
  readonly one: string;
  /** The site with the index in shards. */
  readonly split: string;
  readonly oneResult: SearchIndexResult;
  readonly splitResult: SearchIndexResult;
}

/** Copies `dist` to `<work>/one` and `<work>/split` and gives each its search index made from `content`. */
export async function buildTwoIndexes(dist: string, content: string, work: string, shardPages: number): Promise<TwoIndexes> {
  const one = path.join(work, 'one');
  const split = path.join(work, 'split');
  const results: SearchIndexResult[] = [];
  for (const [site, pages] of [
    [one, Number.MAX_SAFE_INTEGER],
    [split, shardPages],
  ] as const) {
    rmSync(site, { recursive: true, force: true });
    execFileSync('cp', ['-al', dist, site]);
    rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
    results.push(await buildSearchIndex(content, path.join(site, 'pagefind'), { shardPages: pages }));
    writeClientMerge(site);
  }
  return { one, split, oneResult: results[0]!, splitResult: results[1]! };
}

export const shardList = (site: string): ShardList => JSON.parse(readFileSync(path.join(site, 'pagefind', SHARDS_FILE), 'utf8')) as ShardList;

export const hasBundle = (dir: string): boolean => existsSync(path.join(dir, 'pagefind-entry.json'));

type Counts = Record<string, Record<string, number>>;

export interface Answer {
  /** Every hit's URL, in Pagefind's order. */
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
 * merged as the search page merges them (`shards.json`, src/client/search/shards.ts).
 */
export async function pagefindAnswer(page: Page, base: string, term: string | null, options: Record<string, unknown>): Promise<Answer> {
  // As text: the test runner would rewrite a dynamic import() in a function.
  return page.evaluate(`(${ANSWER})(${JSON.stringify({ base, term, options, client: CLIENT_DIR })})`) as Promise<Answer>;
}

// As src/client/search/pagefind.ts opens the index.
const ANSWER = `async ({ base, term, options, client }) => {
  window.__pf ??= (async () => {
    const pf = await import(base + 'pagefind/pagefind.js');
    const list = await (await fetch(base + 'pagefind/shards.json')).json();
    const { openIndex } = await import(base + client + '/shards.js');
    return openIndex(pf, list, base);
  })();
  const pf = await window.__pf;
  const r = await pf.search(term, options);
  const urls = await Promise.all(r.results.map(async (x) => (await x.data()).url));
  return { urls, scores: r.results.map((x) => x.score), unfiltered: r.unfilteredResultCount, filters: r.filters, totalFilters: r.totalFilters };
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
