import { describe, expect, it } from 'vitest';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { corpusResultsDir, sharedDumpsDir } from '../../scripts/lib/corpus.ts';
import { corpusSite } from '../support/builtSite.ts';
import { findLosses } from '../support/losses.ts';

describe('the full corpus site loses nothing', () => {
  it('shows every one of the 70,736 files (and the dumps) on the page that claims it', async () => {
    const site = corpusSite();
    const model = await readResultsTree(corpusResultsDir(), { dumpsDir: sharedDumpsDir });
    expect(model.inputs.total).toBeGreaterThanOrEqual(70_736);
    expect(model.lost).toEqual([]);
    const losses = findLosses(model, site.dist);
    expect(losses.slice(0, 20)).toEqual([]);
    expect(losses).toHaveLength(0);
  }, 900_000);

  it('stays within the file budget and the median report page size', () => {
    const report = corpusSite().report as { output: { files: number; reportPageKB: { median: number } } };
    expect(report.output.files).toBeLessThanOrEqual(20_000);
    expect(report.output.reportPageKB.median).toBeLessThanOrEqual(150);
  }, 900_000);
});
