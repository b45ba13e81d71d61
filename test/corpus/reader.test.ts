import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsModel } from '../../src/lib/model.ts';
import { summarizeModel } from '../../src/lib/summary.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { corpusResultsDir, readManifest } from '../../scripts/lib/corpus.ts';

let model: ResultsModel;

beforeAll(async () => {
  model = await readResultsTree(corpusResultsDir());
});

describe('the real corpus through the reader', () => {
  it('accounts for all 70,736 files, each under a layout, none lost', () => {
    const manifest = readManifest();
    expect(manifest).toHaveLength(70_736);
    expect(model.inputs.total).toBe(70_736);
    expect(Object.values(model.inputs.byLayout).reduce((a, b) => a + b, 0)).toBe(70_736);
    expect(model.lost).toEqual([]);
  });

  it('gives every manifest path a provenance with the manifest blob id', () => {
    const seen = new Map<string, string>();
    const add = (p: { path: string; blob: string }) => seen.set(p.path, p.blob);
    for (const r of model.reports.values()) r.provenance.forEach(add);
    for (const list of model.verdictsByReport.values()) for (const v of list) v.files.forEach((f) => add(f.provenance));
    for (const run of model.runs.values()) {
      if (run.categoriesCsv) add(run.categoriesCsv.provenance);
      if (run.analysisCsv) add(run.analysisCsv.provenance);
      if (run.readme) add(run.readme.provenance);
      run.changeLists.forEach((c) => add(c.provenance));
    }
    for (const s of model.curatedSets) s.members.forEach((m) => add(m.provenance));
    model.raw.forEach(add);
    const mismatched = readManifest().filter((e) => seen.get(e.path) !== e.blob);
    expect(mismatched.slice(0, 5)).toEqual([]);
  });

  it('finds every run with its label counts matching the folders', () => {
    const manifest = readManifest();
    const expected = new Map<string, Map<string, Set<string>>>();
    for (const { path } of manifest) {
      const parts = path.split('/');
      if (parts[1] !== 'classifier' || ['semantic-bugs', 'user-mode-bugs'].includes(parts[2]!)) continue;
      const run = parts[2] === 'zero-shot' ? `zero-shot/${parts[3]}` : parts[2]!;
      const inner = parts.slice(parts[2] === 'zero-shot' ? 4 : 3);
      let label: string | undefined;
      if (inner.length === 2) label = inner[0];
      // Split runs: the label after review is the reasoning/ folder's.
      else if (inner.length === 3 && inner[0] === 'reasoning') label = inner[1];
      if (label === undefined) continue;
      const byLabel = expected.get(run) ?? new Map<string, Set<string>>();
      byLabel.set(label, (byLabel.get(label) ?? new Set()).add(inner[inner.length - 1]!));
      expected.set(run, byLabel);
    }
    expect([...model.runs.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(model.runs.size).toBe(33);
    for (const [run, byLabel] of expected) {
      const counts = Object.fromEntries([...byLabel].map(([l, ids]) => [l, ids.size]));
      expect(model.runs.get(run)!.labelCounts, run).toEqual(counts);
    }
    expect(summarizeModel(model).runs.find((r) => r.slug === 'mode-deepseek-r1-32b')).toMatchObject({ task: 'mode', models: ['deepseek-r1:32b'] });
  });

  it('reads gitlab 2469 with its TOML title and a mode-deepseek-r1:32b verdict split from its thinking', () => {
    const r = model.reports.get('gitlab/2469')!;
    expect(r.title).toBe('/s390x/migration/precopy/tcp/plain/switchover-ack may hang');
    expect(r.gitlab).toMatchObject({ state: 'opened', target: 's390x', host: 's390', accel: 'KVM' });
    expect(r.gitlab!.closedAt).toBeUndefined();
    const v = model.verdictsByReport.get('gitlab/2469')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    expect(v.label).toBe('system');
    expect(v.reasoning!.finalLabel).toBe('system');
    expect(v.reasoning!.thinking).toMatch(/^Okay, so I'm trying to figure out/);
    expect(v.reasoning!.thinking).not.toContain('</think>');
    expect(v.reasoning!.answer).toMatch(/^The issue involves QEMU handling low-level network operations/);
    expect(v.reasoning!.answer).not.toContain('<think>');
  });

  it('keeps both labels where output/ and reasoning/ disagree: reasoning/ after review, output/ as first filed', () => {
    const manifest = readManifest().map((e) => e.path);
    const run = 'results/classifier/deepseek-r1:32b/';
    const outputLabel = new Map<string, string>();
    for (const p of manifest) if (p.startsWith(`${run}output/`)) outputLabel.set(p.split('/').pop()!, p.split('/')[4]!);
    const disagreements = manifest
      .filter((p) => p.startsWith(`${run}reasoning/`))
      .map((p) => ({ id: p.split('/').pop()!, reviewed: p.split('/')[4]! }))
      .filter((x) => outputLabel.get(x.id) !== x.reviewed);
    expect(disagreements).toHaveLength(39);
    for (const { id, reviewed } of disagreements) {
      const v = [...model.verdictsByReport.values()].flat().find((x) => x.run === 'deepseek-r1:32b' && x.id === id)!;
      expect(v).toMatchObject({ label: reviewed, firstFiled: outputLabel.get(id), halves: 'reviewed' });
    }
    expect(model.runs.get('deepseek-r1:32b')!.labelCounts).toMatchObject({ syscall: 113, 'manual-review': 1 });
  });

  it('keeps zero-shot scores in file order, both groups of a split file', () => {
    const v = model.verdictsByReport.get('mailinglist/24930826')!.find((x) => x.run === 'zero-shot/017')!;
    expect(v.label).toBe('operating system');
    expect(v.scores).toHaveLength(2);
    expect(v.scores![0]!.slice(0, 3)).toEqual([
      { label: 'operating system', score: 0.922, written: '0.922' },
      { label: 'device', score: 0.709, written: '0.709' },
      { label: 'graphic', score: 0.667, written: '0.667' },
    ]);
    expect(v.scores![1]![0]).toEqual({ label: 'virtual', score: 0.989, written: '0.989' });
    for (const group of v.scores!) for (let i = 1; i < group.length; i++) expect(group[i - 1]!.score).toBeGreaterThanOrEqual(group[i]!.score);
    expect(v.text).toMatch(/^\[Qemu-devel\] \[BUG\] vhost-user: hot-unplug/);
  });

  it('reads the hazards: NUL bytes, the 182 KB file, colliding ids, the host:32bit folder', () => {
    expect(model.reports.get('box64/1368')!.text).toContain('\u0000');
    expect(model.findings.some((f) => f.path === 'results/scraper/box64/1373' && /NUL/.test(f.message))).toBe(true);
    const big = model.verdictsByReport.get('mailinglist/70021271')!.find((v) => v.run === 'zero-shot/017')!;
    expect(big.label).toBe('all');
    expect(big.text!.length).toBeGreaterThan(170_000);
    expect(model.reports.get('gitlab/1000')).toBeDefined();
    expect(model.reports.get('box64/1000')).toBeDefined();
    expect(model.reports.get('gitlab/2034')!.gitlab!.host).toBe('32bit');
  });

  it('finds every categories.csv in agreement with its folders after review, and reports the analysis tables that disagree', () => {
    // Read the other way round (output/ as the final label), the three reviewed runs' tables
    // disagreed with their folders (deepseek-r1:32b: syscall 113 against 74); after review none does.
    expect(model.findings.filter((x) => x.path.endsWith('/categories.csv')).map((x) => `${x.path}: ${x.message}`)).toEqual([]);
    const f = model.findings.find((x) => x.path === 'results/classifier/mode-deepseek-r1:32b/analysis.csv');
    expect(f?.message).toBe('"user": the table says 48; the 114 semantic-bugs classified by mode-deepseek-r1:32b hold 91');
  });

  it('records the curated sets', () => {
    expect(model.curatedSets.map((s) => [s.name, s.members.length])).toEqual([['semantic-bugs', 119], ['user-mode-bugs', 551]]);
  });
});
