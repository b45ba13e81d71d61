/**
 * CSV text for the published data files, through csv-stringify: RFC 4180 (comma, `"` quoting,
 * CRLF between records), UTF-8 without a byte order mark, one header row.
 *
 * Every cell is a string by the time it gets here (see `cellText`). A missing value is an empty
 * field; an empty string is `""`, so the two stay apart for a reader that looks at quoting
 * (csv-parse's `cast` context does).
 */
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';

/**
 * What a spreadsheet takes for a formula when it opens a CSV: a cell beginning with `=`, `+`,
 * `-`, `@`, tab or CR (OWASP's list), or their full-width forms, which csv-stringify's
 * `escape_formulas` also covers.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export interface CsvColumn {
  readonly name: string;
  /**
   * Numbers are written by the tree's own number patterns (`0.92`, `1e-05`, a line number),
   * never a formula: the spreadsheet copy leaves them as they are.
   */
  readonly numeric: boolean;
}

export interface CsvOptions {
  /**
   * The spreadsheet copy: every text cell a spreadsheet would run as a formula gets a leading
   * `'`. The exact file never does this.
   */
  readonly spreadsheet?: boolean;
}

export function csvText(columns: readonly CsvColumn[], rows: readonly (readonly (string | undefined)[])[], options: CsvOptions = {}): string {
  return stringify([columns.map((c) => c.name), ...rows], csvStringifyOptions(columns, options));
}

/**
 * csv-stringify's options for a data file: the same for a whole text (`csvText`) and for a file
 * written through csv-stringify's stream (src/lib/data/publish.ts `streamDataFiles`), whose first
 * record is the header row.
 */
export function csvStringifyOptions(columns: readonly CsvColumn[], options: CsvOptions = {}): StringifyOptions {
  const spreadsheet = options.spreadsheet === true;
  return {
    record_delimiter: 'windows',
    // With a record delimiter given, csv-stringify would otherwise leave a lone `\n` or `\r`
    // inside a value unquoted, and the file would not read back.
    quote_record_delimiter: true,
    // Empty strings quoted, missing values (undefined) left empty.
    quoted_match: [/^$/],
    escape_formulas: spreadsheet,
    cast: spreadsheet
      ? { string: (value, context) => (context.header || columns[context.index]?.numeric !== true ? value : { value, escape_formulas: false }) }
      : {},
  };
}

/** A spreadsheet would take this cell for a formula (what the spreadsheet copy changes). */
export function isFormulaCell(column: CsvColumn, cell: string | undefined): boolean {
  return cell !== undefined && !column.numeric && FORMULA_START.test(cell);
}

