import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks, checkLinksInParallel, scanHtml } from '../../scripts/linkcheck.ts';

/** A tiny built site under base `/archive/`, written to a temp folder. */
function makeDist(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'linkcheck-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const page = (body: string) => `<!doctype html><html><head><link rel="stylesheet" href="/archive/site.css"></head><body>${body}</body></html>`;

describe('checkLinks', () => {
  const dist = makeDist({
    'index.html': page(`
      <a href="/archive/reports/gitlab/1/">ok, base-absolute folder</a>
      <a href="reports/gitlab/1/#L2">ok, relative with a line</a>
      <a href="/archive/reports/gitlab/1/#mode-deepseek-r1-32b">ok, a verdict section</a>
      <a href="/archive/reports/gitlab/1/#L99">missing line</a>
      <a href="/archive/reports/gitlab/2/">missing page</a>
      <a href="/elsewhere/">outside the base</a>
      <a href="https://example.org/x">external</a>
      <a href="mailto:a@example.org">mail</a>
      <a href="#nowhere">same page, not checked by default</a>
      <a href='/archive/runs/zero-shot-017/?q=a&amp;b=c'>ok, query ignored, entity decoded</a>
      <a href="/archive/runs/zero-shot-017">ok, folder without slash</a>
      <a href="/archive/runs/operating%20system/">ok, encoded space</a>
      <img src="/archive/img/missing.png" alt="">
      <script type="module" src="/archive/_astro/app.js"></script>
      <script>const s = '<a href="/archive/not-a-link/">';</script>
      <!-- <a href="/archive/commented-out/"> -->
      <pre>&lt;a href=&quot;/archive/escaped-text/&quot;&gt;</pre>
    `),
    'site.css': 'body{}',
    '_astro/app.js': '',
    'reports/gitlab/1/index.html': page(`
      <span id="L1"></span><span id="L2"></span>
      <section id="mode-deepseek-r1-32b"></section>
      <a href="../../../">ok, up to home</a>
      <a href="../../../../../x/">outside the base by dots</a>
      <a href="#L2">same page</a><a href="#gone">same page, missing</a>
      <a name="old-anchor"></a>
      <a href="/archive/runs/zero-shot-017/#top">ok, #top</a>
    `),
    'runs/zero-shot-017/index.html': page('<a href="/archive/reports/gitlab/1/#old-anchor">ok, a name</a>'),
    'runs/operating system/index.html': page(''),
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('returns exactly the broken internal links', () => {
    // Sorted by page, then URL.
    expect(checkLinks(dist, '/archive/')).toEqual([
      { page: 'index.html', attribute: 'src', url: '/archive/img/missing.png', reason: 'missing-file' },
      { page: 'index.html', attribute: 'href', url: '/archive/reports/gitlab/1/#L99', reason: 'missing-id' },
      { page: 'index.html', attribute: 'href', url: '/archive/reports/gitlab/2/', reason: 'missing-file' },
      { page: 'index.html', attribute: 'href', url: '/elsewhere/', reason: 'outside-base' },
      { page: 'reports/gitlab/1/index.html', attribute: 'href', url: '../../../../../x/', reason: 'outside-base' },
    ]);
  });

  it('finds the same broken links, in the same order, with the pages shared out over worker threads', async () => {
    const expected = [
      { page: 'index.html', attribute: 'src', url: '/archive/img/missing.png', reason: 'missing-file' },
      { page: 'index.html', attribute: 'href', url: '/archive/reports/gitlab/1/#L99', reason: 'missing-id' },
      { page: 'index.html', attribute: 'href', url: '/archive/reports/gitlab/2/', reason: 'missing-file' },
      { page: 'index.html', attribute: 'href', url: '/elsewhere/', reason: 'outside-base' },
      { page: 'reports/gitlab/1/index.html', attribute: 'href', url: '../../../../../x/', reason: 'outside-base' },
    ];
    expect(await checkLinksInParallel(dist, '/archive/', {}, 2)).toEqual(expected);
    expect(await checkLinksInParallel(dist, '/archive/', {}, 3)).toEqual(expected);
    expect(await checkLinksInParallel(dist, '/archive', { samePageFragments: true }, 2)).toEqual(checkLinks(dist, '/archive', { samePageFragments: true }));
  }, 60_000);

  it('checks same-page fragments when asked', () => {
    const broken = checkLinks(dist, '/archive', { samePageFragments: true });
    expect(broken.filter((b) => b.url.startsWith('#'))).toEqual([
      { page: 'index.html', attribute: 'href', url: '#nowhere', reason: 'missing-id' },
      { page: 'reports/gitlab/1/index.html', attribute: 'href', url: '#gone', reason: 'missing-id' },
    ]);
  });

  it('under base `/`, root-absolute links are internal', () => {
    const root = makeDist({ 'index.html': '<a href="/a/">a</a><a href="/b/">b</a><a href="a/#x">x</a>', 'a/index.html': '<p id="x"></p>' });
    try {
      expect(checkLinks(root, '/')).toEqual([{ page: 'index.html', attribute: 'href', url: '/b/', reason: 'missing-file' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('scanHtml', () => {
  it('finds ids, a-names and links, not text or script bodies', () => {
    const scanned = scanHtml('<p id="x" class=a>t</p><a name=n href=\'/q\'>x</a><script src="/s.js"></script><script>"href=\\"/no\\""</script><p>href="/no2"</p>');
    expect([...scanned.ids]).toEqual(['x', 'n']);
    expect(scanned.links).toEqual([
      { attribute: 'href', url: '/q' },
      { attribute: 'src', url: '/s.js' },
    ]);
  });

  it('reads attributes as HTML writes them: any case, spaced, unquoted, entities, `>` and other names inside quotes', () => {
    const scanned = scanHtml(
      '<A HREF = "/Q" ID=I NAME=n data-x="id=no">' +
        '<div name="not-an-anchor" title=\'a "quoted" href="/no3"\'>' +
        '<a href="a>b">' +
        '<!-- <a href="/commented"> --><style>a[href="/in-style"]{}</STYLE>' +
        '<a href=/after>' +
        '<a href="&amp;x&#x41;&#66;&bogus;">' +
        '<img alt="" src=a/b.png >' +
        '<br/id=y>',
    );
    expect([...scanned.ids]).toEqual(['I', 'n', 'y']);
    expect(scanned.links.map((l) => `${l.attribute} ${l.url}`)).toEqual(['href /Q', 'href a>b', 'href /after', 'href &xAB&bogus;', 'src a/b.png']);
  });

  it('decodes entities and skips raw text as HTML does, where the six-entity scanner it replaces did not', () => {
    // Each case, and what the hand-written scanner read instead.
    const read = (html: string) => {
      const s = scanHtml(html);
      return { links: s.links.map((l) => l.url), ids: [...s.ids] };
    };
    // Named entities beyond six: `/r&eacute;sum&eacute;/` was kept as written.
    expect(read('<a href="/r&eacute;sum&eacute;/" id="a&hellip;b">')).toEqual({ links: ['/résumé/'], ids: ['a…b'] });
    // Names are case-sensitive (`&Amp;` is none); `&AMP;` is one.
    expect(read('<a href="/x?a=1&AMP;c=3&Amp;d">').links).toEqual(['/x?a=1&c=3&Amp;d']);
    // In an attribute a legacy entity without `;` is decoded unless a letter, digit or `=` follows (it was never decoded).
    expect(read('<a href="/x?a=1&ampb=2&amp c">').links).toEqual(['/x?a=1&ampb=2& c']);
    // NUL, a C1 code that HTML maps from windows-1252, and past U+10FFFF: `\0`, `\x80` and the text as written before.
    expect(read('<p id="&#0;&#x80;&#x110000;">').ids).toEqual(['\ufffd€\ufffd']);
    // `&NBSP;` is no entity (the old table ignored case).
    expect(read('<p id="&nbsp;&NBSP;">').ids).toEqual(['\u00a0&NBSP;']);
    // `<!-->` and `<!--->` are whole (empty) comments: the old scanner skipped to the next `-->`, and the links after it.
    expect(read('<!--><a href="/after-empty-comment"><!---><a href="/after-dash-comment">').links).toEqual(['/after-empty-comment', '/after-dash-comment']);
    // `<title>` and `<textarea>` hold text, `</scripty>` does not close a script, CDATA in SVG is text: none of it links.
    expect(read('<title><a href="/in-title"></title><textarea><a href="/in-textarea"></textarea>').links).toEqual([]);
    expect(read('<script>x</scripty><a href="/in-script"></script><a href="/after-script">').links).toEqual(['/after-script']);
    expect(read('<svg><a href="/svg-link" id="s"></a><![CDATA[<a href="/cdata">]]></svg>')).toEqual({ links: ['/svg-link'], ids: ['s'] });
    // An attribute without a value names nothing.
    expect(read('<a href>x</a><a id>y</a>')).toEqual({ links: [], ids: [] });
  });
});
