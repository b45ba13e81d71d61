import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsModel } from '../../src/lib/model.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';

const key = readFileSync('sample/dumps/key.tsv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t') as [string, string, string, string]);

describe('the embedded sample with its page dumps', () => {
  let model: ResultsModel;
  beforeAll(async () => {
    model = await readResultsTree('sample', { dumpsDir: 'sample/dumps' });
  });

  it('reads every file, loses none, and counts dumps as inputs of their own', () => {
    expect(model.lost).toEqual([]);
    expect(model.unrecognized).toEqual([]);
    expect(model.inputs.byLayout['dump']).toBe(key.length + 1);
    expect(model.findings.some((f) => f.path.endsWith('key.tsv') && /not read as a dump/.test(f.message))).toBe(true);
  });

  it('places every keyed dump at its path (or among its candidates)', () => {
    for (const [file, style, path] of key) {
      const dump = model.dumps.find((d) => d.file === file)!;
      expect(dump, file).toBeDefined();
      expect(dump.style, file).toBe(style);
      expect(dump.candidates, file).toContain(path);
      expect(dump.status, file).not.toBe('unplaced');
    }
  });

  it('recognises a dump inside the tree by its content, not its name', () => {
    const inTree = model.dumps.find((d) => d.file.startsWith('results/classifier/dumps-saved/'))!;
    expect(inTree.status).toBe('exact');
    expect(model.raw.map((r) => r.path)).not.toContain(inTree.file);
  });

  it('gives a file seen in the tree and in a dump two provenances', () => {
    const v = model.verdictsByReport.get('gitlab/1893')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    const vias = v.files.filter((f) => f.half === 'reasoning').map((f) => f.provenance.via);
    expect(vias.sort()).toEqual(['dump', 'tree']);
  });

  it('rebuilds a file only a dump has, marked as coming from it', () => {
    const v = model.verdictsByReport.get('launchpad/1873340')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    const reasoning = v.files.find((f) => f.half === 'reasoning')!;
    expect(reasoning.provenance).toMatchObject({ via: 'dump', exact: true, path: 'results/classifier/mode-deepseek-r1:32b/reasoning/user/1873340' });
    expect(v.reasoning?.finalLabel).toBeDefined();
  });

  it('says when a plain dump fits several paths and still recovers the report id', () => {
    const plain = model.dumps.find((d) => d.style === 'plain')!;
    expect(plain.path).toBeNull();
    expect(plain.candidates.length).toBeGreaterThan(1);
    expect(plain.reportId).toBe('1893');
  });

  it('builds from dumps alone: header dumps rebuild their files, the rest stay unplaced but kept', async () => {
    const only = await readResultsTree(undefined, { dumpsDir: 'sample/dumps' });
    expect(only.dumps).toHaveLength(key.length);
    expect(only.lost).toEqual([]);
    const flat = only.dumps.find((d) => d.style === 'flat')!;
    expect(flat.status).toBe('unplaced');
    expect(flat.labelGuess).toBe('user');
    expect(only.runs.has('mode-deepseek-r1:32b')).toBe(true);
  });
});
