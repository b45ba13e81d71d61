/** `/data/agreement.csv`: every compared pair's agreement figures (src/lib/content/agreementCsv.ts). */
import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { stringify } from 'csv-stringify/sync';
import type { PairData } from '../../lib/content/types.ts';
import { agreementRows } from '../../lib/content/agreementCsv.ts';

export const GET: APIRoute = async () => {
  const pairs = (await getCollection('compareData')).map((e) => e.data as PairData);
  return new Response(stringify(agreementRows(pairs)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
