/**
 * The pages of a paged list, for the `[...page]` routes (src/pages/**\/[...page].astro): the items
 * each page shows, where it starts, and its route parameter. The URLs are src/lib/paths.ts's
 * (`pageSuffix`, `pageParam`).
 */
import { pageParam } from './paths.ts';

export interface ListPage<T> {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  readonly items: readonly T[];
  /** The 1-based position of the page's first item in the whole list. */
  readonly first: number;
  /** The `[...page]` parameter: none for the first page, `page/<n>` after. */
  readonly param: string | undefined;
}

/**
 * `items` in pages of `size`; always at least one page, so an empty list still has its page.
 * `pages` is given where the content writer counted them (and linked them) already.
 */
export function listPages<T>(items: readonly T[], size: number, pages = Math.max(1, Math.ceil(items.length / size))): ListPage<T>[] {
  return Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    pages,
    items: items.slice(i * size, (i + 1) * size),
    first: i * size + 1,
    param: pageParam(i + 1),
  }));
}
