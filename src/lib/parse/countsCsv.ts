import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import type { CountRow } from '../model.ts';

export interface ParsedCounts {
  readonly rows: readonly CountRow[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const OPTIONS = { trim: true, skip_empty_lines: true, relax_column_count: true, info: true } as const;

type Parsed = { record: string[]; info: { lines: number } }[];

/**
 * `category, count` tables (categories.csv, analysis.csv). Labels may contain spaces. A table
 * that is not valid CSV (a stray or unclosed quote) is read line by line instead: each line that
 * does not parse is a problem with its line number, and every other row is kept.
 */
export function parseCountsCsv(text: string): ParsedCounts {
  const rows: CountRow[] = [];
  const problems: { line: number; message: string }[] = [];
  let records: { record: string[]; line: number }[];
  try {
    records = (parseCsv(text, OPTIONS) as unknown as Parsed).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    records = [];
    text.split('\n').forEach((raw, i) => {
      try {
        for (const { record } of parseCsv(raw, OPTIONS) as unknown as Parsed) records.push({ record, line: i + 1 });
      } catch (lineError) {
        if (!(lineError instanceof CsvError)) throw lineError;
        problems.push({ line: i + 1, message: `not valid CSV (${lineError.message.replace(/ at line \d+.*$/s, '')}): ${JSON.stringify(raw.replace(/\r$/, ''))}` });
      }
    });
  }
  records.forEach(({ record, line }, index) => {
    if (index === 0 && record[0] === 'category') return;
    const [category, count] = record;
    const n = Number(count);
    if (record.length !== 2 || category === undefined || category.length === 0 || !Number.isInteger(n)) {
      problems.push({ line, message: `not a "category, count" row: ${JSON.stringify(record)}` });
      return;
    }
    // `0x12`, `140e-1`, `+3`, `007` are numbers to JavaScript but not counts as a table
    // writes them: the row is kept, read as the number, and named as read so.
    if (!/^(?:0|-?[1-9]\d*)$/.test(count!)) problems.push({ line, message: `count ${JSON.stringify(count)} of "${category}" is not written as a plain integer; read as ${n}` });
    rows.push({ category, count: n });
  });
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}
