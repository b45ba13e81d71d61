/**
 * What a published data table is: its rows from the model, its columns with their Frictionless
 * types and meanings, its keys. `DATA_TABLES` (tables.ts) lists them; the CSV files, the spare
 * spreadsheet copies, datapackage.json and the /data/ page are all made from that list.
 */
import type { ResultsModel } from '../model.ts';

/** Frictionless Table Schema field types used here (`array`: a JSON array in the cell). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'datetime';

/** A cell before it is written: text as is, integers and booleans spelled out, lists as JSON. */
export type CellValue = string | number | boolean | readonly string[] | undefined;

export interface DataField<Row> {
  /** Column name (snake_case). */
  readonly name: string;
  readonly type: FieldType;
  /** Frictionless `format` (`any` for datetimes written as the source wrote them). */
  readonly format?: string;
  /** What the column holds, for datapackage.json and the /data/ page. */
  readonly description: string;
  /** Frictionless field constraints: `enum` lists every value the column can hold (an empty cell aside). */
  readonly constraints?: { readonly enum: readonly string[] };
  /** A number read from the tree is given as the file wrote it (a string), never a re-printed double. */
  readonly value: (row: Row) => CellValue;
}

export interface ForeignKey {
  readonly fields: readonly string[];
  readonly reference: { readonly resource: string; readonly fields: readonly string[] };
}

export interface DataTable<Row> {
  /** Resource name and file stem: `data/<name>.csv`. Lower case, digits, `-`. */
  readonly name: string;
  readonly title: string;
  /** What one row is (`a run × report: …`), to follow "one row is". */
  readonly row: string;
  readonly description: string;
  readonly fields: readonly DataField<Row>[];
  readonly primaryKey?: readonly string[];
  readonly foreignKeys?: readonly ForeignKey[];
  /** The rows, in a stable order. */
  readonly rows: (model: ResultsModel) => Iterable<Row>;
  /**
   * Also published in parts, one file per group of rows (`runs/<slug>/verdicts.csv`), each
   * linked from its group's page. Parts are slices of the table, not resources of their own.
   */
  readonly parts?: {
    /** What a part is for ("run"). */
    readonly of: string;
    /** The site path (relative to the base) of the part a row belongs to. */
    readonly path: (row: Row) => string;
  };
}

/** A table of any row type, for the list (each entry is checked against its own row type where it is written). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDataTable = DataTable<any>;

export function defineTable<Row>(table: DataTable<Row>): AnyDataTable {
  return table;
}

/** The text a cell is written as (undefined: an empty field). */
export function cellText(type: FieldType, value: CellValue): string | undefined {
  if (value === undefined) return undefined;
  if (type === 'array') {
    if (!Array.isArray(value)) throw new Error(`an array field was given ${JSON.stringify(value)}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // A number read from the tree travels as the text the file has (a score's `written`); a
    // number computed here (an agreement rate) as JavaScript's shortest text that reads back
    // to the same double.
    if (type === 'integer' && !Number.isSafeInteger(value)) throw new Error(`an integer field was given ${value}`);
    if (!Number.isFinite(value)) throw new Error(`a ${type} field was given ${value}, which no CSV reader reads back`);
    return String(value);
  }
  if (typeof value !== 'string') throw new Error(`a ${type} field was given ${JSON.stringify(value)}`);
  return value;
}
