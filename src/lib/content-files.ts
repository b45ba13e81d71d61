/**
 * Build-time reads of the big per-report JSON files straight from the generated `report-data/`.
 *
 * Why not a data collection: Astro's content layer loads every collection entry into its data
 * store (in memory, then serialised to node_modules/.astro/data-store.json). For the corpus's
 * thousands of large report files that alone cost seconds and a large share of the build's peak
 * memory (`npm run bench` measures both); reading each file only while its page renders costs
 * neither. The small JSON collections (runs,
 * models, site) stay collections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { entriesBelow } from './files.ts';
import { generatedContentDir } from './dirs.ts';
import { NOTES_INDEX_FILE, PUBLISHED_DIR, REPORT_INPUTS_FILE, TREE_STAMP_FILE } from './content/layout.ts';
import type { ReportData, TreeStamp } from './content/types.ts';
import { noteSite, type ContentReader } from './notes/site.ts';
import type { NoteSite, NoteSummary } from './notes/check.ts';

export const contentDir = path.resolve(generatedContentDir());

export function readReportData(entryId: string): ReportData {
  const file = path.join(contentDir, 'report-data', `${entryId}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ReportData;
  } catch (e) {
    throw new Error(`cannot read ${file} (rerun scripts/write-content.ts): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The stem (`gitlab/2469`) of every report page to build, in the content writer's order. */
export function readReportStems(): string[] {
  return Object.keys(JSON.parse(readContentText(REPORT_INPUTS_FILE)) as Record<string, string>);
}

/** A JSON file the content writer put at the top of `content/` (`path-index.json`, `site-pages.json`). */
export function readContentText(name: string): string {
  const file = path.join(contentDir, name);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file} (rerun scripts/write-content.ts): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The content writer's folder of files published as they are. */
const publishedDir = path.join(contentDir, PUBLISHED_DIR);

/** Site paths (relative to the base) of the published files under `folder` (`data`, `runs`), sorted. */
export function listPublished(folder: string): string[] {
  return entriesBelow(path.join(publishedDir, folder), { missingOk: true }).map((e) => `${folder}/${e.rel}`);
}

/** A published file's text, by its site path. */
export function readPublished(sitePath: string): string {
  const file = path.join(publishedDir, sitePath);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file} (rerun scripts/write-content.ts): ${e instanceof Error ? e.message : String(e)}`);
  }
}

let stamp: TreeStamp | undefined;
/** What every page says it shows (`content/tree.json`), read once per build. */
export function readTreeStamp(): TreeStamp {
  stamp ??= JSON.parse(readContentText(TREE_STAMP_FILE)) as TreeStamp;
  return stamp;
}

/** A JSON file below `content/history/` (the log, a commit's page, a run that ended). */
export function readHistoryFile<T>(rel: string): T {
  return JSON.parse(readContentText(path.join('history', rel))) as T;
}

/** Files below `content/history/<folder>/`, relative to it, sorted (none without history). */
export function listHistoryFiles(folder: string): string[] {
  return entriesBelow(path.join(contentDir, 'history', folder), { missingOk: true }).map((e) => e.rel);
}

/** The generated files as notes read them (src/lib/notes/site.ts), from the content folder. */
export const contentReader: ContentReader = {
  read(p) {
    try {
      return readFileSync(path.join(contentDir, p), 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (folder) => entriesBelow(path.join(contentDir, folder), { missingOk: true }).map((e) => `${folder}/${e.rel}`),
};

let site: NoteSite | undefined;
/** The site's data as the notes' components resolve against it (one per build process). */
export function noteSiteOfContent(): NoteSite {
  site ??= noteSite(contentReader);
  return site;
}

/** The archivists' notes, checked by the content step, newest first. */
export function readNotesIndex(): NoteSummary[] {
  return JSON.parse(readContentText(NOTES_INDEX_FILE)) as NoteSummary[];
}
