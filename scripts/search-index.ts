/**
 * `node scripts/search-index.ts <content-dir> <bundle-dir> [--report-records DIR]`: the site's
 * Pagefind index, written to `<bundle-dir>` (the build moves it to `dist/pagefind/`), in shards
 * of `SEARCH_SHARD_PAGES` reports (src/lib/search/shards.ts). Every build indexes every page.
 *
 * The index is made from the convert step's data (`content/report-data`, `run-data`,
 * `model-data`), one record per indexed page (src/lib/content/searchRecords.ts), not from the
 * built pages: it needs nothing Astro makes, and Pagefind reads a small document per page
 * instead of the page with its line anchors and chrome. Records are written to a folder and read
 * by Pagefind's Node API (`addDirectory`, which parses with every core; pages sent one by one
 * are parsed one at a time), then removed.
 *
 * In the build the content writer writes the report records as it makes the reports
 * (`--report-records`), and this step starts on them while the rest of the content is made; it
 * is told on standard input (`content-ready`) when the content is complete, then adds the run
 * and model pages and writes the bundle, beside Astro.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { REPORT_INPUTS_FILE } from '../src/lib/content/layout.ts';
import { CONTENT_READY, contentReadyOn, printResult } from './lib/stepMessages.ts';
import { filesBelow } from '../src/lib/files.ts';
import { compare } from '../src/lib/order.ts';
import { reportPagePath } from '../src/lib/paths.ts';
import { modelRecord, reportRecord, runRecord, type SearchRecord } from '../src/lib/content/searchRecords.ts';
import { NOTES_INDEX_FILE } from '../src/lib/content/layout.ts';
import type { NoteSummary } from '../src/lib/notes/check.ts';
import type { ModelData, ReportData, RunData } from '../src/lib/content/types.ts';
import { readPagefindMeta } from '../src/lib/search/pagefindMeta.ts';
import { SHARDS_FILE, shardCount, shardFolder, shardOf, type ShardList } from '../src/lib/search/shards.ts';
import { settings } from '../src/lib/settings.ts';

/** The content writer's line saying every report record is written (`write-content --search-records`). */
export { REPORT_RECORDS_READY } from './lib/stepMessages.ts';

export interface SearchIndexResult {
  readonly pages: number;
  /** Pagefind bundles the index is split into (src/lib/search/shards.ts). */
  readonly shards: number;
  /** Size of the records handed to Pagefind. */
  readonly recordsMB: number;
  /** Starting Pagefind, and making the report records when the content writer did not. */
  readonly recordSeconds: number;
  /** Pagefind reading the records. */
  readonly addSeconds: number;
  /** Waiting, with the report records read, for the content writer to finish. */
  readonly waitSeconds: number;
  /** Pagefind writing the bundle. */
  readonly writeSeconds: number;
}

const readJson = <T>(file: string): T => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`cannot read ${file} (rerun scripts/write-content.ts): ${e instanceof Error ? e.message : String(e)}`);
  }
};

const jsonFiles = (dir: string): string[] => filesBelow(dir).filter((f) => f.endsWith('.json'));

/** The report pages' records, in the content writer's order, each made when it is needed. */
export function* reportRecords(contentDir: string): Generator<SearchRecord> {
  const notes = notesById(contentDir);
  for (const stem of Object.keys(readJson<Record<string, string>>(path.join(contentDir, REPORT_INPUTS_FILE)))) {
    yield reportRecordOf(stem, readFileSync(path.join(contentDir, 'report-data', `${stem}.json`), 'utf8'), notes.get(`reports/${stem}`));
  }
}

/** The archivists' notes by id, as the content writer listed them (`notes-index.json`). */
export function notesById(contentDir: string): Map<string, NoteSummary> {
  return new Map(readJson<NoteSummary[]>(path.join(contentDir, NOTES_INDEX_FILE)).map((n) => [n.id, n]));
}

/** A report's record from its content file's text (what the content writer hands on as it goes). */
export function reportRecordOf(stem: string, json: string, note?: NoteSummary): SearchRecord {
  const record = reportRecord(stem, JSON.parse(json) as ReportData, note);
  if (record.url !== `/${reportPagePath(stem)}`) throw new Error(`search record of ${stem} names ${record.url}`);
  return record;
}

/** The run and model pages' records, in url order. */
export function* runAndModelRecords(contentDir: string): Generator<SearchRecord> {
  const notes = notesById(contentDir);
  for (const f of jsonFiles(path.join(contentDir, 'model-data'))) {
    const data = readJson<ModelData>(path.join(contentDir, 'model-data', f));
    yield modelRecord(data, notes.get(`models/${data.slug}`));
  }
  for (const f of jsonFiles(path.join(contentDir, 'run-data'))) {
    const data = readJson<RunData>(path.join(contentDir, 'run-data', f));
    yield runRecord(data, notes.get(`runs/${data.slug}`));
  }
}

