/**
 * `data/agreement.csv`: one row per compared pair (canonical order, run names sorted), the
 * figures the pair's page shows at full precision. An undefined statistic is an empty cell.
 */
import type { PairData } from './types.ts';

export const AGREEMENT_COLUMNS = [
  'task', 'kind', 'run_a', 'run_b', 'n_both', 'only_a', 'only_b', 'agreement', 'kappa', 'kappa_se', 'kappa_low', 'kappa_high',
] as const;

const num = (x: number | null): string => (x === null ? '' : String(x));

export function agreementRows(pairs: readonly PairData[]): string[][] {
  return [
    [...AGREEMENT_COLUMNS],
    ...[...pairs]
      .sort((x, y) => (x.task < y.task ? -1 : x.task > y.task ? 1 : x.a.name < y.a.name ? -1 : x.a.name > y.a.name ? 1 : x.b.name < y.b.name ? -1 : 1))
      .map((p) => [
        p.task,
        p.kind,
        p.a.name,
        p.b.name,
        String(p.kappa.n),
        String(p.onlyA.length),
        String(p.onlyB.length),
        num(p.kappa.agreement),
        num(p.kappa.kappa),
        num(p.kappa.se),
        num(p.kappa.low),
        num(p.kappa.high),
      ]),
  ];
}
