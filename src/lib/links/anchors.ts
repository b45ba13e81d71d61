/**
 * Fragment ids on a report page that links from outside point at. They are part of the fixed
 * URL scheme, so the resolver and the pages must agree: pages should build their ids with these.
 */

/** Line `n` (1-based) of the report text: `L12`. */
export function reportLineAnchor(n: number): string {
  return `L${n}`;
}

/** Line `n` of a launchpad bug's text without comments: `without-comments-L12`. */
export function withoutCommentsLineAnchor(n: number): string {
  return `without-comments-L${n}`;
}

/** A run's verdict section on a report page: the run slug, e.g. `mode-deepseek-r1-32b`. */
export function verdictAnchor(runSlug: string): string {
  return runSlug;
}

/** Line `n` of a run's reasoning about the report: `mode-deepseek-r1-32b-L12`. */
export function reasoningLineAnchor(runSlug: string, n: number): string {
  return `${runSlug}-L${n}`;
}
