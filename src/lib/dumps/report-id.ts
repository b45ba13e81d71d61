/**
 * The report id a tree path names: its last segment (`2893.toml` → `2893`), unless the file is
 * about a run rather than a report (README.md, the CSV counts, zero-shot change lists `004-005`).
 */
export function reportIdOfPath(path: string): string | undefined {
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (!last || /^readme/i.test(last) || /\.csv$/i.test(last) || /^\d+-\d+$/.test(last)) return undefined;
  return last.replace(/\.toml$/, '');
}

/** The id all candidate paths agree on, if they do. */
export function sharedReportId(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const ids = new Set(paths.map(reportIdOfPath));
  if (ids.size !== 1) return undefined;
  return [...ids][0];
}