/** Every indexed page's record, in url order. */
export function searchRecords(contentDir: string): SearchRecord[] {
  return [...reportRecords(contentDir), ...runAndModelRecords(contentDir)].sort((a, b) => compare(a.url, b.url));
}

/** Writes a record as `<url>index.html` below `recordsDir`, where Pagefind's `addDirectory` finds it; returns its size. */
export function writeRecord(recordsDir: string, { url, html }: SearchRecord): number {
  const file = path.join(recordsDir, url, 'index.html');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
  return html.length;
}

function writeRecords(recordsDir: string, records: Iterable<SearchRecord>): { pages: number; bytes: number } {
  rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  let pages = 0;
  let bytes = 0;
  for (const r of records) {
    bytes += writeRecord(recordsDir, r);
    pages++;
  }
  return { pages, bytes };
}

const dirBytes = (dir: string): number => filesBelow(dir).reduce((n, rel) => n + statSync(path.join(dir, rel)).size, 0);

export interface SearchIndexOptions {
  /**
   * Report records the content writer has already written (`write-content --search-records`):
   * Pagefind starts on them at once, before the rest of the content is written.
   */
  readonly reportRecordsDir?: string;
  /** Settles when the content is complete (the run and model pages' data are read after it). */
  readonly contentReady?: Promise<void>;
  /** Reports per shard (src/lib/search/shards.ts); `SEARCH_SHARD_PAGES` by default. */
  readonly shardPages?: number;
}

/** Moves each record below `dir` to the folder of its shard; the folders, by shard (`undefined` where a shard has no record). */
function partitionRecords(dir: string, shards: number): (string | undefined)[] {
  if (shards === 1) return [dir];
  const dirs: (string | undefined)[] = Array.from({ length: shards }, () => undefined);
  const made = new Set<string>();
  for (const rel of filesBelow(dir)) {
    if (!rel.endsWith('index.html')) continue;
    const i = shardOf(`/${rel.slice(0, -'index.html'.length)}`, shards);
    const shardDir = (dirs[i] ??= `${dir}.shard-${i}`);
    const to = path.join(shardDir, rel);
    const parent = path.dirname(to);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    renameSync(path.join(dir, rel), to);
  }
  return dirs;
}

/**
 * A merged bundle's browser never reads its scripts, styles or wasm (the primary bundle's serve
 * every shard): only its `pagefind-entry.json`, `.pf_meta`, `index/`, `filter/` and `fragment/`.
 */
function dropClientFiles(shardDir: string): void {
  for (const f of readdirSync(shardDir)) {
    if (f === 'pagefind-entry.json' || f.endsWith('.pf_meta') || f === 'index' || f === 'filter' || f === 'fragment') continue;
    rmSync(path.join(shardDir, f), { recursive: true, force: true });
  }
}

/** Pagefind's answer, or an error naming what it could not index. */
async function added(adding: ReturnType<pagefind.PagefindIndex['addDirectory']>, dir: string): Promise<number> {
  const r = await adding;
  if (r.errors.length) throw new Error(`pagefind could not index ${dir}: ${r.errors.slice(0, 10).join('; ')}`);
  return r.page_count;
}

/**
 * Indexes the pages in `ceil(reports / shardPages)` Pagefind bundles (src/lib/search/shards.ts),
 * one after another, so that only one shard's index is in Pagefind's memory at a time (its
 * service is stopped after each shard, which gives all of it back). Shard 0's report records are
 * read first (Pagefind parses a folder with every core), while the content writer makes the rest;
 * once the content is complete, each shard gets its run and model pages and is written. Pagefind's
 * writing needs most of its memory, so it waits for the content too: it never runs beside the
 * content writer.
 */
