import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsModel } from '../../src/lib/model.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { corpusResultsDir, readDumpKey, sharedDumpsDir } from '../../scripts/lib/corpus.ts';

describe('the real corpus read with the shared page dumps', () => {
  let model: ResultsModel;
  beforeAll(async () => {
    model = await readResultsTree(corpusResultsDir(), { dumpsDir: sharedDumpsDir });
  });

  it('keeps every dump, places each where key.tsv says, none unplaced', () => {
    const key = readDumpKey();
    expect(model.dumps).toHaveLength(key.length);
    for (const k of key) {
      const d = model.dumps.find((x) => x.file === k.dump)!;
      expect(d.candidates, k.dump).toContain(k.path);
      expect(d.status, k.dump).not.toBe('unplaced');
      if (k.style === 'seed' || k.style === 'plain') expect(d.status, k.dump).toBe('exact');
      if (d.status === 'exact' && d.path !== null) expect(d.blob, k.dump).toBe(k.blob);
    }
    expect(model.inputs.total).toBe(70_736 + key.length);
    expect(model.lost).toEqual([]);
  });

  it('adds the dump as a second provenance of the tree file it shows', () => {
    const v = model.verdictsByReport.get('launchpad/1563612')!.find((x) => x.run === 'deepseek-r1:32b')!;
    expect(v.files.some((f) => f.provenance.via === 'dump' && f.provenance.dumpFile === '000_6b0fc6a6da10603c.txt')).toBe(true);
  });

  it('builds from the dumps alone, flat ones unplaced but kept', async () => {
    const only = await readResultsTree(undefined, { dumpsDir: sharedDumpsDir });
    expect(only.dumps).toHaveLength(readDumpKey().length);
    expect(only.dumps.filter((d) => d.style === 'flat').every((d) => d.status === 'unplaced')).toBe(true);
    expect(only.verdictsByReport.size).toBeGreaterThan(0);
    expect(only.lost).toEqual([]);
  });
});
