/**
 * Model → content files (relative path → file text). Pure and deterministic: the same model and
 * renderer give byte-identical output, in sorted path order.
 *
 * Layout (all under the generated content folder, `.cache/content/` by default):
 *   report-data/<source>/<id>.json   everything the report page shows (no MDX: src/lib/content/report.ts)
 *   run-data/<slug>.json, run-members/<slug>/<i>-<page>.json  (<i>: the label's place among the run's label pages)
 *   model-data/<slug>.json
 *   source-index/<source>/<page>.json
 *   raw-data/<slug>.json             unrecognised files, published as /raw/<slug>.txt
 *   site.json                        home summary + build report
 *   path-index.json                  the legacy-link resolver's index, served as <base>path-index.json
 *   published/<site path>            data files served as they are (src/lib/data/publish.ts):
 *                                    data/*.csv, data/datapackage.json, runs/<slug>/*.csv
 *   data-index.json                  what the /data/ page says about them
 *   site-pages.json                  the pages the sitemap lists (relative to the base)
 *   report-inputs.json               every report page: stem → hash of its JSON (the pages to build)
 *   tree.json                        the tree's commit and the build day, on every page (history.ts)
 *   history/index.json, history/commits/<short>/<page>.json, history/runs/<slug>.json
 *                                    the log, each commit's changes, the runs that ended
 */
import { createHash } from 'node:crypto';
import { DATA_INDEX_FILE, PUBLISHED_DIR, REPORT_INPUTS_FILE } from './layout.ts';
import type { Report, ResultsModel, Run, Verdict } from '../model.ts';
import { SOURCES } from '../model.ts';
import { reportData, type Markdown } from './report.ts';
import { compare as cmp, compareKeys } from '../order.ts';
import { reportPathStem } from '../paths.ts';
import { runContent } from './run.ts';
import { modelData, modelNames, modelSlugOf } from './modelPages.ts';
import { verdictsByRun } from './runVerdicts.ts';
import { TASK_ORDER, TASK_TITLES } from './tasks.ts';
import { comparisonContent, runComparisons } from './compare.ts';
import { cutTitle, jsonFile, LARGE_TEXT_CHARS, textBeginning } from './text.ts';
import { runVerdictsPath } from '../data/tables.ts';
import { buildPathIndex } from '../links/pathIndex.ts';
import { sitePages } from '../links/sitemap.ts';
import { dataFilesInMemory, packageMeta, type StreamedDataFiles } from '../data/publish.ts';
import { DATA_TABLES, reportVerdictsCsv } from '../data/tables.ts';
import type { RawData, RunData, SiteData, SourceIndexData } from './types.ts';
import { hasHistory, type HistoryInput } from '../history/types.ts';
import { historyContext, historyFiles, reportHistory, runHistory, treeStamp, type HistoryContext } from './history.ts';
import { TREE_STAMP_FILE } from './layout.ts';
import { settings } from '../settings.ts';

export const SOURCE_PAGE_SIZE = 1000;

export interface BuildOptions {
  /** GitLab markdown → sanitised HTML (see markdown.ts). */
  readonly markdown: Markdown;
  /**
   * Called with each report's JSON as it is made, in stem order, so the search index can start
   * on the reports while the rest of the content is made (scripts/write-content.ts).
   */
  readonly onReport?: (stem: string, json: string) => void;
  /** The tree's git history (src/lib/tree/history.ts); absent or `NoHistory`: the pages say there is none. */
  readonly history?: HistoryInput;
  /** The day the content is written (`2026-12-04`), for every page's "built" line. */
  readonly built?: string;
  /**
   * Report stem → hash of the archivists' note on it (src/lib/notes/): the note is part of what
   * the page is made from, so an edited note makes its page again in an incremental build.
   */
  readonly reportNoteHashes?: ReadonlyMap<string, string>;
  /**
   * The data files, already written under `published/` through streams (src/lib/data/publish.ts
   * `streamDataFiles`): what they are, for /data/ and the run pages.
   */
  readonly dataFiles: StreamedDataFiles;
}

/** Where content files go as they are made: a Map (`buildContent`) or the streaming writer (write.ts `ContentWriter`). */
export interface ContentSink {
  /** Adds one content file; two at one path is a bug of the writer (the sink throws). */
  put(path: string, text: string): void;
}

