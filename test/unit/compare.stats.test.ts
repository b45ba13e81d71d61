/**
 * Agreement statistics on the worked examples of the papers that define them, with the values the
 * papers (or, for the interval, the software whose formula we follow) print.
 */
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal } from '../../src/lib/compare/stats.ts';

describe("Cohen's κ", () => {
  it('gives .492 on Cohen (1960), Table 1 (200 items, three categories)', () => {
    const r = cohenKappa([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(r.n).toBe(200);
    expect(r.agreement).toBeCloseTo(0.7, 10);
    expect(r.expected).toBeCloseTo(0.41, 10);
    expect(r.kappa).toBeCloseTo(0.492, 3);
  });

  it('gives κ .4842, ASE .1380 and 95 % limits .2137–.7547 on the SAS PROC FREQ agreement example (Fleiss, Cohen & Everitt 1969 ASE)', () => {
    const r = cohenKappa([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    expect(r.kappa).toBeCloseTo(0.4842, 4);
    expect(r.se).toBeCloseTo(0.138, 4);
    expect(r.low).toBeCloseTo(0.2137, 4);
    expect(r.high).toBeCloseTo(0.7547, 4);
  });

  it('is 1 for identical raters, the same for either order, and undefined (not 0 or NaN) for one constant label', () => {
    const same = cohenKappa([
      [5, 0],
      [0, 7],
    ]);
    expect(same.kappa).toBe(1);
    const t = [
      [3, 2, 1],
      [0, 4, 2],
      [1, 0, 5],
    ];
    const transposed = t[0]!.map((_, j) => t.map((row) => row[j]!));
    const ab = cohenKappa(t);
    const ba = cohenKappa(transposed);
    expect(ba.kappa).toBeCloseTo(ab.kappa!, 12);
    expect(ba.se).toBeCloseTo(ab.se!, 12);
    const constant = cohenKappa([
      [9, 0],
      [0, 0],
    ]);
    expect(constant).toMatchObject({ n: 9, agreement: 1, kappa: null, se: null, low: null, high: null });
    expect(cohenKappa([[0]])).toMatchObject({ n: 0, agreement: null, kappa: null });
  });
});

describe("Fleiss' κ", () => {
  it('gives .430 on Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses', () => {
    // Each row: the six diagnoses (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other).
    const diagnoses = [
      [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];
    const counts = diagnoses.map((row) => [1, 2, 3, 4, 5].map((c) => row.filter((v) => v === c).length));
    // The paper's category totals: 26, 26, 30, 55, 43.
    expect([0, 1, 2, 3, 4].map((j) => counts.reduce((s, r) => s + r[j]!, 0))).toEqual([26, 26, 30, 55, 43]);
    expect(fleissKappa(counts)).toBeCloseTo(0.43, 3);
  });

  it('is undefined when every rating is the same', () => {
    expect(fleissKappa([[3, 0], [3, 0]])).toBeNull();
  });
});

describe("Krippendorff's α (nominal)", () => {
  it('gives .743 on Krippendorff (2011), example C: four observers, twelve units, missing values', () => {
    const x = undefined;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, x, x, x],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, x, 3],
      [x, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, x],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, x],
    ];
    const units = observers[0]!.map((_, u) => observers.map((o) => o[u]).filter((v) => v !== undefined).map(String));
    const r = krippendorffAlphaNominal(units);
    expect(r.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 has one value only: not pairable.
    expect(r.units).toBe(11);
    expect(r.pairable).toBe(40);
  });

  it('gives .095 on example A (two observers, binary) and .692 on example B (two observers, nominal)', () => {
    const a = [[0, 1], [1, 1], [0, 1], [0, 0], [0, 0], [0, 1], [0, 0], [0, 0], [1, 0], [0, 0]];
    expect(krippendorffAlphaNominal(a.map((u) => u.map(String))).alpha).toBeCloseTo(0.095, 3);
    const b1 = ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'];
    const b2 = ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'];
    expect(krippendorffAlphaNominal(b1.map((v, i) => [v, b2[i]!])).alpha).toBeCloseTo(0.692, 3);
  });

  it('is 1 for perfect agreement, ignores order, and is undefined without variation', () => {
    expect(krippendorffAlphaNominal([['x', 'x'], ['y', 'y', 'y'], ['z']]).alpha).toBe(1);
    const units = [['a', 'b'], ['b', 'b', 'a'], ['c', 'a']];
    expect(krippendorffAlphaNominal(units.map((u) => [...u].reverse())).alpha).toBeCloseTo(krippendorffAlphaNominal(units).alpha!, 12);
    expect(krippendorffAlphaNominal([['x', 'x'], ['x', 'x']]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([['x'], ['y']])).toEqual({ pairable: 0, units: 0, alpha: null });
  });
});
