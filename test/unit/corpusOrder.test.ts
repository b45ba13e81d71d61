import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_FIRST, startFirst } from '../support/corpusOrder.ts';
import { repoRoot } from '../support/builtSite.ts';

describe('the order the corpus files start in', () => {
  it('puts the named files first, in their order, and keeps the order of the others', () => {
    const files = ['compare', 'data', 'links', 'history', 'incremental', 'reader'];
    expect(startFirst(files, (f) => f, ['incremental', 'reader', 'links'])).toEqual(['incremental', 'reader', 'links', 'compare', 'data', 'history']);
    expect(startFirst(files, (f) => f, [])).toEqual(files);
  });

  it('names only corpus test files that exist', () => {
    const names = readdirSync(path.join(repoRoot, 'test/corpus')).filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length));
    for (const name of CORPUS_FIRST) expect(names, name).toContain(name);
  });
});