export { rawSlugs } from '../rawSlugs.ts';
import { rawSlugs } from '../rawSlugs.ts';

/** Adds one content file; two at one path is a bug of the writer. */
type Put = (path: string, text: string) => void;

/** The data files as putRuns needs them: which paths there are, and the index. */
type DataFiles = Pick<StreamedDataFiles, 'index'> & { readonly has: (path: string) => boolean };

/** Every content file in memory, data files included, in sorted path order (tests; the build streams them: `writeContentTo`). */
export async function buildContent(model: ResultsModel, options: Omit<BuildOptions, 'dataFiles'>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const put = (path: string, text: string) => {
    if (files.has(path)) throw new Error(`two content files at ${path}`);
    files.set(path, text);
  };
  const data = await dataFilesInMemory(model, DATA_TABLES, dataPackageMeta(model));
  for (const [path, text] of data.files) put(`${PUBLISHED_DIR}/${path}`, text);
  writeContentTo(model, { ...options, dataFiles: data }, { put });
  return new Map([...files].sort((a, b) => cmp(a[0], b[0])));
}

/**
 * Makes every content file and hands each to `sink` as soon as it is made, so none needs to be
 * held (a report's JSON is made, hashed and handed on; the next one is made after).
 */
export function writeContentTo(model: ResultsModel, options: BuildOptions, sink: ContentSink): void {
  const put: Put = (path, text) => sink.put(path, text);

  const reports = [...model.reports.values()].sort((a, b) => compareKeys(a.key, b.key));
  const history = hasHistory(options.history) ? historyContext(model, options.history) : undefined;
  put(TREE_STAMP_FILE, jsonFile(treeStamp(options.history, options.built ?? new Date().toISOString().slice(0, 10))));
  if (history) putHistory(history, put);
  const reportInputs = putReports(model, reports, options, put, history);
  const sources = putSourceIndexes(model, reports, put);

  // Comparisons (tasks, pairs, curated sets, the reviewer).
  const vByRun = verdictsByRun(model);
  const runTotals = new Map([...vByRun].map(([name, list]) => [name, list.length]));
  const { comparisons, files: comparisonFiles } = comparisonContent(model, runTotals);
  for (const [file, data] of comparisonFiles) put(file, jsonFile(data));

  const dataFiles = putDataFiles(put, options.dataFiles);
  const runs = [...model.runs.values()].sort((a, b) => cmp(a.name, b.name));
  putRuns(model, runs, vByRun, comparisons, dataFiles, put, history);
  const names = putModels(model, runTotals, put);
  const raw = putRawFiles(model, put);
  put('site.json', jsonFile(siteData(model, { sources, reportCount: reports.length, runs, runTotals, modelNames: names, raw })));

  // What the links endpoints need (src/pages/path-index.json.ts, sitemap.xml.ts), so the Astro
  // build never reads the results tree itself.
  put('path-index.json', jsonFile(buildPathIndex(model)));
  put('site-pages.json', jsonFile(sitePages(model)));
  put(REPORT_INPUTS_FILE, jsonFile(reportInputs));
}

/** `history/index.json` (the log), `history/commits/<short>/<page>.json`, `history/runs/<slug>.json` (runs that ended). */
function putHistory(history: HistoryContext, put: Put): void {
  const files = historyFiles(history);
  put('history/index.json', jsonFile(files.index));
  for (const [file, page] of files.commitPages) put(file, jsonFile(page));
  for (const [slug, run] of files.endedRuns) put(`history/runs/${slug}.json`, jsonFile(run));
}

/**
 * `report-data/<stem>.json` per report (a text too large for its page also as a raw file), and
 * what an incremental build compares (scripts/incremental/): a report page is made from its JSON
 * alone, so the JSON's hash says when the page must be made again.
 */
