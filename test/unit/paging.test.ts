import { describe, expect, it } from 'vitest';
import { listPages } from '../../src/lib/paging.ts';
import {
  buildReportInfoPagePath,
  changeListPagePath,
  compareCellPagePath,
  pageParam,
  pageSuffix,
  runLabelPagePath,
  runLabelsPagePath,
  setPagePath,
  sourceListPagePath,
  taskContestedPagePath,
  taskUnanimousPagePath,
} from '../../src/lib/paths.ts';

describe('listPages', () => {
  it('cuts a list into pages of the size, numbering from 1, the last page short', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const pages = listPages(items, 500);
    expect(pages.map((p) => [p.page, p.pages, p.items.length, p.first, p.param])).toEqual([
      [1, 3, 500, 1, undefined],
      [2, 3, 500, 501, 'page/2'],
      [3, 3, 1, 1001, 'page/3'],
    ]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    expect(pages[1]!.items[0]).toBe(items[pages[1]!.first - 1]);
  });

  it('gives an empty list its one page, and keeps a page count the content writer gave', () => {
    expect(listPages([], 10).map((p) => [p.page, p.items.length])).toEqual([[1, 0]]);
    expect(listPages([1, 2, 3], 2, 2).map((p) => p.items)).toEqual([[1, 2], [3]]);
  });
});

describe('paged list paths', () => {
  const paged: [string, (page: number) => string][] = [
    ['runLabelPagePath', (n) => runLabelPagePath('x', 'kvm', n)],
    ['runLabelsPagePath', (n) => runLabelsPagePath('x', n)],
    ['taskContestedPagePath', (n) => taskContestedPagePath('semantic', n)],
    ['taskUnanimousPagePath', (n) => taskUnanimousPagePath('semantic', n)],
    ['compareCellPagePath', (n) => compareCellPagePath('a', 'b', 'kvm', 'tcg', n)],
    ['changeListPagePath', (n) => changeListPagePath('x', '1', '2', n)],
    ['setPagePath', (n) => setPagePath('regressions', n)],
    ['sourceListPagePath', (n) => sourceListPagePath('gitlab', n)],
    ['buildReportInfoPagePath', (n) => buildReportInfoPagePath(n)],
  ];

  it.each(paged)('%s: page n is the list’s path and page/<n>/, which is what the [...page] route makes of its parameter', (_, path) => {
    const first = path(1);
    expect(first).toMatch(/^[a-z].*\/$/);
    expect(path(2)).toBe(`${first}page/2/`);
    expect(path(17)).toBe(`${first}page/17/`);
    // Astro joins a rest parameter into the route: none for the first page.
    for (const n of [1, 2, 17]) expect(path(n)).toBe(`${first}${pageParam(n) === undefined ? '' : `${pageParam(n)}/`}`);
    expect(pageSuffix(1)).toBe('');
  });

  it('encodes names that are not URL-safe', () => {
    expect(setPagePath('a b', 2)).toBe('sets/a%20b/page/2/');
    expect(changeListPagePath('x', '1/2', '3')).toBe('changes/x/1%2F2-3/');
  });
});
