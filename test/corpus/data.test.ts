/**
 * The full corpus site's data files, parsed back with csv-parse and compared row for row with
 * the model read from the tree: every verdict of all 33 runs (in data/verdicts.csv and in each
 * run's own file), every report, every zero-shot score as its file writes it, every run and
 * finding; the runs' own count tables byte for byte; datapackage.json against the files.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../src/lib/blob.ts';
import { originalReportUrl } from '../../src/lib/content/report.ts';
import type { ResultsModel, Run, Verdict } from '../../src/lib/model.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { corpusResultsDir, sharedDumpsDir } from '../../scripts/lib/corpus.ts';
import { CORPUS_COMMIT } from '../../scripts/lib/history.ts';
import { csvObjects, dataPackageProblems, parseCsv } from '../support/dataFiles.ts';
import { filesBelow } from '../../src/lib/files.ts';

let site: BuiltSite;
let model: ResultsModel;
let results: string;

beforeAll(async () => {
  site = corpusSite();
  results = corpusResultsDir();
  model = await readResultsTree(results, { dumpsDir: sharedDumpsDir });
}, 900_000);

const read = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
const json = (v: readonly string[] | undefined) => (v === undefined ? null : JSON.stringify(v));
const text = (v: string | number | boolean | undefined) => (v === undefined ? null : String(v));

function sourceAndId(key: string): { source: string; id: string } {
  const r = model.reports.get(key)!;
  return { source: r.source, id: r.id };
}

/** What the model says a verdicts row is. */
function expectedVerdict(run: Run, v: Verdict): Record<string, string | null> {
  const top = v.scores?.[0]?.[0];
  return {
    ...sourceAndId(v.reportKey),
    run: run.name,
    task: run.task,
    models: json(run.models),
    label: v.label,
    labels: json(v.labels),
    first_filed_label: text(v.files.find((f) => f.half === 'output')?.label),
    halves: text(v.halves),
    answer_label: text(v.reasoning?.finalLabel),
    top_score: text(top?.written),
    top_score_label: text(top?.label),
    paths: json(v.files.map((f) => f.provenance.path)),
    blobs: json(v.files.map((f) => f.provenance.blob)),
  };
}

const byKey = (rows: Record<string, string | null>[], key: readonly string[]) => new Map(rows.map((r) => [JSON.stringify(key.map((k) => r[k])), r]));