function putReports(model: ResultsModel, reports: readonly Report[], options: BuildOptions, put: Put, history: HistoryContext | undefined): Record<string, string> {
  const reportInputs: Record<string, string> = {};
  for (const r of reports) {
    const stem = reportPathStem(r);
    const data = reportData(model, r, options.markdown);
    const texts = data.texts.map((t) => {
      if (t.text.length <= LARGE_TEXT_CHARS) return t;
      const rawSlug = `texts~/${stem}/${t.kind}`;
      const raw: RawData = { path: t.provenance[0]?.path ?? r.key, blob: t.provenance[0]?.blob ?? '', slug: rawSlug, text: t.text };
      put(`raw-data/${rawSlug}.json`, jsonFile(raw));
      const shown = textBeginning(t.text);
      return { ...t, text: shown, clipped: { totalChars: t.text.length, totalBytes: Buffer.byteLength(t.text, 'utf8'), shownChars: shown.length, rawSlug } };
    });
    // The report's rows of data/verdicts.csv, linked from its page (as a data: URL: a file per
    // report would double the site's file count).
    const verdictsCsv = data.verdicts.length ? reportVerdictsCsv(model, model.verdictsByReport.get(r.key) ?? []) : undefined;
    const json = jsonFile({
      ...data,
      texts,
      ...(verdictsCsv ? { verdictsCsv } : {}),
      ...(history ? { at: history.history.head.sha, history: reportHistory(history, r.key) } : {}),
    });
    put(`report-data/${stem}.json`, json);
    const note = options.reportNoteHashes?.get(stem);
    reportInputs[stem] = createHash('sha1').update(json).update(note === undefined ? '' : `\0note ${note}`).digest('hex');
    options.onReport?.(stem, json);
  }
  return reportInputs;
}

/** `source-index/<source>/<page>.json`: each source's reports, SOURCE_PAGE_SIZE a page. */
function putSourceIndexes(model: ResultsModel, reports: readonly Report[], put: Put): SiteData['sources'][number][] {
  const bySource = new Map<string, Report[]>();
  for (const r of reports) {
    const l = bySource.get(r.source) ?? [];
    l.push(r);
    bySource.set(r.source, l);
  }
  const sources: SiteData['sources'][number][] = [];
  for (const source of SOURCES) {
    const list = bySource.get(source);
    if (!list?.length) continue;
    const pages = Math.ceil(list.length / SOURCE_PAGE_SIZE);
    sources.push({ source, count: list.length, pages });
    for (let p = 1; p <= pages; p++) {
      const data: SourceIndexData = {
        source,
        page: p,
        pages,
        reports: list.slice((p - 1) * SOURCE_PAGE_SIZE, p * SOURCE_PAGE_SIZE).map((r) => ({
          id: r.id,
          stem: reportPathStem(r),
          title: cutTitle(r.title),
          verdicts: model.verdictsByReport.get(r.key)?.length ?? 0,
        })),
      };
      put(`source-index/${source}/${p}.json`, jsonFile(data));
    }
  }
  return sources;
}

/** datapackage.json's version and created, from the build's settings. */
export function dataPackageMeta(model: Pick<ResultsModel, 'raw' | 'history'>): ReturnType<typeof packageMeta> {
  const s = settings();
  return packageMeta(model, { SOURCE_DATE_EPOCH: s.sourceDateEpoch?.toString(), UPSTREAM_COMMIT: s.upstreamCommit });
}

/** What /data/ says of the data files (written under published/, served by src/pages/data/[...file].ts and runs/[slug]/[file].ts). */
function putDataFiles(put: Put, streamed: StreamedDataFiles): DataFiles {
  put(DATA_INDEX_FILE, jsonFile(streamed.index));
  return { index: streamed.index, has: (path) => streamed.paths.has(path) };
}

/** Per run: `run-data/<slug>.json` and its label pages' `run-members/` files. */
function putRuns(
  model: ResultsModel,
  runs: readonly Run[],
  vByRun: ReadonlyMap<string, readonly Verdict[]>,
  comparisons: Parameters<typeof runComparisons>[0],
  dataFiles: DataFiles,
  put: Put,
  history: HistoryContext | undefined,
): void {
  const verdictParts = new Map(dataFiles.index.tables.find((t) => t.name === 'verdicts')?.parts?.files.map((f) => [f.path, f]) ?? []);
  for (const run of runs) {
    const content = runContent(model, run, vByRun.get(run.name) ?? [], runComparisons(comparisons, run, model));
    const { members } = content;
    const own = dataFiles.index.runFiles[run.slug];
    const downloads: RunData['downloads'] = {
      ...(verdictParts.has(runVerdictsPath(run)) ? { verdicts: verdictParts.get(runVerdictsPath(run))! } : {}),
      ...(own?.categories ? { categories: own.categories } : {}),
      ...(own?.analysis ? { analysis: own.analysis } : {}),
    };
    // A label page is a folder beside the run's files: a label spelled like one would hide it.
    for (const l of content.data.labelPages) {
      if (dataFiles.has(`runs/${run.slug}/${decodeURIComponent(l.labelSlug)}`)) {
        throw new Error(`run ${run.name}: the label page of "${l.label}" would have the address of a data file`);
      }
    }
    const life = history?.history.runs.get(run.name);
    const runData: RunData = { ...content.data, downloads, ...(history && life ? { history: runHistory(history, life) } : {}) };
    put(`run-data/${run.slug}.json`, jsonFile(runData));
    for (const m of members) put(m.file, jsonFile(m.data));
  }
}

