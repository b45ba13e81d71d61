/** The search page's URL state (src/lib/search/state.ts) and the facets pages give the index. */
import { describe, expect, it } from 'vitest';
import { idSortKey } from '../../src/lib/search/facets.ts';
import { countOptions, countedPages, describeSearch, pagefindOptions, pagefindTerm, readState, withFilter, withoutFilter, writeState } from '../../src/lib/search/state.ts';

describe('search counts and summary', () => {
  it('counts reports only unless a page kind is chosen', () => {
    const run = readState('?q=x&run=qwen3:32b');
    expect(countOptions(run)).toEqual({ filters: { run: 'qwen3:32b', kind: 'report' } });
    expect(countedPages(run)).toBe('reports');
    const runs = readState('?kind=run');
    expect(countOptions(runs)).toEqual({ filters: { kind: 'run' } });
    expect(countedPages(runs)).toBe('run pages');
  });

  it('names every active filter in the summary line', () => {
    const s = readState('?q=msgsnd&run=qwen3:32b&agreement=user-mode:+contested&reviewer=changed+by+the+reviewer');
    expect(describeSearch(s, 3, 12)).toBe('3 results for “msgsnd” with Run: qwen3:32b, Agreement within a task: user-mode: contested, Reviewer: changed by the reviewer (12 without the filters).');
    expect(describeSearch(readState('?reviewer=changed+by+the+reviewer'), 84, 84)).toBe('84 results with Reviewer: changed by the reviewer.');
    expect(describeSearch(readState('?q=a'), 1, 1)).toBe('1 result for “a”.');
  });
});

describe('search URL state', () => {
  it('round-trips queries and filter values with any character, keeping run names readable', () => {
    const state = { q: 'a+b & "c" 100%', filters: { run: ['mode-deepseek-r1:32b', 'zero-shot/017'], verdict: ['mode-deepseek-r1:32b → user'], label: ['operating system', 'a&b=c'] }, sort: 'date-desc' };
    const qs = writeState(state);
    expect(qs).toBe(
      '?q=a%2Bb+%26+%22c%22+100%25&run=mode-deepseek-r1:32b&run=zero-shot/017&label=operating+system&label=a%26b%3Dc&verdict=mode-deepseek-r1:32b+%E2%86%92+user&sort=date-desc',
    );
    expect(readState(qs)).toEqual(state);
    expect(new URL(`https://x.invalid/search/${qs}`).searchParams.getAll('run')).toEqual(['mode-deepseek-r1:32b', 'zero-shot/017']);
  });

  it('ignores unknown parameters, empty values, duplicates and unknown sorts', () => {
    expect(readState('?q=+x+&run=&run=a&run=a&utm_source=mail&sort=sideways')).toEqual({ q: 'x', filters: { run: ['a'] }, sort: '' });
    expect(writeState(readState(''))).toBe('');
  });

  it('turns the state into Pagefind options: every filter must match; no query lists by filter', () => {
    let s = withFilter(readState('?q=msgsnd'), 'run', 'mode-deepseek-r1:32b');
    s = withFilter(withFilter(s, 'label', 'user'), 'label', 'system');
    expect(pagefindOptions({ ...s, sort: 'id-asc' })).toEqual({ filters: { run: 'mode-deepseek-r1:32b', label: ['user', 'system'] }, sort: { id: 'asc' } });
    expect(pagefindTerm(s)).toBe('msgsnd');
    expect(pagefindTerm({ ...s, q: '' })).toBeNull();
    expect(withoutFilter(withoutFilter(s, 'label', 'user'), 'label', 'system').filters).toEqual({ run: ['mode-deepseek-r1:32b'] });
  });

  it('sorts report ids as numbers among names', () => {
    const ids = ['1694998', '2469', '02364653', 'gitlab_semantic_bzhi', '77'];
    expect([...ids].sort((a, b) => (idSortKey(a) < idSortKey(b) ? -1 : 1))).toEqual(['77', '2469', '1694998', '02364653', 'gitlab_semantic_bzhi']);
  });
});
