/**
 * The settings (src/lib/settings.ts): every variable read once, defaults, SITE_BASE normalised,
 * and a clear error naming the variable for a value it does not take.
 */
import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError, type Env } from '../../src/lib/settings.ts';

const problemsOf = (env: Env): string[] => {
  try {
    readSettings(env);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).problems.map((p) => p.variable);
  }
  return [];
};

describe('settings', () => {
  it('have their defaults with nothing set, and take empty values as not set', () => {
    for (const env of [{}, { RESULTS_DIR: '', SITE_URL: '', SITE_BASE: '', CONTENT_DIR: '', BUILD_INCREMENTAL: '', ASTRO_HEAP_MB: ' ' }]) {
      expect(readSettings(env)).toEqual({
        resultsDir: undefined,
        dumpsDir: undefined,
        contentDir: '.cache/content',
        notesDir: undefined,
        distDir: 'dist',
        siteBase: '/',
        siteUrl: undefined,
        upstreamTreeUrl: undefined,
        upstreamCommit: undefined,
        buildDate: undefined,
        incremental: true,
        budgetStrict: false,
        renderCacheDir: '.cache/render',
        historyCacheDir: '.cache/history',
        resultsGit: undefined,
        resultsGitRev: undefined,
        astroHeapMB: 1280,
        searchShardPages: 10000,
        astroOutDir: './dist',
        sourceDateEpoch: undefined,
      });
    }
  });

  it('read every variable', () => {
    const s = readSettings({
      RESULTS_DIR: '/r',
      DUMPS_DIR: '/d',
      CONTENT_DIR: '/c',
      NOTES_DIR: '/n',
      DIST_DIR: '/out',
      SITE_BASE: 'archive',
      SITE_URL: 'https://results.example.org/',
      UPSTREAM_TREE_URL: 'https://example.org/repo/tree/{path}?id={commit}',
      UPSTREAM_COMMIT: 'BF802A57',
      BUILD_DATE: '2026-01-02',
      BUILD_INCREMENTAL: '0',
      BUDGET_STRICT: '1',
      RENDER_CACHE_DIR: '/rc',
      HISTORY_CACHE_DIR: '/hc',
      RESULTS_GIT: '/g',
      RESULTS_GIT_REV: 'main~2',
      ASTRO_HEAP_MB: '2048',
      SEARCH_SHARD_PAGES: '25',
      ASTRO_OUT_DIR: '/tmp/x',
      SOURCE_DATE_EPOCH: '1764806400',
    });
    expect(s).toEqual({
      resultsDir: '/r',
      dumpsDir: '/d',
      contentDir: '/c',
      notesDir: '/n',
      distDir: '/out',
      siteBase: '/archive/',
      siteUrl: 'https://results.example.org',
      upstreamTreeUrl: 'https://example.org/repo/tree/{path}?id={commit}',
      upstreamCommit: 'BF802A57',
      buildDate: '2026-01-02',
      incremental: false,
      budgetStrict: true,
      renderCacheDir: '/rc',
      historyCacheDir: '/hc',
      resultsGit: '/g',
      resultsGitRev: 'main~2',
      astroHeapMB: 2048,
      searchShardPages: 25,
      astroOutDir: '/tmp/x',
      sourceDateEpoch: 1764806400,
    });
  });

  it('normalise SITE_BASE to one leading and one trailing slash', () => {
    const base = (b: string) => readSettings({ SITE_BASE: b }).siteBase;
    expect(base('/')).toBe('/');
    expect(base('archive')).toBe('/archive/');
    expect(base('/archive')).toBe('/archive/');
    expect(base('archive/')).toBe('/archive/');
    expect(base('//a/b//')).toBe('/a/b/');
  });

  it('name the variable of every value they do not take, all at once', () => {
    expect(problemsOf({ SITE_BASE: '/a b/' })).toEqual(['SITE_BASE']);
    expect(problemsOf({ SITE_BASE: '/archive/?x' })).toEqual(['SITE_BASE']);
    expect(problemsOf({ SITE_BASE: '/../up/' })).toEqual(['SITE_BASE']);
    expect(problemsOf({ SITE_URL: 'results.example.org' })).toEqual(['SITE_URL']);
    expect(problemsOf({ SITE_URL: 'ftp://results.example.org' })).toEqual(['SITE_URL']);
    expect(problemsOf({ SITE_URL: 'https://results.example.org/#top' })).toEqual(['SITE_URL']);
    expect(problemsOf({ UPSTREAM_TREE_URL: 'https://example.org/repo/tree/' })).toEqual(['UPSTREAM_TREE_URL']);
    expect(problemsOf({ UPSTREAM_COMMIT: 'main' })).toEqual(['UPSTREAM_COMMIT']);
    expect(problemsOf({ BUILD_DATE: '2026-13-01' })).toEqual(['BUILD_DATE']);
    expect(problemsOf({ BUILD_DATE: '5.12.2026' })).toEqual(['BUILD_DATE']);
    expect(problemsOf({ BUILD_INCREMENTAL: 'no' })).toEqual(['BUILD_INCREMENTAL']);
    expect(problemsOf({ BUDGET_STRICT: 'true' })).toEqual(['BUDGET_STRICT']);
    expect(problemsOf({ ASTRO_HEAP_MB: '1.5g' })).toEqual(['ASTRO_HEAP_MB']);
    expect(problemsOf({ SOURCE_DATE_EPOCH: '-1' })).toEqual(['SOURCE_DATE_EPOCH']);
    expect(problemsOf({ SEARCH_SHARD_PAGES: '0' })).toEqual(['SEARCH_SHARD_PAGES']);
    expect(problemsOf({ SEARCH_SHARD_PAGES: '10k' })).toEqual(['SEARCH_SHARD_PAGES']);
    expect(problemsOf({ BUILD_INCREMENTAL: 'no', SITE_URL: 'x', BUILD_DATE: 'today' })).toEqual(['SITE_URL', 'BUILD_DATE', 'BUILD_INCREMENTAL']);
  });

  it('say what they got and what the variable takes', () => {
    expect(() => readSettings({ SITE_URL: 'results.example.org' })).toThrow('SITE_URL: "results.example.org" is not an http(s) origin (e.g. https://results.example.org)');
    expect(() => readSettings({ BUILD_INCREMENTAL: 'no' })).toThrow('BUILD_INCREMENTAL: "no" is neither 0 nor 1');
    expect(() => readSettings({ SEARCH_SHARD_PAGES: '0' })).toThrow('SEARCH_SHARD_PAGES: "0" is not a whole number of at least 1');
  });
});
