/**
 * The real corpus is ordinary input: the rules for hostile names, non-files and large texts
 * leave it as it was. Every run, model, label and report keeps the URL the plain-name rule always
 * gave it, nothing is reported as not plain or not read, no text is cut, every finding is in
 * build-report.json, and every page is within its size budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunData, SiteData } from '../../src/lib/content/types.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';

let site: BuiltSite;
let data: SiteData;

beforeAll(() => {
  site = corpusSite();
  data = JSON.parse(readFileSync(path.join(site.content, 'site.json'), 'utf8')) as SiteData;
}, 900_000);

/** The URL rule before names that are not plain had one. */
const oldRunSlug = (name: string) => name.toLowerCase().replace(/[:/]/g, '-');
const oldLabelSlug = (label: string) => encodeURIComponent(label.replace(/ /g, '_'));

describe('the corpus under the rules for hostile input', () => {
  it('keeps every run, model, label and report URL', () => {
    const runs = JSON.parse(readFileSync(path.join(site.content, 'path-index.json'), 'utf8')) as { runs: Record<string, string>; stems: Record<string, string> };
    expect(Object.keys(runs.runs).length).toBeGreaterThan(30);
    // Names a run had in the past (from the history) lead to the page of the run it became.
    const current = data.runsByTask.flatMap((t) => t.runs.map((r) => r.name));
    expect(current.length).toBeGreaterThan(30);
    for (const name of current) expect(runs.runs[name], name).toBe(oldRunSlug(name));
    // Every report's page is at its source and id, as written.
    expect(runs.stems).toEqual({});
    for (const m of data.models) expect(m.slug, m.name).toBe(oldRunSlug(m.name));
    for (const file of readdirSync(path.join(site.content, 'run-data'))) {
      const run = JSON.parse(readFileSync(path.join(site.content, 'run-data', file), 'utf8')) as RunData;
      for (const l of run.labelPages) {
        expect(l.labelSlug, `${run.name} ${l.label}`).toBe(oldLabelSlug(l.label));
        expect(existsSync(path.join(site.dist, 'runs', run.slug, l.labelSlug, 'index.html'))).toBe(true);
      }
    }
  });

  it('reports nothing as not plain, not read, or cut', () => {
    const hostile = data.findings.filter((f) => /not a plain URL name|not followed and not read|not valid CSV|TOML value|known upstream host/.test(f.message));
    expect(hostile).toEqual([]);
    expect(Object.keys(data.inputs.byLayout).filter((k) => k.startsWith('not read'))).toEqual([]);
    expect(existsSync(path.join(site.dist, 'raw', 'texts~'))).toBe(false);
  });

  it('puts every finding in build-report.json, with its path', () => {
    const report = site.report as { findings: { path: string; message: string }[]; model: { findingCounts: Record<string, number> } };
    const counted = Object.values(report.model.findingCounts).reduce((a, b) => a + b, 0);
    expect(report.findings.length).toBe(counted);
    expect(report.findings.length).toBe(data.findings.length);
    expect(report.findings.every((f) => f.path !== '' && f.message !== '')).toBe(true);
  });

  it('keeps every page within its size budget', () => {
    const report = site.report as { overBudget: string[] };
    expect(report.overBudget.filter((o) => /pages over/.test(o))).toEqual([]);
  });
});
