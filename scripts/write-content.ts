/**
 * Writes the site's content files from a results tree, incrementally.
 *
 *   tsx scripts/write-content.ts --results DIR [--dumps DIR] [--out content]
 *   tsx scripts/write-content.ts --model-module FILE [--out content]
 *
 * `--search-records DIR`: also writes each report's search record below DIR as the report is made,
 * and prints `report-records-ready` on a line of its own when all are there, so the search index
 * (scripts/search-index.ts `--report-records`) starts on them while the rest is written.
 *
 * `--model-module`: a module exporting `model` or `fixtureModel()` / `syntheticModel()` returning a
 * ResultsModel (test fixtures, benchmarks). Prints counts as one JSON line on stdout.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ResultsModel } from '../src/lib/model.ts';
import { dataPackageMeta, writeContentTo } from '../src/lib/content/index.ts';
import { createMarkdownRenderer } from '../src/lib/content/markdown.ts';
import { ContentWriter } from '../src/lib/content/write.ts';
import { streamDataFiles } from '../src/lib/data/publish.ts';
import { DATA_TABLES } from '../src/lib/data/tables.ts';
import { reportRecordOf, writeRecord } from './search-index.ts';
import { REPORT_RECORDS_READY, announce as say, printResult } from './lib/stepMessages.ts';
import { prerenderMarkdown } from './prerender-markdown.ts';
import { gitlabMarkdownFields } from '../src/lib/content/report.ts';
import { generatedContentDir, notesDir } from '../src/lib/dirs.ts';
import { settings } from '../src/lib/settings.ts';
import { checkNotes, formatNoteProblems, newestFirst, parseNotes } from '../src/lib/notes/check.ts';
import { readNoteFiles } from '../src/lib/notes/files.ts';
import { noteSite } from '../src/lib/notes/site.ts';
import { NOTES_INDEX_FILE, PUBLISHED_DIR } from '../src/lib/content/layout.ts';
import { jsonFile } from '../src/lib/content/text.ts';

export interface WriteContentArgs {
  readonly results?: string;
  readonly dumps?: string;
  readonly modelModule?: string;
  readonly out: string;
  readonly cacheDir?: string;
  /** Folder for the report pages' search records (emptied first). */
  readonly searchRecords?: string;
  /** The embedded sample sits in this project's own repository: its history is not the tree's. */
  readonly noEnclosingGit?: boolean;
  /** The archivists' notes (default: `NOTES_DIR`, else content/notes; src/lib/dirs.ts). */
  readonly notes?: string;
}

/** The flat-key memo of the tree index (src/lib/dumps/tree-index.ts), kept in the render cache. */
function loadFlatKeys(cacheDir: string): Map<string, string> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(path.join(cacheDir, 'flat-keys.json'), 'utf8')) as Record<string, string>));
  } catch {
    return new Map();
  }
}

function saveFlatKeys(cacheDir: string, keys: ReadonlyMap<string, string>): void {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, 'flat-keys.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(keys)));
  renameSync(`${file}.tmp`, file);
}

export async function loadModel(
  args: Pick<WriteContentArgs, 'results' | 'dumps' | 'modelModule'>,
  flatKeys?: Map<string, string>,
): Promise<ResultsModel> {
  if (args.modelModule) {
    const mod = (await import(pathToFileURL(path.resolve(args.modelModule)).href)) as Record<string, unknown>;
    const m = mod.model ?? (typeof mod.fixtureModel === 'function' ? mod.fixtureModel() : undefined) ??
      (typeof mod.syntheticModel === 'function' ? await mod.syntheticModel() : undefined);
    if (!m) throw new Error(`${args.modelModule} exports neither model, fixtureModel() nor syntheticModel()`);
    return m as ResultsModel;
  }
  if (!args.results && !args.dumps) throw new Error('--results DIR and/or --dumps DIR (or --model-module FILE) is required');
  // Imported lazily: a content writer given a model module never loads the tree reader.
  const { readResultsTree } = await import('../src/lib/tree/readTree.ts');
  return readResultsTree(args.results ? path.resolve(args.results) : undefined, {
    ...(args.dumps ? { dumpsDir: path.resolve(args.dumps) } : {}),
    ...(flatKeys ? { flatKeys } : {}),
  });
}

