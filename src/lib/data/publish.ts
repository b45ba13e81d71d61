/**
 * The model as downloadable files: each table of `DATA_TABLES` as `data/<name>.csv` (and its
 * parts, e.g. `runs/<slug>/verdicts.csv`), a spreadsheet copy of any file holding cells a
 * spreadsheet would run as formulas, `data/datapackage.json` describing the tables, and each
 * run's own categories.csv / analysis.csv as read. Pure: the same model gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { ResultsModel } from '../model.ts';
import { compare as cmp } from '../order.ts';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { csvStringifyOptions, isFormulaCell, type CsvColumn } from './csv.ts';
import { cellText, type AnyDataTable, type FieldType } from './table.ts';
import { DATA_TABLES } from './tables.ts';
import type { CsvFileInfo } from '../content/types.ts';

export const DATA_DIR = 'data';
export const DATAPACKAGE_PATH = `${DATA_DIR}/datapackage.json`;

export interface DataFieldInfo {
  readonly name: string;
  readonly type: FieldType;
  readonly format?: string;
  readonly description: string;
  readonly constraints?: { readonly enum: readonly string[] };
}

export interface DataTableInfo extends CsvFileInfo {
  readonly name: string;
  readonly title: string;
  readonly row: string;
  readonly description: string;
  readonly fields: readonly DataFieldInfo[];
  readonly primaryKey?: readonly string[];
  /** The table's parts (`runs/<slug>/verdicts.csv`), in path order. */
  readonly parts?: { readonly of: string; readonly files: readonly CsvFileInfo[] };
}

/** `content/data-index.json`: what the /data/ page and the run pages say about the files. */
/**
 * What datapackage.json says of the whole package: the licence as the study states it (a
 * `LICENSE`/`COPYING` file at the top of the tree) or that it states none; the tree's commit as
 * its version, where the build knows it (the history's head, else `UPSTREAM_COMMIT`); and when it
 * was made.
 */
export interface PackageMeta {
  readonly licence: { readonly title: string; readonly path?: string };
  readonly version?: string;
  /** ISO 8601, UTC: `SOURCE_DATE_EPOCH` where set (reproducible builds), else the build's time. */
  readonly created: string;
}

export const UNKNOWN_LICENCE = 'unknown: the study states no licence; see upstream';

/** The package's licence, version and date from the model and the build's environment. */
export function packageMeta(model: Pick<ResultsModel, 'raw' | 'history'>, env: Readonly<Record<string, string | undefined>>, now: () => Date = () => new Date()): PackageMeta {
  const file = model.raw.find((r) => /^results\/(?:LICEN[CS]E|COPYING)(?:\.[a-z]+)?$/i.test(r.path));
  const firstLine = file?.text.split('\n').map((l) => l.trim()).find((l) => l !== '');
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const created = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now();
  const version = model.history?.head.sha ?? env.UPSTREAM_COMMIT?.trim();
  return {
    licence: file ? { title: firstLine ?? file.path, path: file.path } : { title: UNKNOWN_LICENCE },
    ...(version ? { version } : {}),
    created: created.toISOString(),
  };
}

export interface DataIndex {
  readonly tables: readonly DataTableInfo[];
  readonly datapackage: { readonly path: string; readonly bytes: number };
  readonly meta: PackageMeta;
  /** Each run's own categories.csv / analysis.csv as published: run slug → site paths. */
  readonly runFiles: Readonly<Record<string, { readonly run: string; readonly categories?: string; readonly analysis?: string }>>;
}

export interface DataFiles {
  /** Site path (relative to the base) → file text. */
  readonly files: ReadonlyMap<string, string>;
  readonly index: DataIndex;
}

/** `runs/x/verdicts.csv` → `runs/x/verdicts.spreadsheet.csv`. */
export function spreadsheetPath(path: string): string {
  return path.replace(/\.csv$/, '.spreadsheet.csv');
}

/** A run's own count tables, published as read: `runs/<slug>/categories.csv`, `runs/<slug>/analysis.csv`. */
export function runCountsPath(slug: string, which: 'categories' | 'analysis'): string {
  return `runs/${slug}/${which}.csv`;
}

