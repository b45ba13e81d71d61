/**
 * The real page dumps of ../shared/dumps (and the two seeds), read at run time and checked
 * against key.tsv. No tree here: placing them in the real tree is test/corpus/dumps.test.ts.
 * A missing ../shared fails these tests; it never skips them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../src/lib/blob.ts';
import {
  classifyDumpFile,
  detectDumpStyle,
  flattenForMatch,
  parseCgitDump,
  parseFlatDump,
} from '../../src/lib/dumps/index.ts';
import { readDumpKey, sharedDumpsDir, sharedSeedsDir } from '../../scripts/lib/corpus.ts';

function requireDumps(): void {
  if (!existsSync(path.join(sharedDumpsDir, 'key.tsv')) || !existsSync(sharedSeedsDir)) {
    throw new Error(
      `The real page dumps are missing: ${sharedDumpsDir}/key.tsv or ${sharedSeedsDir} does not exist. ` +
        'These tests read ../shared (or SHARED_DIR); they never skip.',
    );
  }
}

// Read at collection time so that a missing ../shared fails the file loudly instead of collecting no tests.
requireDumps();
const key = readDumpKey();
const text = (dump: string): string => readFileSync(path.join(sharedDumpsDir, dump), 'utf8');
const headerStyles = new Set(['seed', 'w3m', 'lynx', 'blame']);
const browserRows = key.filter((r) => r.style === 'w3m' || r.style === 'lynx' || r.style === 'blame');

/** The seeds show their own page; these are what their text shows (checked by hand against the tree). */
const SEED_000 = { file: '000_ab1a41e1e374299b.txt', path: 'results/classifier/mode-deepseek-r1:32b/reasoning/system/2469' };
const SEED_003 = { file: '003_ae6c6f2ac99f3186.txt', label: 'system' };

beforeAll(requireDumps);

describe('key.tsv', () => {
  it('lists 72 dumps, twelve of each style', () => {
    expect(key).toHaveLength(72);
    const counts = new Map<string, number>();
    for (const row of key) counts.set(row.style, (counts.get(row.style) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ seed: 12, w3m: 12, lynx: 12, blame: 12, flat: 12, plain: 12 });
  });
});

describe('detectDumpStyle on the real dumps', () => {
  it.each(key.map((r) => [r.dump, r.style] as const))('%s is %s', (dump, style) => {
    expect(detectDumpStyle(text(dump))).toBe(headerStyles.has(style) ? style : null);
  });
});

describe('parseCgitDump on the real header dumps', () => {
  const rows = key.filter((r) => headerStyles.has(r.style));
  it.each(rows.map((r) => [r.dump, r] as const))('%s shows its path and blob', (dump, row) => {
    const parsed = parseCgitDump(dump, text(dump));
    expect(parsed.style).toBe(row.style);
    expect(parsed.path).toBe(row.path);
    expect(parsed.shownBlob).toBe(row.blob);
    if (parsed.exact) expect(gitBlobId(parsed.text)).toBe(row.blob);
    else expect(parsed.losses).toContain('trailing whitespace');
  });

  it('every seed is exact', () => {
    for (const row of rows.filter((r) => r.style === 'seed')) {
      const parsed = parseCgitDump(row.dump, text(row.dump));
      expect(parsed.exact, row.dump).toBe(true);
      expect(gitBlobId(parsed.text), row.dump).toBe(row.blob);
    }
  });

  it('most browser dumps are proven exact (regression floor: 30 of 36 measured)', () => {
    const exact = browserRows.filter((r) => parseCgitDump(r.dump, text(r.dump)).exact);
    expect(browserRows).toHaveLength(36);
    expect(exact.length).toBeGreaterThanOrEqual(30);
  });
});

describe('flat and plain examples', () => {
  it.each(key.filter((r) => r.style === 'flat').map((r) => [r.dump] as const))('%s is one line of flattened text', (dump) => {
    const parsed = parseFlatDump(dump, text(dump));
    expect(parsed.text).not.toContain('\n');
    expect(flattenForMatch(parsed.text)).toBe(parsed.text);
  });

  it.each(key.filter((r) => r.style === 'plain').map((r) => [r.dump, r.blob] as const))('%s is the raw file', (dump, blob) => {
    expect(gitBlobId(text(dump))).toBe(blob);
  });
});

describe('the seeds', () => {
  it('seed 000 is an exact seed page of the path it shows', () => {
    const seed = readFileSync(path.join(sharedSeedsDir, SEED_000.file), 'utf8');
    expect(detectDumpStyle(seed)).toBe('seed');
    const parsed = parseCgitDump(SEED_000.file, seed);
    expect(parsed.path).toBe(SEED_000.path);
    expect(parsed.exact).toBe(true);
    expect(gitBlobId(parsed.text)).toBe(parsed.shownBlob);
  });

  it('seed 003 is flat, and unplaced without a tree', () => {
    const flat = readFileSync(path.join(sharedSeedsDir, SEED_003.file), 'utf8');
    expect(detectDumpStyle(flat)).toBeNull();
    const { dump } = classifyDumpFile(SEED_003.file, flat, undefined);
    expect(dump).toMatchObject({ style: 'flat', status: 'unplaced', labelGuess: SEED_003.label });
  });
});

describe('classifyDumpFile without a tree', () => {
  it('returns every dump, none dropped, header styles placed by their path', () => {
    for (const row of key) {
      const { dump } = classifyDumpFile(row.dump, text(row.dump), undefined);
      expect(dump.file).toBe(row.dump);
      expect(dump.style, row.dump).toBe(row.style);
      if (headerStyles.has(row.style)) {
        expect(dump.path, row.dump).toBe(row.path);
        expect(dump.status, row.dump).not.toBe('unplaced');
      } else {
        expect(dump.status, row.dump).toBe('unplaced');
        expect(dump.candidates).toEqual([]);
        expect(dump.text.length).toBeGreaterThan(0);
        expect(dump.labelGuess, row.dump).toBeTruthy();
      }
    }
  });
});
