/**
 * `node scripts/search-index.ts <content-dir> <bundle-dir>`: the site's Pagefind index, written
 * to `<bundle-dir>` (the build moves it to `dist/pagefind/`). Every build indexes every page.
 *
 * The index is made from the convert step's data (`content/report-data`, `run-data`,
 * `model-data`), one record per indexed page (src/lib/content/searchRecords.ts), not from the
 * built pages: it needs nothing Astro makes, so the build runs it beside Astro, and Pagefind
 * reads a small document per page instead of the page with its line anchors and chrome.
 * Records go through Pagefind's Node API one after another (the service indexes them in the
 * order sent, so the index does not depend on timing); a few are kept in flight so the
 * service never waits for the next.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { REPORT_INPUTS_FILE } from '../src/lib/content/index.ts';
import { reportPagePath } from '../src/lib/content/report.ts';
import { modelRecord, reportRecord, runRecord, type SearchRecord } from '../src/lib/content/searchRecords.ts';
import type { ModelData, ReportData, RunData } from '../src/lib/content/types.ts';

export interface SearchIndexResult {
  readonly pages: number;
  /** Size of the records handed to Pagefind. */
  readonly recordsMB: number;
  /** Reading the data, making the records and indexing them. */
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

export async function buildSearchIndex(contentDir: string, bundleDir: string): Promise<SearchIndexResult> {
  const t0 = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    let bytes = 0;
    let count = 0;
    const failures: string[] = [];
    const inflight = new Set<Promise<void>>();
    for (const { url, html } of searchRecords(contentDir)) {
      bytes += html.length;
      count++;
      const p: Promise<void> = index.addHTMLFile({ url, content: html }).then((r) => {
        if (r.errors.length) failures.push(`${url}: ${r.errors.join('; ')}`);
        inflight.delete(p);
      });
      inflight.add(p);
      if (inflight.size >= 8) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    if (failures.length) throw new Error(`pagefind could not index ${failures.length} pages:\n${failures.slice(0, 10).join('\n')}`);
    const t1 = performance.now();
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    const t2 = performance.now();
    const s = (ms: number) => Math.round(ms / 100) / 10;
    return { pages: count, recordsMB: Math.round(bytes / 1e5) / 10, addSeconds: s(t1 - t0), writeSeconds: s(t2 - t1) };
  } finally {
    await pagefind.close();
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
