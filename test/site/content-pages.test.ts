/**
 * The pages built from the hand-made fixture model (hostile texts), under a non-root base:
 * corpus text escaped, control characters visible, line anchors, no JS on report pages,
 * internal links inside the base and resolving.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { withAstroLock } from '../../scripts/astroLock.ts';
import { cleanEnv, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { checkLinks, scanHtml } from '../../scripts/linkcheck.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (n: string) => path.join(root, 'node_modules/.bin', n);
const BASE = '/archive/';
let work: string;
let dist: string;
let browser: Browser;

/** A built page parsed by Chromium, scripts off: the document a reader without JavaScript gets. */
async function dom(rel: string): Promise<Page> {
  const p = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await p.setContent(readFileSync(path.join(dist, rel), 'utf8'), { waitUntil: 'domcontentloaded' });
  return p;
}

function page(rel: string): string {
  return readFileSync(path.join(dist, rel), 'utf8');
}

const htmlFiles = (dir: string) => filesBelow(dir).filter((f) => f.endsWith('.html'));

beforeAll(async () => {
  // A fixed folder: Astro keeps one content cache per content folder (see astro.config.mjs).
  work = path.join(tmpdir(), 'results-archive-content-pages-test');
  rmSync(work, { recursive: true, force: true });
  const content = path.join(work, 'content');
  dist = path.join(work, 'dist');
  const env = cleanEnv({ CONTENT_DIR: content, ASTRO_OUT_DIR: dist, SITE_BASE: BASE, RENDER_CACHE_DIR: sharedRenderCache(), NOTES_DIR: path.join(root, 'test/fixtures/notes-hostile') });
  execFileSync(bin('tsx'), ['scripts/write-content.ts', '--model-module', 'test/fixtures/model.ts', '--out', content], { cwd: root, env, stdio: 'pipe' });
  await withAstroLock(async () => execFileSync(bin('astro'), ['build', '--silent'], { cwd: root, env, stdio: 'pipe' }));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('report pages from hostile texts', () => {
  it('escape <script>, braces and import/export lines, showing the words', () => {
    const html = page('reports/gitlab/101/index.html');
    // The only scripts are the site's own modules (line anchors; the `/` search key, small enough
    // for Astro to inline), never corpus text.
    // (Attribute values, such as og:title, may hold a literal `<script>`: it is text there.)
    for (const tag of html.replace(/="[^"]*"/g, (v) => v.replace(/</g, '&lt;')).match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/^<script type="module"(?: src="\/archive\/_astro\/[\w.-]+\.js")?>$/);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('{props.secret} and {1 + 1}');
    expect(html).toContain('export const pwned = 1;');
    expect(html).toContain('<title>QEMU crashes with {braces} and &lt;script&gt; (gitlab/101) · Results archive</title>');
  });

  it('escape corpus text a note quotes, as everywhere else: the note is the archivists’ code, the quote is not', async () => {
    const p = await dom('reports/gitlab/101/index.html');
    const note = p.locator('aside.archivist-note');
    expect(await note.count()).toBe(1);
    // The archivists' markup is elements; the corpus text it quotes is text, not elements.
    expect(await note.locator('em').allTextContents()).toContain('emphasis');
    expect(await note.locator('script, Component, component').count()).toBe(0);
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('<script>alert("xss")</script>');
    expect(text).toContain('{props.secret} and {1 + 1} and <Component prop={x} />');
    expect(await note.locator('a[href="/archive/reports/gitlab/101/#L5-L6"]').count()).toBeGreaterThan(0);
    await p.context().close();
  });

  it('show NUL and ESC as visible symbols and say so', () => {
    const html = page('reports/box64/101/index.html');
    expect(html).toContain('log:␀␀ binary junk');
    expect(html).toContain('␛[1mBOLD␛[0m');
    expect(html).toContain('2 NUL bytes shown as ␀');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
  });

  it('anchor every line of the report text and of the reasoning', async () => {
    const p = await dom('reports/launchpad/1001/index.html');
    const text = 'Guest hangs on boot with -accel kvm\r\nSteps:\r\n1. boot\r\n2. wait\r\nComment: me too\r\n';
    const n = text.split('\r\n').length - 1;
    // The number is drawn by CSS (`attr(data-line)`) and written as text for readers without CSS
    // (hidden where CSS is read, padded with no-break spaces); the link is named for assistive
    // technology and kept out of the Tab order.
    const width = String(n).length;
    const nb = (i: number) => '\u00a0'.repeat(width - String(i).length) + i;
    const line = (id: string) =>
      p.locator(`div.line[id="${id}"]`).evaluateAll((ds) =>
        ds.map((d) => {
          const a = d.querySelector(':scope > a.ln');
          return { href: a?.getAttribute('href'), line: a?.getAttribute('data-line'), label: a?.getAttribute('aria-label'), tabindex: a?.getAttribute('tabindex'), number: a?.querySelector('.n')?.textContent };
        }),
      );
    for (let i = 1; i <= n; i++) expect(await line(`L${i}`), `L${i}`).toEqual([{ href: `#L${i}`, line: String(i), label: `Line ${i}`, tabindex: '-1', number: `${nb(i)} ` }]);
    expect(await p.locator(`[id="L${n + 1}"]`).count()).toBe(0);
    expect(await p.locator('body').textContent()).toContain('CRLF line end');
    const gl = await dom('reports/gitlab/101/index.html');
    // Reasoning anchors are the file's lines: `<think>` is line 1, the thinking starts on line 2.
    expect(await gl.locator('[id="deepseek-r1-14b-L1"]').count()).toBe(1);
    const second = (await gl.locator('div.line[id="deepseek-r1-14b-L2"] > a.ln').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('data-line'), a.getAttribute('aria-label'), a.getAttribute('tabindex'), a.querySelector('.n')?.textContent?.replace(/\u00a0/g, '')])));
    expect(second).toEqual([['#deepseek-r1-14b-L2', '2', 'Line 2', '-1', '2 ']]);
    expect(await gl.locator('[id="deepseek-r1-14b-T1"]').count()).toBe(0);
    // The run's section is labelled by its heading, whose id is the run's fragment.
    expect(await gl.locator('section.verdict[aria-labelledby="deepseek-r1-14b"] > h2#deepseek-r1-14b').count()).toBe(1);
    const verdict = (await gl.locator('section.verdict[aria-labelledby="deepseek-r1-14b"]').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(verdict).toContain('after review: device (reasoning/) · first filed under: manual-review (output/), moved by the reviewer');
    await p.context().close();
    await gl.context().close();
  });

  it('have no duplicate ids', () => {
    for (const rel of htmlFiles(dist)) {
      const ids = [...page(rel).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dup, rel).toEqual([]);
    }
  });

  it('render GitLab markdown sanitised, with the raw text in a details block', () => {
    const html = page('reports/gitlab/101/index.html');
    expect(html).toContain('<h4 id="user-content-description">Description</h4>'); // demoted, with GitLab's anchor
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toMatch(/<details class="raw"[^>]*><summary>Plain text as stored, with line numbers<\/summary>/);
  });
});

describe('site', () => {
  it('keeps every internal link inside the base, and they resolve', () => {
    const broken = checkLinks(dist, BASE).filter((b) => !b.url.includes('/search/'));
    expect(broken).toEqual([]);
    for (const rel of htmlFiles(dist)) {
      for (const l of scanHtml(page(rel)).links) {
        if (l.url.startsWith('/')) expect(l.url.startsWith(BASE), `${rel}: ${l.url}`).toBe(true);
      }
    }
  });

  it('marks chrome for pagefind and indexes report and run bodies', () => {
    const html = page('reports/gitlab/101/index.html');
    expect(html).toMatch(/<header class="site" data-pagefind-ignore>/);
    expect(html).toMatch(/<main id="main" data-pagefind-body>/);
    expect(page('runs/deepseek-r1-14b/index.html')).toMatch(/data-pagefind-body/);
    expect(page('build-report/index.html')).not.toMatch(/data-pagefind-body/);
  });

  it('builds run pages with a static SVG chart, csv differences and per-label pages', () => {
    const run = page('runs/deepseek-r1-14b/index.html');
    expect(run).toMatch(/<svg[^>]*class="chart"/);
    expect(run).toMatch(/<tr class="differs"><td>network<\/td><td class="num">2<\/td><td class="num">1<\/td>/);
    expect(page('runs/deepseek-r1-14b/operating_system/index.html')).toContain('gitlab-semantic/gitlab_semantic_bzhi');
    expect(page('changes/zero-shot-105/104-105/index.html')).toContain('the file\'s header declares 3');
  });

  it('publishes unrecognised files raw', () => {
    expect(readFileSync(path.join(dist, 'raw/classifier/odd-dir/data-1-.bin.txt'), 'utf8')).toBe('NUL\u0000inside');
    expect(page('build-report/index.html')).toContain('results/classifier/odd dir/data #1?.bin');
  });
});
