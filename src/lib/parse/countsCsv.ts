import { parse as parseCsv } from 'csv-parse/sync';
import type { CountRow } from '../model.ts';

export interface ParsedCounts {
  readonly rows: readonly CountRow[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

/** `category, count` tables (categories.csv, analysis.csv). Labels may contain spaces. */
export function parseCountsCsv(text: string): ParsedCounts {
  const records = parseCsv(text, {
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const rows: CountRow[] = [];
  const problems: { line: number; message: string }[] = [];
  records.forEach(({ record, info }, index) => {
    if (index === 0 && record[0] === 'category') return;
    const [category, count] = record;
    const n = Number(count);
    if (record.length !== 2 || category === undefined || category.length === 0 || !Number.isInteger(n)) {
      problems.push({ line: info.lines, message: `not a "category, count" row: ${JSON.stringify(record)}` });
      return;
    }
    rows.push({ category, count: n });
  });
  return { rows, problems };
}
