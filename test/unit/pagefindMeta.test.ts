/**
 * Pagefind's page list read back (src/lib/search/pagefindMeta.ts): a bundle written by Pagefind
 * itself from two records of known length gives their word counts and the chunks' word ranges.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { averagePageLength, readPagefindMeta } from '../../src/lib/search/pagefindMeta.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pagefind-meta-'));
afterAll(async () => {
  await pagefind.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readPagefindMeta', () => {
  it('reads each page’s word count and the index chunks from a bundle Pagefind wrote', async () => {
    const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
    await index!.addCustomRecord({ url: '/a/', content: 'alpha beta gamma', language: 'en' });
    await index!.addCustomRecord({ url: '/b/', content: 'delta epsilon zeta eta theta iota', language: 'en' });
    const out = await index!.writeFiles({ outputPath: dir });
    expect(out.errors).toEqual([]);
    const meta = readPagefindMeta(dir);
    expect([...meta.wordCounts].sort()).toEqual([3, 6]);
    expect(averagePageLength(meta.wordCounts)).toBe(4.5);
    expect(meta.chunks.length).toBeGreaterThan(0);
    expect(meta.chunks[0]!.from <= meta.chunks.at(-1)!.to).toBe(true);
  }, 60_000);

  it('names the folder that holds no page list', () => {
    expect(() => readPagefindMeta(path.join(dir, 'fragment'))).toThrow(/0 Pagefind page lists/);
  });
});