describe('the corpus data files', () => {
  it('hold every verdict of all 33 runs, row for row, in data/verdicts.csv and in each run’s verdicts.csv', () => {
    const rows = csvObjects(read('data/verdicts.csv'));
    const all = [...model.verdictsByReport.values()].flat();
    expect(model.runs.size).toBe(33);
    expect(rows).toHaveLength(all.length);
    const got = byKey(rows, ['source', 'id', 'run']);
    expect(got.size).toBe(rows.length);
    let parts = 0;
    for (const run of model.runs.values()) {
      const expected = all.filter((v) => v.run === run.name).map((v) => expectedVerdict(run, v));
      expect(expected.length, run.name).toBeGreaterThan(0);
      const mismatched = expected.filter((e) => JSON.stringify(got.get(JSON.stringify([e.source, e.id, e.run]))) !== JSON.stringify(e));
      expect(mismatched.slice(0, 3), run.name).toEqual([]);
      const part = csvObjects(read(`runs/${run.slug}/verdicts.csv`));
      expect(byKey(part, ['source', 'id', 'run']), run.name).toEqual(byKey(expected, ['source', 'id', 'run']));
      expect(part, run.name).toHaveLength(expected.length);
      parts++;
    }
    expect(parts).toBe(33);
    // The label after review and the first filing apart where a person moved the reasoning file.
    expect(rows.filter((r) => r.first_filed_label !== null && r.first_filed_label !== r.label).length).toBe(all.filter((v) => v.firstFiled !== undefined).length);
    expect(rows.filter((r) => r.halves === 'reviewed').length).toBe(92);
  }, 300_000);

  it('hold every report row for row', () => {
    const rows = csvObjects(read('data/reports.csv'));
    expect(rows).toHaveLength(model.reports.size);
    const got = byKey(rows, ['source', 'id']);
    const mismatched: unknown[] = [];
    for (const r of model.reports.values()) {
      const g = r.gitlab;
      const expected = {
        source: r.source,
        id: r.id,
        section: text(r.section),
        title: r.title,
        state: text(g?.state),
        created_at: text(g?.createdAt),
        closed_at: text(g?.closedAt),
        target: text(g?.target),
        host: text(g?.host),
        accel: text(g?.accel),
        host_os: text(g?.hostOs),
        host_arch: text(g?.hostArch),
        guest_os: text(g?.guestOs),
        guest_arch: text(g?.guestArch),
        qemu_version: text(g?.qemuVersion),
        gitlab_labels: json(g?.labels),
        url: text(originalReportUrl(r)),
        paths: json(r.provenance.map((p) => p.path)),
        blobs: json(r.provenance.map((p) => p.blob)),
      };
      if (JSON.stringify(got.get(JSON.stringify([r.source, r.id]))) !== JSON.stringify(expected)) mismatched.push(expected);
    }
    expect(mismatched.slice(0, 3)).toEqual([]);
  });

  it('hold every zero-shot score line as its file writes it', () => {
    const { header, rows } = parseCsv(read('data/scores.csv'));
    expect(header).toEqual(['source', 'id', 'run', 'group', 'rank', 'label', 'score']);
    const expected: string[] = [];
    const lineOf: { file: string; line: string }[] = [];
    for (const v of [...model.verdictsByReport.values()].flat()) {
      const { source, id } = sourceAndId(v.reportKey);
      const file = v.files.find((f) => f.half !== 'reasoning' && f.provenance.via === 'tree')?.provenance.path;
      (v.scores ?? []).forEach((g, gi) =>
        g.forEach((s, si) => {
          expected.push(JSON.stringify([source, id, v.run, String(gi + 1), String(si + 1), s.label, s.written]));
          if (file) lineOf.push({ file, line: `${s.label}: ${s.written}` });
        }),
      );
    }
    for (const set of model.curatedSets) {
      for (const m of set.members) {
        const { source, id } = sourceAndId(m.reportKey);
        (m.scores ?? []).forEach((g, gi) => g.forEach((s, si) => expected.push(JSON.stringify([source, id, set.name, String(gi + 1), String(si + 1), s.label, s.written]))));
      }
    }
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(400_000);
    expect(rows.map((r) => JSON.stringify(r)).sort()).toEqual(expected.sort());
    // Written as the file has it: each `label: score` line is in the file, spelled the same
    // (trailing zeros kept: `0.640`, which a re-printed double would lose).
    const files = new Map<string, string[]>();
    for (const { file } of lineOf) if (!files.has(file)) files.set(file, readFileSync(path.join(results, '..', file), 'utf8').split('\n').map((l) => l.replace(/\r$/, '')));
    const missing = lineOf.filter(({ file, line }) => !files.get(file)!.includes(line));
    expect(missing.slice(0, 3)).toEqual([]);
    expect(lineOf.some(({ line }) => /\.\d*0$/.test(line))).toBe(true);
  }, 300_000);

  it('hold every run and every finding', () => {
    const runs = csvObjects(read('data/runs.csv'));
    expect(runs.map((r) => [r.run, r.slug, r.task, r.layout, r.models])).toEqual(
      [...model.runs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => [r.name, r.slug, r.task, r.layout, JSON.stringify(r.models)]),
    );
    // The tree's findings, then the history's (the build reads the bundle; this model does not).
    const published = csvObjects(read('data/findings.csv')).map((f) => [f.severity, f.path, f.line, f.message]);
    const fromHistory = published.filter((f) => String(f[3]).startsWith('git history:'));
    expect(fromHistory.length).toBeGreaterThan(0);
    expect(published.filter((f) => !String(f[3]).startsWith('git history:'))).toEqual(model.findings.map((f) => [f.severity, f.path, text(f.line), f.message]));
  });

  it('publish every run’s categories.csv and analysis.csv byte for byte (git blob ids match the tree)', () => {
    let n = 0;
    for (const run of model.runs.values()) {
      for (const [name, table] of [['categories.csv', run.categoriesCsv], ['analysis.csv', run.analysisCsv]] as const) {
        if (!table) continue;
        const published = readFileSync(path.join(site.dist, 'runs', run.slug, name));
        expect(gitBlobId(published), `${run.name}/${name}`).toBe(table.provenance.blob);
        n++;
      }
    }
    expect(n).toBe(filesBelow(path.join(results, 'classifier')).filter((f) => /(^|\/)(categories|analysis)\.csv$/.test(f)).length);
  });

  it('are described by a datapackage.json that holds against them (files, headers, types, keys, sizes, hashes)', () => {
    expect(dataPackageProblems(path.join(site.dist, 'data'))).toEqual([]);
    // Its version is the tree's commit, the one every page's footer names.
    const pkg = JSON.parse(read('data/datapackage.json')) as { version?: string };
    expect(pkg.version).toBe(CORPUS_COMMIT);
    expect(read('index.html')).toContain(`data-commit="${CORPUS_COMMIT}"`);
  }, 300_000);

  it('keep formula-like titles exact and defuse them in the spreadsheet copy', () => {
    const exact = csvObjects(read('data/reports.csv'));
    const risky = exact.filter((r) => /^[=+\-@\t\r]/.test(r.title ?? ''));
    expect(risky.length).toBeGreaterThan(0);
    const copy = byKey(csvObjects(read('data/reports.spreadsheet.csv')), ['source', 'id']);
    for (const r of risky) expect(copy.get(JSON.stringify([r.source, r.id]))!.title).toBe(`'${r.title}`);
  });

  it('stay a few tens of MB (sizes measured for the README)', () => {
    const data = filesBelow(path.join(site.dist, 'data')).filter((f) => f.endsWith('.csv') || f.endsWith('.json'));
    const perRun = filesBelow(path.join(site.dist, 'runs')).filter((f) => f.endsWith('.csv'));
    const size = (rel: string) => statSync(path.join(site.dist, rel)).size;
    const lines = data.map((f) => `data/${f}: ${(size(`data/${f}`) / 1e6).toFixed(2)} MB`);
    const runBytes = perRun.reduce((n, f) => n + size(`runs/${f}`), 0);
    console.log(`${lines.join('\n')}\nruns/*/*.csv: ${perRun.length} files, ${(runBytes / 1e6).toFixed(2)} MB`);
    const total = data.reduce((n, f) => n + size(`data/${f}`), 0) + runBytes;
    expect(total).toBeLessThan(100e6);
  });
});
