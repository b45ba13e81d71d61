/**
 * What the content writer adds for links that last: the reasoning file lines of each verdict,
 * the original report URL, the path index and sitemap page list (so `astro build` never reads
 * the tree), and the upstream link template.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent } from '../../src/lib/content/index.ts';
import { createMarkdownRenderer } from '../../src/lib/content/markdown.ts';
import { originalReportUrl } from '../../src/lib/content/report.ts';
import type { ReportData } from '../../src/lib/content/types.ts';
import { buildPathIndex } from '../../src/lib/links/pathIndex.ts';
import { sitePages } from '../../src/lib/links/sitemap.ts';
import { upstreamFromEnv, upstreamUrl } from '../../src/lib/links/upstream.ts';
import { linksModel } from '../support/linksTree.ts';

let files: Map<string, string>;
const model = linksModel();

beforeAll(async () => {
  files = await buildContent(model, { markdown: createMarkdownRenderer({ cacheDir: null }) });
});

const json = <T>(p: string): T => JSON.parse(files.get(p)!) as T;

describe('content for links', () => {
  it('writes the path index and the sitemap page list next to the pages', () => {
    expect(json('path-index.json')).toEqual(buildPathIndex(model));
    expect(json('site-pages.json')).toEqual(sitePages(model));
    expect(files.get('path-index.json')!.endsWith('\n')).toBe(true);
  });

  it('keeps the file line each part of a reasoning file starts on', () => {
    // `<think>\nhmm\n</think>\n\nsystem`: thinking on line 2, answer on line 5.
    const v = json<ReportData>('report-data/gitlab/2469.json').verdicts.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    expect(v).toMatchObject({ thinking: 'hmm', thinkingLine: 2, answer: 'system', answerLine: 5 });
  });

  it('names the original report where one is known', () => {
    expect(json<ReportData>('report-data/launchpad/1694998.json').original).toBe('https://bugs.launchpad.net/qemu/+bug/1694998');
    expect(json<ReportData>('report-data/box64/2469.json').original).toBe('https://github.com/ptitSeb/box64/issues/2469');
    expect(json<ReportData>('report-data/fex/4686.json').original).toBe('https://github.com/FEX-Emu/FEX/issues/4686');
    // A box64 id filed twice keeps its own issue number under its new name.
    expect(json<ReportData>('report-data/box64/documentation-9.json').original).toBe('https://github.com/ptitSeb/box64/issues/9');
    expect(json<ReportData>('report-data/mailinglist/02364653.json').original).toBeUndefined();
    expect(json<ReportData>('report-data/gitlab-semantic/gitlab_semantic_bzhi.json').original).toBeUndefined();
    const gitlab = (url: string | undefined) =>
      originalReportUrl({ source: 'gitlab', id: '1', provenance: [], gitlab: { ...(url !== undefined ? { url } : {}), labels: [], target: 'x', host: 'x', accel: 'x' } });
    expect(gitlab('https://gitlab.com/qemu-project/qemu/-/issues/1')).toBe('https://gitlab.com/qemu-project/qemu/-/issues/1');
    expect(gitlab('javascript:alert(1)')).toBeUndefined();
    expect(gitlab(undefined)).toBeUndefined();
  });
});

describe('GitLab markdown links', () => {
  it('never point into the archive: relative links go to the project on GitLab', async () => {
    const md = createMarkdownRenderer({ cacheDir: null });
    const html = md('[slirp.c](net/slirp.c), [c15e568](c15e568), [x](./docs/x.rst), [top](#top), [i](/uploads/a.png)');
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/-/blob/master/net/slirp.c"');
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/-/commit/c15e568"');
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/-/blob/master/docs/x.rst"');
    expect(html).toContain('href="#top"');
    expect(html).toContain('href="https://gitlab.com/qemu-project/qemu/uploads/a.png"');
  });
});

describe('upstream links', () => {
  it('are made only from a template with {path}, and with a commit when the template names one', () => {
    expect(upstreamFromEnv({})).toBeUndefined();
    expect(upstreamFromEnv({ UPSTREAM_TREE_URL: 'https://x.org/tree/{path}?id={commit}' })).toBeUndefined();
    expect(upstreamFromEnv({ UPSTREAM_TREE_URL: 'https://x.org/tree/' })).toBeUndefined();
    expect(upstreamFromEnv({ UPSTREAM_TREE_URL: 'https://x.org/raw/main/{path}' })).toEqual({ template: 'https://x.org/raw/main/{path}' });
  });

  it('encode each path segment (spaces), keeping colons readable', () => {
    const up = upstreamFromEnv({ UPSTREAM_TREE_URL: 'https://x.org/repo/tree/{path}?id={commit}', UPSTREAM_COMMIT: 'abc123' });
    expect(upstreamUrl(up, 'results/classifier/zero-shot/017/operating system/1')).toBe(
      'https://x.org/repo/tree/results/classifier/zero-shot/017/operating%20system/1?id=abc123',
    );
    expect(upstreamUrl(up, 'results/classifier/mode-deepseek-r1:32b/reasoning/system/2469')).toBe(
      'https://x.org/repo/tree/results/classifier/mode-deepseek-r1:32b/reasoning/system/2469?id=abc123',
    );
    expect(upstreamUrl(up, 'results/x/a#b?c')).toBe('https://x.org/repo/tree/results/x/a%23b%3Fc?id=abc123');
    expect(upstreamUrl(undefined, 'results/x')).toBeUndefined();
  });
});
