/**
 * Reading the published data files back as a researcher's tools would: csv-parse for the CSVs
 * (an empty field is a missing value, `""` an empty text), and a check of datapackage.json
 * against the files it names (paths, headers, types, keys, sizes, hashes).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export interface ParsedCsv {
  readonly header: readonly string[];
  /** Cells: the text, or null for an empty unquoted field (a missing value). */
  readonly rows: readonly (readonly (string | null)[])[];
}

export function parseCsv(text: string): ParsedCsv {
  const records = parse(text, {
    // Keep every byte of a value: no trimming, no type casting, quoted empties apart from missing ones.
    cast: (value, context) => (context.quoting ? value : value === '' ? null : value),
    relax_column_count: false,
    bom: false,
  }) as (string | null)[][];
  const [header, ...rows] = records;
  if (!header) throw new Error('no header row');
  return { header: header.map((h) => h ?? ''), rows };
}

/** Rows as objects keyed by the header. */
export function csvObjects(text: string): Record<string, string | null>[] {
  const { header, rows } = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
}

interface PackageField {
  readonly name: string;
  readonly type: string;
}

export interface PackageResource {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly hash: string;
  readonly schema: {
    readonly fields: readonly PackageField[];
    readonly primaryKey?: readonly string[];
    readonly foreignKeys?: readonly { fields: readonly string[]; reference: { resource: string; fields: readonly string[] } }[];
  };
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;

function typeProblem(type: string, cell: string): string | null {
  switch (type) {
    case 'string':
      return null;
    case 'integer':
      return /^-?\d+$/.test(cell) ? null : 'not an integer';
    case 'number':
      return NUMBER.test(cell) ? null : 'not a number';
    case 'boolean':
      return cell === 'true' || cell === 'false' ? null : 'not true/false';
    case 'datetime':
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(cell) ? null : 'not an ISO 8601 date-time';
    case 'array': {
      try {
        const v = JSON.parse(cell) as unknown;
        return Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'not a JSON array of strings';
      } catch {
        return 'not JSON';
      }
    }
    default:
      return `unknown type ${type}`;
  }
}

/**
 * Every problem of a data package folder: a resource whose file is missing, whose header is not
 * its schema's fields, whose size or hash is not the one named, a cell not of its type, a
 * repeated primary key, a foreign key that names no row. Empty when all is well.
 */
export function dataPackageProblems(dataDir: string): string[] {
  const problems: string[] = [];
  const pkg = JSON.parse(readFileSync(path.join(dataDir, 'datapackage.json'), 'utf8')) as { profile: string; resources: PackageResource[] };
  if (pkg.profile !== 'tabular-data-package') problems.push(`profile ${pkg.profile}`);
  const parsed = new Map<string, ParsedCsv>();
  for (const r of pkg.resources) {
    const file = path.join(dataDir, r.path);
    if (!existsSync(file)) {
      problems.push(`${r.name}: ${r.path} does not exist`);
      continue;
    }
    const bytes = readFileSync(file);
    if (bytes.length !== r.bytes) problems.push(`${r.name}: ${bytes.length} bytes, datapackage.json says ${r.bytes}`);
    const hash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (hash !== r.hash) problems.push(`${r.name}: hash ${hash}, datapackage.json says ${r.hash}`);
    const csv = parseCsv(bytes.toString('utf8'));
    parsed.set(r.name, csv);
    const names = r.schema.fields.map((f) => f.name);
    if (JSON.stringify(csv.header) !== JSON.stringify(names)) problems.push(`${r.name}: header ${csv.header.join(',')} is not the schema's ${names.join(',')}`);
    csv.rows.forEach((row, i) => {
      r.schema.fields.forEach((f, j) => {
        const cell = row[j];
        if (cell === null || cell === undefined) return;
        const p = typeProblem(f.type, cell);
        if (p) problems.push(`${r.name} row ${i + 1} ${f.name}: ${JSON.stringify(cell)} ${p}`);
      });
    });
    if (r.schema.primaryKey) {
      const idx = r.schema.primaryKey.map((k) => names.indexOf(k));
      const seen = new Set<string>();
      csv.rows.forEach((row, i) => {
        const cells = idx.map((j) => row[j]);
        if (cells.some((c) => c === null)) problems.push(`${r.name} row ${i + 1}: empty primary key cell`);
        const k = JSON.stringify(cells);
        if (seen.has(k)) problems.push(`${r.name} row ${i + 1}: primary key ${k} repeated`);
        seen.add(k);
      });
    }
  }
  for (const r of pkg.resources) {
    const csv = parsed.get(r.name);
    if (!csv) continue;
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = pkg.resources.find((x) => x.name === fk.reference.resource);
      const targetCsv = parsed.get(fk.reference.resource);
      if (!target || !targetCsv) {
        problems.push(`${r.name}: foreign key to missing resource ${fk.reference.resource}`);
        continue;
      }
      const tIdx = fk.reference.fields.map((f) => target.schema.fields.findIndex((x) => x.name === f));
      const known = new Set(targetCsv.rows.map((row) => JSON.stringify(tIdx.map((j) => row[j]))));
      const idx = fk.fields.map((f) => r.schema.fields.findIndex((x) => x.name === f));
      const missing = csv.rows.filter((row) => !known.has(JSON.stringify(idx.map((j) => row[j]))));
      if (missing.length) problems.push(`${r.name}: ${missing.length} rows whose ${fk.fields.join(',')} ${fk.reference.resource} does not have, e.g. ${JSON.stringify(missing[0])}`);
    }
  }
  return problems;
}
