/** Static paths of `/compare/<a>/<b>/…`: every stored pair in its canonical order and reversed. */
import { entries } from './collections.ts';
import type { PairData, RunData } from './content/types.ts';

export async function pairPaths(): Promise<{ params: { a: string; b: string }; props: { data: PairData; reversed: boolean } }[]> {
  const pairs = await entries('compareData');
  return pairs.flatMap((e) => {
    const data = e.data;
    return [
      { params: { a: data.a.slug, b: data.b.slug }, props: { data, reversed: false } },
      { params: { a: data.b.slug, b: data.a.slug }, props: { data, reversed: true } },
    ];
  });
}

/** Two runs no comparison joins (other tasks, or iterations no change list joins), as a page says them. */
export interface UnpairedRuns {
  readonly first: { readonly name: string; readonly slug: string; readonly task: string; readonly taskTitle: string };
  readonly second: { readonly name: string; readonly slug: string; readonly task: string; readonly taskTitle: string };
}

/**
 * Static paths of `/compare/<a>/<b>/` for every ordered pair of runs with no comparison: a page
 * that says why instead of a 404 (a link or a typed URL naming two runs should explain itself).
 */
export async function unpairedPaths(): Promise<{ params: { a: string; b: string }; props: { unpaired: UnpairedRuns } }[]> {
  const paired = new Set((await pairPaths()).map((p) => `${p.params.a}/${p.params.b}`));
  const runs = (await entries('runData')).map((e) => e.data);
  const side = (r: RunData) => ({ name: r.name, slug: r.slug, task: r.task, taskTitle: r.taskTitle });
  return runs.flatMap((x) =>
    runs.filter((y) => y.slug !== x.slug && !paired.has(`${x.slug}/${y.slug}`)).map((y) => ({ params: { a: x.slug, b: y.slug }, props: { unpaired: { first: side(x), second: side(y) } } })),
  );
}
