/** `/compare/<a>/<b>/matrix.csv`: the pair's confusion matrix, in the page's order, with totals. */
import { pairPaths } from '../../../../lib/comparePaths.ts';
import type { APIRoute, GetStaticPaths } from 'astro';
import { stringify } from 'csv-stringify/sync';
import type { PairData } from '../../../../lib/content/types.ts';
import { matrixRows, pairView } from '../../../../lib/content/pairView.ts';

export const getStaticPaths = pairPaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { data, reversed } = props as { data: PairData; reversed: boolean };
  return new Response(stringify(matrixRows(pairView(data, reversed))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
