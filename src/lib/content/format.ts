/** How figures read on the pages: fixed decimals, and "undefined" where a statistic has no value. */

/** κ, α: three decimals; a statistic that cannot be computed says so. */
export function formatStat(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'undefined';
  return (Object.is(Math.round(x * 1000), -0) ? 0 : x).toFixed(3);
}

/** A share as a percentage with one decimal (`0.7623` → `76.2 %`). */
export function formatShare(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'undefined';
  return `${(x * 100).toFixed(1)} %`;
}

/** A 95 % interval, `[0.214, 0.755]`. */
export function formatInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? 'undefined' : `[${formatStat(low)}, ${formatStat(high)}]`;
}

/** Background shade (0–100) for a κ cell: only positive agreement is shaded. */
export function shade(kappa: number | null): number {
  return kappa === null ? 0 : Math.round(Math.max(0, Math.min(1, kappa)) * 100);
}
