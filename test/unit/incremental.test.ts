/**
 * The planning of incremental builds: which report pages to build and which to carry over.
 */
import { describe, expect, it } from 'vitest';
import { pageFingerprint, planPages, reportPageFile } from '../../scripts/incremental/pages.ts';
import { repoRoot } from '../support/builtSite.ts';
import { textMatcher } from '../../src/lib/content/text.ts';

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

  it('builds everything when more than half the reports changed, and only what changed up to half', () => {
    const plan = planPages({ fingerprint: 'f', reports: { 'gitlab/1': 'a' } }, 'f', inputs, all);
    expect(plan).toEqual({ kind: 'full', reason: '3 of 4 report pages changed' });
    // Exactly half: still partial.
    const half = planPages({ fingerprint: 'f', reports: { 'gitlab/1': 'a', 'gitlab/2': 'b' } }, 'f', inputs, all);
    expect(half).toEqual({ kind: 'partial', rebuild: ['gitlab/3', 'launchpad/9'], carry: ['gitlab/1', 'gitlab/2'], removed: [] });
  });

  it('knows where Astro writes a report page', () => {
    expect(reportPageFile('gitlab/2469')).toBe('reports/gitlab/2469/index.html');
  });
});

describe('pageFingerprint', () => {
  const day = { BUILD_DATE: '2026-01-02' };
  const print = (env: Record<string, string>) => pageFingerprint(repoRoot, { ...day, ...env });

  it('is the same for the same settings however they are written, SITE_BASE unset, `` or `/`', () => {
    expect(print({})).toBe(print({ SITE_BASE: '' }));
    expect(print({})).toBe(print({ SITE_BASE: '/' }));
    expect(print({ SITE_BASE: 'archive' })).toBe(print({ SITE_BASE: '/archive/' }));
    expect(print({ SITE_URL: 'https://results.example.org/' })).toBe(print({ SITE_URL: 'https://results.example.org' }));
  });

  it('changes with each setting that reaches the pages, and not with the others', () => {
    const base = print({});
    for (const env of [{ SITE_BASE: '/archive/' } as Record<string, string>, { SITE_URL: 'https://results.example.org' }, { UPSTREAM_TREE_URL: 'https://example.org/t/{path}' }, { UPSTREAM_COMMIT: 'bf802a57' }, { BUILD_DATE: '2026-01-03' }]) {
      expect(print(env), JSON.stringify(env)).not.toBe(base);
    }
    expect(print({ RESULTS_DIR: '/elsewhere', DIST_DIR: '/out', BUDGET_STRICT: '1' })).toBe(base);
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
