/** Static paths of `/compare/<a>/<b>/…`: every stored pair in its canonical order and reversed. */
import { getCollection } from 'astro:content';
import type { PairData } from './content/types.ts';

export async function pairPaths(): Promise<{ params: { a: string; b: string }; props: { data: PairData; reversed: boolean } }[]> {
  const pairs = await getCollection('compareData');
  return pairs.flatMap((e) => {
    const data = e.data as PairData;
    return [
      { params: { a: data.a.slug, b: data.b.slug }, props: { data, reversed: false } },
      { params: { a: data.b.slug, b: data.a.slug }, props: { data, reversed: true } },
    ];
  });
}
