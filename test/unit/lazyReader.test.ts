/**
 * The reader keeps no text of the tree (src/lib/tree/lazy.ts): texts are read again at use. The
 * model read this way must be the model of the same files read whole, and a file that changes
 * between the first read and its use must stop the build rather than mix two versions.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsModel } from '../../src/lib/model.ts';
import { assembleWithDumps } from '../../src/lib/tree/readTree.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { forgetRecent } from '../../src/lib/tree/lazy.ts';
import { listFiles, loadFiles, readLazily } from '../../src/lib/tree/walk.ts';
import { KEPT, keptNames } from '../../src/lib/tree/kept.ts';
import { classifyResultsPath } from '../../src/lib/parse/resultsPath.ts';

describe('texts read at use', () => {
  let dir: string;
  let lazy: ResultsModel;
  let whole: ResultsModel;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lazy-reader-'));
    cpSync('sample/results', path.join(dir, 'results'), { recursive: true });
    lazy = await readResultsTree(dir);
    // The same files read whole, as fixtures are: plain `text` strings.
    const root = path.join(dir, 'results');
    whole = assembleWithDumps(root, loadFiles(root, listFiles(root), 'results/'), [], []);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the model the whole read gives, texts and all', () => {
    forgetRecent();
    expect(JSON.parse(JSON.stringify({ ...lazy, reports: [...lazy.reports], runs: [...lazy.runs], verdictsByReport: [...lazy.verdictsByReport] }))).toEqual(
      JSON.parse(JSON.stringify({ ...whole, reports: [...whole.reports], runs: [...whole.runs], verdictsByReport: [...whole.verdictsByReport] })),
    );
    const withReasoning = [...lazy.verdictsByReport.values()].flat().find((v) => v.reasoning?.thinking !== undefined)!;
    expect(withReasoning.reasoning!.thinking!.length).toBeGreaterThan(0);
  });

  it('stops, naming the file, when a file changed after it was first read', () => {
    const report = [...lazy.reports.values()].find((r) => r.text !== undefined && r.provenance.length === 1)!;
    const file = path.join(dir, report.provenance[0]!.path);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nedited after the read\n`);
    forgetRecent();
    expect(() => report.text).toThrow(new RegExp(`${report.provenance[0]!.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} changed while the site was being made`));
  });
});

describe('one read to load', () => {
  it('derives what the model keeps from a run file, a curated member and a report text at the first read: assembling does not read them again', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lazy-reader-once-'));
    try {
      cpSync('sample/results', path.join(dir, 'results'), { recursive: true });
      const root = path.join(dir, 'results');
      // The tree's files of known layouts (the sample's page dumps in the tree would look tree files up by text).
      const files = readLazily(root, listFiles(root), 'results/').filter((f) => classifyResultsPath(f.treePath).kind !== 'unrecognized');
      const gone: string[] = [];
      for (const f of files) {
        const names = keptNames(classifyResultsPath(f.treePath));
        if (names.length === 0) continue;
        // What was found at the first read is what the text gives.
        for (const name of names) expect(f.kept?.[name]).toEqual(KEPT[name](readFileSync(path.join(dir, f.treePath), 'utf8')));
        rmSync(path.join(dir, f.treePath));
        gone.push(f.treePath);
      }
      expect(gone.some((p) => p.startsWith('results/classifier/'))).toBe(true);
      forgetRecent();
      // With those files gone from the disk the model is still assembled (a read would fail: ENOENT).
      const model = assembleWithDumps(root, files, [], []);
      const verdicts = [...model.verdictsByReport.values()].flat();
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.some((v) => v.scores !== undefined || v.reasoning !== undefined)).toBe(true);
      // Their texts are still read at use, so asking for one now fails, naming the file.
      const withText = verdicts.find((v) => v.files.length === 1 && v.files[0]!.half !== 'reasoning')!;
      expect(() => withText.text).toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
