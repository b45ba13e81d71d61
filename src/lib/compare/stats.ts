/**
 * Agreement statistics for nominal labels. Pure functions over counts; every figure that cannot be
 * computed is `null` (shown as "undefined" on the pages), never 0 or NaN.
 */

/** The normal quantile for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

export interface CohenKappa {
  /** Items both raters labelled. */
  readonly n: number;
  /** Observed agreement p_o (share of items on the diagonal); null when n = 0. */
  readonly agreement: number | null;
  /** Agreement expected by chance from the two raters' own marginals, p_e. */
  readonly expected: number | null;
  /** (p_o − p_e) / (1 − p_e); null when p_e = 1 (both raters gave one and the same label throughout) or n = 0. */
  readonly kappa: number | null;
  /** Large-sample standard error of κ (Fleiss, Cohen & Everitt 1969), not assuming κ = 0. */
  readonly se: number | null;
  /** κ ± 1.96 se, kept within κ's range [−1, 1]. */
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Cohen's κ (Cohen 1960) from a square confusion matrix of counts: `table[i][j]` items that rater
 * a put in category i and rater b in category j (the same category order on both axes). The
 * standard error is the asymptotic one of Fleiss, Cohen & Everitt (1969), as SAS PROC FREQ
 * reports it, so the interval can be checked against that software.
 */
export function cohenKappa(table: readonly (readonly number[])[]): CohenKappa {
  const k = table.length;
  for (const row of table) if (row.length !== k) throw new Error('cohenKappa: the table must be square');
  const n = table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return { n, agreement: null, expected: null, kappa: null, se: null, low: null, high: null };
  const p = table.map((row) => row.map((c) => c / n));
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = p[0]!.map((_, j) => p.reduce((s, row) => s + row[j]!, 0));
  const po = p.reduce((s, row, i) => s + row[i]!, 0);
  const pe = rows.reduce((s, r, i) => s + r * cols[i]!, 0);
  if (1 - pe <= 1e-12) return { n, agreement: po, expected: pe, kappa: null, se: null, low: null, high: null };
  const kappa = (po - pe) / (1 - pe);
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = p[i]![j]!;
      if (pij === 0) continue;
      if (i === j) diagonal += pij * (1 - (rows[i]! + cols[i]!) * (1 - kappa)) ** 2;
      else offDiagonal += pij * (cols[i]! + rows[j]!) ** 2;
    }
  }
  const variance = (diagonal + (1 - kappa) ** 2 * offDiagonal - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2);
  const se = Math.sqrt(Math.max(0, variance));
  return { n, agreement: po, expected: pe, kappa, se, low: Math.max(-1, kappa - Z95 * se), high: Math.min(1, kappa + Z95 * se) };
}

/**
 * Fleiss' κ (Fleiss 1971) for a fixed number of raters per subject: `counts[i][j]` raters who put
 * subject i in category j; every row sums to the same m ≥ 2. Null when chance agreement is 1.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  if (counts.length === 0) return null;
  const m = counts[0]!.reduce((a, b) => a + b, 0);
  if (m < 2) return null;
  for (const row of counts) if (row.reduce((a, b) => a + b, 0) !== m) throw new Error('fleissKappa: every subject needs the same number of ratings');
  const subjects = counts.length;
  const pj = counts[0]!.map((_, j) => counts.reduce((s, row) => s + row[j]!, 0) / (subjects * m));
  const pBar = counts.reduce((s, row) => s + (row.reduce((a, c) => a + c * c, 0) - m) / (m * (m - 1)), 0) / subjects;
  const peBar = pj.reduce((s, x) => s + x * x, 0);
  if (1 - peBar <= 1e-12) return null;
  return (pBar - peBar) / (1 - peBar);
}

export interface KrippendorffAlpha {
  /** Pairable values: values in units that hold at least two. */
  readonly pairable: number;
  /** Units with at least two values. */
  readonly units: number;
  /** Nominal α; null when fewer than two pairable values or no variation at all (α is undefined then). */
  readonly alpha: number | null;
}

/**
 * Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"). Each unit is the list of values it received, missing ones left out, so
 * coders may skip units; units with fewer than two values are not pairable and drop out.
 */
export function krippendorffAlphaNominal(units: Iterable<readonly string[]>): KrippendorffAlpha {
  const totals = new Map<string, number>();
  let n = 0;
  let observedAgreement = 0;
  let pairableUnits = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    pairableUnits++;
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, c] of counts) {
      totals.set(v, (totals.get(v) ?? 0) + c);
      observedAgreement += (c * (c - 1)) / (m - 1);
    }
    n += m;
  }
  const squares = [...totals.values()].reduce((s, c) => s + c * c, 0);
  if (n < 2 || n * n - squares === 0) return { pairable: n, units: pairableUnits, alpha: null };
  return { pairable: n, units: pairableUnits, alpha: 1 - ((n - 1) * (n - observedAgreement)) / (n * n - squares) };
}
