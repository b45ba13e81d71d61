/**
 * URLs depend only on what a thing is: moving files between label folders and between the
 * `output/` and `reasoning/` halves (as the tree's real history did: a reviewer moving
 * `reasoning/manual-review/X` to `reasoning/<label>/X`, a flat run's file relabelled) and adding a run
 * must leave every report, run and model URL, and every run's section on a report, where it was,
 * showing the same thing; and an old cgit link to a moved file must still land on its verdict.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLink } from '../../src/lib/links/legacyPath.ts';
import type { PathIndex } from '../../src/lib/links/pathIndex.ts';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { removeBuildState } from '../../scripts/incremental/state.ts';
import { repoRoot, runBuild, sampleSite, sharedRenderCache } from '../support/builtSite.ts';
import { serveStatic } from '../../scripts/lib/server.ts';

// A fixed folder: Astro keeps one content cache per content folder (astro.config.mjs).
const work = path.join(tmpdir(), 'results-archive-stable-urls-test');
const results = path.join(work, 'results');
const C = path.join(results, 'classifier');

interface Page {
  readonly h1: string;
  readonly title: string;
  readonly sections: readonly string[];
}

function build(dist: string): void {
  runBuild({
    RESULTS_DIR: results,
    DUMPS_DIR: path.join(repoRoot, 'sample/dumps'),
    // The shared sample site's inputs: it is the build before the moves.
    NOTES_DIR: path.join(repoRoot, 'sample/notes'),
    CONTENT_DIR: path.join(work, 'content'),
    DIST_DIR: dist,
    RENDER_CACHE_DIR: sharedRenderCache(),
  });
}

/** Report, run and model pages (not label or change-list pages: those are about folders). */
function pages(dist: string): Map<string, Page> {
  const out = new Map<string, Page>();
  const visit = (rel: string, depth: number) => {
    const dir = path.join(dist, rel);
    if (depth === 0) {
      const file = path.join(dir, 'index.html');
      if (!existsSync(file)) return;
      const html = readFileSync(file, 'utf8');
      out.set(`${rel}/`, {
        h1: /<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '',
        title: /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
        sections: [...html.matchAll(/<section class="verdict"[^>]*>\s*<h2 id="([^"]+)"/g)].map((m) => m[1]!),
      });
      return;
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) visit(`${rel}/${e.name}`, depth - 1);
  };
  visit('reports', 2);
  visit('runs', 1);
  visit('models', 1);
  return out;
}

function move(from: string, to: string): void {
  mkdirSync(path.dirname(path.join(C, to)), { recursive: true });
  renameSync(path.join(C, from), path.join(C, to));
}

let before: Map<string, Page>;
let after: Map<string, Page>;
let index: PathIndex;

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(repoRoot, 'sample/results'), results, { recursive: true });
  // The build before the moves is the shared sample site (the same inputs).
  before = pages(sampleSite().dist);

  // A reviewer moves a reasoning file to the label they choose (split run, as upstream).
  move('mode-deepseek-r1:32b/reasoning/system/2266', 'mode-deepseek-r1:32b/reasoning/user/2266');
  // Another reasoning file goes to manual-review.
  move('deepseek-r1:14b/reasoning/mistranslation/2417', 'deepseek-r1:14b/reasoning/manual-review/2417');
  // A flat run's file goes to another label.
  move('gemma3:12b/kvm/1893', 'gemma3:12b/other/1893');
  // A zero-shot iteration relabels a member.
  move('zero-shot/017/operating system/03807713', 'zero-shot/017/all/03807713');
  // A new run folder appears.
  mkdirSync(path.join(C, 'gemma3:27b/system'), { recursive: true });
  writeFileSync(path.join(C, 'gemma3:27b/system/1893'), readFileSync(path.join(C, 'gemma3:12b/other/1893')));
  writeFileSync(path.join(C, 'gemma3:27b/categories.csv'), 'category, count\nsystem, 1\n');
  build(path.join(work, 'dist2'));
  after = pages(path.join(work, 'dist2'));
  index = JSON.parse(readFileSync(path.join(work, 'dist2/path-index.json'), 'utf8')) as PathIndex;
}, 600_000);

afterAll(() => {
  for (const dist of ['dist2']) removeBuildState(repoRoot, path.join(work, dist));
  rmSync(work, { recursive: true, force: true });
});

describe('URLs across a rebuild after files moved', () => {
  it('the first build has report, run and model pages to compare', () => {
    expect([...before.keys()].filter((k) => k.startsWith('reports/')).length).toBeGreaterThan(10);
    expect(before.get('runs/mode-deepseek-r1-32b/')).toBeDefined();
    expect(before.get('models/gemma3-12b/')).toBeDefined();
  });

  it('every earlier report, run and model URL still exists and shows the same thing', () => {
    const changed: string[] = [];
    for (const [url, page] of before) {
      const now = after.get(url);
      if (!now) changed.push(`${url}: gone`);
      else if (now.h1 !== page.h1 || now.title !== page.title) changed.push(`${url}: was “${page.h1}”, now “${now.h1}”`);
    }
    expect(changed).toEqual([]);
  });

  it("every run's section on a report is still there", () => {
    const lost: string[] = [];
    for (const [url, page] of before) for (const s of page.sections) if (!after.get(url)?.sections.includes(s)) lost.push(`${url}#${s}`);
    expect(lost).toEqual([]);
  });

  it('the moves show on the pages, and the new run got its own URLs', () => {
    const html = (rel: string) => readFileSync(path.join(work, 'dist2', rel), 'utf8');
    expect(html('reports/gitlab/2266/index.html')).toMatch(/<h2 id="mode-deepseek-r1-32b">.*?<span class="label">user<\/span>/s);
    expect(html('reports/gitlab/1893/index.html')).toMatch(/<h2 id="gemma3-12b">.*?<span class="label">other<\/span>/s);
    expect(after.get('runs/gemma3-27b/')).toBeDefined();
    expect(after.get('models/gemma3-27b/')).toBeDefined();
    expect(after.get('reports/gitlab/1893/')!.sections).toContain('gemma3-27b');
  });

  it('old cgit links to the moved files still resolve to their verdicts', () => {
    const cgit = 'https://git.example.org/cgit/emulator-bug-study/tree';
    expect(resolveLink(`${cgit}/results/classifier/mode-deepseek-r1:32b/reasoning/system/2266`, index)).toEqual({
      kind: 'page',
      url: 'reports/gitlab/2266/#mode-deepseek-r1-32b',
    });
    expect(resolveLink(`${cgit}/results/classifier/deepseek-r1:14b/reasoning/mistranslation/2417#n3`, index)).toEqual({
      kind: 'page',
      url: 'reports/gitlab/2417/#deepseek-r1-14b-L3',
      line: 3,
    });
    expect(resolveLink(`${cgit}/results/classifier/gemma3:12b/kvm/1893`, index)).toEqual({ kind: 'page', url: 'reports/gitlab/1893/#gemma3-12b' });
    expect(resolveLink(`${cgit}/results/classifier/zero-shot/017/operating%20system/03807713`, index)).toEqual({
      kind: 'page',
      url: 'reports/mailinglist/03807713/#zero-shot-017',
    });
  });

  it('…in the browser too, through the 404 page of the rebuilt site', async () => {
    const server = await serveStatic(path.join(work, 'dist2'), '/');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}tree/results/classifier/mode-deepseek-r1:32b/reasoning/system/2266?h=main`);
      await page.waitForURL(`${server.url}reports/gitlab/2266/#mode-deepseek-r1-32b`);
      expect(await page.locator('#mode-deepseek-r1-32b .label').first().textContent()).toBe('user');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
