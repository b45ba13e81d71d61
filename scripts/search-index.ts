/**
 * `node scripts/search-index.ts <content-dir> <bundle-dir>`: the site's Pagefind index, written
 * to `<bundle-dir>` (the build moves it to `dist/pagefind/`). Every build indexes every page.
 *
 * The index is made from the convert step's data (`content/report-data`, `run-data`,
 * `model-data`), one record per indexed page (src/lib/content/searchRecords.ts), not from the
 * built pages: it needs nothing Astro makes, so the build runs it beside Astro, and Pagefind
 * reads a small document per page instead of the page with its line anchors and chrome.
 * The records are written to a folder beside the bundle and read by Pagefind's Node API
 * (`addDirectory`, which parses with every core; pages sent one by one are parsed one at a
 * time), then removed.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { REPORT_INPUTS_FILE } from '../src/lib/content/layout.ts';
import { reportPagePath } from '../src/lib/paths.ts';
import { modelRecord, reportRecord, runRecord, type SearchRecord } from '../src/lib/content/searchRecords.ts';
import type { ModelData, ReportData, RunData } from '../src/lib/content/types.ts';

export interface SearchIndexResult {
  readonly pages: number;
  /** Size of the records handed to Pagefind. */
  readonly recordsMB: number;
  /** Reading the data and writing the records. */
  readonly recordSeconds: number;
  /** Pagefind reading the records. */
  readonly addSeconds: number;
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

const jsonFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
};

/** Every indexed page's record, in url order, each made when it is needed. */
export function* searchRecords(contentDir: string): Generator<SearchRecord> {
  const stems = Object.keys(readJson<Record<string, string>>(path.join(contentDir, REPORT_INPUTS_FILE)));
  const makers: { url: string; make: () => SearchRecord }[] = [
    ...stems.map((stem) => ({ url: `/${reportPagePath(stem)}`, make: () => reportRecord(stem, readJson<ReportData>(path.join(contentDir, 'report-data', `${stem}.json`))) })),
    ...jsonFiles(path.join(contentDir, 'run-data')).map((f) => ({ url: `/runs/${f.slice(0, -5)}/`, make: () => runRecord(readJson<RunData>(path.join(contentDir, 'run-data', f))) })),
    ...jsonFiles(path.join(contentDir, 'model-data')).map((f) => ({ url: `/models/${f.slice(0, -5)}/`, make: () => modelRecord(readJson<ModelData>(path.join(contentDir, 'model-data', f))) })),
  ];
  makers.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (const m of makers) {
    const record = m.make();
    if (record.url !== m.url) throw new Error(`search record of ${m.url} names ${record.url}`);
    yield record;
  }
}

/**
 * Writes every record as `<url>index.html` below `recordsDir` (a fresh folder), in url order, and
 * returns how many and their size: Pagefind reads a folder with both cores, records sent one by
 * one with one.
 */
export function writeRecords(contentDir: string, recordsDir: string): { pages: number; bytes: number } {
  rmSync(recordsDir, { recursive: true, force: true });
  let pages = 0;
  let bytes = 0;
  for (const { url, html } of searchRecords(contentDir)) {
    const file = path.join(recordsDir, url, 'index.html');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
    pages++;
    bytes += html.length;
  }
  return { pages, bytes };
}

export async function buildSearchIndex(contentDir: string, bundleDir: string): Promise<SearchIndexResult> {
  const t0 = performance.now();
  const recordsDir = `${bundleDir}.records`;
  try {
    const written = writeRecords(contentDir, recordsDir);
    const t1 = performance.now();
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: recordsDir });
    if (added.errors.length) throw new Error(`pagefind could not index ${recordsDir}: ${added.errors.slice(0, 10).join('; ')}`);
    if (added.page_count !== written.pages) throw new Error(`pagefind indexed ${added.page_count} of ${written.pages} search records in ${recordsDir}`);
    const t2 = performance.now();
    const out = await index.writeFiles({ outputPath: bundleDir });
    if (out.errors.length) throw new Error(`pagefind: ${out.errors.join('; ')}`);
    const t3 = performance.now();
    const s = (ms: number) => Math.round(ms / 100) / 10;
    return { pages: written.pages, recordsMB: Math.round(written.bytes / 1e5) / 10, recordSeconds: s(t1 - t0), addSeconds: s(t2 - t1), writeSeconds: s(t3 - t2) };
  } finally {
    await pagefind.close();
    rmSync(recordsDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [contentDir, bundleDir] = process.argv.slice(2);
  if (!contentDir || !bundleDir) {
    console.error('usage: node scripts/search-index.ts <content-dir> <bundle-dir>');
    process.exit(2);
  }
  buildSearchIndex(path.resolve(contentDir), path.resolve(bundleDir)).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
