/**
 * The key of a shared test build (test/support/builtSite.ts): two checkouts of the same sources
 * and inputs share it wherever they are; a change to the sources or to an input changes it.
 */
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildsToDrop, siteKey, treeDigest, type SiteInput } from '../support/builtSite.ts';
import { tempDir } from '../support/tempDirs.ts';

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** A checkout as the key reads one: sources, the lock file, the study's notes. */
function checkout(at: string): string {
  write(path.join(at, 'src/pages/index.astro'), '<h1>Archive</h1>\n');
  write(path.join(at, 'scripts/build.ts'), 'console.log("build");\n');
  write(path.join(at, 'astro.config.mjs'), 'export default {};\n');
  write(path.join(at, 'package-lock.json'), '{"lockfileVersion": 3}\n');
  write(path.join(at, 'content/notes/reports/gitlab/1742.mdx'), '---\ndate: 2026-11-25\n---\n\nA note.\n');
  return at;
}

/** The corpus site's input as `corpusSite` describes it from the checkout at `root`. */
const corpusInput = (root: string, shared: string): SiteInput => ({
  name: 'corpus-123',
  resultsDir: path.join(shared, 'corpus-cache/results'),
  dumpsDir: path.join(shared, 'dumps'),
  notesDir: path.join(root, 'content/notes'),
  resultsGit: path.join(shared, 'history.git'),
  buildDate: '2026-12-05',
});

describe('the key of a shared test build', () => {
  const dir = tempDir('site-key');
  const shared = path.join(dir, 'shared');
  const a = checkout(path.join(dir, 'main'));
  const b = checkout(path.join(dir, 'wt/other'));

  it('is the same for two checkouts of the same sources and inputs, wherever they are', () => {
    expect(a).not.toBe(b);
    expect(siteKey(a, corpusInput(a, shared))).toBe(siteKey(b, corpusInput(b, shared)));
    // An input inside the checkout named relative to it (the sample's way) is the same input.
    expect(siteKey(a, { ...corpusInput(a, shared), notesDir: 'content/notes' })).toBe(siteKey(b, corpusInput(b, shared)));
  });

  it('changes with the notes, the sources, and an input outside the checkout', () => {
    const key = siteKey(a, corpusInput(a, shared));
    // The same sources, but another note.
    const edited = path.join(dir, 'edited');
    cpSync(a, edited, { recursive: true });
    write(path.join(edited, 'content/notes/reports/gitlab/1742.mdx'), '---\ndate: 2026-11-25\n---\n\nA note, edited.\n');
    expect(siteKey(edited, corpusInput(edited, shared))).not.toBe(key);
    // Notes the sources do not hold (test/ is not among them): their contents are in the key too.
    const fixtures = path.join(dir, 'fixtures');
    cpSync(a, fixtures, { recursive: true });
    write(path.join(fixtures, 'test/fixtures/notes/runs/x.mdx'), 'one\n');
    const withFixture = siteKey(fixtures, { ...corpusInput(fixtures, shared), notesDir: path.join(fixtures, 'test/fixtures/notes') });
    write(path.join(fixtures, 'test/fixtures/notes/runs/x.mdx'), 'two\n');
    expect(siteKey(fixtures, { ...corpusInput(fixtures, shared), notesDir: path.join(fixtures, 'test/fixtures/notes') })).not.toBe(withFixture);
    // Another source file.
    const changed = path.join(dir, 'changed');
    cpSync(a, changed, { recursive: true });
    write(path.join(changed, 'src/pages/index.astro'), '<h1>The archive</h1>\n');
    expect(siteKey(changed, corpusInput(changed, shared))).not.toBe(key);
    // Inputs outside the checkout are named by their absolute path: another folder, another key.
    expect(siteKey(a, { ...corpusInput(a, shared), dumpsDir: path.join(dir, 'other-dumps') })).not.toBe(key);
    // And by a digest of their contents where one is given.
    expect(siteKey(a, { ...corpusInput(a, shared), resultsDigest: 'abc' })).not.toBe(siteKey(a, { ...corpusInput(a, shared), resultsDigest: 'abd' }));
    // The day the pages name.
    expect(siteKey(a, { ...corpusInput(a, shared), buildDate: '2026-12-06' })).not.toBe(key);
  });

  it('digests a tree by its paths and bytes, not by where it is', () => {
    const tree = path.join(dir, 'tree');
    const file = (label: string) => path.join(tree, `classifier/run/output/${label}/1742`);
    write(file('user'), 'user\n');
    const before = treeDigest(tree);
    const copy = path.join(dir, 'copy');
    cpSync(tree, copy, { recursive: true });
    expect(treeDigest(copy)).toBe(before);
    // The same bytes under another label (a verdict moved) and other bytes: other trees.
    mkdirSync(path.dirname(file('system')), { recursive: true });
    renameSync(file('user'), file('system'));
    const moved = treeDigest(tree);
    expect(moved).not.toBe(before);
    write(file('system'), 'system\n');
    expect(treeDigest(tree)).not.toBe(moved);
    expect(treeDigest(tree)).not.toBe(before);
  });

  it('keeps the builds of other sources used lately, the most recent few, and drops the rest', () => {
    const hour = 3600_000;
    const now = Date.parse('2026-12-06T00:00:00Z');
    const keep = { count: 2, ms: 2 * hour };
    const other = (dir: string, hoursAgo: number) => ({ dir, lastUsed: now - hoursAgo * hour });
    expect(buildsToDrop([], now, keep)).toEqual([]);
    // A checkout on other sources ran half an hour ago: its build stays; yesterday's goes.
    expect(buildsToDrop([other('yesterday', 20), other('main', 0.5)], now, keep)).toEqual(['yesterday']);
    // Three used lately: the least recent of them goes too.
    expect(buildsToDrop([other('a', 1), other('b', 0.1), other('c', 1.5), other('d', 0.2)], now, keep).sort()).toEqual(['a', 'c']);
    // A leftover never completed, with no lock: dropped.
    expect(buildsToDrop([{ dir: 'half', lastUsed: 0 }], now, keep)).toEqual(['half']);
  });
});