/** Per model: `model-data/<slug>.json`. Returns the model names, sorted. */
function putModels(model: ResultsModel, runTotals: ReadonlyMap<string, number>, put: Put): string[] {
  const names = modelNames(model);
  for (const name of names) {
    const slug = modelSlugOf(model, name);
    put(`model-data/${slug}.json`, jsonFile(modelData(model, name, runTotals)));
  }
  return names;
}

/** `raw-data/<slug>.json` per file of no known layout, published as /raw/<slug>.txt. */
function putRawFiles(model: ResultsModel, put: Put): SiteData['raw'][number][] {
  const slugs = rawSlugs(model.raw.map((r) => r.path));
  const raw: SiteData['raw'][number][] = [];
  for (const r of [...model.raw].sort((a, b) => cmp(a.path, b.path))) {
    const slug = slugs.get(r.path)!;
    const data: RawData = { path: r.path, blob: r.blob, slug, text: r.text };
    put(`raw-data/${slug}.json`, jsonFile(data));
    raw.push({ path: r.path, blob: r.blob, size: Buffer.byteLength(r.text, 'utf8'), slug });
  }
  return raw;
}

/** `site.json`: the home page's summary and the build report. */
function siteData(
  model: ResultsModel,
  parts: {
    readonly sources: SiteData['sources'];
    readonly reportCount: number;
    readonly runs: readonly Run[];
    readonly runTotals: ReadonlyMap<string, number>;
    readonly modelNames: readonly string[];
    readonly raw: SiteData['raw'];
  },
): SiteData {
  const { sources, reportCount, runs, runTotals, modelNames: names, raw } = parts;
  const runsByTask = TASK_ORDER.concat([...new Set(runs.map((r) => r.task))].filter((t) => !TASK_ORDER.includes(t)))
    .map((task) => ({
      task,
      title: TASK_TITLES[task] ?? task,
      runs: runs
        .filter((r) => r.task === task)
        .map((r) => ({ name: r.name, slug: r.slug, models: r.models, total: runTotals.get(r.name) ?? 0 })),
    }))
    .filter((t) => t.runs.length > 0);
  const findingCounts: Record<string, number> = {};
  for (const f of model.findings) findingCounts[f.severity] = (findingCounts[f.severity] ?? 0) + 1;
  return {
    generatedFrom: 'results/',
    sources,
    reportCount,
    runsByTask,
    models: names.map((name) => ({
      name,
      slug: modelSlugOf(model, name),
      runs: runs.filter((r) => r.models.includes(name)).length,
    })),
    curatedSets: model.curatedSets.map((s) => ({
      name: s.name,
      members: s.members.length,
      missing: s.members.filter((m) => !model.reports.get(m.reportKey)?.text).length,
    })),
    findings: model.findings.map((f) => {
      const o: { path: string; message: string; line?: number; severity: string } = {
        path: f.path,
        message: f.message,
        severity: f.severity,
      };
      if (f.line !== undefined) o.line = f.line;
      return o;
    }),
    findingCounts,
    dumps: model.dumps.map((d) => {
      const o: { -readonly [K in keyof SiteData['dumps'][number]]: SiteData['dumps'][number][K] } = {
        file: d.file,
        style: d.style,
        status: d.status,
        path: d.path,
        candidates: d.candidates,
        blob: d.blob,
        losses: d.losses,
      };
      if (d.shownBlob !== undefined) o.shownBlob = d.shownBlob;
      if (d.labelGuess !== undefined) o.labelGuess = d.labelGuess;
      if (d.reportId !== undefined) o.reportId = d.reportId;
      return o;
    }),
    inputs: { total: model.inputs.total, byLayout: model.inputs.byLayout },
    raw,
    lost: model.lost,
    unrecognized: model.unrecognized,
  };
}
