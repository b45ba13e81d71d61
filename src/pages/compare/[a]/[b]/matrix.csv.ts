/** `/compare/<a>/<b>/matrix.csv`: the pair's confusion matrix, in the page's order, with totals. */
import { getCollection } from 'astro:content';
import type { APIRoute, GetStaticPaths } from 'astro';
import { stringify } from 'csv-stringify/sync';
import type { PairData } from '../../../../lib/content/types.ts';
import { matrixRows, pairView } from '../../../../lib/content/pairView.ts';

export const getStaticPaths = (async () => {
  const pairs = await getCollection('compareData');
  return pairs.flatMap((e) => {
    const data = e.data as PairData;
    return [
      { params: { a: data.a.slug, b: data.b.slug }, props: { data, reversed: false } },
      { params: { a: data.b.slug, b: data.a.slug }, props: { data, reversed: true } },
    ];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { data, reversed } = props as { data: PairData; reversed: boolean };
  return new Response(stringify(matrixRows(pairView(data, reversed))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
