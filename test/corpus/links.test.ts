import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsModel } from '../../src/lib/model.ts';
import { parseLegacyLink, resolveLink, resolveShortLink, resolveTreePath } from '../../src/lib/links/legacyPath.ts';
import { buildPathIndex, type PathIndex } from '../../src/lib/links/pathIndex.ts';
import { sitePages } from '../../src/lib/links/sitemap.ts';
import { classifyResultsPath } from '../../src/lib/parse/resultsPath.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { corpusResultsDir, readManifest, type ManifestEntry } from '../../scripts/lib/corpus.ts';

const CGIT = 'https://git.example.org/cgit/emulator-bug-study';
const GH = 'https://github.com/ckrinitsin/emulator-bug-study';

let model: ResultsModel;
let index: PathIndex;
let manifest: ManifestEntry[];

beforeAll(async () => {
  model = await readResultsTree(corpusResultsDir());
  index = buildPathIndex(model);
  manifest = readManifest();
});

/** The manifest must hold the path, so the test is about a real file, not one made up. */
function real(path: string): string {
  expect(manifest.some((e) => e.path === path), `${path} is in the manifest`).toBe(true);
  return path;
}

describe('legacy links to real files of the corpus', () => {
  it('a cgit link to a mode-deepseek-r1:32b reasoning file about 2469 → its verdict on gitlab/2469', () => {
    const path = real('results/classifier/mode-deepseek-r1:32b/reasoning/system/2469');
    expect(resolveLink(`${CGIT}/tree/${path}`, index)).toEqual({ kind: 'page', url: 'reports/gitlab/2469/#mode-deepseek-r1-32b' });
    expect(resolveLink(`${CGIT}/plain/${path}?h=main#n3`, index)).toEqual({ kind: 'page', url: 'reports/gitlab/2469/#mode-deepseek-r1-32b-L3', line: 3 });
    expect(resolveLink(`${GH}/blob/main/${path.replace(':', '%3A')}`, index)).toEqual({ kind: 'page', url: 'reports/gitlab/2469/#mode-deepseek-r1-32b' });
  });

  it('a zero-shot/017 file under `operating system` (encoded and not) → the mailing-list thread, at zero-shot-017', () => {
    const path = real('results/classifier/zero-shot/017/operating system/24930826');
    const want = { kind: 'page', url: 'reports/mailinglist/24930826/#zero-shot-017' };
    expect(resolveLink(`${CGIT}/tree/${path}`, index)).toEqual(want);
    expect(resolveLink(`${CGIT}/tree/${path.replace(' ', '%20')}?h=main`, index)).toEqual(want);
    expect(model.reports.has('mailinglist/24930826')).toBe(true);
  });

  it('a launchpad scraper file, with and without comments', () => {
    const path = real('results/scraper/launchpad/1694998');
    expect(resolveLink(`${CGIT}/tree/${path}#n5`, index)).toEqual({ kind: 'page', url: 'reports/launchpad/1694998/#L5', line: 5 });
    real('results/scraper/launchpad-without-comments/1694998');
    expect(resolveTreePath('results/scraper/launchpad-without-comments/1694998', index)).toEqual({ url: 'reports/launchpad/1694998/' });
  });

  it('a mailing-list id keeps its leading zeros', () => {
    const path = real('results/scraper/mailinglist/02364653');
    expect(resolveLink(`https://raw.githubusercontent.com/ckrinitsin/emulator-bug-study/main/${path}`, index)).toEqual({
      kind: 'page',
      url: 'reports/mailinglist/02364653/',
    });
  });

  it('a box64 file → the box64 report, not the GitLab issue with the same id', () => {
    const path = real('results/scraper/box64/2469');
    expect(resolveLink(`${GH}/blob/main/${path}`, index)).toEqual({ kind: 'page', url: 'reports/box64/2469/' });
    const doc = real('results/scraper/box64/documentation/2020');
    expect(resolveTreePath(doc, index)).toEqual({ url: 'reports/box64/2020/' });
  });

  it("a run's categories.csv → the run page", () => {
    const path = real('results/classifier/deepseek-r1:14b/categories.csv');
    expect(resolveLink(`${CGIT}/blame/${path}`, index)).toEqual({ kind: 'page', url: 'runs/deepseek-r1-14b/' });
  });

  it('the pre-restructure zero-shot-user-mode/output/<label>/<id> form → the report, at zero-shot-user-mode', () => {
    real('results/classifier/zero-shot-user-mode/instruction/1010484');
    const old = 'results/classifier/zero-shot-user-mode/output/instruction/1010484';
    expect(manifest.some((e) => e.path === old)).toBe(false);
    expect(resolveLink(`${CGIT}/tree/${old}`, index)).toEqual({ kind: 'page', url: 'reports/launchpad/1010484/#zero-shot-user-mode' });
  });

  it('short links /2469 and /1694998', () => {
    expect(resolveShortLink('/2469', index)).toEqual({ kind: 'report', url: 'reports/gitlab/2469/', others: ['reports/box64/2469/'] });
    expect(resolveShortLink('/1694998', index)).toEqual({ kind: 'report', url: 'reports/launchpad/1694998/', others: [] });
  });
});

describe('every file of the corpus', () => {
  it('parses back from a cgit link and resolves to a page of the site', () => {
    const pages = new Set(sitePages(model));
    const unresolved: string[] = [];
    const notAPage: string[] = [];
    for (const { path } of manifest) {
      expect(parseLegacyLink(`${CGIT}/tree/${encodeURI(path)}?h=main`)).toBe(path);
      const resolved = resolveTreePath(path, index);
      if (!resolved) {
        unresolved.push(path);
        continue;
      }
      const page = resolved.url.replace(/#.*$/, '');
      if (!pages.has(page)) notAPage.push(`${path} → ${resolved.url}`);
    }
    expect(unresolved).toEqual([]);
    expect(notAPage).toEqual([]);
  });

  it('lands every run file on a report that has a verdict of that run', () => {
    const missing: string[] = [];
    for (const { path } of manifest) {
      const info = classifyResultsPath(path);
      if (info.kind !== 'run-file') continue;
      const url = resolveTreePath(path, index)!.url;
      const [, source, id, slug] = /^reports\/([^/]+)\/([^/]+)\/#(.+)$/.exec(url) ?? [];
      const verdicts = model.verdictsByReport.get(`${source}/${decodeURIComponent(id ?? '')}`) ?? [];
      if (!verdicts.some((v) => v.run === info.run && model.runs.get(v.run)?.slug === slug)) missing.push(`${path} → ${url}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the path index of the full corpus', () => {
  it('is compact: well under 100 KB gzipped, and holds no tree paths', () => {
    const json = JSON.stringify(index);
    const gz = gzipSync(json).length;
    expect(gz).toBeLessThan(40_000);
    expect(json).not.toContain('results/');
    expect(Object.keys(index.runs)).toHaveLength(33);
    const total = Object.values(index.ids).reduce((n, ids) => n + (ids?.length ?? 0), 0);
    expect(total).toBe(model.reports.size);
  });
});