/**
 * Paths an endpoint serves: anything under `data/` (src/pages/data/[...file].ts) and a file
 * beside a run's page (src/pages/runs/[slug]/[file].ts). A part elsewhere would be written and
 * never published.
 */
const SERVED = /^(?:data\/(?:[^/]+\/)*[^/]+|runs\/[^/]+\/[^/]+)$/;

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'number']);

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

function checkServed(path: string): void {
  if (!SERVED.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`data file ${path}: no endpoint publishes it (use data/… or runs/<slug>/<file>)`);
  }
}

function checkTableName(table: AnyDataTable, names: Set<string>): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(table.name)) throw new Error(`data table name ${JSON.stringify(table.name)}: use lower case, digits and -`);
  if (names.has(table.name)) throw new Error(`two data tables named ${table.name}`);
  names.add(table.name);
}

function columnsOf(table: AnyDataTable): CsvColumn[] {
  return table.fields.map((f) => ({ name: f.name, numeric: NUMERIC.has(f.type) }));
}

function cellsOf(table: AnyDataTable, row: unknown): (string | undefined)[] {
  return table.fields.map((f) => {
    try {
      return cellText(f.type, f.value(row));
    } catch (e) {
      throw new Error(`data table ${table.name}, column ${f.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function tableInfo(table: AnyDataTable, whole: CsvFileInfo): { -readonly [K in keyof DataTableInfo]: DataTableInfo[K] } {
  const info: { -readonly [K in keyof DataTableInfo]: DataTableInfo[K] } = {
    ...whole,
    name: table.name,
    title: table.title,
    row: table.row,
    description: table.description,
    fields: table.fields.map((f) => ({ name: f.name, type: f.type, ...(f.format !== undefined ? { format: f.format } : {}), description: f.description, ...(f.constraints !== undefined ? { constraints: f.constraints } : {}) })),
  };
  if (table.primaryKey) info.primaryKey = table.primaryKey;
  return info;
}

/**
 * The data files as texts in memory (tests, and `buildContent`): `streamDataFiles` into a sink that
 * keeps each file, so there is one way the files are made.
 */
export async function dataFilesInMemory(
  model: ResultsModel,
  tables: readonly AnyDataTable[] = DATA_TABLES,
  meta: PackageMeta = packageMeta(model, {}, () => new Date(0)),
): Promise<DataFiles & StreamedDataFiles> {
  const files = new Map<string, string>();
  const streamed = await streamDataFiles(model, memoryDataSink(files), tables, meta);
  return { files: new Map([...files].sort((a, b) => cmp(a[0], b[0]))), index: streamed.index, paths: streamed.paths };
}

/** A sink that keeps every data file's text in `files` (site path → text). */
export function memoryDataSink(files: Map<string, string>): DataFileSink {
  return {
    put: (path, text) => {
      if (files.has(path)) throw new Error(`two data files at ${path}`);
      files.set(path, text);
    },
    open: (path) => {
      const chunks: Buffer[] = [];
      const stream = new Writable({
        write: (chunk: Buffer | string, _encoding, done) => {
          chunks.push(Buffer.from(chunk));
          done();
        },
      });
      return {
        stream,
        done: async () => {
          const bytes = Buffer.concat(chunks);
          if (files.has(path)) throw new Error(`two data files at ${path}`);
          files.set(path, bytes.toString('utf8'));
          return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
        },
      };
    },
  };
}

/**
 * A Frictionless Tabular Data Package (v1 profile, which v2 readers read too): each table's
 * CSV with its dialect, schema, keys, size and sha-256. Paths are relative to the descriptor.
 */
function dataPackage(tables: readonly AnyDataTable[], infos: readonly DataTableInfo[], sha256: (path: string) => string, meta: PackageMeta) {
  return {
    profile: 'tabular-data-package',
    name: 'emulator-bug-study-results',
    title: 'Emulator bug-study results',
    licenses: [{ title: meta.licence.path ? `${meta.licence.title} (the tree's ${meta.licence.path})` : meta.licence.title }],
    ...(meta.version ? { version: meta.version } : {}),
    created: meta.created,
    description:
      'Scraped emulator bug reports (QEMU, box64, FEX) and how LLM and zero-shot classifier runs labelled them, as published by the results archive. Lists are JSON arrays; an empty field is a missing value, `""` an empty text.',
    resources: tables.map((table, i) => {
      const info = infos[i]!;
      return {
        name: table.name,
        path: info.path.slice(DATA_DIR.length + 1),
        profile: 'tabular-data-resource',
        title: table.title,
        description: `${table.description} One row is ${table.row}.`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: info.bytes,
        hash: `sha256:${sha256(info.path)}`,
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: info.fields.map((f) => ({ name: f.name, type: f.type, ...(f.format !== undefined ? { format: f.format } : {}), description: f.description, ...(f.constraints !== undefined ? { constraints: f.constraints } : {}) })),
          missingValues: [''],
          ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}),
          ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
        },
      };
    }),
  };
}

/** Each run's own categories.csv / analysis.csv, as read. */
function putRunCounts(model: ResultsModel, put: (path: string, text: string) => void): DataIndex['runFiles'] {
  const runFiles: Record<string, { run: string; categories?: string; analysis?: string }> = {};
  for (const run of [...model.runs.values()].sort((a, b) => cmp(a.slug, b.slug))) {
    const entry: { run: string; categories?: string; analysis?: string } = { run: run.name };
    if (run.categoriesCsv) put((entry.categories = runCountsPath(run.slug, 'categories')), run.categoriesCsv.text);
    if (run.analysisCsv) put((entry.analysis = runCountsPath(run.slug, 'analysis')), run.analysisCsv.text);
    if (entry.categories || entry.analysis) runFiles[run.slug] = entry;
  }
  return runFiles;
}

/** Where a streamed data file goes: a writable for its bytes, then kept (`done`) or dropped (`discard`). */
export interface DataFileStream {
  readonly stream: Writable;
  /** After the stream has finished: keeps the file; its size and SHA-256. */
  done(): Promise<{ readonly bytes: number; readonly sha256: string }>;
}

export interface DataFileSink {
  /** A data file written whole (datapackage.json, a run's own count table). */
  put(path: string, text: string): void;
  open(path: string): DataFileStream;
}

/** What `streamDataFiles` made: the paths written (site paths) and what /data/ says of them. */
export interface StreamedDataFiles {
  readonly paths: ReadonlySet<string>;
  readonly index: DataIndex;
}

type Out = { file: DataFileStream; csv: Stringifier };

/**
 * One CSV being written through csv-stringify's stream, and its spreadsheet copy when a row has
 * a cell a spreadsheet would take for a formula. The copy is started at the first such row: the
 * rows before it are made again (`replay`, the table's rows are pure) into it, so a file without
 * such cells (every large one on the corpus) costs no second text.
 */
class CsvOut {
  readonly path: string;
  readonly columns: readonly CsvColumn[];
  readonly exact: Out;
  sheet: Out | undefined;
  rows = 0;
  formulaCells = 0;
  sha256 = '';
  private readonly sink: DataFileSink;
  constructor(path: string, columns: readonly CsvColumn[], sink: DataFileSink) {
    this.path = path;
    this.columns = columns;
    this.sink = sink;
    this.exact = this.open(path, false);
  }

  private open(p: string, spreadsheet: boolean): Out {
    const file = this.sink.open(p);
    // Records are small: the stream's default buffer (16 records) made every few rows wait.
    const csv = stringify({ ...csvStringifyOptions(this.columns, { spreadsheet }), writableHighWaterMark: 4096 });
    csv.pipe(file.stream);
    // The header row is the first record.
    csv.write(this.columns.map((c) => c.name));
    return { file, csv };
  }

  /**
   * Writes one row; resolves when the streams can take more. `replay` gives the rows written
   * before this one, made again, for a spreadsheet copy started at this row.
   */
  async write(cells: readonly (string | undefined)[], replay: () => Iterable<readonly (string | undefined)[]>): Promise<void> {
    this.rows++;
    let risky = 0;
    cells.forEach((cell, i) => {
      if (isFormulaCell(this.columns[i]!, cell)) risky++;
    });
    this.formulaCells += risky;
    if (risky > 0 && this.sheet === undefined) {
      this.sheet = this.open(spreadsheetPath(this.path), true);
      for (const earlier of replay()) await put(this.sheet.csv, earlier);
    }
    await Promise.all([put(this.exact.csv, cells), this.sheet ? put(this.sheet.csv, cells) : undefined]);
  }

  async end(): Promise<CsvFileInfo> {
    const finish = async (o: Out) => {
      o.csv.end();
      await finished(o.file.stream);
    };
    await Promise.all([finish(this.exact), this.sheet ? finish(this.sheet) : undefined]);
    const exact = await this.exact.file.done();
    const info: { -readonly [K in keyof CsvFileInfo]: CsvFileInfo[K] } = { path: this.path, bytes: exact.bytes, rows: this.rows, formulaCells: this.formulaCells };
    this.sha256 = exact.sha256;
    if (this.sheet) {
      const sheet = await this.sheet.file.done();
      info.spreadsheet = { path: spreadsheetPath(this.path), bytes: sheet.bytes };
    }
    return info;
  }
}

/** One record into a stringifier; waits only when its buffer is full. */
function put(csv: Stringifier, cells: readonly (string | undefined)[]): Promise<void> | undefined {
  return csv.write(cells) ? undefined : once(csv, 'drain').then(() => undefined);
}

/**
 * The data files written through streams: each table's rows are made one by one and go through
 * csv-stringify's stream into its file (and its parts' files), never held whole.
 */
export async function streamDataFiles(
  model: ResultsModel,
  sink: DataFileSink,
  tables: readonly AnyDataTable[] = DATA_TABLES,
  meta: PackageMeta = packageMeta(model, {}, () => new Date(0)),
): Promise<StreamedDataFiles> {
  const paths = new Set<string>();
  const claim = (path: string) => {
    if (paths.has(path)) throw new Error(`two data files at ${path}`);
    checkServed(path);
    paths.add(path);
  };
  const infos: DataTableInfo[] = [];
  const hashes = new Map<string, string>();
  const names = new Set<string>();
  for (const table of tables) {
    checkTableName(table, names);
    const columns = columnsOf(table);
    const wholePath = `${DATA_DIR}/${table.name}.csv`;
    claim(wholePath);
    const whole = new CsvOut(wholePath, columns, sink);
    const parts = new Map<string, CsvOut>();
    /** The table's rows before row `upTo` (of one part, if given), made again. */
    function* earlier(upTo: number, part?: string): Iterable<(string | undefined)[]> {
      let i = 0;
      for (const row of table.rows(model)) {
        if (i++ >= upTo) return;
        if (part === undefined || table.parts!.path(row) === part) yield cellsOf(table, row);
      }
    }
    let index = 0;
    for (const row of table.rows(model)) {
      const at = index++;
      const cells = cellsOf(table, row);
      await whole.write(cells, () => earlier(at));
      if (table.parts) {
        const partPath = table.parts.path(row);
        let part = parts.get(partPath);
        if (!part) {
          claim(partPath);
          part = new CsvOut(partPath, columns, sink);
          parts.set(partPath, part);
        }
        await part.write(cells, () => earlier(at, partPath));
      }
    }
    const info = tableInfo(table, await whole.end());
    hashes.set(wholePath, whole.sha256);
    if (info.spreadsheet) claim(info.spreadsheet.path);
    if (table.parts) {
      const files: CsvFileInfo[] = [];
      for (const path of [...parts.keys()].sort(cmp)) {
        const part = await parts.get(path)!.end();
        if (part.spreadsheet) claim(part.spreadsheet.path);
        files.push(part);
      }
      info.parts = { of: table.parts.of, files };
    }
    infos.push(info);
  }
  const put = (path: string, text: string) => {
    claim(path);
    sink.put(path, text);
  };
  const datapackage = `${JSON.stringify(dataPackage(tables, infos, (path) => hashes.get(path)!, meta), null, 2)}\n`;
  put(DATAPACKAGE_PATH, datapackage);
  const runFiles = putRunCounts(model, put);
  return { paths, index: { tables: infos, datapackage: { path: DATAPACKAGE_PATH, bytes: byteLength(datapackage) }, meta, runFiles } };
}
