import { describe, expect, it } from 'vitest';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { sampleSite } from '../support/builtSite.ts';
import { findLosses } from '../support/losses.ts';

describe('the sample site loses nothing', () => {
  it('shows every input file’s text on the page that claims it', async () => {
    const site = sampleSite();
    const model = await readResultsTree('sample/results', { dumpsDir: 'sample/dumps' });
    expect(model.lost).toEqual([]);
    expect(findLosses(model, site.dist)).toEqual([]);
  }, 300_000);
});