export async function buildSearchIndex(contentDir: string, bundleDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const s = (ms: number) => Math.round(ms / 100) / 10;
  const t0 = performance.now();
  const given = options.reportRecordsDir;
  const reportsDir = given ?? `${bundleDir}.records`;
  const restDir = `${bundleDir}.records-rest`;
  const removals: Promise<void>[] = [];
  const made: string[] = [];
  let addMs = 0;
  let writeMs = 0;
  let waitMs = 0;
  try {
    if (given === undefined) {
      await options.contentReady;
      writeRecords(reportsDir, reportRecords(contentDir));
    }
    const t1 = performance.now();
    // Measured before the records move to their shards' folders.
    const reportBytes = dirBytes(reportsDir);
    const reportFiles = filesBelow(reportsDir).filter((f) => f.endsWith('index.html')).length;
    const shards = shardCount(reportFiles, options.shardPages ?? settings().searchShardPages);
    const reportDirs = partitionRecords(reportsDir, shards);
    made.push(...reportDirs.filter((d): d is string => d !== undefined && d !== reportsDir));
    let reportPages = 0;
    let otherPages = 0;
    let otherBytes = 0;
    let restDirs: (string | undefined)[] | undefined;
    const merge: string[] = [];
    const pagesOf: number[] = [];
    const wordsOf: number[] = [];
    /** Every bundle's index chunks' first words (src/client/search/wholeWords.ts). */
    const chunkStarts = new Set<string>();
    for (let i = 0; i < shards; i++) {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
      if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
      const ta = performance.now();
      const dir = reportDirs[i];
      let pagesHere = 0;
      if (dir !== undefined) {
        pagesHere += await added(index.addDirectory({ path: dir }), dir);
        // Records Pagefind has read are removed while it works on (not after it has written).
        removals.push(rm(dir, { recursive: true, force: true }));
      }
      const tb = performance.now();
      addMs += tb - ta;
      if (restDirs === undefined) {
        await options.contentReady;
        waitMs += performance.now() - tb;
        const stems = Object.keys(readJson<Record<string, string>>(path.join(contentDir, REPORT_INPUTS_FILE))).length;
        if (reportFiles !== stems) throw new Error(`${reportsDir} holds ${reportFiles} report records; the content has ${stems} reports`);
        const rest = [...runAndModelRecords(contentDir)];
        restDirs = Array.from({ length: shards }, () => undefined);
        for (const r of rest) {
          const k = shardOf(r.url, shards);
          const d = (restDirs[k] ??= `${restDir}-${k}`);
          if (!made.includes(d)) {
            rmSync(d, { recursive: true, force: true });
            made.push(d);
          }
          otherBytes += writeRecord(d, r);
          otherPages++;
        }
      }
      const tc = performance.now();
      const rd = restDirs[i];
      reportPages += pagesHere;
      if (rd !== undefined) {
        pagesHere += await added(index.addDirectory({ path: rd }), rd);
        removals.push(rm(rd, { recursive: true, force: true }));
      }
      const td = performance.now();
      addMs += td - tc;
      if (dir !== undefined || rd !== undefined || i === 0) {
        const out = await index.writeFiles({ outputPath: path.join(bundleDir, shardFolder(i)) });
        if (out.errors.length) throw new Error(`pagefind: ${out.errors.join('; ')}`);
        if (i > 0) {
          dropClientFiles(path.join(bundleDir, shardFolder(i)));
          merge.push(shardFolder(i));
        }
        pagesOf.push(pagesHere);
        const meta = readPagefindMeta(path.join(bundleDir, shardFolder(i)));
        wordsOf.push(meta.wordCounts.reduce((a, b) => a + b, 0));
        for (const chunk of meta.chunks) chunkStarts.add(chunk.from);
      }
      writeMs += performance.now() - td;
      // Stopping the service gives its memory back before the next shard is read.
      await pagefind.close();
    }
    if (reportPages !== reportFiles) throw new Error(`pagefind indexed ${reportPages} of ${reportFiles} report records in ${reportsDir}`);
    const list: ShardList = { merge, pages: pagesOf, words: wordsOf, chunkStarts: [...chunkStarts].sort() };
    writeFileSync(path.join(bundleDir, SHARDS_FILE), `${JSON.stringify(list)}\n`);
    return {
      pages: reportPages + otherPages,
      shards,
      recordsMB: Math.round((reportBytes + otherBytes) / 1e5) / 10,
      recordSeconds: s(t1 - t0),
      addSeconds: s(addMs),
      waitSeconds: s(waitMs),
      writeSeconds: s(writeMs),
    };
  } finally {
    await pagefind.close();
    await Promise.allSettled(removals);
    for (const d of [reportsDir, restDir, ...made]) rmSync(d, { recursive: true, force: true });
  }
}

/** Settles when standard input says the content is complete; fails if it ends without saying so. */
const contentReadyOnStdin = (): Promise<void> => contentReadyOn(process.stdin, `the content writer did not finish (no ${CONTENT_READY} on standard input)`);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'report-records': { type: 'string' } } });
  const [contentDir, bundleDir] = positionals;
  if (!contentDir || !bundleDir) {
    console.error('usage: node scripts/search-index.ts <content-dir> <bundle-dir> [--report-records DIR]');
    process.exit(2);
  }
  const reportRecordsDir = values['report-records'];
  const options: SearchIndexOptions = reportRecordsDir === undefined ? {} : { reportRecordsDir: path.resolve(reportRecordsDir), contentReady: contentReadyOnStdin() };
  buildSearchIndex(path.resolve(contentDir), path.resolve(bundleDir), options).then(
    (r) => {
      printResult(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
