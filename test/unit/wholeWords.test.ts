import { describe, expect, it } from 'vitest';
import { startsWithin, withWholeWords, wordsToPreload, WHOLE_WORD_MIN } from '../../src/client/search/wholeWords.ts';
import type { PagefindApi, PagefindResponse } from '../../src/client/search/pagefind.ts';

// Chunk starts as shards.json lists them: every bundle's, sorted.
const STARTS = ['a', 'arm', 'arm64', 'armv7', 'arn', 'kvm', 'kvm_run', 'kvmclock', 'qemu', 'qemu-img', 'tcg', 'tcg_gen'];

describe('the chunks a query word may have extensions in', () => {
  it('are those whose first word begins with it, after it', () => {
    expect(startsWithin('arm', STARTS)).toEqual(['arm64', 'armv7']);
    expect(startsWithin('kvm', STARTS)).toEqual(['kvm_run', 'kvmclock']);
    expect(startsWithin('kvmc', STARTS)).toEqual(['kvmclock']);
    expect(startsWithin('zzz', STARTS)).toEqual([]);
  });

  it('are asked for each query word as Pagefind splits the query, not for short words, quoted or filter-only searches', () => {
    expect(wordsToPreload('ARM kvm', STARTS)).toEqual(['arm64', 'armv7', 'kvm_run', 'kvmclock']);
    expect(wordsToPreload('tcg, tcg', STARTS)).toEqual(['tcg_gen']);
    expect(WHOLE_WORD_MIN).toBe(3);
    expect(wordsToPreload('a', STARTS)).toEqual([]);
    expect(wordsToPreload('"arm kvm"', STARTS)).toEqual([]);
    expect(wordsToPreload(null, STARTS)).toEqual([]);
  });
});

describe('a search with every word a query word begins', () => {
  const response: PagefindResponse = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };
  const trace = () => {
    const events: string[] = [];
    const api: PagefindApi = {
      search: async (term) => {
        events.push(`search ${term}`);
        return response;
      },
      debouncedSearch: async () => null,
      filters: async () => ({}),
    };
    const preload = async (w: string) => {
      events.push(`preload ${w}`);
    };
    return { events, api: withWholeWords(api, preload, STARTS) };
  };

  it('loads the chunks before it searches, once each', async () => {
    const { events, api } = trace();
    expect(await api.search('arm', {})).toBe(response);
    await api.search('arm kvm', {});
    expect(events).toEqual(['preload arm64', 'preload armv7', 'search arm', 'preload kvm_run', 'preload kvmclock', 'search arm kvm']);
  });

  it('debounces as Pagefind does: a search superseded while it waits answers null and is not run', async () => {
    const { events, api } = trace();
    const [first, second] = await Promise.all([api.debouncedSearch('qemu', {}, 20), api.debouncedSearch('tcg', {}, 20)]);
    expect(first).toBeNull();
    expect(second).toBe(response);
    expect(events).toEqual(['preload tcg_gen', 'search tcg']);
  });
});
