/**
 * `node scripts/search-index.ts <content-dir> <bundle-dir> [--report-records DIR]`: the site's
 * Pagefind index, written to `<bundle-dir>` (the build moves it to `dist/pagefind/`). Every
 * build indexes every page.
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
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** The content writer's line saying every report record is written (`write-content --search-records`). */
export { REPORT_RECORDS_READY } from './lib/stepMessages.ts';

export interface SearchIndexResult {
  readonly pages: number;
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
}

/**
 * Indexes the report records first (Pagefind parses a folder with every core), then, once the
 * content is complete, the run and model pages, and writes the bundle. Pagefind's writing needs
 * most of its memory, so it waits for the content too: it never runs beside the content writer.
 */
export async function buildSearchIndex(contentDir: string, bundleDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const s = (ms: number) => Math.round(ms / 100) / 10;
  const t0 = performance.now();
  const given = options.reportRecordsDir;
  const reportsDir = given ?? `${bundleDir}.records`;
  const restDir = `${bundleDir}.records-rest`;
  const removals: Promise<void>[] = [];
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    if (given === undefined) {
      await options.contentReady;
      writeRecords(reportsDir, reportRecords(contentDir));
    }
    const t1 = performance.now();
    const adding = index.addDirectory({ path: reportsDir });
    // Measured while Pagefind reads them.
    const reportBytes = dirBytes(reportsDir);
    const reports = await adding;
    if (reports.errors.length) throw new Error(`pagefind could not index ${reportsDir}: ${reports.errors.slice(0, 10).join('; ')}`);
    // Records Pagefind has read are removed while it works on (not after it has written).
    removals.push(rm(reportsDir, { recursive: true, force: true }));
    const t2 = performance.now();
    await options.contentReady;
    const t3 = performance.now();
    const stems = Object.keys(readJson<Record<string, string>>(path.join(contentDir, REPORT_INPUTS_FILE))).length;
    if (reports.page_count !== stems) throw new Error(`pagefind indexed ${reports.page_count} report records in ${reportsDir}; the content has ${stems} reports`);
    const rest = writeRecords(restDir, runAndModelRecords(contentDir));
    const others = await index.addDirectory({ path: restDir });
    if (others.errors.length) throw new Error(`pagefind could not index ${restDir}: ${others.errors.slice(0, 10).join('; ')}`);
    if (others.page_count !== rest.pages) throw new Error(`pagefind indexed ${others.page_count} of ${rest.pages} search records in ${restDir}`);
    removals.push(rm(restDir, { recursive: true, force: true }));
    const t4 = performance.now();
    const out = await index.writeFiles({ outputPath: bundleDir });
    if (out.errors.length) throw new Error(`pagefind: ${out.errors.join('; ')}`);
    const t5 = performance.now();
    return {
      pages: reports.page_count + others.page_count,
      recordsMB: Math.round((reportBytes + rest.bytes) / 1e5) / 10,
      recordSeconds: s(t1 - t0),
      addSeconds: s(t2 - t1 + (t4 - t3)),
      waitSeconds: s(t3 - t2),
      writeSeconds: s(t5 - t4),
    };
  } finally {
    await pagefind.close();
    await Promise.allSettled(removals);
    rmSync(reportsDir, { recursive: true, force: true });
    rmSync(restDir, { recursive: true, force: true });
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
