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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAstroLock } from '../../scripts/astroLock.ts';
import { cleanEnv, sharedRenderCache } from '../support/builtSite.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { checkLinks, scanHtml } from '../../scripts/linkcheck.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (n: string) => path.join(root, 'node_modules/.bin', n);
const BASE = '/archive/';
let work: string;
let dist: string;

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
}, 300_000);

afterAll(() => {
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

  it('escape corpus text a note quotes, as everywhere else: the note is the archivists’ code, the quote is not', () => {
    const html = page('reports/gitlab/101/index.html');
    const from = html.indexOf('<aside class="archivist-note"');
    expect(from).toBeGreaterThan(0);
    const note = html.slice(from, html.indexOf('</aside>', from));
    expect(note).toContain('<em>emphasis</em>');
    expect(note).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(note).toContain('{props.secret} and {1 + 1} and &lt;Component prop={x} /&gt;');
    expect(note).not.toMatch(/<script|<Component/);
    expect(note).toContain('href="/archive/reports/gitlab/101/#L5-L6"');
  });

  it('show NUL and ESC as visible symbols and say so', () => {
    const html = page('reports/box64/101/index.html');
    expect(html).toContain('log:␀␀ binary junk');
    expect(html).toContain('␛[1mBOLD␛[0m');
    expect(html).toContain('2 NUL bytes shown as ␀');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
  });

  it('anchor every line of the report text and of the reasoning', () => {
    const html = page('reports/launchpad/1001/index.html');
    const text = 'Guest hangs on boot with -accel kvm\r\nSteps:\r\n1. boot\r\n2. wait\r\nComment: me too\r\n';
    const n = text.split('\r\n').length - 1;
    // The number is drawn by CSS (`attr(data-line)`) and written as text for readers without CSS
    // (hidden where CSS is read); the link is named for assistive technology and kept out of the
    // Tab order.
    const width = String(n).length;
    const nb = (i: number) => '\u00a0'.repeat(width - String(i).length) + i;
    for (let i = 1; i <= n; i++) expect(html).toContain(`<div class="line" id="L${i}"><a class="ln" href="#L${i}" data-line="${i}" aria-label="Line ${i}" tabindex="-1"><span class="n">${nb(i)} </span></a>`);
    expect(html).not.toContain(`id="L${n + 1}"`);
    expect(html).toContain('CRLF line end');
    const gl = page('reports/gitlab/101/index.html');
    // Reasoning anchors are the file's lines: `<think>` is line 1, the thinking starts on line 2.
    expect(gl).toContain('id="deepseek-r1-14b-L1"');
    expect(gl).toMatch(/<div class="line" id="deepseek-r1-14b-L2"><a class="ln" href="#deepseek-r1-14b-L2" data-line="2" aria-label="Line 2" tabindex="-1"><span class="n">[\u00a0]*2 <\/span><\/a>/);
    expect(gl).not.toContain('id="deepseek-r1-14b-T1"');
    expect(gl).toMatch(/<section class="verdict" aria-labelledby="deepseek-r1-14b"><h2 id="deepseek-r1-14b">/);
    expect(gl).toContain('after review: <strong>device</strong> (<code>reasoning/</code>) · first filed under: <strong>manual-review</strong> (<code>output/</code>), moved by the reviewer');
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
    expect(html).toContain('<h4>Description</h4>');
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
