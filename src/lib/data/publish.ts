/**
 * The model as downloadable files: each table of `DATA_TABLES` as `data/<name>.csv` (and its
 * parts, e.g. `runs/<slug>/verdicts.csv`), a spreadsheet copy of any file holding cells a
 * spreadsheet would run as formulas, `data/datapackage.json` describing the tables, and each
 * run's own categories.csv / analysis.csv as read. Pure: the same model gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { ResultsModel } from '../model.ts';
import { compare as cmp } from '../order.ts';
import { csvText, formulaCells, type CsvColumn } from './csv.ts';
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

export function buildDataFiles(model: ResultsModel, tables: readonly AnyDataTable[] = DATA_TABLES, meta: PackageMeta = packageMeta(model, {}, () => new Date(0))): DataFiles {
  const files = new Map<string, string>();
  const put = (path: string, text: string) => {
    if (files.has(path)) throw new Error(`two data files at ${path}`);
    if (!SERVED.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new Error(`data file ${path}: no endpoint publishes it (use data/… or runs/<slug>/<file>)`);
    }
    files.set(path, text);
  };
  const publishCsv = (path: string, columns: readonly CsvColumn[], rows: readonly (readonly (string | undefined)[])[]): CsvFileInfo => {
    const text = csvText(columns, rows);
    put(path, text);
    const risky = formulaCells(columns, rows);
    const info: { -readonly [K in keyof CsvFileInfo]: CsvFileInfo[K] } = { path, bytes: byteLength(text), rows: rows.length, formulaCells: risky };
    if (risky > 0) {
      const copy = csvText(columns, rows, { spreadsheet: true });
      put(spreadsheetPath(path), copy);
      info.spreadsheet = { path: spreadsheetPath(path), bytes: byteLength(copy) };
    }
    return info;
  };

  const infos: DataTableInfo[] = [];
  const names = new Set<string>();
  for (const table of tables) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(table.name)) throw new Error(`data table name ${JSON.stringify(table.name)}: use lower case, digits and -`);
    if (names.has(table.name)) throw new Error(`two data tables named ${table.name}`);
    names.add(table.name);
    const columns: CsvColumn[] = table.fields.map((f) => ({ name: f.name, numeric: NUMERIC.has(f.type) }));
    const rows: (string | undefined)[][] = [];
    const partOf: string[] = [];
    for (const row of table.rows(model)) {
      rows.push(
        table.fields.map((f) => {
          try {
            return cellText(f.type, f.value(row));
          } catch (e) {
            throw new Error(`data table ${table.name}, column ${f.name}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }),
      );
      if (table.parts) partOf.push(table.parts.path(row));
    }
    const whole = publishCsv(`${DATA_DIR}/${table.name}.csv`, columns, rows);
    const info: { -readonly [K in keyof DataTableInfo]: DataTableInfo[K] } = {
      ...whole,
      name: table.name,
      title: table.title,
      row: table.row,
      description: table.description,
      fields: table.fields.map((f) => ({ name: f.name, type: f.type, ...(f.format !== undefined ? { format: f.format } : {}), description: f.description, ...(f.constraints !== undefined ? { constraints: f.constraints } : {}) })),
    };
    if (table.primaryKey) info.primaryKey = table.primaryKey;
    if (table.parts) {
      const groups = new Map<string, (string | undefined)[][]>();
      rows.forEach((row, i) => {
        const list = groups.get(partOf[i]!) ?? [];
        list.push(row);
        groups.set(partOf[i]!, list);
      });
      info.parts = {
        of: table.parts.of,
        files: [...groups.keys()].sort(cmp).map((path) => publishCsv(path, columns, groups.get(path)!)),
      };
    }
    infos.push(info);
  }

  const datapackage = `${JSON.stringify(dataPackage(tables, infos, files, meta), null, 2)}\n`;
  put(DATAPACKAGE_PATH, datapackage);

  const runFiles: Record<string, { run: string; categories?: string; analysis?: string }> = {};
  for (const run of [...model.runs.values()].sort((a, b) => cmp(a.slug, b.slug))) {
    const entry: { run: string; categories?: string; analysis?: string } = { run: run.name };
    if (run.categoriesCsv) put((entry.categories = runCountsPath(run.slug, 'categories')), run.categoriesCsv.text);
    if (run.analysisCsv) put((entry.analysis = runCountsPath(run.slug, 'analysis')), run.analysisCsv.text);
    if (entry.categories || entry.analysis) runFiles[run.slug] = entry;
  }

  return {
    files: new Map([...files].sort((a, b) => cmp(a[0], b[0]))),
    index: { tables: infos, datapackage: { path: DATAPACKAGE_PATH, bytes: byteLength(datapackage) }, meta, runFiles },
  };
}

/**
 * A Frictionless Tabular Data Package (v1 profile, which v2 readers read too): each table's
 * CSV with its dialect, schema, keys, size and sha-256. Paths are relative to the descriptor.
 */
function dataPackage(tables: readonly AnyDataTable[], infos: readonly DataTableInfo[], files: ReadonlyMap<string, string>, meta: PackageMeta) {
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
      const text = files.get(info.path)!;
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
        hash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
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
