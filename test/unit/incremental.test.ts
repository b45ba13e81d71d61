/**
 * The planning of incremental builds (which report pages to build, which pages go to the search
 * delta) and the browser-side corrections that make base + delta answer as one index.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PARTIAL_SHARE, planPages, reportPageFile } from '../../scripts/incremental/pages.ts';
import { MAX_DELTA_PAGES, planSearch, sortRanks, type SearchState } from '../../scripts/incremental/search.ts';
import { vocabularyOf } from '../../scripts/search-index.ts';
import { textMatcher } from '../../src/lib/content/text.ts';
import { correctResponse, orderByRanks, subtractCounts, withOverlay, type PagefindResponse, type PagefindResult, type SearchApi } from '../../src/scripts/searchOverlay.ts';

describe('planPages', () => {
  const inputs = { 'gitlab/1': 'a', 'gitlab/2': 'b', 'gitlab/3': 'c', 'launchpad/9': 'd' };
  const all = () => true;

  it('builds everything without a previous build or when the code changed', () => {
    expect(planPages(undefined, 'f', inputs, all)).toMatchObject({ kind: 'full' });
    expect(planPages({ fingerprint: 'old', reports: inputs }, 'f', inputs, all)).toMatchObject({ kind: 'full', reason: 'code or build settings changed' });
  });

  it('builds the changed and new reports, carries the rest, and names the removed ones', () => {
    const previous = { fingerprint: 'f', reports: { 'gitlab/1': 'a', 'gitlab/2': 'OLD', 'launchpad/9': 'd', 'box64/5': 'e' } };
    expect(planPages(previous, 'f', inputs, all)).toEqual({ kind: 'partial', rebuild: ['gitlab/2', 'gitlab/3'], carry: ['gitlab/1', 'launchpad/9'], removed: ['box64/5'] });
  });

  it('builds a page again when the previous dist/ lacks it, whatever the state says', () => {
    const plan = planPages({ fingerprint: 'f', reports: inputs }, 'f', inputs, (stem) => stem !== 'gitlab/3');
    expect(plan).toEqual({ kind: 'partial', rebuild: ['gitlab/3'], carry: ['gitlab/1', 'gitlab/2', 'launchpad/9'], removed: [] });
  });

  it('builds everything when more than half the reports changed', () => {
    expect(MAX_PARTIAL_SHARE).toBe(0.5);
    const plan = planPages({ fingerprint: 'f', reports: { 'gitlab/1': 'a' } }, 'f', inputs, all);
    expect(plan).toEqual({ kind: 'full', reason: '3 of 4 report pages changed' });
  });

  it('knows where Astro writes a report page', () => {
    expect(reportPageFile('gitlab/2469')).toBe('reports/gitlab/2469/index.html');
  });
});

describe('planSearch', () => {
  const page = (hash: string, sort: Record<string, string> = {}) => ({ hash, sort });
  const state: SearchState = {
    fingerprint: 'f',
    base: { '/a/': { hash: '1', id: 'en_a' }, '/b/': { hash: '2', id: 'en_b' }, '/c/': { hash: '3', id: 'en_c' } },
    pages: { '/a/': page('1'), '/b/': page('2'), '/c/': page('3') },
    vocabulary: [],
  };

  it('indexes only pages that differ from the base, and tombstones changed and removed base pages', () => {
    // /b/ changed, /c/ removed, /d/ new; /a/ as in the base.
    const plan = planSearch(state, 'f', { '/a/': page('1'), '/b/': page('2x'), '/d/': page('4') });
    expect(plan).toEqual({ kind: 'delta', delta: ['/b/', '/d/'], tombstones: ['/b/', '/c/'] });
  });

  it('keeps a page in the delta while it differs from the base, and drops it when it is back', () => {
    expect(planSearch(state, 'f', { ...state.pages, '/b/': page('2x') })).toMatchObject({ delta: ['/b/'], tombstones: ['/b/'] });
    expect(planSearch(state, 'f', state.pages)).toEqual({ kind: 'delta', delta: [], tombstones: [] });
  });

  it('indexes everything again when the delta would be too big or the indexing changed', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_DELTA_PAGES + 1 }, (_, i) => [`/n${i}/`, page(String(i))]));
    expect(planSearch(state, 'f', many)).toMatchObject({ kind: 'full' });
    expect(planSearch(state, 'other', state.pages)).toMatchObject({ kind: 'full', reason: 'indexing code or settings changed' });
    expect(planSearch(undefined, 'f', state.pages)).toMatchObject({ kind: 'full' });
  });
});

describe('sortRanks', () => {
  it('orders by value as strings, leaves out untagged pages, and breaks ties by url', () => {
    const ranks = sortRanks([
      { id: 'x', url: '/reports/launchpad/101/', sort: { id: '0000000101' } },
      { id: 'y', url: '/reports/gitlab/101/', sort: { id: '0000000101', date: '2024-01-02' } },
      { id: 'z', url: '/reports/gitlab/7/', sort: { id: '0000000007', date: '2023-05-01' } },
      { id: 'w', url: '/reports/gitlab-semantic/rorx/', sort: { id: 'gitlab_semantic_rorx' } },
      { id: 'v', url: '/runs/x/', sort: {} },
    ]);
    expect(ranks).toEqual({ date: { z: 0, y: 1 }, id: { z: 0, y: 1, x: 2, w: 3 } });
  });

  it('orders by number when every value is one', () => {
    const ranks = sortRanks([
      { id: 'a', url: '/a/', sort: { n: '10' } },
      { id: 'b', url: '/b/', sort: { n: '9' } },
    ]);
    expect(ranks).toEqual({ n: { b: 0, a: 1 } });
  });
});

describe('search overlay', () => {
  const result = (id: string): PagefindResult => ({ id, data: async () => ({ id }) });
  const response = (ids: string[], filters = {}, totalFilters = {}, unfilteredResultCount = ids.length): PagefindResponse => ({
    results: ids.map(result),
    filters,
    totalFilters,
    unfilteredResultCount,
  });

  it('subtracts the filter values of removed pages from counts', () => {
    const counts = { run: { a: 3, b: 1 }, source: { gitlab: 2 } };
    expect(subtractCounts(counts, [{ run: ['a', 'b'], source: ['gitlab'], other: ['x'] }])).toEqual({ run: { a: 2, b: 0 }, source: { gitlab: 1 } });
    expect(subtractCounts(counts, [])).toBe(counts);
  });

  it('puts results in rank order, either way, without pages that lack the key', () => {
    const ranks = { id: { a: 2, b: 0, c: 1 } };
    const ids = (rs: PagefindResult[]) => rs.map((r) => r.id);
    expect(ids(orderByRanks(['a', 'b', 'c', 'd'].map(result), { id: 'asc' }, ranks))).toEqual(['b', 'c', 'a']);
    expect(ids(orderByRanks(['a', 'b', 'c'].map(result), { id: 'desc' }, ranks))).toEqual(['a', 'c', 'b']);
  });

  it('drops tombstoned results and takes them out of every count', () => {
    const overlay = { tombstones: { dead: { run: ['a'] } } };
    const filtered = response(['live', 'dead'], { run: { a: 2 } }, { run: { a: 5 } }, 9);
    const unfiltered = response(['live', 'dead', 'other'], { run: { a: 5 } }, { run: { a: 5 } }, 9);
    const fixed = correctResponse(filtered, { filters: { run: 'a' } }, overlay, undefined, filtered, unfiltered);
    expect(fixed.results.map((r) => r.id)).toEqual(['live']);
    expect(fixed.filters).toEqual({ run: { a: 1 } });
    expect(fixed.totalFilters).toEqual({ run: { a: 4 } });
    expect(fixed.unfilteredResultCount).toBe(8);
  });

  it('leaves the API as it is when there is nothing to correct, and corrects filters() when there is', async () => {
    const api: SearchApi = {
      search: async () => response(['x']),
      debouncedSearch: async () => null,
      filters: async () => ({ run: { a: 2 } }),
    };
    expect(withOverlay(api, {}, async () => ({}))).toBe(api);
    const wrapped = withOverlay(api, { delta: 'pagefind-delta/', tombstones: { x: { run: ['a'] } } }, async () => ({}));
    expect(await wrapped.filters()).toEqual({ run: { a: 1 } });
    expect((await wrapped.search('q', {}))!.results).toEqual([]);
    expect(await wrapped.debouncedSearch('q', {}, 10)).toBeNull();
  });
});

describe('vocabularyOf', () => {
  it('gives the words as Pagefind is handed them: lower case, end punctuation off, inner marks kept', () => {
    expect([...vocabularyOf('QEMU crashes, (again): switchover-ack; gitlab_semantic_bzhi.  msg')]).toEqual(['qemu', 'crashes', 'again', 'switchover-ack', 'gitlab_semantic_bzhi', 'msg']);
  });
});

describe('textMatcher', () => {
  it('finds the first reference a text equals, whitespace aside', () => {
    const match = textMatcher('a  b\nc', undefined, 'x y');
    expect(match('a b c')).toBe(0);
    expect(match(' x\ty ')).toBe(2);
    expect(match('a b')).toBe(-1);
    expect(match(undefined)).toBe(-1);
    // The report's text wins over its text without comments when both match.
    expect(textMatcher('same', 'same')('same')).toBe(0);
  });
});