export async function runWriteContent(args: WriteContentArgs) {
  const t0 = performance.now();
  const cacheDir = path.resolve(args.cacheDir ?? settings().renderCacheDir);
  const flatKeys = loadFlatKeys(cacheDir);
  const knownFlatKeys = flatKeys.size;
  const treeModel = await loadModel(args, flatKeys);
  if (flatKeys.size !== knownFlatKeys) saveFlatKeys(cacheDir, flatKeys);
  const t1 = performance.now();
  // The history: read from git (or its cache) after the tree, whose ids it resolves reports by.
  const { readHistory } = await import('../src/lib/tree/history.ts');
  const history = args.modelModule
    ? undefined
    : readHistory(treeModel, {
        ...(args.results ? { resultsDir: path.resolve(args.results) } : {}),
        ...(args.noEnclosingGit ? { noEnclosingGit: true } : {}),
        ...(settings().resultsGit ? { gitDir: path.resolve(settings().resultsGit!) } : {}),
        ...(settings().resultsGitRev ? { rev: settings().resultsGitRev! } : {}),
        cacheDir: path.resolve(settings().historyCacheDir),
      });
  // Its findings go where every other finding goes (the build report, findings.csv).
  const model: ResultsModel = history
    ? {
        ...treeModel,
        findings: [...treeModel.findings, ...history.history.findings],
        ...('head' in history.history ? { history: history.history } : {}),
      }
    : treeModel;
  // What the cache lacks is rendered with every core first (a cold cache), then read back in order.
  const prerendered = await prerenderMarkdown(
    (function* () {
      for (const r of model.reports.values()) for (const f of gitlabMarkdownFields(r)) yield { text: f.value, context: f.context };
    })(),
    cacheDir,
  );
  const markdown = createMarkdownRenderer({ cacheDir });
  const notesFolder = args.notes ?? notesDir();
  const notes = parseNotes(readNoteFiles(path.resolve(notesFolder)));
  const noteOf = new Map(notes.parsed.map((n) => [n.summary.id, n.summary]));
  const reportNoteHashes = new Map(notes.parsed.flatMap((n) => (n.summary.target.kind === 'report' ? [[n.summary.target.stem, n.summary.hash] as const] : [])));
  const recordsDir = args.searchRecords;
  let records = 0;
  const announce = () => say(REPORT_RECORDS_READY);
  if (recordsDir !== undefined) rmSync(recordsDir, { recursive: true, force: true });
  const onReport =
    recordsDir === undefined
      ? undefined
      : (stem: string, json: string) => {
          writeRecord(recordsDir, reportRecordOf(stem, json, noteOf.get(`reports/${stem}`)));
          if (++records === model.reports.size) announce();
        };
  const s = settings();
  const built = s.buildDate ?? new Date().toISOString().slice(0, 10);
  // Every file is handed to the writer as it is made (its text is not kept, only its hash): a
  // changed file is staged beside the output, and the output is only changed by commit(), after
  // the notes are checked. The data files go through csv-stringify's streams.
  const writer = new ContentWriter(args.out);
  let stats: ReturnType<ContentWriter['commit']>;
  let t2: number;
  try {
    const dataFiles = await streamDataFiles(
      model,
      {
        put: (p, text) => writer.put(`${PUBLISHED_DIR}/${p}`, text),
        open: (p) => writer.open(`${PUBLISHED_DIR}/${p}`),
      },
      DATA_TABLES,
      dataPackageMeta(model),
    );
    writeContentTo(model, { markdown, reportNoteHashes, built, dataFiles, ...(history ? { history: history.history } : {}), ...(onReport ? { onReport } : {}) }, writer);
    // Notes are the archivists' code: one that is broken or names what the tree lacks stops the
    // build, with every problem of every note listed (file and line), before anything is written.
    const checked = checkNotes(notes.parsed, noteSite(writer));
    const noteProblems = [...notes.problems, ...checked.problems];
    if (noteProblems.length > 0) {
      throw new Error(`${noteProblems.length} problem${noteProblems.length === 1 ? '' : 's'} in the notes:\n${formatNoteProblems(notesFolder, noteProblems)}`);
    }
    writer.put(NOTES_INDEX_FILE, jsonFile(newestFirst(checked.notes)));
    if (recordsDir !== undefined && model.reports.size === 0) announce();
    t2 = performance.now();
    stats = writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  }
  const t3 = performance.now();
  const kinds: Record<string, number> = {};
  for (const p of writer.paths()) {
    const k = p.includes('/') ? p.slice(0, p.indexOf('/')) : p;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  return {
    ...stats,
    kinds,
    reports: model.reports.size,
    runs: model.runs.size,
    markdownCache: { ...markdown.stats, prerendered },
    history: history ? { source: history.source, ms: history.ms, replayMs: history.replayMs ?? 0, commits: 'head' in history.history ? history.history.commits.length : 0 } : undefined,
    ms: { read: Math.round(t1 - t0), history: history?.ms ?? 0, build: Math.round(t2 - t1) - (history?.ms ?? 0), write: Math.round(t3 - t2) },
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      results: { type: 'string' },
      dumps: { type: 'string' },
      'model-module': { type: 'string' },
      out: { type: 'string', default: generatedContentDir() },
      'cache-dir': { type: 'string' },
      'search-records': { type: 'string' },
      'no-enclosing-git': { type: 'boolean' },
    },
  });
  try {
    const result = await runWriteContent({
      results: values.results,
      dumps: values.dumps,
      modelModule: values['model-module'],
      out: values.out!,
      cacheDir: values['cache-dir'],
      searchRecords: values['search-records'],
      noEnclosingGit: values['no-enclosing-git'],
    });
    printResult(result);
  } catch (e) {
    console.error(`write-content failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  }
}
