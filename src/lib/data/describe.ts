/** Words and snippets the /data/ page and run pages show about the data files. */
import type { DataTableInfo } from './publish.ts';

/** `1234567` → `1.2 MB` (decimal units, as downloads are usually quoted). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let n = bytes / 1000;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n >= 100 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

const PANDAS_DTYPE: Readonly<Record<string, string>> = {
  string: 'string',
  array: 'string',
  integer: 'Int64',
  number: 'float64',
  boolean: 'boolean',
};

const py = (s: string) => JSON.stringify(s);

/**
 * One line of pandas that reads a table with its types: texts as text (ids keep their leading
 * zeros; a label `NA` or `null` stays a word, since only an empty field is missing), integers
 * that may be missing as Int64, dates parsed. Lists stay JSON text.
 */
export function pandasLine(table: Pick<DataTableInfo, 'fields'>, url: string): string {
  const dtype = table.fields.filter((f) => f.type !== 'datetime').map((f) => `${py(f.name)}: ${py(PANDAS_DTYPE[f.type] ?? 'string')}`);
  const dates = table.fields.filter((f) => f.type === 'datetime').map((f) => py(f.name));
  return (
    `df = pd.read_csv(${py(url)}, dtype={${dtype.join(', ')}}, keep_default_na=False, na_values=[""]` +
    (dates.length ? `, parse_dates=[${dates.join(', ')}]` : '') +
    ')'
  );
}

/** The follow-up line for tables with list columns (JSON arrays in the cells). */
export function pandasListsLine(table: Pick<DataTableInfo, 'fields'>): string | undefined {
  const lists = table.fields.filter((f) => f.type === 'array').map((f) => f.name);
  if (!lists.length) return undefined;
  return `for c in [${lists.map(py).join(', ')}]: df[c] = df[c].map(json.loads, na_action="ignore")`;
}
