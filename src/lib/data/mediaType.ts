/** Media type of a published data file, by its name (for the dev server; static hosts decide for themselves). */
export function contentType(sitePath: string): string {
  if (sitePath.endsWith('.json')) return 'application/json; charset=utf-8';
  if (sitePath.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'text/plain; charset=utf-8';
}
