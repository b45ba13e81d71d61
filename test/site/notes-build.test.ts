/**
 * Notes in the build (scripts/build.ts → write-content → Astro): an edited note makes only its own
 * report page again in an incremental build, and a broken note stops the build with its file and
 * line, leaving dist/ as it was.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runBuild, sampleSite, seedDist, sharedRenderCache } from '../support/builtSite.ts';

const work = path.join(tmpdir(), 'results-archive-notes-build-test');
const notes = path.join(work, 'notes');
const dist = path.join(work, 'dist');
const noteFile = path.join(notes, 'reports/launchpad/1873340.mdx');

interface BuildReport {
  readonly pages: { readonly mode: string; readonly built?: number; readonly carried?: number };
}

const build = () =>
  runBuild<BuildReport>({
    RESULTS_DIR: path.join(repoRoot, 'sample/results'),
    DUMPS_DIR: path.join(repoRoot, 'sample/dumps'),
    // As the shared sample site was built (seedDist below): the same settings, so a partial build.
    SITE_BASE: '/',
    NOTES_DIR: notes,
    BUILD_DATE: buildDate,
    CONTENT_DIR: path.join(work, 'content'),
    DIST_DIR: dist,
    RENDER_CACHE_DIR: sharedRenderCache(),
  });

let buildDate: string;
let first: BuildReport;
let edited: BuildReport;

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(repoRoot, 'sample/notes'), notes, { recursive: true });
  // The first, full build of these inputs is the shared sample site (its notes are these, copied).
  const base = sampleSite();
  buildDate = base.buildDate;
  seedDist(base, dist);
  first = base.report as unknown as BuildReport;
  writeFileSync(noteFile, readFileSync(noteFile, 'utf8').replace('The report says what the fault is', 'The report, as edited in a rebuild, says what the fault is'));
  edited = build();
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an edited note', () => {
  it('makes its page again and carries every other report page over', () => {
    expect(first.pages.mode).toBe('full');
    expect(edited.pages.mode).toBe('partial');
    expect(edited.pages.built).toBe(1);
    expect(edited.pages.carried).toBeGreaterThan(10);
    expect(readFileSync(path.join(dist, 'reports/launchpad/1873340/index.html'), 'utf8')).toContain('The report, as edited in a rebuild, says what the fault is');
  });
});

describe('a broken note', () => {
  it('stops the build with every problem, each with its file and line, and leaves dist/ as it was', () => {
    const before = readFileSync(path.join(dist, 'index.html'), 'utf8');
    writeFileSync(path.join(notes, 'runs/qwen3-32b.mdx'), '---\ndate: 2026-11-25\n---\n\nSee <Verdict run="no-such-run" report="gitlab/1742" />.\n');
    mkdirSync(path.join(notes, 'reports/gitlab'), { recursive: true });
    writeFileSync(path.join(notes, 'reports/gitlab/999999.mdx'), '---\ndate: 2026-11-25\n---\n\nA report the tree lacks.\n');
    let message = '';
    try {
      build();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('2 problems in the notes:');
    expect(message).toContain(`${notes}/runs/qwen3-32b.mdx:5: <Verdict>: the tree has no run named "no-such-run"`);
    expect(message).toContain(`${notes}/reports/gitlab/999999.mdx: the tree has no report page reports/gitlab/999999/ for this note to annotate`);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toBe(before);
  });
});
